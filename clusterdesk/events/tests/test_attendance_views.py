"""The check-in page of the day: search, one click (htmx) in and out, walk-ins, and the
participant page's events card."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clusterdesk.engagement.models import Involvement
from clusterdesk.events.tests.factories import GuestRegistrationFactory, RegistrationFactory
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import make_event

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name: str, *args) -> str:
    return reverse(f"events:{name}", args=["tfc", *args])


def test_the_check_in_page_lists_confirmed_people_and_finds_them(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event, contact__first_name="Ada", contact__last_name="Rossi")
    RegistrationFactory(event=event, contact__first_name="Bea", contact__last_name="Neri")
    RegistrationFactory(event=event, status="waiting", contact__first_name="Cleo")
    page = manager_a_client.get(url("checkin", event.pk), **EN).content.decode()
    assert "Ada Rossi" in page and "Bea Neri" in page and "Cleo" not in page
    assert "0 of 2 checked in" in page
    found = manager_a_client.get(
        url("checkin", event.pk) + "?q=ross&partial=rows", HTTP_HX_REQUEST="true", **EN
    ).content.decode()
    assert "Ada Rossi" in found and "Bea Neri" not in found and "<html" not in found


def test_one_click_checks_in_and_undoes_with_htmx(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event)
    response = manager_a_client.post(
        url("checkin_toggle", event.pk, registration.pk), HTTP_HX_REQUEST="true", **EN
    )
    content = response.content.decode()
    assert f'data-testid="checked-in-{registration.pk}"' in content
    assert "1 of 1 checked in" in content and 'hx-swap-oob="true"' in content
    assert Involvement.objects.filter(activity_id=event.activity_id).count() == 1
    manager_a_client.post(
        url("checkin_toggle", event.pk, registration.pk), HTTP_HX_REQUEST="true", **EN
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert not Involvement.objects.filter(activity_id=event.activity_id).exists()


def test_a_walk_in_is_added_and_checked_in(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    manager_a_client.post(
        url("walk_in", event.pk), {"contact": contact.pk, "role": "attendee"}, **EN
    )
    manager_a_client.post(url("walk_in", event.pk), {"name": "Zoe Guest", "role": "attendee"}, **EN)
    assert event.registrations.filter(checked_in_at__isnull=False).count() == 2
    empty = manager_a_client.post(url("walk_in", event.pk), {"role": "attendee"}, follow=True, **EN)
    assert "Choose a person of the registry or give a name." in empty.content.decode()


def test_a_search_offers_registry_people_not_yet_confirmed_as_walk_ins(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event, contact__first_name="Ada", contact__last_name="Verdi")
    ContactFactory(organisation__cluster=personas.cluster_a, first_name="Alba", last_name="Verdi")
    ContactFactory(organisation__cluster=personas.cluster_b, first_name="Aylin", last_name="Verdi")
    page = manager_a_client.get(url("checkin", event.pk) + "?q=verdi", **EN).content.decode()
    offered = page[page.index('data-testid="walk-in-registry"') :]
    assert "Alba Verdi" in offered and "Ada Verdi" not in offered and "Aylin" not in offered


def test_the_page_says_guests_write_nothing_in_the_ledger(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    GuestRegistrationFactory(event=event)
    page = manager_a_client.get(url("checkin", event.pk), **EN).content.decode()
    assert "writes nothing in the engagement ledger" in page


def test_the_participant_page_shows_the_events_its_people_attended(personas, manager_a_client):
    event = make_event(personas.cluster_a, title="Wool day")
    registration = RegistrationFactory(
        event=event, contact__organisation=personas.member_organisation_a
    )
    manager_a_client.post(url("checkin_toggle", event.pk, registration.pk))
    other_cluster_event = make_event(personas.cluster_b, title="Foreign day")
    RegistrationFactory(event=other_cluster_event)
    address = reverse("participants:detail", args=["tfc", personas.member_organisation_a.pk])
    page = manager_a_client.get(address, **EN).content.decode()
    assert 'data-testid="participant-events"' in page
    assert "Wool day" in page and "Foreign day" not in page and "attended 1" in page
    member_page = personas.client_for(personas.member_a).get(address, **EN).content.decode()
    assert "Wool day" in member_page
