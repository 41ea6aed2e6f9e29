"""The reviewer's findings on the events app, each pinned down: a public registration never
takes over a contact's identity or feed; a member representative reaches only the published
B2B days their organisation takes part in; only the team gives roles and registers guests; a
cancelled registration leaves no meetings behind; an event's dates cannot leave its sessions
behind; and the meeting pages show the event's title in the page's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from clusterdesk.api.tests.support import token_client
from clusterdesk.events import services
from clusterdesk.events.agenda import agendas_for, meeting_components
from clusterdesk.events.models import (
    CalendarFeed,
    EventStatus,
    MeetingPlacement,
    MeetingRequest,
    Registration,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from clusterdesk.events.pdf import agendas_html, table_cards_html
from clusterdesk.events.tests.factories import MeetingRequestFactory
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import make_event
from .test_meeting_setup_helpers import english, person, ready_day

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def public_url(event) -> str:  # type: ignore[no-untyped-def]
    return reverse("events_public:event", args=[event.cluster.slug, event.token])


def guest_form(**changes) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "name": "Someone Else",
        "email": "anna@lanificio.it",
        "organisation": "",
        "language": "en",
        "consent": "on",
    }
    data.update(changes)
    return data


# --------------------------------------------------------------------------- 1. identity


def test_a_public_registration_with_a_contacts_email_stays_a_guest(personas, client):
    event = make_event(personas.cluster_a, visibility="public")
    contact = ContactFactory(
        organisation__cluster=personas.cluster_a,
        first_name="Anna",
        last_name="Bianchi",
        email="anna@lanificio.it",
    )
    response = client.post(public_url(event), guest_form(), **EN)
    registration = Registration.objects.get()
    assert registration.contact_id is None and registration.organisation_id is None
    assert registration.guest_name == "Someone Else"
    for page in (
        client.get(response.url, **EN),
        client.get(reverse("events_public:registration", args=[registration.token]), **EN),
    ):
        text = page.content.decode()
        assert "Bianchi" not in text
        assert "/feeds/" not in text
    assert not CalendarFeed.objects.filter(contact=contact).exists()


def test_the_public_form_says_an_address_is_taken_without_naming_anyone(personas, client):
    event = make_event(personas.cluster_a, visibility="public")
    client.post(public_url(event), guest_form(name="Anna Bianchi"), **EN)
    page = client.post(public_url(event), guest_form(name="Mallory"), **EN).content.decode()
    assert "This e-mail address is already registered for this event." in page
    assert "Anna Bianchi" not in page
    assert Registration.objects.count() == 1


def test_the_page_of_a_guest_registration_never_shows_a_contacts_feed(personas, client):
    """Even when the team linked the guest to the contact with the same address."""
    event = make_event(personas.cluster_a, visibility="public")
    contact = ContactFactory(organisation__cluster=personas.cluster_a, email="anna@lanificio.it")
    registration = services.registration_create(
        event=event,
        actor=personas.manager_a,
        guest=services.Guest(name="Anna", email="anna@lanificio.it"),
        by_team=True,
    )
    assert registration.contact_id == contact.pk
    page = client.get(reverse("events_public:registration", args=[registration.token]), **EN)
    assert page.status_code == 200
    assert "/feeds/" not in page.content.decode()
    assert reverse("events_public:registration_ics", args=[registration.token]) in (
        page.content.decode()
    )


# --------------------------------------------------------------------------- 2. whose day


def _day_url(name: str, event) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=[event.cluster.slug, event.pk])


DAY_PAGES = ("meeting_attendees", "meeting_marketplace", "meeting_requests", "meeting_panel")


def test_a_representative_cannot_open_a_day_their_organisation_does_not_take_part_in(personas):
    event, _people = ready_day(personas.cluster_a)
    client = english(personas.client_for(personas.member_a))
    for name in DAY_PAGES:
        assert client.get(_day_url(name, event)).status_code == 404, name
    detail = client.get(reverse("events:detail", args=["tfc", event.pk])).content.decode()
    assert 'data-testid="b2b-closed"' in detail
    assert _day_url("meeting_attendees", event) not in detail


def test_a_representative_needs_a_confirmed_person_taking_part_in_the_meetings(personas):
    event, _people = ready_day(personas.cluster_a)
    client = english(personas.client_for(personas.member_a))
    ours = person(event, organisation=personas.member_organisation_a)
    ours.wants_meetings = False
    ours.save()
    assert client.get(_day_url("meeting_attendees", event)).status_code == 404
    ours.wants_meetings = True
    ours.status = RegistrationStatus.WAITING
    ours.save()
    assert client.get(_day_url("meeting_attendees", event)).status_code == 404
    ours.status = RegistrationStatus.CONFIRMED
    ours.save()
    for name in DAY_PAGES:
        assert client.get(_day_url(name, event)).status_code == 200, name


def test_a_representative_never_opens_a_draft_day_the_team_still_does(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a, status=EventStatus.DRAFT)
    person(event, organisation=personas.member_organisation_a)
    client = english(personas.client_for(personas.member_a))
    for name in DAY_PAGES:
        assert client.get(_day_url(name, event)).status_code == 404, name
        assert manager_a_client.get(_day_url(name, event), **EN).status_code == 200, name


def test_the_api_keeps_a_representative_to_the_days_they_take_part_in(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    member = token_client(personas.member_a)
    address = reverse("api-meeting-requests", args=["tfc", event.pk])
    assert member.get(address).status_code == 404
    availability = reverse("api-meeting-availability", args=["tfc", event.pk, anna.pk])
    assert member.get(availability).status_code == 404
    person(event, organisation=personas.member_organisation_a)
    assert member.get(address).status_code == 200
    event.status = EventStatus.DRAFT
    event.save()
    assert member.get(address).status_code == 404
    assert token_client(personas.manager_a).get(address).status_code == 200


def test_another_clusters_manager_still_gets_404_on_a_day(personas, manager_b_client):
    event, _people = ready_day(personas.cluster_a)
    assert manager_b_client.get(_day_url("meeting_attendees", event)).status_code == 404
    address = reverse("api-meeting-requests", args=["tfc", event.pk])
    assert token_client(personas.manager_b).get(address).status_code == 404


# --------------------------------------------------------------------------- 3. roles, guests


def test_only_the_team_gives_a_role_whoever_registers(personas):
    event = make_event(personas.cluster_a)
    organisation = personas.member_organisation_a
    speaker = ContactFactory(organisation=organisation, cluster=personas.cluster_a)
    registration = services.registration_create(
        event=event,
        actor=personas.member_a,
        contact=speaker,
        role=RegistrationRole.SPEAKER,
        representing=organisation,
    )
    assert registration.role == RegistrationRole.ATTENDEE
    moderator = ContactFactory(organisation=organisation, cluster=personas.cluster_a)
    by_team = services.registration_create(
        event=event,
        actor=personas.manager_a,
        contact=moderator,
        role=RegistrationRole.MODERATOR,
        by_team=True,
    )
    assert by_team.role == RegistrationRole.MODERATOR


def test_a_representative_cannot_register_a_guest(personas):
    event = make_event(personas.cluster_a)
    with pytest.raises(DomainError) as refused:
        services.registration_create(
            event=event,
            actor=personas.member_a,
            guest=services.Guest(name="Outsider", email="outsider@example.net"),
            representing=personas.member_organisation_a,
        )
    assert refused.value.message == (
        "A member representative registers the contacts of their organisation; "
        "ask the management team to register guests."
    )
    assert not event.registrations.exists()


def test_through_the_api_a_representative_registers_attendees_of_their_own_only(personas):
    event = make_event(personas.cluster_a)
    contact = ContactFactory(
        organisation=personas.member_organisation_a, cluster=personas.cluster_a
    )
    member = token_client(personas.member_a)
    member.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    address = reverse("api-event-registrations", args=["tfc", event.pk])
    made = member.post(address, {"contact": contact.pk, "role": "speaker"}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["role"] == "attendee"
    guest = member.post(
        address, {"guest_name": "Outsider", "guest_email": "out@example.net"}, format="json"
    )
    assert guest.status_code == 400
    assert "ask the management team to register guests" in guest.json()["error"]["message"]
    assert event.registrations.count() == 1


# --------------------------------------------------------------------------- 4. cancelled


def _placed(event, first, second, slot, table, *, locked=False):  # type: ignore[no-untyped-def]
    meeting = MeetingRequestFactory(
        event=event, requester=first, invitee=second, status=RequestStatus.ACCEPTED
    )
    MeetingPlacement.objects.create(
        cluster=event.cluster, request=meeting, slot=slot, table=table, locked=locked
    )
    return meeting


def test_cancelling_a_registration_withdraws_its_requests_and_meetings(personas):
    event, (anna, bruno, carla, dario) = ready_day(personas.cluster_a, tables=3)
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.all())
    placed = _placed(event, anna, bruno, slots[0], tables[0])
    locked = _placed(event, carla, anna, slots[1], tables[1], locked=True)
    pending = MeetingRequestFactory(event=event, requester=dario, invitee=anna)
    declined = MeetingRequestFactory(
        event=event, requester=anna, invitee=dario, status=RequestStatus.DECLINED
    )
    others = _placed(event, bruno, carla, slots[2], tables[2])
    services.registration_cancel(registration=anna, actor=personas.manager_a)
    for meeting in (placed, locked, pending):
        meeting.refresh_from_db()
        assert meeting.status == RequestStatus.CANCELLED
        assert meeting.answered_at is not None
        assert "was cancelled" in meeting.answer and anna.display_name in meeting.answer
    declined.refresh_from_db()
    assert declined.status == RequestStatus.DECLINED
    assert list(MeetingPlacement.objects.filter(request__event=event)) == [others.placement]
    deleted = AuditEntry.objects.filter(object_type="meetingplacement", action=AuditAction.DELETED)
    assert deleted.count() == 2
    assert sorted(entry.changes["locked"][0] for entry in deleted) == [False, True]
    assert all(entry.changes["reason"][1] == "registration cancelled" for entry in deleted)


def test_the_agendas_leave_out_meetings_with_someone_no_longer_confirmed(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    slot, table = event.slots.order_by("starts_at").first(), event.tables.first()
    _placed(event, anna, bruno, slot, table)
    assert agendas_for(event, [anna])[0].meetings == 1
    # Cancelled behind the services' back (an older cancellation, an import…).
    Registration.objects.filter(pk=bruno.pk).update(status=RegistrationStatus.CANCELLED)
    assert agendas_for(event, [anna])[0].meetings == 0
    assert meeting_components([anna], language="en") == []


# --------------------------------------------------------------------------- 5. dates


def test_new_dates_that_leave_a_session_outside_the_event_are_refused(personas):
    event, _people = ready_day(personas.cluster_a)
    later = {
        "starts_at": event.starts_at + timedelta(days=7),
        "ends_at": event.ends_at + timedelta(days=7),
    }
    with pytest.raises(DomainError) as refused:
        services.event_update(event=event, actor=personas.manager_a, data=later)
    assert refused.value.field == "starts_at"
    assert refused.value.message == (
        "The B2B sessions “Morning” would fall outside the new dates: change or delete those "
        "sessions first, then the event's dates."
    )
    event.refresh_from_db()
    assert event.starts_at == later["starts_at"] - timedelta(days=7)
    # Dates that still hold the sessions (the morning is 9:00–12:00) are fine.
    shorter = {"ends_at": event.starts_at + timedelta(hours=4)}
    services.event_update(event=event, actor=personas.manager_a, data=shorter)
    event.refresh_from_db()
    assert event.ends_at == shorter["ends_at"]


def test_the_edit_page_shows_the_refusal_of_new_dates_on_the_start(personas, manager_a_client):
    event, _people = ready_day(personas.cluster_a)
    page = manager_a_client.get(reverse("events:edit", args=["tfc", event.pk]), **EN)
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, dict))
    }
    day = (timezone.localtime(event.starts_at) + timedelta(days=7)).date().isoformat()
    data.update(_edit_dates(form, day))
    answer = manager_a_client.post(reverse("events:edit", args=["tfc", event.pk]), data, **EN)
    assert "would fall outside the new dates" in answer.content.decode()


def _edit_dates(form, day: str) -> dict:  # type: ignore[no-untyped-def]
    """The form's date fields for ``day``, 9:00–18:00, whatever their widgets."""
    values = {}
    for name in ("starts_at", "ends_at"):
        hour = "09:00" if name == "starts_at" else "18:00"
        widget = form.fields[name].widget
        if hasattr(widget, "widgets"):
            values[f"{name}_0"], values[f"{name}_1"] = day, hour
        else:
            values[name] = f"{day}T{hour}"
    return values


