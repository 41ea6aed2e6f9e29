"""Pages without an account: a public event's page and registration form, the thank-you page,
the personal page by token with its cancellation and .ics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from clusterdesk.events import services
from clusterdesk.events.models import EventStatus, Registration
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import at, make_event

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def public_url(event) -> str:
    return reverse("events_public:event", args=[event.cluster.slug, event.token])


def guest_form(**changes) -> dict:
    data = {
        "name": "Maria López",
        "email": "maria@textil.es",
        "organisation": "Textil Export S.L.",
        "language": "es",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_a_guest_registers_on_the_public_page(personas, client, django_capture_on_commit_callbacks):
    event = make_event(personas.cluster_a, visibility="public")
    assert "Circular textiles" in client.get(public_url(event), **EN).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(public_url(event), guest_form(), **EN)
    registration = Registration.objects.get()
    assert response.url == reverse("events_public:thanks", args=[registration.token])
    assert (registration.guest_name, registration.language) == ("Maria López", "es")
    thanks = client.get(response.url, **EN).content.decode()
    assert "Thank you for registering" in thanks and "Your place is confirmed" in thanks
    [message] = mail.outbox
    assert message.to == ["maria@textil.es"]


def test_members_only_and_draft_events_have_no_public_page(personas, client):
    members = make_event(personas.cluster_a)
    draft = make_event(personas.cluster_a, visibility="public", status=EventStatus.DRAFT)
    assert client.get(public_url(members)).status_code == 404
    assert client.get(public_url(draft)).status_code == 404
    assert client.post(public_url(members), guest_form()).status_code == 404
    public = make_event(personas.cluster_a, visibility="public")
    wrong_cluster = reverse("events_public:event", args=["isim", public.token])
    assert client.get(wrong_cluster).status_code == 404


def test_a_guest_without_an_email_or_consent_is_told_plainly(personas, client):
    event = make_event(personas.cluster_a, visibility="public")
    page = client.post(public_url(event), guest_form(email=""), **EN).content.decode()
    assert "we send the confirmation there" in page
    page = client.post(public_url(event), guest_form(consent=""), **EN).content.decode()
    assert "Tick the box to agree" in page
    assert not Registration.objects.exists()


def test_registering_twice_and_after_the_deadline_is_refused(personas, client):
    event = make_event(personas.cluster_a, visibility="public")
    client.post(public_url(event), guest_form(), **EN)
    twice = client.post(public_url(event), guest_form(), **EN).content.decode()
    assert "already registered for this event" in twice
    closed = make_event(
        personas.cluster_a,
        visibility="public",
        registration_deadline=timezone.now() - timedelta(hours=1),
    )
    page = client.get(public_url(closed), **EN).content.decode()
    assert "Registration closed on" in page
    client.post(public_url(closed), guest_form(email="late@example.net"), **EN)
    assert not closed.registrations.exists()


def test_a_cancelled_or_past_event_says_registration_is_closed(personas, client):
    past = make_event(personas.cluster_a, visibility="public", starts_at=at(-4), ends_at=at(-4, 17))
    assert "This event is over" in client.get(public_url(past), **EN).content.decode()
    cancelled = make_event(personas.cluster_a, visibility="public")
    cancelled.status = EventStatus.CANCELLED
    cancelled.save()
    assert "was cancelled" in client.get(public_url(cancelled), **EN).content.decode()


def test_a_full_event_puts_the_guest_on_the_waiting_list(personas, client):
    event = make_event(personas.cluster_a, visibility="public", capacity=1)
    client.post(public_url(event), guest_form(email="first@example.net"), **EN)
    assert "The event is full" in client.get(public_url(event), **EN).content.decode()
    response = client.post(public_url(event), guest_form(email="second@example.net"), **EN)
    page = client.get(response.url, **EN).content.decode()
    assert "you are on the waiting list" in page


def test_the_personal_page_gives_the_ics_and_cancels(personas, client):
    event = make_event(personas.cluster_a, visibility="public", capacity=1)
    client.post(public_url(event), guest_form(email="first@example.net"), **EN)
    client.post(public_url(event), guest_form(email="second@example.net"), **EN)
    first, second = Registration.objects.order_by("registered_at", "pk")
    page_url = reverse("events_public:registration", args=[first.token])
    page = client.get(page_url, **EN).content.decode()
    assert "Cancel my registration" in page
    ics = client.get(reverse("events_public:registration_ics", args=[first.token]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(ics.content).walk("VEVENT")
    cancel_url = reverse("events_public:registration_cancel", args=[first.token])
    assert "Yes, cancel my registration" in client.get(cancel_url, **EN).content.decode()
    done = client.post(cancel_url, **EN)
    assert "cancelled" in client.get(done.url, **EN).content.decode()
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert client.get(reverse("events_public:registration", args=["nope"])).status_code == 404


def test_a_contacts_personal_page_shows_their_calendar_feed(personas, client):
    event = make_event(personas.cluster_a, visibility="public")
    contact = ContactFactory(organisation__cluster=personas.cluster_a, email="anna@lanificio.it")
    registration = services.registration_create(
        event=event, actor=personas.manager_a, contact=contact, by_team=True
    )
    page = client.get(reverse("events_public:registration", args=[registration.token]), **EN)
    feed = contact.calendar_feed
    assert reverse("events_public:feed", args=[feed.token]) in page.content.decode()
