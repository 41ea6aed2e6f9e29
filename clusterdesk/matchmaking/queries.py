"""Reads of matchmaking that take more than a line, the cluster first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .models import (
    STAGE_ORDER,
    FollowUpStage,
    Listing,
    ListingKind,
    Match,
    MatchIndexState,
    MatchOutcome,
    MatchProfile,
)


def profile_of(organisation: Organisation) -> MatchProfile | None:
    return MatchProfile.objects.filter(organisation=organisation).first()


@dataclass
class ListingsSplit:
    active: list[Listing] = field(default_factory=list)
    history: list[Listing] = field(default_factory=list)
    """Withdrawn or expired: kept, shown apart, never matched."""


def listings_split(profile: MatchProfile | None, *, as_of: date) -> ListingsSplit:
    split = ListingsSplit()
    if profile is None:
        return split
    for listing in profile.listings.order_by("-created_at", "-id"):
        (split.active if listing.is_active(as_of) else split.history).append(listing)
    return split


def profile_search(
    cluster: Cluster, *, as_of: date, q: str = "", without_profile: bool = False
) -> QuerySet:
    """The cluster's participants with their profile (if any) and how many active offers and
    requests it has, by name."""
    rows = (
        Organisation.objects.for_cluster(cluster)
        .select_related("match_profile")
        .annotate(
            active_listings=Count(
                "match_profile__listings",
                filter=Q(match_profile__listings__withdrawn_on__isnull=True)
                & (
                    Q(match_profile__listings__expires_on__isnull=True)
                    | Q(match_profile__listings__expires_on__gte=as_of)
                ),
            )
        )
        .order_by("name", "id")
    )
    if q:
        rows = rows.filter(name__icontains=q)
    if without_profile:
        rows = rows.filter(match_profile__isnull=True)
    return rows


@dataclass
class HomeFigures:
    participants: int
    profiles: int
    visible: int
    listings_by_kind: list[tuple[str, int]]
    matches_by_stage: list[tuple[str, int]]
    without_profile: list[Organisation]
    without_profile_count: int
    recent_outcomes: list[tuple[MatchOutcome, str]]
    """The latest steps, each with the partner's name as the cluster may see it."""
    index: MatchIndexState | None


def home_figures(cluster: Cluster, *, as_of: date) -> HomeFigures:
    profiles = MatchProfile.objects.for_cluster(cluster).aggregate(
        total=Count("id"), visible=Count("id", filter=Q(visible_to_other_clusters=True))
    )
    by_kind = dict(
        Listing.objects.for_cluster(cluster)
        .active_on(as_of)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    by_stage = dict(
        Match.objects.for_cluster(cluster)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    missing = Organisation.objects.for_cluster(cluster).filter(match_profile__isnull=True)
    return HomeFigures(
        participants=Organisation.objects.for_cluster(cluster).count(),
        profiles=profiles["total"],
        visible=profiles["visible"],
        listings_by_kind=[(kind.label, by_kind.get(kind.value, 0)) for kind in ListingKind],
        matches_by_stage=[
            (str(FollowUpStage(stage).label), by_stage.get(stage, 0)) for stage in STAGE_ORDER
        ]
        + ([("–", by_stage[""])] if by_stage.get("") else []),
        without_profile=list(missing.order_by("name")[:10]),
        without_profile_count=missing.count(),
        recent_outcomes=[
            (outcome, shown_name(cluster, outcome.match.partner))
            for outcome in MatchOutcome.objects.for_cluster(cluster)
            .select_related(
                "match__organisation",
                "match__partner__cluster",
                "match__partner__match_profile",
            )
            .order_by("-date", "-id")[:8]
        ],
        index=MatchIndexState.objects.filter(cluster=cluster).first(),
    )


def match_search(
    cluster: Cluster, *, stage: str = "", organisation_id: int | None = None
) -> QuerySet[Match]:
    """The cluster's follow-ups, latest change first; ``stage`` "none" for those without a
    step yet."""
    rows = Match.objects.for_cluster(cluster).select_related(
        "organisation", "partner", "partner__cluster", "partner__match_profile"
    )
    if stage == "none":
        rows = rows.filter(stage="")
    elif stage:
        rows = rows.filter(stage=stage)
    if organisation_id is not None:
        rows = rows.filter(Q(organisation_id=organisation_id) | Q(partner_id=organisation_id))
    return rows.order_by("-updated_at", "-id")


@dataclass(frozen=True)
class HistoryRow:
    match: Match
    other: Organisation
    other_name: str
    own_cluster: bool
    """The match is one of the reader's cluster (its notes and page are theirs)."""
    outcomes: list[MatchOutcome]


def participant_matches(cluster: Cluster, organisation: Organisation) -> list[HistoryRow]:
    """Every follow-up where the participant is either side, with its steps: two queries.
    A follow-up recorded by another cluster is there only while that cluster's own participant
    (``Match.organisation``) has its profile visible to other clusters: else nothing of it
    crosses, not even that it exists. The other side is named only when it is of the reader's
    cluster or its profile is visible to other clusters."""
    matches = (
        Match.objects.filter(Q(organisation=organisation) | Q(partner=organisation))
        .filter(Q(cluster=cluster) | Q(organisation__match_profile__visible_to_other_clusters=True))
        .select_related(
            "cluster",
            "organisation__cluster",
            "organisation__match_profile",
            "partner__cluster",
            "partner__match_profile",
        )
        .prefetch_related(
            Prefetch("outcomes", queryset=MatchOutcome.objects.order_by("-date", "-id"))
        )
        .order_by("-updated_at", "-id")
    )
    rows = []
    for match in matches:
        other = match.partner if match.organisation_id == organisation.pk else match.organisation
        rows.append(
            HistoryRow(
                match=match,
                other=other,
                other_name=shown_name(cluster, other),
                own_cluster=match.cluster_id == cluster.pk,
                outcomes=list(match.outcomes.all()),
            )
        )
    return rows


def is_shared(cluster: Cluster, organisation: Organisation) -> bool:
    """May a reader of ``cluster`` see this participant's name, offers and requests (needs
    ``match_profile`` loaded)? Its own participants, and another cluster's only while its
    profile is visible to other clusters."""
    if organisation.cluster_id == cluster.pk:
        return True
    try:
        profile = organisation.match_profile
    except MatchProfile.DoesNotExist:
        return False
    return profile.visible_to_other_clusters


def shown_name(cluster: Cluster, organisation: Organisation) -> str:
    """The name a reader of ``cluster`` may see (needs ``match_profile`` and ``cluster``
    loaded): another cluster's participant is named only if its profile is visible."""
    if is_shared(cluster, organisation):
        return organisation.name
    return _("a participant of %(cluster)s") % {"cluster": organisation.cluster.name}


def named_matches(cluster: Cluster, matches: Iterable[Match]) -> list[tuple[Match, str]]:
    """Each match with its partner's name as a reader of ``cluster`` may see it (load
    ``partner__cluster`` and ``partner__match_profile``)."""
    return [(match, shown_name(cluster, match.partner)) for match in matches]
