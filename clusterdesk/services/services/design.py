"""The guide's design workflow: design rounds, ideas, the shortlist of at most ten, the
service-interest questionnaire, SWOT and the decision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.services.records import (
    merged_values,
    record_create,
    record_delete,
    record_update,
)
from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.tenancy.models import Cluster

from .. import rules
from ..models import (
    SHORTLIST_LIMIT,
    Candidate,
    CandidateStatus,
    DesignRound,
    ServiceStatus,
)
from .catalogue import next_service_code, service_create

if TYPE_CHECKING:
    from clusterdesk.surveys.models import Survey

# --------------------------------------------------------------------------- design rounds

ROUND_FIELDS = ["title", "started_on", "notes"]
CANDIDATE_FIELDS = ["name", "description", "areas", "targeted_companies", "origin"]


def design_round_create(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> DesignRound:
    cleaned = {name: data[name] for name in ROUND_FIELDS if name in data}
    if not (cleaned.get("title") or "").strip():
        raise DomainError(_("Give the round a title."), field="title")
    cleaned.setdefault("started_on", timezone.localdate())
    return record_create(
        model=DesignRound,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=ROUND_FIELDS,
        source=source,
        unaudited={"created_by": actor if getattr(actor, "is_authenticated", False) else None},
    )


def design_round_update(
    *, design_round: DesignRound, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> DesignRound:
    cleaned = {name: data[name] for name in ROUND_FIELDS if name in data}
    if not (merged_values(design_round, cleaned, ROUND_FIELDS)["title"] or "").strip():
        raise DomainError(_("Give the round a title."), field="title")
    return record_update(
        instance=design_round, actor=actor, data=cleaned, fields=ROUND_FIELDS, source=source
    )


def design_round_delete(*, design_round: DesignRound, actor: Any, source: str = "web") -> None:
    """Delete a round and its ideas; services introduced from it stay in the catalogue."""
    names = list(design_round.candidates.values_list("name", flat=True))
    record_delete(
        instance=design_round,
        actor=actor,
        source=source,
        changes={"ideas": [sorted(names), None]} if names else None,
    )


def _clean_candidate(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in CANDIDATE_FIELDS if name in data}
    if "areas" in cleaned:
        cleaned["areas"] = sorted({int(area) for area in cleaned["areas"] or []})
    return cleaned


def _frozen(candidate: Candidate) -> None:
    """An idea on the questionnaire, or decided, is no longer edited or taken off."""
    if candidate.is_decided:
        raise DomainError(_("A decision was taken on this idea; it can no longer change."))
    if candidate.status == CandidateStatus.SHORTLISTED and candidate.design_round.survey_id:
        raise DomainError(
            _("This idea is in the service-interest questionnaire; it can no longer change.")
        )


def candidate_create(
    *, design_round: DesignRound, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Candidate:
    """Add an idea to the round's long list."""
    cleaned = _clean_candidate(data)
    raise_first(rules.candidate_problems(cleaned))
    return record_create(
        model=Candidate,
        cluster=design_round.cluster,
        actor=actor,
        data=cleaned,
        fields=CANDIDATE_FIELDS,
        source=source,
        unaudited={"design_round": design_round},
    )


