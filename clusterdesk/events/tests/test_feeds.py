"""Calendar feeds: the cluster's (published events, cancelled ones marked, no drafts, never
another cluster's), a person's (their confirmed events), a single event's .ics, and a new
address that makes the old one stop working."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from clusterdesk.events import services
from clusterdesk.events.models import EventStatus
from clusterdesk.events.tests.factories import RegistrationFactory

from .events_helpers import make_event

pytestmark = pytest.mark.django_db


def feed_url(feed) -> str:
    return reverse("events_public:feed", args=[feed.token])


def summaries(response) -> dict[str, str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(item["summary"]): str(item["status"]) for item in calendar.walk("VEVENT")}


def test_the_cluster_feed_has_its_published_and_cancelled_events_only(personas, client):
    make_event(personas.cluster_a, title="Published one")
    make_event(personas.cluster_a, title="Draft one", status=EventStatus.DRAFT)
    cancelled = make_event(personas.cluster_a, title="Cancelled one")
    services.event_cancel(event=cancelled, actor=None)
    make_event(personas.cluster_b, title="Their event")
    feed = services.cluster_feed(cluster=personas.cluster_a)
    assert summaries(client.get(feed_url(feed))) == {
        "Published one": "CONFIRMED",
        "Cancelled one": "CANCELLED",
    }


def test_the_cluster_feed_speaks_the_clusters_first_language(personas, client):
    make_event(
        personas.cluster_a,
        title="Circular textiles",
        translations={"it": {"title": "Tessile circolare", "description": ""}},
    )
    feed = services.cluster_feed(cluster=personas.cluster_a)
    assert list(summaries(client.get(feed_url(feed)))) == ["Tessile circolare"]


def test_a_persons_feed_has_the_events_they_are_confirmed_for(personas, client):
    going = make_event(personas.cluster_a, title="Going")
    waiting = make_event(personas.cluster_a, title="Waiting", capacity=1)
    registration = RegistrationFactory(event=going)
    contact = registration.contact
    RegistrationFactory(event=waiting)
    RegistrationFactory(event=waiting, contact=contact, status="waiting")
    RegistrationFactory(event=make_event(personas.cluster_a, title="Someone else's"))
    feed = services.contact_feed(contact=contact)
    assert list(summaries(client.get(feed_url(feed)))) == ["Going"]


def test_a_new_address_retires_the_old_one(personas, manager_a_client, client):
    feed = services.cluster_feed(cluster=personas.cluster_a)
    old = feed_url(feed)
    manager_a_client.post(reverse("events:feed_regenerate", args=["tfc"]))
    feed.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(feed)).status_code == 200
    assert client.get(reverse("events_public:feed", args=["unknown"])).status_code == 404


def test_the_team_sees_a_contacts_feed_and_can_renew_it(personas, manager_a_client):
    registration = RegistrationFactory(event=make_event(personas.cluster_a))
    address = reverse("events:contact_registrations", args=["tfc", registration.contact_id])
    page = manager_a_client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    feed = registration.contact.calendar_feed
    assert feed_url(feed) in page and "Circular textiles" in page
    manager_a_client.post(
        reverse("events:contact_feed_regenerate", args=["tfc", registration.contact_id])
    )
    assert feed_url(feed) not in manager_a_client.get(address).content.decode()


def test_one_event_downloads_as_ics(personas, manager_a_client):
    event = make_event(personas.cluster_a, online_url="https://meet.example.org/x")
    response = manager_a_client.get(reverse("events:ics", args=["tfc", event.pk]))
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert "meet.example.org" in str(vevent["description"])
    assert str(calendar["method"]) == "PUBLISH"


def test_a_persons_feed_with_a_b2b_day_still_reads(personas, client):
    day = make_event(personas.cluster_a, title="B2B day", has_meetings=True)
    registration = RegistrationFactory(event=day, wants_meetings=True)
    feed = services.contact_feed(contact=registration.contact)
    assert "B2B day" in summaries(client.get(feed_url(feed)))
