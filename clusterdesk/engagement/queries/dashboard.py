"""The engagement dashboard: its figures in one bundle, and its lists (reach by category,
the most engaged participants, the committed ones without a contact)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Sum

from clusterdesk.engagement.models import Involvement, PersonalContact
from clusterdesk.lib.periods import Period, last_12_months
from clusterdesk.participants.models import Category, Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

from .activity import Month, Regularity, monthly_activity, regularity
from .common import (
    _active_involvements,
    _contacts_in,
    _count,
    _last_contact_on,
    _share,
    current_participants,
)
from .reach import Involved, Reach, active_involvement, contact_reach

# Lists on the dashboard stay short: who to look at first, not the registry.
DASHBOARD_LIST_LIMIT = 10

# --------------------------------------------------------------------------- who


@dataclass(frozen=True)
class CategoryReach:
    category: str
    label: str
    participants: int
    reached: int

    @property
    def share(self) -> float:
        return _share(self.reached, self.participants)


def reach_by_category(cluster: Cluster, *, today: date) -> list[CategoryReach]:
    """Current participants with a personal contact this calendar year (1 January to
    ``today``), by category, in the order of the SPEC's categories (one query)."""
    this_year = Period(date(today.year, 1, 1), today)
    rows = {
        row["category"]: row
        for row in current_participants(cluster)
        .values("category")
        .annotate(
            participants=Count("pk"),
            reached=Count("pk", filter=Exists(_contacts_in(cluster, this_year))),
        )
        .order_by()
    }
    return [
        CategoryReach(
            value,
            str(label),
            rows.get(value, {}).get("participants", 0),
            rows.get(value, {}).get("reached", 0),
        )
        for value, label in Category.choices
        if value in rows
    ]


@dataclass(frozen=True)
class EngagedParticipant:
    organisation: Organisation
    active_days: Decimal
    activities: int
    contacts: int
    last_contact_on: date | None


def most_engaged(
    cluster: Cluster, *, today: date, limit: int = DASHBOARD_LIST_LIMIT
) -> list[EngagedParticipant]:
    """The current participants with the most days of active involvement in the last 12
    months (then the most activities they contributed to), with all their activities and
    contacts in the same period and their last contact (two queries)."""
    period = last_12_months(today)
    top = list(
        _active_involvements(cluster, period)
        .values("organisation")
        .annotate(active_days=Sum("days"), contributions=Count("pk"))
        .order_by("-active_days", "-contributions", "organisation")[:limit]
    )
    organisations = (
        Organisation.objects.for_cluster(cluster)
        .filter(pk__in=[row["organisation"] for row in top])
        .annotate(
            activities_12m=_count(
                Involvement.objects.for_cluster(cluster).filter(
                    organisation=OuterRef("pk"), starts_on__range=period.range
                )
            ),
            contacts_12m=_count(
                PersonalContact.objects.for_cluster(cluster).filter(
                    organisation=OuterRef("pk"), date__range=period.range
                )
            ),
            last_contact_on=_last_contact_on(cluster, today),
        )
        .only("pk", "name", "category", "commitment")
        .in_bulk()
    )
    return [
        EngagedParticipant(
            organisation=organisations[row["organisation"]],
            active_days=row["active_days"],
            activities=organisations[row["organisation"]].activities_12m,
            contacts=organisations[row["organisation"]].contacts_12m,
            last_contact_on=organisations[row["organisation"]].last_contact_on,
        )
        for row in top
    ]


def committed_not_contacted(
    cluster: Cluster, *, today: date, limit: int = DASHBOARD_LIST_LIMIT
) -> list[Organisation]:
    """Committed participants without a personal contact in the last 12 months: those never
    contacted first, then the longest without one (each with ``last_contact_on``)."""
    return list(
        Organisation.objects.for_cluster(cluster)
        .filter(commitment=Commitment.COMMITTED)
        .filter(~Exists(_contacts_in(cluster, last_12_months(today))))
        .annotate(last_contact_on=_last_contact_on(cluster, today))
        .only("pk", "name", "category", "commitment")
        .order_by(F("last_contact_on").asc(nulls_first=True), "name", "pk")[:limit]
    )


# --------------------------------------------------------------------------- the dashboard


@dataclass(frozen=True)
class Dashboard:
    today: date
    months: list[Month]
    reach: Reach
    involved: Involved
    regularity: Regularity
    by_category: list[CategoryReach]
    most_engaged: list[EngagedParticipant]
    to_call: list[Organisation]

    @property
    def contacts_this_year(self) -> int:
        return sum(month.contacts for month in self.months)

    @property
    def activities_this_year(self) -> int:
        return sum(month.activities for month in self.months)


def dashboard(cluster: Cluster, *, today: date) -> Dashboard:
    """Everything the cluster's engagement dashboard shows, in a fixed number of queries (nine).

    The share of committed participants in international activities (E4,
    ``international_involvement``) is not on it: the dashboard keeps to the day-to-day
    figures, each of which costs time at 200,000 involvements."""
    return Dashboard(
        today=today,
        months=monthly_activity(cluster, year=today.year),
        reach=contact_reach(cluster, today=today),
        involved=active_involvement(cluster, today=today),
        regularity=regularity(cluster, today=today),
        by_category=reach_by_category(cluster, today=today),
        most_engaged=most_engaged(cluster, today=today),
        to_call=committed_not_contacted(cluster, today=today),
    )
