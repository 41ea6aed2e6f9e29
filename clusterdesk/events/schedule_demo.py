"""The demo's B2B meeting days scheduled, for ``manage.py seed_demo``.

``schedule_demo_seed`` runs the scheduler at once (no background worker) on each demo
cluster's B2B meeting days that have accepted meeting requests — the demo of the meeting
requests adds them — so that the grid, the agendas and the table cards have something to
show. A day with a run under way is left alone; the scheduler writes nothing in the
engagement ledger."""

from __future__ import annotations

from datetime import date

from clusterdesk.tenancy.models import Cluster

from .models import Event, EventKind, RequestStatus, RunStatus, SchedulerRun
from .services.scheduling import ACTIVE, scheduler_run_execute

DEMO_TIME_LIMIT = 10


def schedule_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """Schedule the demo clusters' B2B days; the number of meetings placed."""
    placed = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        days = (
            Event.objects.for_cluster(cluster)
            .filter(
                kind=EventKind.B2B_DAY,
                has_meetings=True,
                meeting_requests__status=RequestStatus.ACCEPTED,
            )
            .distinct()
            .order_by("starts_at", "id")
        )
        for event in days:
            if SchedulerRun.objects.filter(event=event, status__in=ACTIVE).exists():
                continue
            run = SchedulerRun.objects.create(
                cluster=cluster, event=event, time_limit=DEMO_TIME_LIMIT
            )
            run = scheduler_run_execute(run=run)
            if run.status == RunStatus.DONE:
                placed += int(run.report.get("placed", 0))
    return placed
