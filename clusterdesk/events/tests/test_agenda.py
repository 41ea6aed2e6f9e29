"""Personal agendas: the page, PDF and .ics for the organiser, the member representative and
the person by their token; the VEVENTs the calendar feed gathers; fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from ..agenda import meeting_components
from ..models import AvailabilityWindow, RegistrationStatus, SchedulerRun
from ..services.scheduling import scheduler_run_execute
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def scheduled_day(cluster, **options):  # type: ignore[no-untyped-def]
    day = b2b_day(cluster, **options)
    run = SchedulerRun.objects.create(cluster=cluster, event=day.event, time_limit=5)
    scheduler_run_execute(run=run)
    return day


def agenda_url(name, day, person):  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=["tfc", day.event.pk, person.pk])


def public_url(name, person):  # type: ignore[no-untyped-def]
    return reverse(f"events_public:{name}", args=[person.token])


def vevents(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_the_organiser_reads_a_persons_agenda_with_meetings_and_free_slots(
    personas, manager_a_client
):
    day = scheduled_day(personas.cluster_a)
    day.requests[0].message = "About recycled wool"
    day.requests[0].save()
    page = manager_a_client.get(agenda_url("agenda", day, day.people[0]), **EN)
    text = page.content.decode()
    assert page.status_code == 200
    assert "2 meetings." in text
    assert text.count("Free") == 2
    assert day.people[1].display_name in text and day.people[2].display_name in text
    assert "About recycled wool" in text


def test_slots_outside_a_persons_availability_are_shown_as_not_available(
    personas, manager_a_client
):
    day = b2b_day(personas.cluster_a, pairs=[])
    AvailabilityWindow.objects.create(
        cluster=personas.cluster_a,
        registration=day.people[0],
        starts_at=day.slots[0].starts_at,
        ends_at=day.slots[1].ends_at,
    )
    page = manager_a_client.get(agenda_url("agenda", day, day.people[0]), **EN)
    assert page.content.decode().count("Not available") == 2


def test_the_agenda_pdf_and_ics_hold_the_persons_meetings(personas, manager_a_client):
    day = scheduled_day(personas.cluster_a)
    pdf = manager_a_client.get(agenda_url("agenda_pdf", day, day.people[0]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    ics = manager_a_client.get(agenda_url("agenda_ics", day, day.people[0]), **EN)
    assert ics["Content-Type"].startswith("text/calendar")
    events = vevents(ics.content)
    assert len(events) == 2
    assert all(str(event["uid"]).startswith("meeting-") for event in events)
    assert any(day.people[1].display_name in str(event["summary"]) for event in events)


def test_the_person_reads_their_agenda_by_token_in_their_language(personas):
    from django.test import Client

    day = scheduled_day(personas.cluster_a)
    person = day.people[0]
    person.language = "en"
    person.save()
    anonymous = Client()
    page = anonymous.get(public_url("agenda", person), HTTP_ACCEPT_LANGUAGE="it")
    assert page.status_code == 200
    assert "Meetings of" in page.content.decode()
    assert anonymous.get(public_url("agenda_pdf", person)).content.startswith(b"%PDF")
    assert len(vevents(anonymous.get(public_url("agenda_ics", person)).content)) == 2


def test_a_cancelled_registrations_or_a_non_meeting_events_token_is_a_404(personas):
    from django.test import Client

    from .factories import RegistrationFactory

    day = scheduled_day(personas.cluster_a)
    cancelled = day.people[3]
    cancelled.status = RegistrationStatus.CANCELLED
    cancelled.save()
    seminar_guest = RegistrationFactory(cluster=personas.cluster_a)
    anonymous = Client()
    for person in (cancelled, seminar_guest):
        for name in ("agenda", "agenda_pdf", "agenda_ics"):
            assert anonymous.get(public_url(name, person)).status_code == 404
    assert anonymous.get("/e/r/not-a-token/agenda/").status_code == 404


def test_a_member_representative_sees_only_their_organisations_agendas(personas):
    day = scheduled_day(personas.cluster_a, organisations=[personas.member_organisation_a])
    member = personas.client_for(personas.member_a)
    own = member.get(agenda_url("agenda", day, day.people[0]), **EN)
    assert own.status_code == 200
    assert member.get(agenda_url("agenda_ics", day, day.people[0])).status_code == 200
    for name in ("agenda", "agenda_pdf", "agenda_ics"):
        assert member.get(agenda_url(name, day, day.people[1])).status_code == 404
    assert member.get(reverse("events:agendas_pdf", args=["tfc", day.event.pk])).status_code == 403


def test_another_events_registration_is_a_404_on_this_events_agenda(personas, manager_a_client):
    day = scheduled_day(personas.cluster_a)
    other = b2b_day(personas.cluster_a, pairs=[])
    wrong = reverse("events:agenda", args=["tfc", day.event.pk, other.people[0].pk])
    assert manager_a_client.get(wrong).status_code == 404


def test_all_agendas_make_one_pdf(personas, manager_a_client):
    day = scheduled_day(personas.cluster_a)
    pdf = manager_a_client.get(reverse("events:agendas_pdf", args=["tfc", day.event.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_meeting_components_give_one_vevent_per_meeting_in_few_queries(
    personas, django_assert_max_num_queries
):
    day = scheduled_day(personas.cluster_a)
    with django_assert_max_num_queries(1):
        components = meeting_components(day.people, language="en")
    assert len(components) == 4  # each meeting once, though both sides are asked for
    mine = meeting_components([day.people[0]], language="en")
    assert len(mine) == 2
    assert {str(c["uid"]) for c in mine} <= {str(c["uid"]) for c in components}
    assert meeting_components([], language="en") == []


def test_the_agenda_page_costs_a_fixed_number_of_queries(
    personas, manager_a_client, django_assert_max_num_queries
):
    pairs = [(i, (i + k) % 30) for i in range(30) for k in (1, 2)]
    day = scheduled_day(personas.cluster_a, people=30, sessions=(6, 6), tables=8, pairs=pairs)
    with django_assert_max_num_queries(15):
        page = manager_a_client.get(agenda_url("agenda", day, day.people[0]), **EN)
    assert "4 meetings." in page.content.decode()
