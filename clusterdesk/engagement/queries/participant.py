"""One participant's engagement, as its page shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from clusterdesk.engagement.models import Involvement, InvolvementRole, PersonalContact
from clusterdesk.lib.periods import Period, last_12_months, quarters_before
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from .common import ACTIVE_DAYS, quarter_label

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