def candidate_update(
    *, candidate: Candidate, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Candidate:
    _frozen(candidate)
    cleaned = _clean_candidate(data)
    raise_first(rules.candidate_problems(merged_values(candidate, cleaned, CANDIDATE_FIELDS)))
    return record_update(
        instance=candidate, actor=actor, data=cleaned, fields=CANDIDATE_FIELDS, source=source
    )


def candidate_delete(*, candidate: Candidate, actor: Any, source: str = "web") -> None:
    _frozen(candidate)
    record_delete(instance=candidate, actor=actor, source=source)


def candidate_shortlist(
    *, candidate: Candidate, actor: Any, shortlisted: bool, source: str = "web"
) -> Candidate:
    """Put an idea on the round's shortlist, or take it off. The shortlist holds at most ten
    ideas, as the guide keeps its questionnaire to ten services; it is fixed once the
    questionnaire is made from it."""
    with transaction.atomic():
        # The round's row is the lock: two people shortlisting at once never make eleven.
        design_round = DesignRound.objects.select_for_update().get(pk=candidate.design_round_id)
        candidate = Candidate.objects.select_related("design_round").get(pk=candidate.pk)
        if candidate.is_decided:
            raise DomainError(_("A decision was taken on this idea; it can no longer change."))
        if design_round.survey_id:
            raise DomainError(
                _(
                    "The service-interest questionnaire was made from this shortlist, so the "
                    "shortlist can no longer change."
                )
            )
        wanted = CandidateStatus.SHORTLISTED if shortlisted else CandidateStatus.IDEA
        if candidate.status == wanted:
            return candidate
        if shortlisted:
            taken = (
                Candidate.objects.filter(design_round=design_round)
                .exclude(status=CandidateStatus.IDEA)
                .count()
            )
            if taken >= SHORTLIST_LIMIT:
                raise DomainError(
                    _(
                        "The shortlist already holds %(limit)s ideas, the most the guide's "
                        "questionnaire asks companies to judge. Take one off the shortlist "
                        "before adding “%(name)s”."
                    )
                    % {"limit": SHORTLIST_LIMIT, "name": candidate.name},
                    code="shortlist_full",
                )
        return record_update(
            instance=candidate,
            actor=actor,
            data={"status": wanted},
            fields=["status"],
            source=source,
        )


def interest_survey_make(
    *, design_round: DesignRound, actor: Any, title: str = "", source: str = "web"
) -> Survey:
    """The service-interest questionnaire of the round's shortlist (a draft survey of the
    surveys app, to send from there). Made once: the shortlist is fixed from then on."""
    from clusterdesk.surveys.services import InterestCandidate, interest_survey_create

    with transaction.atomic():
        design_round = DesignRound.objects.select_for_update().get(pk=design_round.pk)
        if design_round.survey_id:
            raise DomainError(_("This round already has its service-interest questionnaire."))
        candidates = list(
            Candidate.objects.filter(
                design_round=design_round, status=CandidateStatus.SHORTLISTED
            ).order_by("name", "pk")
        )
        if not candidates:
            raise DomainError(
                _("Put ideas on the shortlist first: the questionnaire asks about them.")
            )
        survey = interest_survey_create(
            cluster=design_round.cluster,
            actor=actor,
            title=(title or "").strip()
            or _("Which new services would you use? (%(round)s)") % {"round": design_round.title},
            candidates=[
                InterestCandidate(
                    key=candidate.key, name=candidate.name, description=candidate.description
                )
                for candidate in candidates
            ],
        )
        record_update(
            instance=design_round,
            actor=actor,
            data={"survey": survey},
            fields=["survey"],
            source=source,
        )
    return survey


def candidate_swot_update(
    *, candidate: Candidate, actor: Any, swot: Mapping[str, Sequence[str]], source: str = "web"
) -> Candidate:
    """The candidate's SWOT: four lists of short points (blank points are dropped)."""
    if candidate.is_decided:
        raise DomainError(_("A decision was taken on this idea; it can no longer change."))
    if candidate.status != CandidateStatus.SHORTLISTED:
        raise DomainError(_("Put the idea on the shortlist before its SWOT."))
    cleaned = {
        part: [point.strip() for point in swot.get(part, []) if point and point.strip()]
        for part in rules.SWOT_PARTS
        if part in swot
    }
    raise_first(rules.swot_problems(cleaned))
    return record_update(
        instance=candidate,
        actor=actor,
        data=cleaned,
        fields=list(rules.SWOT_PARTS),
        source=source,
    )


INTRODUCE, REJECT = "introduce", "reject"


def candidate_decide(
    *,
    candidate: Candidate,
    actor: Any,
    decision: str,
    reason: str = "",
    code: str = "",
    source: str = "web",
    today: date | None = None,
) -> Candidate:
    """Decide on a shortlisted idea: introduce it (it becomes a catalogue service with status
    "new", linked to the idea) or reject it (with a reason)."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    if decision not in (INTRODUCE, REJECT):
        raise DomainError(_("Choose to introduce the service or to reject the idea."), "decision")
    with transaction.atomic():
        candidate = (
            Candidate.objects.select_for_update()
            .select_related("design_round")
            .get(pk=candidate.pk)
        )
        if candidate.is_decided:
            raise DomainError(_("A decision was already taken on this idea."), "decision")
        if candidate.status != CandidateStatus.SHORTLISTED:
            raise DomainError(
                _(
                    "Only an idea on the shortlist is decided on: shortlist it and ask the "
                    "members first."
                ),
                "decision",
            )
        data: dict[str, Any] = {
            "decision_reason": reason,
            "decided_on": today,
            "decided_by": actor if getattr(actor, "is_authenticated", False) else None,
        }
        if decision == REJECT:
            if not reason:
                raise DomainError(_("Say why the idea is rejected."), "reason")
            data["status"] = CandidateStatus.REJECTED
        else:
            if not candidate.areas:
                raise DomainError(
                    _("Give the idea its service areas before it joins the catalogue."), "decision"
                )
            service = service_create(
                cluster=candidate.cluster,
                actor=actor,
                data={
                    "code": (code or "").strip() or next_service_code(candidate.cluster),
                    "name": candidate.name,
                    "description": candidate.description,
                    "targeted_companies": candidate.targeted_companies,
                    "status": ServiceStatus.NEW,
                },
                areas=candidate.areas,
                source=source,
            )
            data |= {"status": CandidateStatus.INTRODUCED, "service": service}
        return record_update(
            instance=candidate,
            actor=actor,
            data=data,
            fields=["status", "decision_reason", "decided_on", "decided_by", "service"],
            source=source,
        )
