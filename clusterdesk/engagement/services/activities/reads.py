"""The reads behind the activity pages and the export: search, figures and one row per
involvement (always a fixed number of queries, whatever the number of rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from clusterdesk.engagement.models import Activity, ActivityKind, Involvement, InvolvementRole
from clusterdesk.tenancy.models import Cluster


@dataclass(frozen=True)
class ActivityFilters:
    q: str = ""
    kind: str = ""
    working_group: int | None = None
    international: bool | None = None
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    participant: int | None = None

    @property
    def has_period(self) -> bool:
        return bool(self.year or self.date_from or self.date_to)

    @property
    def only_period(self) -> bool:
        """No filter but the dates: figures can then come from the involvements alone."""
        return not (
            self.q
            or self.kind
            or self.working_group
            or self.international is not None
            or self.participant
        )

    def period(self) -> tuple[date | None, date | None]:
        start, end = self.date_from, self.date_to
        if self.year:
            first, last = date(self.year, 1, 1), date(self.year, 12, 31)
            start, end = max(first, start or first), min(last, end or last)
        return start, end


def _filtered_activities(cluster: Cluster, filters: ActivityFilters) -> QuerySet[Activity]:
    activities = Activity.objects.for_cluster(cluster)
    for word in filters.q.split()[:5]:
        activities = activities.filter(Q(title__icontains=word) | Q(place__icontains=word))
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.working_group:
        activities = activities.filter(working_group_id=filters.working_group)
    if filters.international is not None:
        activities = activities.filter(is_international=filters.international)
    start, end = filters.period()
    if start:
        activities = activities.filter(starts_on__gte=start)
    if end:
        activities = activities.filter(starts_on__lte=end)
    if filters.participant:
        activities = activities.filter(
            Exists(
                Involvement.objects.filter(
                    activity=OuterRef("pk"), organisation_id=filters.participant
                )
            )
        )
    return activities


def activity_search(cluster: Cluster, filters: ActivityFilters) -> QuerySet[Activity]:
    """The activities matching the filters, latest first. Give a page of them to
    ``with_involvement_totals`` for their figures."""
    return (
        _filtered_activities(cluster, filters)
        .select_related("working_group")
        .order_by("-starts_on", "-id")
    )


def with_involvement_totals(cluster: Cluster, activities: Sequence[Activity]) -> list[Activity]:
    """Give each activity ``participant_count``, ``active_count`` and ``active_days``, in one
    query for the lot (a page of the list, never the whole table)."""
    activities = list(activities)
    active = Q(involvements__role=InvolvementRole.ACTIVE)
    totals = {
        row["pk"]: row
        for row in Activity.objects.for_cluster(cluster)
        .filter(pk__in=[activity.pk for activity in activities])
        .order_by()
        .values("pk")
        .annotate(
            participant_count=Count("involvements"),
            active_count=Count("involvements", filter=active),
            active_days=Sum("involvements__days", filter=active),
        )
    }
    for activity in activities:
        row = totals.get(activity.pk, {})
        activity.participant_count = row.get("participant_count", 0)
        activity.active_count = row.get("active_count", 0)
        activity.active_days = row.get("active_days") or Decimal(0)
    return activities


@dataclass
class ActivitySummary:
    year: int | None
    activities: int = 0
    participants: int = 0
    active_participants: int = 0
    active_days: Decimal = Decimal(0)
    by_kind: dict[str, int] = field(default_factory=dict)


def activity_summary(cluster: Cluster, filters: ActivityFilters, today: date) -> ActivitySummary:
    """The figures at the top of the list: activities, participants involved and active
    participant-days of the filtered period, or of this year when no period is chosen (two
    queries whatever the number of rows). With dates only, the involvements' own copy of
    their activity's start answers without a join."""
    if not filters.has_period:
        filters = replace(filters, year=today.year)
    activities = _filtered_activities(cluster, filters)
    summary = ActivitySummary(
        year=filters.year if not (filters.date_from or filters.date_to) else None,
        by_kind={value: 0 for value in ActivityKind.values},
    )
    for row in activities.order_by().values("kind").annotate(total=Count("pk")):
        summary.by_kind[row["kind"]] = row["total"]
        summary.activities += row["total"]
    involvements = Involvement.objects.filter(cluster=cluster)
    start, end = filters.period()
    if start:
        involvements = involvements.filter(starts_on__gte=start)
    if end:
        involvements = involvements.filter(starts_on__lte=end)
    if not filters.only_period:
        involvements = involvements.filter(activity__in=activities.values("pk"))
    active = Q(role=InvolvementRole.ACTIVE)
    figures = involvements.aggregate(
        participants=Count("organisation", distinct=True),
        active_participants=Count("organisation", distinct=True, filter=active),
        active_days=Sum("days", filter=active),
    )
    summary.participants = figures["participants"] or 0
    summary.active_participants = figures["active_participants"] or 0
    summary.active_days = figures["active_days"] or Decimal(0)
    return summary


def involvement_rows(cluster: Cluster, filters: ActivityFilters) -> QuerySet[Involvement]:
    """One row per involvement of the filtered activities, as the export writes them."""
    involvements = Involvement.objects.for_cluster(cluster)
    start, end = filters.period()
    if start:  # the involvements' copy of the start narrows the rows before any join
        involvements = involvements.filter(starts_on__gte=start)
    if end:
        involvements = involvements.filter(starts_on__lte=end)
    return (
        involvements.filter(activity__in=_filtered_activities(cluster, filters).values("pk"))
        .order_by("starts_on", "activity_id", "organisation__name", "id")
        .values_list(
            "activity__starts_on",
            "activity__ends_on",
            "activity__title",
            "activity__kind",
            "activity__working_group__name",
            "activity__is_international",
            "organisation__name",
            "organisation__category",
            "role",
            "days",
        )
    )
