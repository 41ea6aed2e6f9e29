"""Meeting requests: the bad inputs in plain words, quotas, accept/decline/withdraw, e-mails,
and the signed-in pages (attendee list, marketplace, requests) with their tenancy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from clusterdesk.events.models import (
    MeetingPlacement,
    MeetingRequest,
    RegistrationStatus,
    RequestStatus,
)
from clusterdesk.events.services import meeting_requests as service
from clusterdesk.events.services.meeting_setup import availability_replace
from clusterdesk.events.tests.factories import MeetingRequestFactory
from clusterdesk.lib.errors import DomainError

from .test_meeting_setup_helpers import at, english, person, ready_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def ask(requester, invitee, message="Shall we talk about recycled wool?"):  # type: ignore[no-untyped-def]
    return service.meeting_request_create(
        requester=requester, invitee=invitee, actor=None, message=message
    )


def refused(action) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as error:
        action()
    return error.value.message


def test_a_request_is_made_and_the_invitee_is_emailed_in_their_language(
    personas, django_capture_on_commit_callbacks
):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    bruno.language = "it"
    bruno.save()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = ask(anna, bruno)
    assert meeting.status == RequestStatus.PENDING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [bruno.email]
    assert anna.display_name in mail.outbox[0].subject
    assert reverse("events_public:meetings", args=[bruno.token]) in mail.outbox[0].body
    with translation.override("it"):
        assert translation.gettext("Accept or decline on your page:") in mail.outbox[0].body


def test_a_request_to_oneself_is_refused(personas):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    colleague = person(event, organisation=anna.organisation)
    message = "This is a request to oneself: choose someone of another organisation."
    assert refused(lambda: ask(anna, anna)) == message
    assert refused(lambda: ask(anna, colleague)) == message


def test_a_second_request_between_the_same_two_is_refused_in_either_direction(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    ask(anna, bruno)
    message = refused(lambda: ask(bruno, anna))
    assert message == (
        f"{bruno.display_name} and {anna.display_name} already have a request "
        "(waiting for an answer): a second one is not needed."
    )


def test_people_not_taking_part_or_cancelled_cannot_be_asked(personas):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    bruno.wants_meetings = False
    bruno.save()
    carla.status = RegistrationStatus.CANCELLED
    carla.save()
    assert refused(lambda: ask(anna, bruno)) == (
        f"{bruno.display_name} does not take part in the B2B meetings."
    )
    assert refused(lambda: ask(anna, carla)) == f"{carla.display_name}'s registration is cancelled."


def test_a_message_longer_than_500_characters_is_refused(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    assert refused(lambda: ask(anna, bruno, "x" * 501)) == (
        "The message has 500 characters at most (it has 501)."
    )


def test_requests_after_the_event_started_are_refused(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    message = refused(
        lambda: service.meeting_request_create(
            requester=anna, invitee=bruno, actor=None, now=event.starts_at + timedelta(minutes=1)
        )
    )
    assert message == "The meeting day has started: requests are closed."


def test_requests_sent_and_waiting_are_capped_at_the_quota(personas):
    event, (anna, *others) = ready_day(personas.cluster_a, people=4)
    anna.meeting_quota = 2
    anna.save()
    ask(anna, others[0])
    ask(anna, others[1])
    assert refused(lambda: ask(anna, others[2])) == (
        f"{anna.display_name} has 2 requests waiting for an answer, as many as their quota: "
        "wait for answers or withdraw one."
    )


def test_accepting_is_refused_when_it_would_pass_the_invitees_quota(personas):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    bruno.meeting_quota = 1
    bruno.save()
    first, second = ask(anna, bruno), ask(carla, bruno)
    service.meeting_request_accept(meeting=first, actor=None)
    assert refused(lambda: service.meeting_request_accept(meeting=second, actor=None)) == (
        f"{bruno.display_name} already has 1 accepted meetings, their quota."
    )
    # and a full person can no longer be asked
    assert "their quota" in refused(lambda: ask(person(event), bruno))


def test_accepting_is_refused_when_it_gives_someone_more_meetings_than_slots(personas):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    availability_replace(registration=bruno, actor=None, windows=[(at(event, 9), at(event, 9, 20))])
    service.meeting_request_accept(meeting=ask(anna, bruno), actor=None)
    assert refused(
        lambda: service.meeting_request_accept(meeting=ask(carla, bruno), actor=None)
    ) == (
        f"{bruno.display_name} has 1 accepted meetings and is available for 1 slots: "
        "more meetings than slots."
    )


def test_accept_decline_and_withdraw_e_mail_the_requester(
    personas, django_capture_on_commit_callbacks
):
    event, (anna, bruno, carla, *_rest) = ready_day(personas.cluster_a)
    for someone in (anna, carla):  # else the cluster's first language, Italian
        someone.language = "en"
        someone.save()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = service.meeting_request_accept(
            meeting=ask(anna, bruno), actor=None, answer="Gladly, see you there."
        )
        declined = service.meeting_request_decline(meeting=ask(carla, bruno), actor=None)
    assert (accepted.status, accepted.answer) == (RequestStatus.ACCEPTED, "Gladly, see you there.")
    assert declined.status == RequestStatus.DECLINED
    answered = [m for m in mail.outbox if m.to in ([anna.email], [carla.email])]
    assert [m.subject for m in answered] == [
        f"{bruno.display_name} accepted your meeting request",
        f"{bruno.display_name} declined your meeting request",
    ]
    assert refused(lambda: service.meeting_request_decline(meeting=accepted, actor=None)) == (
        "This request is no longer waiting for an answer (accepted)."
    )
    assert (
        refused(lambda: ask(carla, bruno)) == f"{bruno.display_name} declined this request already."
    )
    withdrawn = service.meeting_request_withdraw(meeting=accepted, actor=None)
    assert withdrawn.status == RequestStatus.CANCELLED
    again = ask(anna, bruno, "Sorry, can we meet after all?")
    assert again.pk == accepted.pk and again.status == RequestStatus.PENDING


def test_a_meeting_fixed_by_the_organiser_cannot_be_withdrawn(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    meeting = service.meeting_request_accept(meeting=ask(anna, bruno), actor=None)
    MeetingPlacement.objects.create(
        cluster=event.cluster,
        request=meeting,
        slot=event.slots.first(),
        table=event.tables.first(),
        locked=True,
    )
    assert "unlock it first" in refused(
        lambda: service.meeting_request_withdraw(meeting=meeting, actor=None)
    )


# --------------------------------------------------------------------------- pages


def _url(name, event, *args):  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=[event.cluster.slug, event.pk, *args])


def test_the_manager_requests_on_someones_behalf_and_accepts_for_the_other(
    personas, manager_a_client
):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    client = english(manager_a_client)
    form = client.get(_url("meeting_request_new", event) + f"?invitee={bruno.pk}")
    assert form.status_code == 200
    client.post(
        _url("meeting_request_new", event),
        {"requester": anna.pk, "invitee": bruno.pk, "message": "About your knitting machines"},
    )
    meeting = MeetingRequest.objects.get(requester=anna, invitee=bruno)
    client.post(_url("meeting_request_answer", event, meeting.pk), {"decision": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.ACCEPTED


def test_the_request_form_shows_a_request_to_oneself_in_plain_words(personas, manager_a_client):
    event, (anna, *_rest) = ready_day(personas.cluster_a)
    page = english(manager_a_client).post(
        _url("meeting_request_new", event),
        {"requester": anna.pk, "invitee": anna.pk, "message": ""},
    )
    assert "This is a request to oneself" in page.content.decode()


def test_a_member_representative_acts_only_for_their_organisations_people(personas):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    mine = person(event, organisation=personas.member_organisation_a)
    others = MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    client = english(personas.client_for(personas.member_a))
    # asking on behalf of someone else's person is not a choice the form accepts
    client.post(
        _url("meeting_request_new", event),
        {"requester": anna.pk, "invitee": bruno.pk, "message": ""},
    )
    assert MeetingRequest.objects.count() == 1
    client.post(_url("meeting_request_new", event), {"requester": mine.pk, "invitee": anna.pk})
    assert MeetingRequest.objects.filter(requester=mine, invitee=anna).exists()
    # others' requests are neither shown nor answerable
    page = client.get(_url("meeting_requests", event))
    assert [row.pk for row in page.context["rows"]] == [
        MeetingRequest.objects.get(requester=mine).pk
    ]
    assert (
        client.post(
            _url("meeting_request_answer", event, others.pk), {"decision": "accept"}
        ).status_code
        == 404
    )
    assert client.post(_url("meeting_request_withdraw", event, others.pk)).status_code == 404
    received = MeetingRequestFactory(event=event, requester=bruno, invitee=mine)
    client.post(_url("meeting_request_answer", event, received.pk), {"decision": "decline"})
    received.refresh_from_db()
    assert received.status == RequestStatus.DECLINED


def test_the_requests_page_filters_by_status_and_counts(personas, manager_a_client):
    event, people = ready_day(personas.cluster_a, people=4)
    MeetingRequestFactory(event=event, requester=people[0], invitee=people[1])
    MeetingRequestFactory(
        event=event, requester=people[2], invitee=people[3], status=RequestStatus.ACCEPTED
    )
    page = english(manager_a_client).get(_url("meeting_requests", event) + "?status=accepted")
    assert len(page.context["rows"]) == 1
    assert ("accepted", "Accepted", 1) in page.context["statuses"]
    assert page.context["total"] == 2


def _crowded_day(personas, count: int):  # type: ignore[no-untyped-def]
    from clusterdesk.matchmaking.models import Listing, ListingKind, MatchProfile

    event, people = ready_day(personas.cluster_a, people=count)
    for index, someone in enumerate(people):
        profile = MatchProfile.objects.create(
            cluster=event.cluster, organisation=someone.organisation, competences=["knitting"]
        )
        Listing.objects.create(
            cluster=event.cluster, profile=profile, kind=ListingKind.BUSINESS_OFFER,
            title=f"Offer {index}",
        )  # fmt: skip
        if index:
            MeetingRequestFactory(event=event, requester=people[index - 1], invitee=someone)
    return event


@pytest.mark.parametrize("name", ["meeting_attendees", "meeting_marketplace", "meeting_requests"])
def test_the_lists_take_as_many_queries_for_many_rows_as_for_few(
    personas, manager_a_client, name, django_assert_max_num_queries
):
    client = english(manager_a_client)
    small = _crowded_day(personas, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(name, small)).status_code == 200
    large = _crowded_day(personas, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_url(name, large)).status_code == 200


@pytest.mark.parametrize(
    "name,method",
    [
        ("meeting_attendees", "get"),
        ("meeting_marketplace", "get"),
        ("meeting_requests", "get"),
        ("meeting_request_new", "get"),
        ("meeting_request_answer", "post"),
        ("meeting_request_withdraw", "post"),
    ],
)
def test_another_clusters_manager_gets_404_on_every_request_page(
    personas, manager_b_client, name, method
):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    meeting = MeetingRequestFactory(event=event, requester=anna, invitee=bruno)
    args = [meeting.pk] if name in ("meeting_request_answer", "meeting_request_withdraw") else []
    address = reverse(f"events:{name}", args=[personas.cluster_a.slug, event.pk, *args])
    assert getattr(manager_b_client, method)(address).status_code == 404
    own_cluster = reverse(f"events:{name}", args=[personas.cluster_b.slug, event.pk, *args])
    assert getattr(manager_b_client, method)(own_cluster).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.PENDING


def test_the_event_panel_figures_count_requests_by_status(personas, manager_a_client):
    event, (anna, bruno, *_rest) = ready_day(personas.cluster_a)
    MeetingRequestFactory(event=event, requester=anna, invitee=bruno, status=RequestStatus.ACCEPTED)
    page = english(manager_a_client).get(_url("meeting_panel", event))
    assert "1 accepted, 0 waiting, 0 declined" in page.content.decode()
    assert page.context["summary"].capacity == 14
    assert timezone.now() < event.starts_at
