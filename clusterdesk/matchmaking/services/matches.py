"""Follow-ups: a match between two participants, kept with the score and reasons the engine
gave, and its dated steps (contacted, met, agreement, project, contract)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.services.records import record_create
from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .. import engine
from ..index_store import index_for
from ..models import STAGE_ORDER, FollowUpStage, Listing, Match, MatchOutcome

NOTE_LENGTH = 4000


def partner_allowed(cluster: Cluster, partner: Organisation) -> bool:
    """A partner of the cluster's own, or of another cluster whose profile is visible."""
    if partner.cluster_id == cluster.pk:
        return True
    return Organisation.objects.filter(
        pk=partner.pk, match_profile__visible_to_other_clusters=True
    ).exists()


def _evidence(
    cluster: Cluster, organisation: Organisation, partner: Organisation
) -> tuple[float | None, list[dict[str, Any]]]:
    """The engine's score and reasons for the pair, when both are in the index."""
    answer = index_for(cluster)
    if answer.index is None:
        return None, []
    try:
        reasons = engine.explain_pair(answer.index, organisation.pk, partner.pk)
        found = engine.recommend_partners(
            answer.index,
            organisation.pk,
            filters=engine.Filters(other_clusters=True, candidates=frozenset({partner.pk})),
            limit=1,
        )
    except engine.NotInIndex:
        return None, []
    score = found[0].score if found else 0.0
    return score, [item.to_dict() for item in reasons]


def listing_problems(
    organisation: Organisation,
    partner: Organisation,
    listing: Listing | None,
    partner_listing: Listing | None,
    *,
    today: date | None = None,
) -> Problems:
    """The offers or requests a follow-up names must be the two sides' own and still active:
    a withdrawn or expired one is history, never matched."""
    day = today or timezone.localdate()
    problems: Problems = []
    if listing is not None:
        if listing.profile.organisation_id != organisation.pk:
            problems.append(("listing", _("This offer or request is not the participant's.")))
        elif not listing.is_active(day):
            problems.append(
                (
                    "listing",
                    _("This offer or request was withdrawn or has expired: choose an active one."),
                )
            )
    if partner_listing is not None:
        if partner_listing.profile.organisation_id != partner.pk:
            problems.append(("partner_listing", _("This offer or request is not the partner's.")))
        elif not partner_listing.is_active(day):
            problems.append(
                (
                    "partner_listing",
                    _(
                        "The partner's offer or request was withdrawn or has expired: choose "
                        "an active one."
                    ),
                )
            )
    return problems


def match_create(
    *,
    cluster: Cluster,
    actor: Any,
    organisation: Organisation,
    partner: Organisation,
    listing: Listing | None = None,
    partner_listing: Listing | None = None,
    source: str = "web",
) -> Match:
    """Follow up a pair: the score and reasons are the engine's, taken now."""
    if organisation.cluster_id != cluster.pk:
        raise DomainError(_("Choose a participant of this cluster."), field="organisation")
    if partner.pk == organisation.pk:
        raise DomainError(
            _("A participant cannot be followed up with itself: choose another partner."),
            field="partner",
        )
    if not partner_allowed(cluster, partner):
        raise DomainError(_("Choose a partner among the recommendations."), field="partner")
    raise_first(listing_problems(organisation, partner, listing, partner_listing))
    existing = Match.objects.for_cluster(cluster).filter(
        Q(organisation=organisation, partner=partner)
        | Q(organisation=partner, partner=organisation)
    )
    if existing.exists():
        raise DomainError(
            _("%(first)s and %(second)s are already being followed up.")
            % {"first": organisation.name, "second": partner.name},
            field="partner",
            code="duplicate",
        )
    score, reasons = _evidence(cluster, organisation, partner)
    return record_create(
        model=Match,
        cluster=cluster,
        actor=actor,
        data={"organisation": organisation, "partner": partner},
        fields=["organisation", "partner"],
        source=source,
        unaudited={
            "listing": listing,
            "partner_listing": partner_listing,
            "score": score,
            "reasons": reasons,
            "created_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )


def outcome_problems(data: Mapping[str, Any], *, today: date) -> Problems:
    problems: Problems = []
    if data.get("stage") not in FollowUpStage.values:
        problems.append(
            ("stage", _("Choose the step: contacted, met, agreement, joint project or contract."))
        )
    day = data.get("date")
    if day is None:
        problems.append(("date", _("Give the day of this step.")))
    elif day > today:
        problems.append(
            ("date", _("The date is in the future: record a step once it has happened."))
        )
    if len(data.get("note") or "") > NOTE_LENGTH:
        problems.append(
            ("note", _("Keep the note under %(length)d characters.") % {"length": NOTE_LENGTH})
        )
    return problems


def furthest_stage(stages: list[str]) -> str:
    known = [stage for stage in stages if stage in STAGE_ORDER]
    return max(known, key=STAGE_ORDER.index) if known else ""


def outcome_record(
    *, match: Match, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> MatchOutcome:
    """Add a dated step; the match's stage becomes the furthest step recorded."""
    cleaned = {
        "stage": data.get("stage"),
        "date": data.get("date"),
        "note": (data.get("note") or "").strip(),
    }
    raise_first(outcome_problems(cleaned, today=timezone.localdate()))
    with transaction.atomic():
        outcome = record_create(
            model=MatchOutcome,
            cluster=match.cluster,
            actor=actor,
            data=cleaned,
            fields=["stage", "date", "note"],
            source=source,
            unaudited={
                "match": match,
                "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        stage = furthest_stage(list(match.outcomes.values_list("stage", flat=True)))
        if stage != match.stage:
            match.stage = stage
            match.save(update_fields=["stage", "updated_at"])
        else:
            match.save(update_fields=["updated_at"])
    return outcome
