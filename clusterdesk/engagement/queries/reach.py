"""Who the team reaches: participants with a personal contact (SPEC B4) and participants
actively involved (SPEC B5), each with the participants behind the figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from clusterdesk.engagement.models import Involvement, InvolvementRole
from clusterdesk.lib.periods import last_12_months
from clusterdesk.participants.models import Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

from .common import (
    ACTIVE_DAYS,
    _active_days_by_organisation,
    _contacts_in,
    _last_contact_on,
    _share,
    current_participants,
)

# --------------------------------------------------------------------------- B4: reach


@dataclass(frozen=True)
class Reach:
    """Participants with a personal contact in the last 12 months (SPEC indicator B4)."""

    participants: int
    reached: int
    share: float
    committed: int = 0
    committed_reached: int = 0

    @property
    def committed_not_reached(self) -> int:
        return self.committed - self.committed_reached


def contact_reach(cluster: Cluster, *, today: date) -> Reach:
    """Share of current participants with at least one personal contact in the last 12 months
    (one query). The committed ones are counted beside: they are who the team owes a visit."""
    contacted = Exists(_contacts_in(cluster, last_12_months(today)))
    committed = Q(commitment=Commitment.COMMITTED)
    row = current_participants(cluster).aggregate(
        participants=Count("pk"),
        reached=Count("pk", filter=contacted),
        committed=Count("pk", filter=committed),
        committed_reached=Count("pk", filter=committed & contacted),
    )
    return Reach(
        participants=row["participants"],
        reached=row["reached"],
        share=_share(row["reached"], row["participants"]),
        committed=row["committed"],
        committed_reached=row["committed_reached"],
    )


def contact_reach_evidence(cluster: Cluster, *, today: date) -> QuerySet[Organisation]:
    """The current participants behind ``contact_reach``, each with ``has_contact`` (a
    personal contact in the last 12 months) and ``last_contact_on``; filter on
    ``has_contact=True`` for the reached ones and ``has_contact=False`` for the others."""
    return (
        current_participants(cluster)
        .annotate(
            has_contact=Exists(_contacts_in(cluster, last_12_months(today))),
            last_contact_on=_last_contact_on(cluster, today),
        )
        .order_by("name", "pk")
    )


# --------------------------------------------------------------------------- B5: involvement


@dataclass(frozen=True)
class Involved:
    """Participants actively involved (≥ 2 days) in the last 12 months (SPEC indicator B5)."""

    participants: int
    active: int
    share: float
    sme_active: int


def active_involvement(
    cluster: Cluster, *, today: date, min_days: Decimal | int = ACTIVE_DAYS
) -> Involved:
    """Current participants whose *active* days in activities starting in the last 12 months
    add up to ``min_days`` or more; passive attendance does not count (two queries: the
    participants, then the involvements grouped by organisation and counted)."""
    participants = current_participants(cluster).count()
    row = _active_days_by_organisation(cluster, last_12_months(today), Decimal(min_days)).aggregate(
        active=Count("organisation"),
        sme_active=Count("organisation", filter=Q(is_sme__gt=0)),
    )
    return Involved(
        participants=participants,
        active=row["active"],
        share=_share(row["active"], participants),
        sme_active=row["sme_active"],
    )


def active_involvement_evidence(
    cluster: Cluster, *, today: date, min_days: Decimal | int = ACTIVE_DAYS
) -> QuerySet[Organisation]:
    """The current participants actively involved in the last 12 months, with their
    ``active_days``, most days first."""
    period = last_12_months(today)
    days = (
        Involvement.objects.for_cluster(cluster)
        .filter(
            organisation=OuterRef("pk"),
            role=InvolvementRole.ACTIVE,
            starts_on__range=period.range,
        )
        .order_by()
        .values("organisation")
        .annotate(total=Sum("days"))
        .values("total")
    )
    active = _active_days_by_organisation(cluster, period, Decimal(min_days)).values("organisation")
    return (
        current_participants(cluster)
        .filter(pk__in=active)
        .annotate(active_days=Subquery(days))
        .order_by("-active_days", "name", "pk")
    )
