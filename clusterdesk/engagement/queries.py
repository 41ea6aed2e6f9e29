"""The engagement ledger's figures, computed by the database.

Every function takes the cluster first and an explicit ``today`` (or year), so a figure can be
recomputed for any day and tested at the edges of its period. Each one is a fixed number of
aggregate queries (``Count``/``Sum`` with filters, ``Exists``, grouped sub-queries): the cost
does not grow with a loop over rows in Python.

Periods (the SPEC's "in the last 12 months") are ``clusterdesk.lib.periods.last_12_months``:
from the day *after* the same date a year earlier to ``today``, so on 15 June 2026 a contact on
15 June 2025 is out and one on 16 June 2025 is in. Involvements are dated by the activity's
start (``Involvement.starts_on``, a copy kept by the services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import gettext as _

from clusterdesk.lib.periods import (
    Period,
    last_12_months,
    months_of,
    quarter_of,
    quarters_before,
)
from clusterdesk.participants.models import Category, Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

from .models import Activity, Involvement, InvolvementRole, PersonalContact

# The SPEC's "actively involved": at least two days of active involvement in the period.
ACTIVE_DAYS = Decimal("2")
# Lists on the dashboard stay short: who to look at first, not the registry.
DASHBOARD_LIST_LIMIT = 10

# --------------------------------------------------------------------------- periods


def quarter_label(quarter: Period) -> str:
    return _("Q%(quarter)s %(year)s") % {
        "quarter": (quarter.first.month - 1) // 3 + 1,
        "year": quarter.first.year,
    }


# --------------------------------------------------------------------------- building blocks


def current_participants(cluster: Cluster) -> QuerySet[Organisation]:
    """The participants the shares are taken of: every organisation except former ones."""
    return Organisation.objects.for_cluster(cluster).exclude(commitment=Commitment.FORMER)


def _contacts_in(cluster: Cluster, period: Period) -> QuerySet[PersonalContact]:
    """Contacts in the period of the organisation of the outer query (for ``Exists``)."""
    return PersonalContact.objects.for_cluster(cluster).filter(
        organisation=OuterRef("pk"), date__range=period.range
    )


def _former_ids(cluster: Cluster) -> QuerySet[Organisation]:
    """The former participants' ids. Ledger rows are filtered with ``NOT IN`` this short list,
    built once per query, rather than joined to the wide participant table row by row (the
    join cost SQLite some 60 ms more for the 40,000 active involvements of a year)."""
    return (
        Organisation.objects.for_cluster(cluster)
        .filter(commitment=Commitment.FORMER)
        .order_by()
        .values("pk")
    )


def _active_involvements(cluster: Cluster, period: Period) -> QuerySet[Involvement]:
    """Current participants' active involvements in activities starting in the period."""
    return (
        Involvement.objects.for_cluster(cluster)
        .filter(role=InvolvementRole.ACTIVE, starts_on__range=period.range)
        .exclude(organisation__in=_former_ids(cluster))
        .order_by()
    )


def _active_days_by_organisation(
    cluster: Cluster, period: Period, min_days: Decimal
) -> QuerySet[Involvement]:
    """One row per current participant with at least ``min_days`` of active involvement in
    the period: ``organisation``, ``active_days`` and ``is_sme``."""
    smes = (
        Organisation.objects.for_cluster(cluster)
        .filter(category=Category.INDUSTRY_SME)
        .order_by()
        .values("pk")
    )
    return (
        _active_involvements(cluster, period)
        .values("organisation")
        .annotate(
            active_days=Sum("days"),
            is_sme=Count("pk", filter=Q(organisation__in=smes)),
        )
        .filter(active_days__gte=min_days)
    )


