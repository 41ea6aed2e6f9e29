"""How many queries ``seed_demo`` may take: a fixed base, then a fixed cost per record of the
demo that is made whole through the services (an excellence snapshot, a mapping dataset, a
survey, an event, a B2B meeting day, a cluster's matchmaking profiles) — never one per
participant, contact or registration. Shared by the registry's and the ledger's demo tests."""

from __future__ import annotations

from clusterdesk.benchmarking.models import Assessment
from clusterdesk.events.models import Event
from clusterdesk.mapping.models import MappingDataset
from clusterdesk.matchmaking.models import MatchProfile
from clusterdesk.surveys.models import Survey

# Each saved assessment: its facts are gathered in about twenty queries, whatever the size.
QUERIES_PER_SNAPSHOT = 26
# Each demo mapping dataset: its creation, the audit entry and the mapping's progress updates.
QUERIES_PER_MAPPING = 20
# Each demo survey: made from the ready-made questionnaire, then its invitations, responses and
# answers in bulk (SQLite takes at most 999 values a statement: about 110 answers each), and
# deleted with its cluster on --reset.
QUERIES_PER_SURVEY = 40
# Each event: made through the services with its activity and audit entry (registrations are
# one insert per cluster), and deleted with its cluster on --reset.
QUERIES_PER_EVENT = 15
# Each B2B meeting day: sessions and their slots, tables, some people's availability, the
# requests in one insert, and a scheduler run; on --reset its rows are deleted with the cluster
# by batches (SQLite takes at most 999 values a statement).
QUERIES_PER_MEETING_DAY = 150
# Each cluster's matchmaking profiles, offers, requests and follow-ups, in bulk.
QUERIES_PER_MATCHMAKING_CLUSTER = 55


def demo_query_allowance(base: int, slugs: list[str] | None = None) -> int:
    """``base`` plus the fixed cost of what the demo made (in the clusters ``slugs``, or all)."""
    scope = {"cluster__slug__in": slugs} if slugs else {}
    events = Event.objects.filter(**scope)
    return (
        base
        + QUERIES_PER_SNAPSHOT * Assessment.objects.filter(**scope).count()
        + QUERIES_PER_MAPPING * MappingDataset.objects.filter(**scope).count()
        + QUERIES_PER_SURVEY * Survey.objects.filter(**scope).count()
        + QUERIES_PER_EVENT * events.count()
        + QUERIES_PER_MEETING_DAY * events.filter(has_meetings=True).count()
        + QUERIES_PER_MATCHMAKING_CLUSTER
        * MatchProfile.objects.filter(**scope).values("cluster").distinct().count()
    )
