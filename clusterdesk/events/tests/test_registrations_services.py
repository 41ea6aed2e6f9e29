"""Registering: once per person, closed after the deadline and for cancelled or past events,
the waiting list in order of registration and its promotion, and the e-mails with their .ics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from icalendar import Calendar

from clusterdesk.events import services
from clusterdesk.events.models import EventStatus, RegistrationStatus
from clusterdesk.lib.errors import DomainError
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .events_helpers import at, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def guest(name: str, email: str = "", language: str = "en") -> services.Guest:
    return services.Guest(
        name=name, email=email or f"{name.lower()}@example.net", language=language
    )


def register(event, who, **kwargs):
    if isinstance(who, services.Guest):
        return services.registration_create(event=event, actor=None, guest=who, **kwargs)
    return services.registration_create(event=event, actor=None, contact=who, **kwargs)


def test_a_contact_registers_once(personas):
    event = make_event(personas.cluster_a)
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    first = register(event, contact, by_team=True)
    assert first.status == RegistrationStatus.CONFIRMED
    assert first.organisation_id == contact.organisation_id
    with pytest.raises(DomainError) as caught:
        register(event, contact, by_team=True)
    assert "already registered for this event" in caught.value.message


def test_a_guest_with_the_same_email_registers_once(personas):
    event = make_event(personas.cluster_a, visibility="public")
    register(event, guest("Maria", "maria@example.net"))
    with pytest.raises(DomainError, match="already registered"):
        register(event, guest("Maria R.", "MARIA@example.net"))


def test_a_guest_without_an_email_is_told_why_it_is_needed(personas):
    event = make_event(personas.cluster_a, visibility="public")
    with pytest.raises(DomainError) as caught:
        services.registration_create(
            event=event, actor=None, guest=services.Guest(name="Maria", email="")
        )
    assert caught.value.field == "email"
    assert "we send the confirmation there" in caught.value.message


def test_a_guest_the_team_adds_whose_email_is_a_contacts_is_linked_to_that_contact(personas):
    event = make_event(personas.cluster_a, visibility="public")
    contact = ContactFactory(organisation__cluster=personas.cluster_a, email="Anna@Lanificio.it")
    registration = register(event, guest("Anna", "anna@lanificio.it"), by_team=True)
    assert registration.contact_id == contact.pk
    assert registration.organisation_id == contact.organisation_id


def test_another_clusters_contact_is_never_linked_to_a_guest(personas):
    event = make_event(personas.cluster_a, visibility="public")
    ContactFactory(organisation__cluster=personas.cluster_b, email="ali@isim.org.tr")
    registration = register(event, guest("Ali", "ali@isim.org.tr"), by_team=True)
    assert registration.contact_id is None and registration.organisation_id is None


def test_registration_after_the_deadline_is_refused_in_plain_words(personas):
    event = make_event(
        personas.cluster_a, registration_deadline=timezone.now() + timedelta(hours=1)
    )
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    with pytest.raises(DomainError) as caught:
        register(event, contact, now=timezone.now() + timedelta(hours=2))
    assert caught.value.message.startswith("Registration closed on")


def test_a_cancelled_or_past_event_takes_no_registration(personas):
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    cancelled = make_event(personas.cluster_a)
    services.event_cancel(event=cancelled, actor=None)
    with pytest.raises(DomainError, match="was cancelled"):
        register(cancelled, contact, by_team=True)
    past = make_event(personas.cluster_a, starts_at=at(-3, 9), ends_at=at(-3, 17))
    with pytest.raises(DomainError, match="is over"):
        register(past, contact)


def test_a_representative_registers_only_their_organisations_contacts(personas):
    event = make_event(personas.cluster_a)
    own = ContactFactory(organisation=personas.member_organisation_a)
    other = ContactFactory(organisation=OrganisationFactory(cluster=personas.cluster_a))
    assert register(event, own, representing=personas.member_organisation_a).pk
    with pytest.raises(DomainError, match="contact of your organisation"):
        register(event, other, representing=personas.member_organisation_a)


def test_beyond_the_capacity_people_wait_in_the_order_they_registered(personas):
    event = make_event(personas.cluster_a, visibility="public", capacity=2)
    start = timezone.now()
    rows = [
        register(event, guest(name), now=start + timedelta(minutes=number))
        for number, name in enumerate(["Ada", "Bo", "Cy", "Di"])
    ]
    assert [row.status for row in rows] == ["confirmed", "confirmed", "waiting", "waiting"]

    services.registration_cancel(registration=rows[0], actor=None)
    statuses = {row.guest_name: row.status for row in event.registrations.all()}
    assert statuses == {"Ada": "cancelled", "Bo": "confirmed", "Cy": "confirmed", "Di": "waiting"}


def test_raising_the_capacity_confirms_as_many_as_now_fit(personas):
    event = make_event(personas.cluster_a, visibility="public", capacity=1)
    for name in ["Ada", "Bo", "Cy", "Di"]:
        register(event, guest(name))
    services.event_update(event=event, actor=None, data={"capacity": 3})
    confirmed = event.registrations.filter(status="confirmed").order_by("registered_at")
    assert [row.guest_name for row in confirmed] == ["Ada", "Bo", "Cy"]
    services.event_update(event=event, actor=None, data={"capacity": None})
    assert not event.registrations.filter(status="waiting").exists()


def test_the_confirmation_carries_the_events_calendar(personas, django_capture_on_commit_callbacks):
    event = make_event(personas.cluster_a, visibility="public")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, guest("Ada", "ada@example.net", language="es"))
    [message] = mail.outbox
    assert message.to == ["ada@example.net"]
    assert "Circular textiles" in message.subject
    assert f"/e/r/{registration.token}/" in message.body
    [(name, content, mimetype)] = message.attachments
    assert name == "event.ics" and mimetype.startswith("text/calendar; method=PUBLISH")
    calendar = Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Circular textiles"
    assert vevent.decoded("dtstart") == event.starts_at


def test_the_email_is_in_the_registrants_language(personas, django_capture_on_commit_callbacks):
    event = make_event(
        personas.cluster_a,
        visibility="public",
        translations={"it": {"title": "Tessile circolare", "description": ""}},
    )
    contact = ContactFactory(organisation__cluster=personas.cluster_a, language="it")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, contact, by_team=True)
    [message] = mail.outbox
    assert "Tessile circolare" in message.subject
    assert str(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]["summary"]) == (
        "Tessile circolare"
    )


def test_waiting_people_are_told_and_promoted_people_confirmed(
    personas, django_capture_on_commit_callbacks
):
    event = make_event(personas.cluster_a, visibility="public", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, guest("Ada"))
        register(event, guest("Bo"))
    assert [len(message.attachments) for message in mail.outbox] == [1, 0]
    assert "waiting list" in mail.outbox[1].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, actor=None)
    [promoted] = mail.outbox
    assert promoted.to == ["bo@example.net"] and "You are registered" in promoted.subject
    assert promoted.attachments


def test_a_cancelled_contact_may_register_again(personas):
    event = make_event(personas.cluster_a)
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    first = register(event, contact, by_team=True)
    services.registration_cancel(registration=first, actor=None)
    again = register(event, contact, by_team=True)
    assert again.pk == first.pk and again.status == RegistrationStatus.CONFIRMED
    services.registration_cancel(registration=again, actor=None)
    with pytest.raises(DomainError, match="already cancelled"):
        services.registration_cancel(registration=again, actor=None)


def test_several_contacts_at_once_leave_out_those_already_registered(personas):
    event = make_event(personas.cluster_a)
    a, b = ContactFactory.create_batch(2, organisation__cluster=personas.cluster_a)
    register(event, a, by_team=True)
    made, already = services.registrations_add(event=event, actor=None, contacts=[a, b])
    assert [row.contact_id for row in made] == [b.pk]
    assert already == [a.full_name]


def test_a_draft_takes_registrations_from_the_team_only(personas):
    event = make_event(personas.cluster_a, status=EventStatus.DRAFT)
    contact = ContactFactory(organisation=personas.member_organisation_a)
    with pytest.raises(DomainError, match="not published"):
        register(event, contact, representing=personas.member_organisation_a)
    assert register(event, contact, by_team=True).status == RegistrationStatus.CONFIRMED


def test_a_b2b_days_email_links_to_the_persons_meetings(
    personas, django_capture_on_commit_callbacks
):
    event = make_event(personas.cluster_a, has_meetings=True)
    contact = ContactFactory(organisation__cluster=personas.cluster_a, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, contact, by_team=True, wants_meetings=True)
    assert registration.wants_meetings
    [message] = mail.outbox
    assert f"/e/r/{registration.token}/meetings/" in message.body
