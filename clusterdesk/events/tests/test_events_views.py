"""The event pages of the management team, the board and member representatives: forms with
their plain-words refusals, the lists and their counts, exports, and 404 for another cluster."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterdesk.events.models import Event, EventStatus
from clusterdesk.events.tests.factories import EventFactory, RegistrationFactory
from clusterdesk.testing.factories import ContactFactory

from .events_helpers import at, make_event

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name: str, *args, slug: str = "tfc") -> str:
    return reverse(f"events:{name}", args=[slug, *args])


def form_data(**changes) -> dict:
    data = {
        "kind": "seminar",
        "title": "Circular textiles",
        "description": "EU rules",
        "starts_at": at(20, 9).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": at(20, 17).strftime("%Y-%m-%dT%H:%M"),
        "place": "Prato",
        "online_url": "",
        "capacity": "",
        "registration_deadline": "",
        "visibility": "public",
        "active_roles": ["speaker", "exhibitor"],
        "involvement_days": "",
        "meeting_quota": "10",
        "title_en": "Circular textiles (EN)",
        "description_en": "",
    }
    data.update(changes)
    return data


def test_the_team_creates_an_event_with_translations(personas, manager_a_client):
    response = manager_a_client.post(url("new"), form_data(), **EN)
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == url("detail", event.pk)
    assert event.status == EventStatus.DRAFT
    assert event.translations == {"en": {"title": "Circular textiles (EN)", "description": ""}}
    assert event.active_roles == ["exhibitor", "speaker"]
    assert str(event.involvement_days) == "1.0"
    assert event.activity is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": at(19, 9).strftime("%Y-%m-%dT%H:%M")}, "ends before it starts"),
        ({"registration_deadline": at(21, 9).strftime("%Y-%m-%dT%H:%M")}, "before the end"),
        ({"capacity": "0"}, "at least 1"),
        ({"capacity": "-5"}, "at least 1"),
        ({"place": "", "online_url": ""}, "a place, an online link, or both"),
        ({"involvement_days": "0.3"}, "half a day"),
    ],
)
def test_bad_input_is_refused_beside_its_field(personas, manager_a_client, changes, message):
    response = manager_a_client.post(url("new"), form_data(**changes), **EN)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_the_team_edits_publishes_and_cancels(personas, manager_a_client):
    event = make_event(personas.cluster_a, status=EventStatus.DRAFT)
    page = manager_a_client.get(url("edit", event.pk), **EN)
    assert "Circular textiles" in page.content.decode()
    manager_a_client.post(url("edit", event.pk), form_data(title="Renamed"), **EN)
    manager_a_client.post(url("publish", event.pk), **EN)
    event.refresh_from_db()
    assert (event.title, event.status) == ("Renamed", EventStatus.PUBLISHED)
    assert manager_a_client.get(url("cancel", event.pk), **EN).status_code == 200
    manager_a_client.post(url("cancel", event.pk), **EN)
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED


def test_deleting_an_attended_event_is_refused_with_a_message(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event)
    manager_a_client.post(url("checkin_toggle", event.pk, registration.pk), **EN)
    response = manager_a_client.post(url("delete", event.pk), follow=True, **EN)
    assert "Cancel the event instead" in response.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()
    other = make_event(personas.cluster_a)
    manager_a_client.post(url("delete", other.pk), **EN)
    assert not Event.objects.filter(pk=other.pk).exists()


def test_the_list_shows_counts_and_the_capacity(personas, manager_a_client):
    event = make_event(personas.cluster_a, capacity=2, title="Wool day")
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="waiting")
    past = make_event(personas.cluster_a, title="Old fair", starts_at=at(-9), ends_at=at(-9, 17))
    response = manager_a_client.get(url("list"), **EN)
    content = response.content.decode()
    assert "Wool day" in content and "Old fair" not in content
    assert "2 of 2" in content
    assert past.title in manager_a_client.get(url("list") + "?when=past", **EN).content.decode()
    assert "calendar" in content.lower()


def test_the_detail_shows_registrations_and_the_waiting_list_in_order(personas, manager_a_client):
    event = make_event(personas.cluster_a, capacity=1)
    RegistrationFactory(event=event, contact__first_name="Ada")
    RegistrationFactory(event=event, status="waiting", contact__first_name="Bea")
    content = manager_a_client.get(url("detail", event.pk), **EN).content.decode()
    assert "Waiting list" in content and content.index("Ada") < content.index("Bea")


def test_the_registrations_export_as_csv_and_xlsx(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event, contact__first_name="Ada")
    csv = manager_a_client.get(url("export", event.pk, "csv"), **EN)
    assert csv["Content-Type"].startswith("text/csv") and "Ada" in csv.content.decode("utf-8-sig")
    xlsx = manager_a_client.get(url("export", event.pk, "xlsx"), **EN)
    assert xlsx.content.startswith(b"PK")


def test_the_team_registers_several_contacts_at_once(personas, manager_a_client):
    event = make_event(personas.cluster_a)
    people = ContactFactory.create_batch(2, organisation__cluster=personas.cluster_a)
    search = manager_a_client.get(url("register", event.pk) + "?q=Bianchi", **EN)
    assert people[0].full_name in search.content.decode()
    response = manager_a_client.post(
        url("register", event.pk),
        {"contacts": [person.pk for person in people], "role": "speaker"},
        follow=True,
        **EN,
    )
    assert "2 people registered" in response.content.decode()
    assert event.registrations.filter(role="speaker").count() == 2
    again = manager_a_client.post(
        url("register", event.pk),
        {"contacts": [people[0].pk], "role": "attendee"},
        follow=True,
        **EN,
    )
    assert "Already registered" in again.content.decode()


def test_a_representative_sees_only_their_organisations_registrations(personas):
    client = personas.client_for(personas.member_a)
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event, contact__first_name="Stranger")
    own = ContactFactory(organisation=personas.member_organisation_a, first_name="Ownperson")
    other = ContactFactory(organisation__cluster=personas.cluster_a, first_name="Otherperson")
    page = client.get(url("register", event.pk), **EN).content.decode()
    assert "Ownperson" in page and "Otherperson" not in page
    client.post(url("register", event.pk), {"contacts": [own.pk]}, **EN)
    refused = client.post(url("register", event.pk), {"contacts": [other.pk]}, **EN)
    assert refused.status_code == 200 and not event.registrations.filter(contact=other).exists()
    detail = client.get(url("detail", event.pk), **EN).content.decode()
    assert "Ownperson" in detail and "Stranger" not in detail
    draft = make_event(personas.cluster_a, status=EventStatus.DRAFT, title="Secret draft")
    assert client.get(url("detail", draft.pk)).status_code == 404
    assert "Secret draft" not in client.get(url("list"), **EN).content.decode()
    assert client.get(url("new")).status_code == 403
    assert client.get(url("checkin", event.pk)).status_code == 403


def test_the_board_reads_but_does_not_change(personas):
    client = personas.client_for(personas.board_a)
    event = make_event(personas.cluster_a)
    assert client.get(url("detail", event.pk)).status_code == 200
    assert client.get(url("edit", event.pk)).status_code == 403
    assert client.post(url("register", event.pk), {}).status_code == 403


def test_a_member_cancels_their_own_registration_only(personas):
    client = personas.client_for(personas.member_a)
    event = make_event(personas.cluster_a)
    own = RegistrationFactory(event=event, contact__organisation=personas.member_organisation_a)
    theirs = RegistrationFactory(event=event)
    assert client.post(url("registration_cancel", event.pk, theirs.pk)).status_code == 404
    assert client.get(url("registration_cancel", event.pk, own.pk), **EN).status_code == 200
    client.post(url("registration_cancel", event.pk, own.pk), **EN)
    own.refresh_from_db()
    assert own.status == "cancelled"


def test_another_clusters_manager_gets_404_on_every_page(personas, manager_b_client):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event)
    contact = registration.contact
    gets = [
        url("list"),
        url("new"),
        url("detail", event.pk),
        url("edit", event.pk),
        url("cancel", event.pk),
        url("delete", event.pk),
        url("ics", event.pk),
        url("export", event.pk, "csv"),
        url("register", event.pk),
        url("registration_cancel", event.pk, registration.pk),
        url("checkin", event.pk),
        url("contact_registrations", contact.pk),
    ]
    for address in gets:
        assert manager_b_client.get(address).status_code == 404, address
    for address in gets[2:]:  # A's records through B's own cluster address
        assert manager_b_client.get(address.replace("/c/tfc/", "/c/isim/")).status_code == 404
    posts = [
        url("publish", event.pk),
        url("cancel", event.pk),
        url("delete", event.pk),
        url("checkin_toggle", event.pk, registration.pk),
        url("walk_in", event.pk),
        url("feed_regenerate"),
        url("contact_feed_regenerate", contact.pk),
    ]
    for address in posts:
        assert manager_b_client.post(address).status_code == 404, address
        if address != url("feed_regenerate"):
            isim = address.replace("/c/tfc/", "/c/isim/")
            assert manager_b_client.post(isim).status_code == 404, isim
    event.refresh_from_db()
    assert event.status == "published" and registration.checked_in_at is None


def queries_of(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_list_detail_and_check_in_pages_do_not_query_per_row(personas, manager_a_client):
    event = make_event(personas.cluster_a, capacity=100)
    RegistrationFactory.create_batch(3, event=event)
    for _ in range(2):
        EventFactory(cluster=personas.cluster_a)
    pages = (url("list"), url("detail", event.pk), url("checkin", event.pk))
    for address in pages:  # the cluster's calendar feed is made on the first visit
        queries_of(manager_a_client, address)
    few = [
        queries_of(manager_a_client, address)
        for address in (url("list"), url("detail", event.pk), url("checkin", event.pk))
    ]
    RegistrationFactory.create_batch(30, event=event)
    RegistrationFactory.create_batch(5, event=event, status="waiting")
    for _ in range(10):
        EventFactory(cluster=personas.cluster_a)
    many = [
        queries_of(manager_a_client, address)
        for address in (url("list"), url("detail", event.pk), url("checkin", event.pk))
    ]
    assert many == few
