"""Request a meeting and accept it: a guest, on their own page reached by the link of their
registration, picks someone from the attendee list, writes a message and sends the request;
the member representative of the other person's organisation signs in, finds it among their
requests and accepts it; both sides then see it accepted."""

from __future__ import annotations

import pytest

from clusterdesk.events.models import MeetingRequest, RequestStatus
from clusterdesk.events.tests.factories import GuestRegistrationFactory
from clusterdesk.events.tests.test_meeting_setup_helpers import person, ready_day

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guest_requests_a_meeting_and_the_other_side_accepts_it(personas, page):
    event, _others = ready_day(personas.cluster_a, people=2)
    guest = GuestRegistrationFactory(
        event=event,
        cluster=event.cluster,
        guest_name="Lucía Gómez",
        guest_organisation="Textil Export S.L.",
        wants_meetings=True,
        language="en",
    )
    bruno = person(event, organisation=personas.member_organisation_a)

    # The guest asks Bruno, of Lanificio Rossi, for a meeting.
    page.goto(f"/e/r/{guest.token}/meetings/")
    page.get_by_role("heading", name="My B2B meetings").wait_for()
    row = page.get_by_test_id("attendee").filter(has_text="Lanificio Rossi")
    row.get_by_role("link", name="Request a meeting").click()
    page.get_by_label("Message").fill("We look for recycled wool yarn: can we meet?")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text(f"Your request was sent to {bruno.display_name}.").wait_for()
    sent = page.get_by_test_id("sent")
    assert "Waiting for an answer" in sent.inner_text()

    # Lanificio Rossi's representative signs in and accepts it.
    sign_in(page, personas.member_a.email)
    page.goto(f"/c/{personas.cluster_a.slug}/events/{event.pk}/meetings/requests/")
    meeting = MeetingRequest.objects.get(requester=guest, invitee=bruno)
    request_row = page.get_by_test_id(f"request-{meeting.pk}")
    assert "recycled wool yarn" in request_row.inner_text()
    request_row.get_by_placeholder("Answer (optional)").fill("With pleasure.")
    request_row.get_by_role("button", name="Accept").click()
    page.get_by_text("The meeting with Lucía Gómez is accepted.").wait_for()
    assert page.get_by_test_id(f"request-{meeting.pk}").get_by_test_id("status").inner_text() == (
        "Accepted"
    )

    # The guest sees it accepted, with the answer.
    page.goto(f"/e/r/{guest.token}/meetings/")
    sent = page.get_by_test_id("sent")
    assert "Accepted" in sent.inner_text() and "With pleasure." in sent.inner_text()
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.ACCEPTED
