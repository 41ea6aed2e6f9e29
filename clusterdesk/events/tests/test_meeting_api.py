"""The meeting-day API: sessions, tables, slots, availability and requests through the same
services as the pages, its error shape, a member representative's limits and 404 for another
cluster on every endpoint."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdesk.api.tests.support import token_client
from clusterdesk.events.models import MeetingRequest, RequestStatus
from clusterdesk.events.tests.factories import MeetingRequestFactory
from clusterdesk.tenancy.models import AuditEntry

from .test_meeting_setup_helpers import at, person, ready_day

pytestmark = pytest.mark.django_db


def api(name, event, *args):  # type: ignore[no-untyped-def]
    return reverse(name, args=[event.cluster.slug, event.pk, *args])


@pytest.fixture
def manager(personas):  # type: ignore[no-untyped-def]
    client = token_client(personas.manager_a)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_manager_adds_a_session_and_reads_its_slots(personas, manager):
    event, _people = ready_day(personas.cluster_a)
    answer = manager.post(
        api("api-meeting-sessions", event),
        {"name": "Afternoon", "starts_at": at(event, 14).isoformat(),
         "ends_at": at(event, 17).isoformat(), "slot_minutes": 20, "break_minutes": 5},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 201, answer.json()
    assert len(manager.get(api("api-meeting-slots", event)).json()) == 14
    assert AuditEntry.objects.filter(object_type="session", source="api").exists()
    listed = manager.get(api("api-meeting-sessions", event)).json()
    assert [s["slots"] for s in listed] == [7, 7]


def test_an_overlapping_session_is_a_400_in_the_one_error_shape(personas, manager):
    event, _people = ready_day(personas.cluster_a)
    answer = manager.post(
        api("api-meeting-sessions", event),
        {"name": "Brunch", "starts_at": at(event, 11).isoformat(),
         "ends_at": at(event, 13).isoformat()},
        format="json",
    )  # fmt: skip
    assert answer.status_code == 400
    assert "overlaps “Morning” (09:00–12:00)" in answer.json()["error"]["message"]


def test_tables_are_added_renamed_and_removed(personas, manager):
    event, _people = ready_day(personas.cluster_a, tables=1)
    made = manager.post(api("api-meeting-tables", event), {"count": 2}, format="json")
    assert [t["label"] for t in made.json()] == ["T2", "T3"]
    table = made.json()[0]["id"]
    manager.patch(api("api-meeting-table", event, table), {"label": "Sala Verde"}, format="json")
    assert manager.delete(api("api-meeting-table", event, table)).status_code == 204
    assert [t["label"] for t in manager.get(api("api-meeting-tables", event)).json()] == [
        "T1",
        "T3",
    ]


def test_availability_is_read_and_replaced_and_outside_the_event_is_refused(personas, manager):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    address = api("api-meeting-availability", event, anna.pk)
    assert manager.get(address).json() == {"registration": anna.pk, "windows": []}
    refused = manager.put(
        address,
        {
            "windows": [
                {"starts_at": at(event, 7).isoformat(), "ends_at": at(event, 10).isoformat()}
            ]
        },
        format="json",
    )
    assert refused.json()["error"]["message"] == "07:00–10:00 is outside the event (09:00–18:00)."
    manager.put(
        address,
        {
            "windows": [
                {"starts_at": at(event, 9).isoformat(), "ends_at": at(event, 10).isoformat()}
            ]
        },
        format="json",
    )
    assert len(manager.get(address).json()["windows"]) == 1


def test_requests_are_made_accepted_declined_and_withdrawn(personas, manager):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    made = manager.post(
        api("api-meeting-requests", event),
        {"requester": anna.pk, "invitee": bruno.pk, "message": "About wool"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    accepted = manager.post(
        api("api-meeting-request-accept", event, pk), {"answer": "Yes"}, format="json"
    )
    assert accepted.json()["status"] == RequestStatus.ACCEPTED
    other = MeetingRequestFactory(event=event, requester=carla, invitee=bruno)
    manager.post(api("api-meeting-request-decline", event, other.pk), {}, format="json")
    manager.post(api("api-meeting-request-withdraw", event, pk), {}, format="json")
    assert dict(MeetingRequest.objects.values_list("pk", "status")) == {
        pk: RequestStatus.CANCELLED,
        other.pk: RequestStatus.DECLINED,
    }


def test_a_request_to_oneself_is_a_400_naming_the_field(personas, manager):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    answer = manager.post(
        api("api-meeting-requests", event),
        {"requester": anna.pk, "invitee": anna.pk},
        format="json",
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["invitee"] == [
        "This is a request to oneself: choose someone of another organisation."
    ]


def test_a_member_representative_sees_and_acts_for_their_organisation_only(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    mine = person(event, organisation=personas.member_organisation_a)
    others = MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    received = MeetingRequestFactory(event=event, requester=anna, invitee=mine)
    member = token_client(personas.member_a)
    listed = member.get(api("api-meeting-requests", event)).json()
    ids = [row["id"] for row in (listed["results"] if isinstance(listed, dict) else listed)]
    assert ids == [received.pk]
    assert (
        member.post(
            api("api-meeting-request-accept", event, others.pk), {}, format="json"
        ).status_code
        == 404
    )
    assert member.get(api("api-meeting-availability", event, anna.pk)).status_code == 404
    refused = member.post(
        api("api-meeting-requests", event),
        {"requester": anna.pk, "invitee": bruno.pk},
        format="json",
    )
    assert refused.status_code == 400
    assert member.post(api("api-meeting-sessions", event), {}, format="json").status_code == 403
    assert (
        member.post(
            api("api-meeting-request-accept", event, received.pk), {}, format="json"
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    "name,kind",
    [
        ("api-meeting-sessions", None),
        ("api-meeting-session", "session"),
        ("api-meeting-tables", None),
        ("api-meeting-table", "table"),
        ("api-meeting-slots", None),
        ("api-meeting-availability", "person"),
        ("api-meeting-requests", None),
        ("api-meeting-request-accept", "request"),
        ("api-meeting-request-decline", "request"),
        ("api-meeting-request-withdraw", "request"),
    ],
)
def test_another_clusters_manager_gets_404_on_every_endpoint(personas, name, kind):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    meeting = MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    ids = {
        "session": event.sessions.get().pk,
        "table": event.tables.first().pk,
        "person": anna.pk,
        "request": meeting.pk,
    }
    args = [ids[kind]] if kind else []
    client = token_client(personas.manager_b)
    for slug in (personas.cluster_a.slug, personas.cluster_b.slug):
        address = reverse(name, args=[slug, event.pk, *args])
        assert client.get(address).status_code in ((404, 405) if kind == "request" else (404,))
        assert client.post(address, {}, format="json").status_code in (404, 405)
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.PENDING
