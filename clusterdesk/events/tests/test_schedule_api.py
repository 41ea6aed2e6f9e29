"""The schedule's API: start a run, read runs, list, move and lock placements, read an
agenda; roles and tenancy."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ..models import MeetingPlacement, RunStatus, SchedulerRun
from ..services.scheduling import scheduler_run_execute
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def base(day) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/c/tfc/events/{day.event.pk}"


def scheduled(day):  # type: ignore[no-untyped-def]
    run = SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event, time_limit=5)
    return scheduler_run_execute(run=run)


def test_the_manager_starts_a_run_and_reads_its_report(
    personas, django_capture_on_commit_callbacks
):
    day = b2b_day(personas.cluster_a)
    client = api(personas.manager_a)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"{base(day)}/scheduler-runs/", {"time_limit": 5}, format="json")
    assert started.status_code == 202
    assert started.json()["status"] == RunStatus.QUEUED
    run = client.get(f"{base(day)}/scheduler-runs/{started.json()['id']}/").json()
    assert run["status"] == RunStatus.DONE
    assert run["report"]["placed"] == 4
    listed = client.get(f"{base(day)}/scheduler-runs/").json()
    assert [row["id"] for row in listed["results"]] == [run["id"]]


def test_a_second_run_and_a_bad_time_limit_are_refused_in_one_shape(personas):
    day = b2b_day(personas.cluster_a)
    SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event)
    client = api(personas.manager_a)
    busy = client.post(f"{base(day)}/scheduler-runs/", {}, format="json")
    assert busy.status_code == 400
    assert "already working on this day" in busy.json()["error"]["message"]
    wrong = client.post(f"{base(day)}/scheduler-runs/", {"time_limit": 0}, format="json")
    assert wrong.status_code == 400 and "time_limit" in wrong.json()["error"]["fields"]


def test_placements_are_listed_moved_and_locked(personas):
    day = b2b_day(personas.cluster_a, tables=3)
    scheduled(day)
    client = api(personas.manager_a)
    listed = client.get(f"{base(day)}/placements/").json()["results"]
    assert len(listed) == 4
    placement = MeetingPlacement.objects.get(pk=listed[0]["id"])
    free = next(
        t
        for t in day.tables
        if not MeetingPlacement.objects.filter(slot=placement.slot, table=t).exists()
    )
    moved = client.patch(
        f"{base(day)}/placements/{placement.pk}/", {"table": free.pk}, format="json"
    )
    assert moved.status_code == 200
    assert moved.json()["table"] == free.pk and moved.json()["locked"] is True
    unlocked = client.patch(
        f"{base(day)}/placements/{placement.pk}/", {"locked": False}, format="json"
    )
    assert unlocked.json()["locked"] is False


def test_a_move_to_a_taken_table_or_a_foreign_slot_is_refused(personas):
    day = b2b_day(personas.cluster_a, tables=2, pairs=[(0, 1), (2, 3)])
    other = b2b_day(personas.cluster_a, pairs=[])
    first = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[0], slot=day.slots[0], table=day.tables[0]
    )
    second = MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=day.requests[1], slot=day.slots[1], table=day.tables[0]
    )
    client = api(personas.manager_a)
    taken = client.patch(
        f"{base(day)}/placements/{second.pk}/", {"slot": day.slots[0].pk}, format="json"
    )
    assert taken.status_code == 400
    assert "is already taken at" in taken.json()["error"]["message"]
    foreign = client.patch(
        f"{base(day)}/placements/{first.pk}/", {"slot": other.slots[0].pk}, format="json"
    )
    assert foreign.status_code == 400
    assert foreign.json()["error"]["fields"]["slot"] == ["Choose a time slot of this event."]


def test_the_board_reads_but_does_not_write(personas):
    day = b2b_day(personas.cluster_a)
    scheduled(day)
    board = api(personas.board_a)
    assert board.get(f"{base(day)}/placements/").status_code == 200
    assert board.post(f"{base(day)}/scheduler-runs/", {}, format="json").status_code == 403


def test_an_agenda_reads_as_json_and_a_member_sees_only_their_organisations(personas):
    day = b2b_day(personas.cluster_a, organisations=[personas.member_organisation_a])
    scheduled(day)
    agenda = api(personas.manager_a).get(f"{base(day)}/registrations/{day.people[0].pk}/agenda/")
    body = agenda.json()
    assert agenda.status_code == 200
    assert body["meetings"] == 2 and len(body["entries"]) == 4
    free = [entry for entry in body["entries"] if entry["other"] is None]
    assert len(free) == 2 and all(entry["table"] is None for entry in free)
    member = api(personas.member_a)
    assert member.get(f"{base(day)}/registrations/{day.people[0].pk}/agenda/").status_code == 200
    assert member.get(f"{base(day)}/registrations/{day.people[1].pk}/agenda/").status_code == 404
    assert member.get(f"{base(day)}/placements/").status_code == 403


def test_every_endpoint_is_a_404_for_another_clusters_manager(personas):
    day = b2b_day(personas.cluster_a)
    run = scheduled(day)
    placement = MeetingPlacement.objects.filter(request__event=day.event).first()
    client = api(personas.manager_b)
    for path in (
        "/scheduler-runs/",
        f"/scheduler-runs/{run.pk}/",
        "/placements/",
        f"/placements/{placement.pk}/",
        f"/registrations/{day.people[0].pk}/agenda/",
    ):
        assert client.get(base(day) + path).status_code == 404, path
    assert client.post(f"{base(day)}/scheduler-runs/", {}, format="json").status_code == 404
    assert (
        client.patch(f"{base(day)}/placements/{placement.pk}/", {"locked": True}, format="json")
    ).status_code == 404
    # B's own cluster does not hold A's event either
    assert client.get(f"/api/v1/c/isim/events/{day.event.pk}/placements/").status_code == 404
