"""The organiser's schedule pages: run the scheduler, read the report and the grid, lock, move
and place meetings by hand; who may do what; fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import MeetingPlacement, RunStatus, SchedulerRun
from ..services.scheduling import scheduler_run_execute
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name, day, *args):  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=["tfc", day.event.pk, *args])


def scheduled(day):  # type: ignore[no-untyped-def]
    run = SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event, time_limit=5)
    return scheduler_run_execute(run=run)


def test_the_manager_runs_the_scheduler_and_reads_the_report_and_grid(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    day = b2b_day(
        personas.cluster_a,
        people=5,
        sessions=(2,),
        tables=3,
        pairs=[(0, 1), (0, 2), (0, 3), (0, 4)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(url("schedule_run", day), {"time_limit": 5}, **EN)
    assert response.status_code == 302

    page = manager_a_client.get(url("schedule", day), **EN)

    text = page.content.decode()
    assert "2 of 4 accepted meetings placed" in text
    assert "Proven optimal" in text
    assert "at least 100 % of the best possible" in text
    assert "first-free-slot method places 2 meetings" in text
    assert "2 accepted meetings without a slot" in text
    assert "has 4 accepted meetings and is available for 2 slots" in text
    assert text.count('data-testid="grid-meeting"') == 2
    assert day.people[0].display_name in text
    assert "<svg" in text


def test_a_day_with_problems_shows_them_in_plain_words(personas, manager_a_client):
    day = b2b_day(personas.cluster_a, tables=0)
    scheduled(day)
    page = manager_a_client.get(url("schedule", day), **EN)
    text = page.content.decode()
    assert "The day could not be scheduled; nothing was changed." in text
    assert "The day has meeting requests but no tables." in text


def test_a_second_run_is_refused_in_plain_words(personas, manager_a_client):
    day = b2b_day(personas.cluster_a)
    SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event)  # queued
    response = manager_a_client.post(url("schedule_run", day), {"time_limit": 5}, follow=True, **EN)
    assert "already working on this day" in response.content.decode()
    assert SchedulerRun.objects.filter(event=day.event).count() == 1


def test_the_page_polls_while_the_run_waits_and_reloads_when_it_is_done(personas, manager_a_client):
    day = b2b_day(personas.cluster_a)
    run = SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event)
    page = manager_a_client.get(url("schedule", day), **EN)
    assert "hx-get" in page.content.decode() and 'data-testid="run-status"' in page.content.decode()

    waiting = manager_a_client.get(url("schedule_run_status", day, run.pk), HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200 and b"every 1s" in waiting.content

    run.status = RunStatus.DONE
    run.save()
    done = manager_a_client.get(url("schedule_run_status", day, run.pk), HTTP_HX_REQUEST="true")
    assert done.headers.get("HX-Refresh") == "true"


def test_the_board_reads_the_schedule_but_cannot_run_it(personas):
    day = b2b_day(personas.cluster_a)
    board = personas.client_for(personas.board_a)
    page = board.get(url("schedule", day), **EN)
    assert page.status_code == 200
    assert b"Run the scheduler" not in page.content
    assert board.post(url("schedule_run", day), {"time_limit": 5}).status_code == 403


def test_a_member_representative_cannot_open_the_schedule(personas):
    day = b2b_day(personas.cluster_a)
    member = personas.client_for(personas.member_a)
    assert member.get(url("schedule", day)).status_code == 403


def test_the_manager_locks_and_unlocks_a_meeting(personas, manager_a_client):
    day = b2b_day(personas.cluster_a)
    scheduled(day)
    placement = day.placements()[0]
    manager_a_client.post(url("placement_lock", day, placement.pk), {"locked": "1"})
    placement.refresh_from_db()
    assert placement.locked
    page = manager_a_client.get(url("schedule", day), **EN)
    assert page.content.decode().count('class="m locked"') == 1
    manager_a_client.post(url("placement_lock", day, placement.pk), {"locked": "0"})
    placement.refresh_from_db()
    assert not placement.locked


def test_the_manager_moves_a_meeting_to_a_free_table_and_it_is_locked(personas, manager_a_client):
    day = b2b_day(personas.cluster_a, tables=3)
    scheduled(day)
    placement = day.placements()[0]
    free_table = next(
        table
        for table in day.tables
        if not MeetingPlacement.objects.filter(slot=placement.slot, table=table).exists()
    )
    response = manager_a_client.post(
        url("placement_move", day, placement.pk),
        {"slot": placement.slot_id, "table": free_table.pk},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.table == free_table and placement.locked


def test_a_move_to_a_taken_table_or_a_busy_person_is_refused(personas, manager_a_client):
    day = b2b_day(
        personas.cluster_a, people=4, sessions=(2,), tables=2, pairs=[(0, 1), (2, 3), (0, 2)]
    )
    first = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[0], slot=day.slots[0], table=day.tables[0]
    )
    MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[1], slot=day.slots[0], table=day.tables[1]
    )
    third = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[2], slot=day.slots[1], table=day.tables[0]
    )

    taken = manager_a_client.post(
        url("placement_move", day, third.pk),
        {"slot": day.slots[0].pk, "table": day.tables[1].pk},
        **EN,
    )

    assert taken.status_code == 400
    text = taken.content.decode()
    assert f"Table {day.tables[1].label} is already taken at" in text
    assert f"{day.people[0].display_name} already has a meeting at" in text
    third.refresh_from_db()
    assert third.slot == day.slots[1] and not third.locked
    first.refresh_from_db()
    assert first.slot == day.slots[0]


def test_a_move_outside_someones_availability_is_refused(personas, manager_a_client):
    from ..models import AvailabilityWindow

    day = b2b_day(personas.cluster_a, pairs=[(0, 1)])
    placement = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[0], slot=day.slots[0], table=day.tables[0]
    )
    AvailabilityWindow.objects.create(
        cluster=day.event.cluster,
        registration=day.people[1],
        starts_at=day.slots[0].starts_at,
        ends_at=day.slots[1].ends_at,
    )
    refused = manager_a_client.post(
        url("placement_move", day, placement.pk),
        {"slot": day.slots[3].pk, "table": day.tables[0].pk},
        **EN,
    )
    assert refused.status_code == 400
    assert f"{day.people[1].display_name} is not available at" in refused.content.decode()


def test_the_manager_places_an_unplaced_meeting_by_hand_and_it_is_locked(
    personas, manager_a_client
):
    day = b2b_day(personas.cluster_a, pairs=[(0, 1)])
    page = manager_a_client.get(url("schedule", day), **EN)
    assert "Accepted after the last run of the scheduler." in page.content.decode()
    response = manager_a_client.post(
        url("request_place", day, day.requests[0].pk),
        {"slot": day.slots[2].pk, "table": day.tables[0].pk},
    )
    assert response.status_code == 302
    placement = MeetingPlacement.objects.get(request=day.requests[0])
    assert placement.locked and placement.slot == day.slots[2]


def test_a_slot_of_another_event_is_not_offered(personas, manager_a_client):
    day = b2b_day(personas.cluster_a, pairs=[(0, 1)])
    other = b2b_day(personas.cluster_a, pairs=[])
    response = manager_a_client.post(
        url("request_place", day, day.requests[0].pk),
        {"slot": other.slots[0].pk, "table": day.tables[0].pk},
        **EN,
    )
    assert response.status_code == 400
    assert not MeetingPlacement.objects.exists()


def test_the_print_grid_and_table_cards_show_the_meetings(personas, manager_a_client):
    day = b2b_day(personas.cluster_a)
    scheduled(day)
    grid = manager_a_client.get(url("schedule_grid", day), **EN)
    assert grid.content.decode().count('data-testid="grid-meeting"') == 4
    assert b"@media print" in grid.content


def test_every_schedule_page_is_a_404_for_another_clusters_manager(personas, manager_b_client):
    day = b2b_day(personas.cluster_a)
    scheduled(day)
    placement = day.placements()[0]
    run = SchedulerRun.objects.get(event=day.event)
    pages = [
        url("schedule", day),
        url("schedule_grid", day),
        url("schedule_run_status", day, run.pk),
        url("placement_move", day, placement.pk),
        url("request_place", day, day.requests[0].pk),
        url("table_cards", day),
        url("table_cards_pdf", day),
        url("agendas_pdf", day),
        url("agenda", day, day.people[0].pk),
        url("agenda_pdf", day, day.people[0].pk),
        url("agenda_ics", day, day.people[0].pk),
    ]
    for page in pages:
        assert manager_b_client.get(page).status_code == 404, page
    for action in (url("schedule_run", day), url("placement_lock", day, placement.pk)):
        assert manager_b_client.post(action, {"time_limit": 5, "locked": "1"}).status_code == 404
    assert SchedulerRun.objects.filter(event=day.event).count() == 1


def test_another_events_placement_is_a_404(personas, manager_a_client):
    day = b2b_day(personas.cluster_a)
    other = b2b_day(personas.cluster_a)
    scheduled(other)
    foreign = other.placements()[0]
    assert manager_a_client.get(url("placement_move", day, foreign.pk)).status_code == 404


def test_the_schedule_page_costs_a_fixed_number_of_queries(
    personas, manager_a_client, django_assert_max_num_queries
):
    pairs = [(i, (i + k) % 30) for i in range(30) for k in (1, 2)]
    day = b2b_day(personas.cluster_a, people=30, sessions=(6, 6), tables=8, pairs=pairs)
    scheduled(day)
    assert len(day.placements()) == 60
    with django_assert_max_num_queries(20):
        page = manager_a_client.get(url("schedule", day), **EN)
    assert page.content.decode().count('data-testid="grid-meeting"') == 60
    with django_assert_max_num_queries(15):
        manager_a_client.get(url("schedule_grid", day), **EN)
    with django_assert_max_num_queries(15):
        manager_a_client.get(url("table_cards", day), **EN)
