"""The demo's B2B days are scheduled at once; days without accepted requests are left alone."""

from __future__ import annotations

from datetime import date

import pytest

from ..models import MeetingPlacement, RunStatus, SchedulerRun
from ..schedule_demo import schedule_demo_seed
from .factories import B2BDayFactory
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db


def test_the_demo_schedules_each_b2b_day_with_accepted_requests(personas):
    day = b2b_day(personas.cluster_a)
    empty = B2BDayFactory(cluster=personas.cluster_a)
    elsewhere = b2b_day(personas.cluster_b)

    placed = schedule_demo_seed(slugs=["tfc"], as_of=date(2026, 6, 1))

    assert placed == 4
    assert MeetingPlacement.objects.filter(request__event=day.event).count() == 4
    assert SchedulerRun.objects.get(event=day.event).status == RunStatus.DONE
    assert not SchedulerRun.objects.filter(event__in=[empty, elsewhere.event]).exists()


def test_a_second_seed_keeps_the_schedule(personas):
    day = b2b_day(personas.cluster_a)
    schedule_demo_seed(slugs=["tfc"], as_of=date(2026, 6, 1))
    before = {(p.request_id, p.slot_id, p.table_id) for p in day.placements()}

    assert schedule_demo_seed(slugs=["tfc"], as_of=date(2026, 6, 1)) == 4

    assert {(p.request_id, p.slot_id, p.table_id) for p in day.placements()} == before
