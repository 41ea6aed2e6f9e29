"""A person's meeting page by token (/e/r/<token>/meetings/): requests received and sent,
requesting from the attendee list, answering, withdrawing, availability — and that a token
opens one person's page of one event, nothing else."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from clusterdesk.events.models import MeetingRequest, RequestStatus
from clusterdesk.events.tests.factories import EventFactory, MeetingRequestFactory

from .test_meeting_setup_helpers import english, person, ready_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def page(registration, name="meetings", *args):  # type: ignore[no-untyped-def]
    return reverse(f"events_public:{name}", args=[registration.token, *args])


def test_the_token_page_lists_received_and_sent_requests_and_the_attendees(personas):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    MeetingRequestFactory(event=event, requester=bruno, invitee=anna, message="About wool")
    MeetingRequestFactory(event=event, requester=anna, invitee=carla, message="About dyes")
    answer = english(Client()).get(page(anna))
    assert answer.status_code == 200
    assert [r.message for r in answer.context["received"]] == ["About wool"]
    assert [r.message for r in answer.context["sent"]] == ["About dyes"]
    assert {p.pk for p in answer.context["people"]} >= {bruno.pk, carla.pk}


def test_a_guest_requests_a_meeting_and_the_other_accepts_on_their_page(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    client = english(Client())
    form = client.get(page(anna, "meetings_request", bruno.pk))
    assert form.status_code == 200
    client.post(page(anna, "meetings_request", bruno.pk), {"invitee": bruno.pk, "message": "Hi!"})
    meeting = MeetingRequest.objects.get(requester=anna, invitee=bruno)
    assert meeting.message == "Hi!"
    client.post(page(bruno, "meetings_answer", meeting.pk), {"decision": "accept", "answer": "Yes"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.answer) == (RequestStatus.ACCEPTED, "Yes")


def test_a_request_to_oneself_on_the_token_page_is_refused_in_plain_words(personas):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    answer = english(Client()).post(
        page(anna, "meetings_request", anna.pk), {"invitee": anna.pk, "message": ""}
    )
    assert "This is a request to oneself" in answer.content.decode()


def test_the_requester_withdraws_and_cannot_answer_their_own_request(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    meeting = MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    client = english(Client())
    assert (
        client.post(page(anna, "meetings_answer", meeting.pk), {"decision": "accept"}).status_code
        == 404
    )
    client.post(page(anna, "meetings_withdraw", meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.CANCELLED


def test_a_person_gives_their_availability_and_one_outside_the_event_is_refused(personas):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    day = timezone.localtime(event.starts_at).date().isoformat()
    client = english(Client())
    form = {"windows-TOTAL_FORMS": 1, "windows-INITIAL_FORMS": 0, "windows-0-day": day}
    answer = client.post(
        page(anna, "meetings_availability"),
        {**form, "windows-0-starts": "17:30", "windows-0-ends": "19:00"},
    )
    assert "17:30–19:00 is outside the event (09:00–18:00)." in answer.content.decode()
    client.post(
        page(anna, "meetings_availability"),
        {**form, "windows-0-starts": "09:00", "windows-0-ends": "11:00"},
    )
    assert anna.availability.count() == 1


def test_a_token_does_not_open_another_events_or_clusters_requests(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    other_event, (olga, pavel, *_others) = ready_day(personas.cluster_b)
    theirs = MeetingRequestFactory(event=other_event, requester=olga, invitee=pavel)
    client = Client()
    for name in ("meetings_answer", "meetings_withdraw"):
        assert client.post(page(anna, name, theirs.pk), {"decision": "accept"}).status_code == 404
    assert client.get(page(anna, "meetings_request", pavel.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.PENDING
    assert client.get(reverse("events_public:meetings", args=["not-a-token"])).status_code == 404


def test_a_token_of_an_event_without_meetings_gives_404(personas):
    seminar = EventFactory(cluster=personas.cluster_a)
    someone = person(seminar)
    assert Client().get(page(someone)).status_code == 404


def test_someone_not_taking_part_sees_why_and_no_attendee_list(personas):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    anna.wants_meetings = False
    anna.save()
    answer = english(Client()).get(page(anna))
    assert f"{anna.display_name} does not take part in the B2B meetings." in answer.content.decode()
    assert 'data-testid="attendees"' not in answer.content.decode()