def _count(queryset: QuerySet) -> Subquery:
    """``(SELECT COUNT(*) …)`` of the rows of a queryset, as a scalar sub-query: each one a
    range count answered from an index alone (``COUNT(*)``, not ``COUNT(id)``, lets
    PostgreSQL skip the table), much cheaper than a filtered count evaluated on every row."""
    return Subquery(
        queryset.order_by()
        .annotate(rows=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("rows")
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


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


def _last_contact_on(cluster: Cluster, today: date) -> Subquery:
    return Subquery(
        PersonalContact.objects.for_cluster(cluster)
        .filter(organisation=OuterRef("pk"), date__lte=today)
        .order_by("-date")
        .values("date")[:1]
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


# --------------------------------------------------------------------------- E4: international


@dataclass(frozen=True)
class International:
    """Committed participants in international activities in the last 12 months (SPEC E4)."""

    committed: int
    involved: int
    share: float


def international_involvement(cluster: Cluster, *, today: date) -> International:
    """One query: for each committed participant, whether one of its involvements of the
    period is in one of the period's few international activities (a list built once)."""
    period = last_12_months(today)
    international = (
        Activity.objects.for_cluster(cluster)
        .filter(starts_on__range=period.range, is_international=True)
        .order_by()
        .values("pk")
    )
    involved = Exists(
        Involvement.objects.for_cluster(cluster).filter(
            organisation=OuterRef("pk"),
            starts_on__range=period.range,
            activity__in=international,
        )
    )
    row = (
        Organisation.objects.for_cluster(cluster)
        .filter(commitment=Commitment.COMMITTED)
        .aggregate(committed=Count("pk"), involved=Count("pk", filter=involved))
    )
    return International(
        committed=row["committed"],
        involved=row["involved"],
        share=_share(row["involved"], row["committed"]),
    )


# --------------------------------------------------------------------------- over time


@dataclass(frozen=True)
class Month:
    month: date  # its first day
    contacts: int
    activities: int


def monthly_activity(cluster: Cluster, *, year: int) -> list[Month]:
    """Personal contacts and activities (by their start) in each month of the year.

    One query of 24 range counts, each answered from the (cluster, date) index alone. Neither
    a date truncation (a Python function on SQLite, called on every row) nor a filtered count
    per month (twelve tests on every row) keeps up with 150,000 contacts a year."""
    months = months_of(year)
    counts = (
        Cluster.objects.filter(pk=cluster.pk)
        .values(
            **{
                f"c{number}": _count(
                    PersonalContact.objects.for_cluster(cluster).filter(date__range=month.range)
                )
                for number, month in enumerate(months)
            },
            **{
                f"a{number}": _count(
                    Activity.objects.for_cluster(cluster).filter(starts_on__range=month.range)
                )
                for number, month in enumerate(months)
            },
        )
        .get()
    )
    return [
        Month(month.first, counts[f"c{number}"], counts[f"a{number}"])
        for number, month in enumerate(months)
    ]


@dataclass(frozen=True)
class QuarterActivities:
    quarter: Period
    label: str
    activities: int


@dataclass(frozen=True)
class Regularity:
    """Quarters of the last four with at least one collaborative activity (SPEC D5).

    The last four are the four calendar quarters completed before ``today``'s quarter, so a
    quarter is judged once it is over; the current one is shown beside, as in progress."""

    quarters: list[QuarterActivities]
    current: QuarterActivities

    @property
    def with_activity(self) -> int:
        return sum(1 for quarter in self.quarters if quarter.activities)


def regularity(cluster: Cluster, *, today: date) -> Regularity:
    """Every kind of the ledger's activities counts: they are the glossary's collaborative
    multimember activities (one query)."""
    periods = [*quarters_before(today, 4, include_current=False), quarter_of(today)]
    row = (
        Cluster.objects.filter(pk=cluster.pk)
        .values(
            **{
                f"q{number}": _count(
                    Activity.objects.for_cluster(cluster).filter(starts_on__range=period.range)
                )
                for number, period in enumerate(periods)
            }
        )
        .get()
    )
    quarters = [
        QuarterActivities(period, quarter_label(period), row[f"q{number}"])
        for number, period in enumerate(periods)
    ]
    return Regularity(quarters=quarters[:4], current=quarters[4])


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


# --------------------------------------------------------------------------- one participant


@dataclass(frozen=True)
class QuarterCounts:
    quarter: Period
    label: str
    contacts: int
    activities: int


@dataclass(frozen=True)
class ParticipantEngagement:
    last_contact_on: date | None
    contacts_12m: int
    activities_12m: int
    active_days_12m: Decimal
    passive_days_12m: Decimal
    timeline: list[QuarterCounts] = field(default_factory=list)

    @property
    def actively_involved(self) -> bool:
        return self.active_days_12m >= ACTIVE_DAYS


def participant_engagement(
    cluster: Cluster, organisation: Organisation, *, today: date
) -> ParticipantEngagement:
    """One participant's engagement (two queries): its last contact, its contacts and
    activities in the last 12 months, its active and passive days there, and its contacts and
    activities in each of the last eight quarters (the current one included)."""
    period = last_12_months(today)
    quarters = quarters_before(today, 8, include_current=True)
    contacts = (
        PersonalContact.objects.for_cluster(cluster)
        .filter(organisation=organisation, date__lte=today)
        .aggregate(
            last_contact_on=Max("date"),
            in_period=Count("pk", filter=Q(date__range=period.range)),
            **{
                f"q{number}": Count("pk", filter=Q(date__range=quarter.range))
                for number, quarter in enumerate(quarters)
            },
        )
    )
    in_period = Q(starts_on__range=period.range)
    involvements = (
        Involvement.objects.for_cluster(cluster)
        .filter(organisation=organisation, starts_on__range=(quarters[0].first, today))
        .aggregate(
            in_period=Count("pk", filter=in_period),
            active_days=Sum("days", filter=in_period & Q(role=InvolvementRole.ACTIVE)),
            passive_days=Sum("days", filter=in_period & Q(role=InvolvementRole.PASSIVE)),
            **{
                f"q{number}": Count("pk", filter=Q(starts_on__range=quarter.range))
                for number, quarter in enumerate(quarters)
            },
        )
    )
    return ParticipantEngagement(
        last_contact_on=contacts["last_contact_on"],
        contacts_12m=contacts["in_period"],
        activities_12m=involvements["in_period"],
        active_days_12m=Decimal(involvements["active_days"] or 0),
        passive_days_12m=Decimal(involvements["passive_days"] or 0),
        timeline=[
            QuarterCounts(
                quarter,
                quarter_label(quarter),
                contacts[f"q{number}"],
                involvements[f"q{number}"],
            )
            for number, quarter in enumerate(quarters)
        ],
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
