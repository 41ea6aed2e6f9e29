"""Running the scheduler on a B2B day in the database: the rows given to the engine, the saved
schedule, re-runs, problems, and one run at a time."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import translation

from clusterdesk.lib.errors import DomainError

from ..models import (
    AvailabilityWindow,
    MeetingPlacement,
    RegistrationStatus,
    RequestStatus,
    RunStatus,
    SchedulerRun,
)
from ..services.scheduling import meeting_day_for, scheduler_run_execute, scheduler_run_start
from .factories import MeetingRequestFactory, RegistrationFactory
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db


def run_now(day, time_limit=5):  # type: ignore[no-untyped-def]
    run = SchedulerRun.objects.create(
        cluster=day.event.cluster, event=day.event, time_limit=time_limit
    )
    return scheduler_run_execute(run=run)


def window(registration, start, end):  # type: ignore[no-untyped-def]
    return AvailabilityWindow.objects.create(
        cluster=registration.cluster, registration=registration, starts_at=start, ends_at=end
    )


def test_the_engine_gets_slots_tables_people_and_accepted_requests(personas):
    day = b2b_day(personas.cluster_a, sessions=(2, 2))
    window(day.people[1], day.slots[0].starts_at, day.slots[1].ends_at)
    cancelled = RegistrationFactory(
        event=day.event, wants_meetings=True, status=RegistrationStatus.CANCELLED
    )
    MeetingRequestFactory(event=day.event, requester=day.people[0], invitee=day.people[3])
    MeetingRequestFactory(
        event=day.event,
        requester=cancelled,
        invitee=day.people[2],
        status=RequestStatus.ACCEPTED,
    )
    locked = MeetingPlacement.objects.create(
        cluster=day.event.cluster,
        request=day.requests[0],
        slot=day.slots[0],
        table=day.tables[0],
        locked=True,
    )
    MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[1], slot=day.slots[2], table=day.tables[1]
    )

    engine_day = meeting_day_for(day.event)

    assert [slot.id for slot in engine_day.slots] == [slot.pk for slot in day.slots]
    assert len({slot.session for slot in engine_day.slots}) == 2
    assert [table.id for table in engine_day.tables] == [table.pk for table in day.tables]
    assert [person.id for person in engine_day.participants] == [p.pk for p in day.people]
    available = {person.id: person.available for person in engine_day.participants}
    assert available[day.people[0].pk] is None
    assert available[day.people[1].pk] == {day.slots[0].pk, day.slots[1].pk}
    assert [request.id for request in engine_day.requests] == [r.pk for r in day.requests]
    assert [p.meeting for p in engine_day.locked] == [locked.request_id]
    assert {p.meeting for p in engine_day.previous} == {day.requests[0].pk, day.requests[1].pk}


def test_the_conversion_takes_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    day = b2b_day(personas.cluster_a, people=12, pairs=[(i, i + 1) for i in range(11)])
    with django_assert_max_num_queries(6):
        engine_day = meeting_day_for(day.event)
    assert len(engine_day.requests) == 11


def test_a_run_places_every_meeting_of_a_small_day_by_the_rules(personas):
    day = b2b_day(
        personas.cluster_a,
        people=6,
        sessions=(3, 2),
        tables=2,
        pairs=[(0, 1), (2, 3), (4, 5), (0, 2), (1, 3), (0, 4), (1, 5)],
    )
    window(day.people[5], day.slots[3].starts_at, day.slots[4].ends_at)

    run = run_now(day)

    assert run.status == RunStatus.DONE and run.problems == []
    assert run.report["placed"] == run.report["requested"] == 7
    assert run.report["unplaced"] == []
    placements = day.placements()
    assert len(placements) == 7
    assert max(Counter((p.slot_id, p.table_id) for p in placements).values()) == 1
    busy = Counter(
        (person, p.slot_id)
        for p in placements
        for person in (p.request.requester_id, p.request.invitee_id)
    )
    assert max(busy.values()) == 1
    for placement in placements:
        if day.people[5].pk in (placement.request.requester_id, placement.request.invitee_id):
            assert placement.slot in day.slots[3:]
    assert "first_free" in run.report and run.report["first_free"]["placed"] == 7


def test_locked_meetings_stay_where_they_are(personas):
    day = b2b_day(personas.cluster_a)
    locked = MeetingPlacement.objects.create(
        cluster=day.event.cluster,
        request=day.requests[2],
        slot=day.slots[3],
        table=day.tables[1],
        locked=True,
    )

    run = run_now(day)

    assert run.status == RunStatus.DONE and run.report["locked"] == 1
    locked.refresh_from_db()
    assert (locked.slot, locked.table, locked.locked) == (day.slots[3], day.tables[1], True)
    assert len(day.placements()) == 4


def test_a_re_run_after_one_more_accepted_meeting_moves_no_meeting(personas):
    day = b2b_day(
        personas.cluster_a,
        people=6,
        sessions=(4,),
        tables=3,
        pairs=[(0, 1), (2, 3), (4, 5), (0, 2)],
    )
    run_now(day)
    before = {p.request_id: (p.slot_id, p.table_id) for p in day.placements()}

    day.accept(1, 4)
    run = run_now(day)

    after = {p.request_id: (p.slot_id, p.table_id) for p in day.placements()}
    assert run.report["placed"] == 5
    assert run.report["moved"] == 0
    assert all(after[meeting] == where for meeting, where in before.items())


def test_more_meetings_for_one_person_than_slots_leaves_some_unplaced_with_a_reason(personas):
    day = b2b_day(
        personas.cluster_a,
        people=5,
        sessions=(2,),
        tables=3,
        pairs=[(0, 1), (0, 2), (0, 3), (0, 4)],
    )

    run = run_now(day)

    assert run.status == RunStatus.DONE
    assert run.report["placed"] == 2
    assert [entry["code"] for entry in run.report["unplaced"]] == ["over_booked", "over_booked"]
    assert "4 accepted meetings and is available for 2 slots" in run.report["unplaced"][0]["reason"]
    assert len(day.placements()) == 2


def test_a_day_with_problems_is_not_scheduled_and_nothing_changes(personas):
    day = b2b_day(personas.cluster_a, tables=1)
    kept = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[0], slot=day.slots[0], table=day.tables[0]
    )
    # the first person can now meet only in the afternoon: the locked meeting is outside
    kept.locked = True
    kept.save()
    window(day.people[0], day.slots[2].starts_at, day.slots[3].ends_at)

    run = run_now(day)

    assert run.status == RunStatus.FAILED
    assert [problem["code"] for problem in run.problems] == ["locked_outside_availability"]
    assert run.problems[0]["params"]["participant"].startswith(day.people[0].display_name)
    assert [p.pk for p in day.placements()] == [kept.pk]


def test_a_day_without_tables_reports_it_in_plain_words(personas):
    day = b2b_day(personas.cluster_a, tables=0)

    run = run_now(day)

    assert run.status == RunStatus.FAILED
    assert run.problems[0]["message"] == "The day has meeting requests but no tables."
    assert day.placements() == []


def test_a_run_is_queued_and_runs_in_the_background(personas, django_capture_on_commit_callbacks):
    day = b2b_day(personas.cluster_a)
    with django_capture_on_commit_callbacks(execute=True):
        run = scheduler_run_start(event=day.event, actor=personas.manager_a, time_limit=5)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.started_at and run.finished_at
    assert run.requested_by == personas.manager_a
    assert len(day.placements()) == 4


def test_a_second_run_is_refused_while_one_is_waiting(personas):
    day = b2b_day(personas.cluster_a)
    scheduler_run_start(event=day.event, actor=personas.manager_a)  # queued: not committed yet
    with translation.override("en"), pytest.raises(DomainError) as refused:
        scheduler_run_start(event=day.event, actor=personas.manager_a)
    assert "already working on this day" in refused.value.message
    assert SchedulerRun.objects.filter(event=day.event).count() == 1


def test_a_time_limit_out_of_range_is_refused(personas):
    day = b2b_day(personas.cluster_a)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        scheduler_run_start(event=day.event, actor=personas.manager_a, time_limit=0)
    assert refused.value.message == "The time limit must be between 1 and 600 seconds."


def test_an_event_without_meetings_cannot_be_scheduled(personas):
    day = b2b_day(personas.cluster_a)
    day.event.has_meetings = False
    day.event.save()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        scheduler_run_start(event=day.event, actor=personas.manager_a)
    assert refused.value.message == "This event has no B2B meetings to schedule."


def test_a_run_that_is_not_queued_is_left_alone(personas):
    day = b2b_day(personas.cluster_a)
    run = SchedulerRun.objects.create(
        cluster=day.event.cluster, event=day.event, status=RunStatus.DONE
    )
    assert scheduler_run_execute(run=run).status == RunStatus.DONE
    assert day.placements() == []


def test_a_withdrawn_request_loses_its_slot_at_the_next_run(personas):
    day = b2b_day(personas.cluster_a)
    run_now(day)
    day.requests[0].status = RequestStatus.CANCELLED
    day.requests[0].save()

    run = run_now(day)

    assert run.report["placed"] == 3
    assert day.requests[0].pk not in {p.request_id for p in day.placements()}


def test_reasons_and_problems_are_worded_from_their_codes_with_the_engines_text_as_fallback():
    from ..queries.schedule import problem_text, unplaced_reason

    with translation.override("en"):
        over_booked = {
            "code": "over_booked",
            "reason": "engine text",
            "details": {"name": "Anna", "meetings": 4, "slots": 2, "names": ["Anna", "Ugo"]},
        }
        assert unplaced_reason(over_booked) == (
            "Anna has 4 accepted meetings and is available for 2 slots."
        )
        assert unplaced_reason({"code": "new_code", "reason": "engine text"}) == "engine text"
        overlap = {"code": "overlapping_slots", "message": "m", "params": {"slots": "09:00, 09:10"}}
        assert problem_text(overlap) == (
            "Two time slots overlap (09:00, 09:10): a person cannot be in both."
        )
        assert problem_text({"code": "overlapping_slots", "message": "m", "params": {}}) == "m"