# --------------------------------------------------------------------------- 6. titles


def _translated_day(personas):  # type: ignore[no-untyped-def]
    event, people = ready_day(personas.cluster_a)
    event.title = "B2B day of the cluster"
    event.translations = {"it": {"title": "Giornata B2B del distretto"}}
    event.save()
    return event, people


def test_the_public_meeting_pages_show_the_title_in_the_pages_language(personas, client):
    event, (anna, bruno, *_rest) = _translated_day(personas)
    anna.language = "it"
    anna.save()
    pages = [
        reverse("events_public:meetings", args=[anna.token]),
        reverse("events_public:agenda", args=[anna.token]),
        reverse("events_public:meetings_request", args=[anna.token, bruno.pk]),
        reverse("events_public:meetings_availability", args=[anna.token]),
    ]
    for address in pages:
        text = client.get(address, HTTP_ACCEPT_LANGUAGE="it").content.decode()
        assert "Giornata B2B del distretto" in text, address
        assert "B2B day of the cluster" not in text, address


def test_the_agenda_and_table_card_documents_use_the_translated_title(personas):
    event, (anna, *_rest) = _translated_day(personas)
    assert "Giornata B2B del distretto" in agendas_html(event, [anna], language="it")
    assert "Giornata B2B del distretto" in table_cards_html(event, language="it")
    english_cards = table_cards_html(event, language="en")
    assert "B2B day of the cluster" in english_cards
    assert "Giornata" not in english_cards


def test_the_team_sees_the_table_cards_in_their_language(personas, manager_a_client):
    event, _people = _translated_day(personas)
    address = reverse("events:table_cards", args=["tfc", event.pk])
    with translation.override("it"):
        text = manager_a_client.get(address, HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert "Giornata B2B del distretto" in text


def test_no_request_stays_open_for_a_person_cancelled_on_the_public_page(personas, client):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    MeetingRequestFactory(event=event, requester=bruno, invitee=anna)
    client.post(reverse("events_public:registration_cancel", args=[anna.token]), **EN)
    assert not MeetingRequest.objects.filter(
        status__in=(RequestStatus.PENDING, RequestStatus.ACCEPTED)
    ).exists()
