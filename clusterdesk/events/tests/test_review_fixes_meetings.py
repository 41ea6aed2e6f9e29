"""The reviewer's findings on the B2B meeting day, each with the test that shows it fixed:
changes made while the scheduler works are not overwritten and an abandoned run does not block
the day; simultaneous requests, accepts and hand moves are checked one at a time; new
availability that leaves out a placed meeting is refused unless the caller confirms."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from clusterdesk.lib.errors import DomainError

from ..models import MeetingPlacement, MeetingRequest, RequestStatus, RunStatus, SchedulerRun
from ..services import meeting_requests as requests_service
from ..services import placements as placements_service
from ..services import scheduling
from ..services.meeting_requests import (
    meeting_request_accept,
    meeting_request_create,
    meeting_request_withdraw,
)
from ..services.meeting_setup import availability_replace
from ..services.placements import placement_create, placement_move
from ..services.scheduling import scheduler_run_execute, scheduler_run_start
from .test_meeting_setup_helpers import at, ready_day
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def run_now(day):  # type: ignore[no-untyped-def]
    run = SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event, time_limit=5)
    return scheduler_run_execute(run=run)


def while_solving(monkeypatch, change):  # type: ignore[no-untyped-def]
    """Make ``change(schedule)`` happen after the solver found its schedule and before it is
    saved, as an organiser or a participant would while a long run works."""
    real = scheduling.schedule_meetings

    def solve_then_change(day, solver_settings):  # type: ignore[no-untyped-def]
        schedule = real(day, solver_settings)
        change(schedule)
        return schedule

    monkeypatch.setattr(scheduling, "schedule_meetings", solve_then_change)


def where(day):  # type: ignore[no-untyped-def]
    return {p.request_id: (p.slot_id, p.table_id, p.locked) for p in day.placements()}


# --------------------------------------------------------------------------- 1. the scheduler


def test_a_request_withdrawn_while_the_scheduler_works_gets_no_slot(personas, monkeypatch):
    day = b2b_day(personas.cluster_a)
    withdrawn = day.requests[0]
    while_solving(
        monkeypatch, lambda _schedule: meeting_request_withdraw(meeting=withdrawn, actor=None)
    )

    run = run_now(day)

    assert run.status == RunStatus.DONE
    assert withdrawn.pk not in where(day)
    assert len(where(day)) == 3
    assert run.report["changed_during_run"] == 1


def test_a_meeting_moved_and_locked_while_the_scheduler_works_stays_where_it_was_put(
    personas, monkeypatch
):
    day = b2b_day(personas.cluster_a, tables=3)
    run_now(day)
    moved = MeetingPlacement.objects.get(request=day.requests[0])
    taken = {(p.slot_id, p.table_id) for p in day.placements()}
    # the other meetings of its two people (0 and 1): requests 2 (0, 2) and 3 (1, 3)
    others = (day.requests[2].pk, day.requests[3].pk)
    busy = {p.slot_id for p in day.placements() if p.request_id in others}
    free = next(
        (slot, table)
        for slot in day.slots
        for table in day.tables
        if slot.pk != moved.slot_id and slot.pk not in busy and (slot.pk, table.pk) not in taken
    )
    while_solving(
        monkeypatch,
        lambda _schedule: placement_move(
            placement=MeetingPlacement.objects.get(pk=moved.pk),
            slot=free[0],
            table=free[1],
            actor=personas.manager_a,
        ),
    )

    run = run_now(day)

    assert run.status == RunStatus.DONE
    assert where(day)[day.requests[0].pk] == (free[0].pk, free[1].pk, True)
    assert len(where(day)) == 4
    assert run.report["changed_during_run"] == 1


def test_meetings_placed_by_hand_while_the_scheduler_works_are_kept_and_the_run_succeeds(
    personas, monkeypatch
):
    day = b2b_day(personas.cluster_a, people=6, tables=3)
    anna, carla = day.people[0], day.people[5]
    placed_by_hand = []

    def place_by_hand(schedule):  # type: ignore[no-untyped-def]
        result = {p.meeting: p for p in schedule.placements}
        first = result[day.requests[0].pk]  # people 0 and 1
        second = result[day.requests[2].pk]  # people 0 and 2
        used = {(p.slot, p.table) for p in schedule.placements}
        free_table = next(t for t in day.tables if (second.slot, t.pk) not in used)
        # the same table and slot as a meeting of the new schedule
        same_table = day.accept(4, 5)
        placed_by_hand.append(
            placement_create(
                request=same_table,
                slot=next(s for s in day.slots if s.pk == first.slot),
                table=next(t for t in day.tables if t.pk == first.table),
                actor=personas.manager_a,
            )
        )
        # the same person at the same time as a meeting of the new schedule
        same_person = MeetingRequest.objects.create(
            cluster=day.event.cluster,
            event=day.event,
            requester=anna,
            invitee=carla,
            status=RequestStatus.ACCEPTED,
        )
        placed_by_hand.append(
            placement_create(
                request=same_person,
                slot=next(s for s in day.slots if s.pk == second.slot),
                table=free_table,
                actor=personas.manager_a,
            )
        )

    while_solving(monkeypatch, place_by_hand)

    run = run_now(day)

    assert run.status == RunStatus.DONE, run.error
    placed = where(day)
    for placement in placed_by_hand:
        assert placed[placement.request_id] == (placement.slot_id, placement.table_id, True)
    assert day.requests[0].pk not in placed and day.requests[2].pk not in placed
    assert run.report["changed_during_run"] == 2
    busy = [
        (person, p.slot_id)
        for p in day.placements()
        for person in (p.request.requester_id, p.request.invitee_id)
    ]
    assert len(busy) == len(set(busy))


def test_the_report_says_when_results_were_left_out_because_the_day_changed(
    personas, manager_a_client
):
    day = b2b_day(personas.cluster_a)
    SchedulerRun.objects.create(
        cluster=day.event.cluster,
        event=day.event,
        status=RunStatus.DONE,
        report={"placed": 3, "requested": 4, "changed_during_run": 2},
        finished_at=timezone.now(),
    )
    manager_a_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = manager_a_client.get(
        f"/c/{personas.cluster_a.slug}/events/{day.event.pk}/schedule/"
    ).content.decode()
    assert (
        "2 meetings of this schedule were left out because the day changed while the "
        "scheduler worked" in page
    )


def test_a_run_abandoned_by_a_crashed_worker_does_not_block_the_day(personas):
    day = b2b_day(personas.cluster_a)
    long_ago = timezone.now() - timedelta(seconds=30) - timedelta(minutes=11)
    abandoned = SchedulerRun.objects.create(
        cluster=day.event.cluster,
        event=day.event,
        time_limit=30,
        status=RunStatus.RUNNING,
        started_at=long_ago,
    )
    queued = SchedulerRun.objects.create(
        cluster=day.event.cluster, event=day.event, time_limit=30, status=RunStatus.QUEUED
    )
    SchedulerRun.objects.filter(pk=queued.pk).update(created_at=long_ago)

    run = scheduler_run_start(event=day.event, actor=personas.manager_a)

    assert run.status == RunStatus.QUEUED
    for old in (abandoned, queued):
        old.refresh_from_db()
        assert old.status == RunStatus.FAILED and old.finished_at is not None
        assert old.error == (
            "The run never finished (the background worker stopped); it was given up."
        )


def test_a_run_still_within_its_time_limit_keeps_blocking_the_day(personas):
    day = b2b_day(personas.cluster_a)
    working = SchedulerRun.objects.create(
        cluster=day.event.cluster,
        event=day.event,
        time_limit=600,
        status=RunStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=15),
    )
    with pytest.raises(DomainError) as refused:
        scheduler_run_start(event=day.event, actor=personas.manager_a)
    assert "already working on this day" in refused.value.message
    working.refresh_from_db()
    assert working.status == RunStatus.RUNNING


# --------------------------------------------------------------------------- 2. at the same time

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two connections writing at once need PostgreSQL (the test SQLite is in memory)",
)


def at_once(monkeypatch, module, name, first, second, *, pause_before=False):  # type: ignore[no-untyped-def]
    """Run ``first`` and ``second`` in two threads with their own connections; ``first``
    waits inside ``module.name`` (the check, or just before the write) until ``second`` got
    there too, or gives up after a moment when ``second`` is kept out by a lock."""
    real = getattr(module, name)
    first_inside, second_inside = threading.Event(), threading.Event()

    def paused(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = None if pause_before else real(*args, **kwargs)
        if threading.current_thread().name == "first":
            first_inside.set()
            second_inside.wait(timeout=2)
        else:
            second_inside.set()
        return real(*args, **kwargs) if pause_before else result

    monkeypatch.setattr(module, name, paused)
    outcomes: dict[str, object] = {}

    def run(label, action):  # type: ignore[no-untyped-def]
        try:
            with translation.override("en"):
                outcomes[label] = action()
        except DomainError as refused:
            outcomes[label] = refused
        except Exception as error:  # noqa: BLE001 - shown in the assertion
            outcomes[label] = error
        finally:
            first_inside.set()
            connection.close()

    one = threading.Thread(target=run, args=("first", first), name="first")
    one.start()
    first_inside.wait(timeout=10)
    two = threading.Thread(target=run, args=("second", second), name="second")
    two.start()
    one.join(timeout=30)
    two.join(timeout=30)
    return outcomes["first"], outcomes["second"]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_requests_in_opposite_directions_at_once_make_one_request(personas, monkeypatch):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)

    first, second = at_once(
        monkeypatch,
        requests_service,
        "request_problem",
        lambda: meeting_request_create(requester=anna, invitee=bruno, actor=None, notify=False),
        lambda: meeting_request_create(requester=bruno, invitee=anna, actor=None, notify=False),
    )

    assert isinstance(first, MeetingRequest)
    assert isinstance(second, DomainError), second
    assert "already have a request" in second.message
    assert MeetingRequest.objects.filter(event=event).count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_accepts_at_once_do_not_pass_a_quota(personas, monkeypatch):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    bruno.meeting_quota = 1
    bruno.save()
    one = meeting_request_create(requester=anna, invitee=bruno, actor=None, notify=False)
    two = meeting_request_create(requester=carla, invitee=bruno, actor=None, notify=False)

    first, second = at_once(
        monkeypatch,
        requests_service,
        "_answer",
        lambda: meeting_request_accept(meeting=one, actor=None, notify=False),
        lambda: meeting_request_accept(meeting=two, actor=None, notify=False),
        pause_before=True,
    )

    assert isinstance(first, MeetingRequest)
    assert isinstance(second, DomainError), second
    assert second.message == f"{bruno.display_name} already has 1 accepted meetings, their quota."
    accepted = MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
    assert accepted.count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_hand_moves_at_once_do_not_double_book_a_person(personas, monkeypatch):
    day = b2b_day(personas.cluster_a, people=3, pairs=[(0, 1), (0, 2)], tables=2)
    one = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[0], slot=day.slots[0], table=day.tables[0]
    )
    two = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[1], slot=day.slots[1], table=day.tables[0]
    )

    first, second = at_once(
        monkeypatch,
        placements_service,
        "placement_problems",
        lambda: placement_move(
            placement=one, slot=day.slots[3], table=day.tables[0], actor=personas.manager_a
        ),
        lambda: placement_move(
            placement=two, slot=day.slots[3], table=day.tables[1], actor=personas.manager_a
        ),
    )

    assert isinstance(first, MeetingPlacement)
    assert isinstance(second, DomainError), second
    assert f"{day.people[0].display_name} already has a meeting at" in second.message
    assert MeetingPlacement.objects.filter(slot=day.slots[3]).count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_meetings_placed_by_hand_at_once_do_not_double_book_a_person(personas, monkeypatch):
    day = b2b_day(personas.cluster_a, people=3, pairs=[(0, 1), (0, 2)], tables=2)

    first, second = at_once(
        monkeypatch,
        placements_service,
        "placement_problems",
        lambda: placement_create(
            request=day.requests[0], slot=day.slots[0], table=day.tables[0], actor=None
        ),
        lambda: placement_create(
            request=day.requests[1], slot=day.slots[0], table=day.tables[1], actor=None
        ),
    )

    assert isinstance(first, MeetingPlacement)
    assert isinstance(second, DomainError), second
    assert MeetingPlacement.objects.filter(slot=day.slots[0]).count() == 1


# --------------------------------------------------------------------------- 3. availability


def _placed_morning(personas, *, locked=False):  # type: ignore[no-untyped-def]
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    meeting = MeetingRequest.objects.create(
        cluster=event.cluster,
        event=event,
        requester=anna,
        invitee=bruno,
        status=RequestStatus.ACCEPTED,
    )
    placement = MeetingPlacement.objects.create(
        cluster=event.cluster,
        request=meeting,
        slot=event.slots.order_by("starts_at").first(),  # 09:00
        table=event.tables.first(),
        locked=locked,
    )
    return event, anna, bruno, placement


def test_new_availability_that_leaves_out_a_placed_meeting_is_refused_in_plain_words(personas):
    event, anna, bruno, placement = _placed_morning(personas)
    later = [(at(event, 10), at(event, 12))]

    with pytest.raises(DomainError) as refused:
        availability_replace(registration=anna, actor=None, windows=later)

    assert refused.value.message == (
        f"This availability leaves out a meeting already placed: 09:00 with "
        f"{bruno.display_name}. Confirm that it leaves the schedule, or keep the times."
    )
    assert refused.value.field == "drop_placements"
    assert anna.availability.count() == 0
    assert MeetingPlacement.objects.filter(pk=placement.pk).exists()


def test_confirmed_new_availability_takes_the_meetings_it_leaves_out_off_the_schedule(personas):
    event, anna, bruno, placement = _placed_morning(personas)

    availability_replace(
        registration=bruno,
        actor=None,
        windows=[(at(event, 10), at(event, 12))],
        drop_placements=True,
    )

    assert bruno.availability.count() == 1
    assert not MeetingPlacement.objects.filter(pk=placement.pk).exists()
    assert placement.request.status == RequestStatus.ACCEPTED  # it waits for the next run


def test_new_availability_that_keeps_the_placed_meetings_needs_no_confirmation(personas):
    event, anna, bruno, placement = _placed_morning(personas)
    availability_replace(registration=anna, actor=None, windows=[(at(event, 9), at(event, 11))])
    assert MeetingPlacement.objects.filter(pk=placement.pk).exists()


def test_new_availability_never_removes_a_meeting_the_organiser_fixed(personas):
    event, anna, bruno, placement = _placed_morning(personas, locked=True)

    with pytest.raises(DomainError) as refused:
        availability_replace(
            registration=anna,
            actor=None,
            windows=[(at(event, 10), at(event, 12))],
            drop_placements=True,
        )

    assert refused.value.message == (
        f"The organiser fixed the meeting at 09:00 with {bruno.display_name}: "
        "unlock or move it first."
    )
    assert MeetingPlacement.objects.filter(pk=placement.pk).exists()


def test_the_availability_page_asks_to_confirm_and_then_takes_the_meeting_off(personas):
    from django.urls import reverse

    event, anna, _bruno, placement = _placed_morning(personas)
    page = reverse("events:meeting_person", args=[event.cluster.slug, event.pk, anna.pk])
    client = personas.client_for(personas.manager_a)
    day = timezone.localtime(event.starts_at).date().isoformat()
    form = {
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        "windows-0-day": day,
        "windows-0-starts": "10:00",
        "windows-0-ends": "12:00",
        "meeting_quota": "",
    }

    refused = client.post(page, form, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200
    assert 'name="drop_placements"' in refused.content.decode()
    assert MeetingPlacement.objects.filter(pk=placement.pk).exists()

    confirmed = client.post(page, {**form, "drop_placements": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert confirmed.status_code == 302
    assert not MeetingPlacement.objects.filter(pk=placement.pk).exists()
