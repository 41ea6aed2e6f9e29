"""The cluster's activity over time: contacts and activities by month, regularity by quarter
(SPEC D5), and committed participants in international activities (SPEC E4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef

from clusterdesk.engagement.models import Activity, Involvement, PersonalContact
from clusterdesk.lib.periods import Period, last_12_months, months_of, quarter_of, quarters_before
from clusterdesk.participants.models import Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

from .common import _count, _share, quarter_label

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
