"""The events' API: the same rules as the pages, tenancy and roles on every endpoint."""

from __future__ import annotations

import pytest

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.engagement.models import Involvement
from clusterdesk.events.models import Event
from clusterdesk.events.tests.factories import RegistrationFactory
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import at, make_event

pytestmark = pytest.mark.django_db


def api(path: str, slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/{path}"


def new_event(**changes):
    body = {
        "kind": "workshop",
        "title": "Digital product passports",
        "starts_at": at(15, 9).isoformat(),
        "ends_at": at(15, 13).isoformat(),
        "place": "Prato",
        "capacity": 30,
        "publish": True,
    }
    body.update(changes)
    return body


def test_the_team_creates_lists_and_changes_events(personas):
    client = token_client(personas.manager_a)
    response = client.post(api("events/"), new_event(), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "published" and created["involvement_days"] == "0.5"
    event = Event.objects.get(pk=created["id"])
    assert event.activity.source == "events"
    listed = client.get(api("events/")).json()["results"]
    assert [row["id"] for row in listed] == [event.pk]
    changed = client.patch(api(f"events/{event.pk}/"), {"capacity": 40}, format="json")
    assert changed.json()["capacity"] == 40


def test_bad_input_comes_back_in_plain_words(personas):
    client = token_client(personas.manager_a)
    error = assert_error(
        client.post(api("events/"), new_event(ends_at=at(14, 9).isoformat()), format="json"),
        400,
    )
    assert "ends before it starts" in error["fields"]["ends_at"][0]
    error = assert_error(
        client.post(api("events/"), new_event(place="", capacity=0), format="json"), 400
    )
    assert error["fields"]


def test_registrations_are_made_listed_cancelled_and_checked_in(personas):
    client = token_client(personas.manager_a)
    event = make_event(personas.cluster_a, capacity=1)
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    made = client.post(
        api(f"events/{event.pk}/registrations/"), {"contact": contact.pk}, format="json"
    )
    assert made.status_code == 201, made.content
    guest = client.post(
        api(f"events/{event.pk}/registrations/"),
        {"guest_name": "Ada", "guest_email": "ada@example.net"},
        format="json",
    ).json()
    assert guest["status"] == "waiting"
    twice = client.post(
        api(f"events/{event.pk}/registrations/"), {"contact": contact.pk}, format="json"
    )
    assert "already registered" in assert_error(twice, 400)["message"]
    registration_id = made.json()["id"]
    checked = client.post(api(f"events/{event.pk}/registrations/{registration_id}/check-in/"))
    assert checked.json()["checked_in_at"]
    assert Involvement.objects.filter(activity_id=event.activity_id).count() == 1
    undone = client.delete(api(f"events/{event.pk}/registrations/{registration_id}/check-in/"))
    assert undone.json()["checked_in_at"] is None
    cancelled = client.post(api(f"events/{event.pk}/registrations/{registration_id}/cancel/"))
    assert cancelled.json()["status"] == "cancelled"
    rows = client.get(api(f"events/{event.pk}/registrations/")).json()["results"]
    assert [row["status"] for row in rows] == ["cancelled", "confirmed"]


def test_a_representative_sees_and_registers_only_their_organisations_people(personas):
    client = token_client(personas.member_a)
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event)  # another organisation's
    own = ContactFactory(organisation=personas.member_organisation_a)
    other = ContactFactory(organisation__cluster=personas.cluster_a)
    assert client.get(api(f"events/{event.pk}/registrations/")).json()["results"] == []
    made = client.post(api(f"events/{event.pk}/registrations/"), {"contact": own.pk}, format="json")
    assert made.status_code == 201
    refused = client.post(
        api(f"events/{event.pk}/registrations/"), {"contact": other.pk}, format="json"
    )
    assert "your organisation" in assert_error(refused, 400)["message"]
    assert_error(client.post(api("events/"), new_event(), format="json"), 403)
    registration_id = made.json()["id"]
    assert_error(
        client.post(api(f"events/{event.pk}/registrations/{registration_id}/check-in/")), 403
    )


def test_another_clusters_manager_gets_404_on_every_endpoint(personas):
    client = token_client(personas.manager_b)
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event)
    paths = [
        "events/",
        f"events/{event.pk}/",
        f"events/{event.pk}/registrations/",
    ]
    for path in paths:
        assert_error(client.get(api(path)), 404)
    own_cluster = [
        (client.get, f"events/{event.pk}/"),
        (client.patch, f"events/{event.pk}/"),
        (client.delete, f"events/{event.pk}/"),
        (client.post, f"events/{event.pk}/publish/"),
        (client.post, f"events/{event.pk}/cancel/"),
        (client.get, f"events/{event.pk}/registrations/"),
        (client.post, f"events/{event.pk}/registrations/{registration.pk}/cancel/"),
        (client.post, f"events/{event.pk}/registrations/{registration.pk}/check-in/"),
        (client.delete, f"events/{event.pk}/registrations/{registration.pk}/check-in/"),
    ]
    for method, path in own_cluster:
        assert_error(method(api(path, "isim"), format="json"), 404)
    assert Event.objects.get(pk=event.pk).status == "published"
