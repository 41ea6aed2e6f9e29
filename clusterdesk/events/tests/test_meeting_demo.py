"""The meeting-day demo: sessions, tables, availability and requests on a B2B day made with
factories as the events demo makes it; deterministic and left alone on a second run."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core import mail
from django.utils import timezone

from clusterdesk.events.meeting_demo import meetings_demo_seed
from clusterdesk.events.models import MeetingRequest, RequestStatus
from clusterdesk.events.queries.meetings import counts_by_registration, day_summary
from clusterdesk.testing.factories import ClusterFactory

from .test_meeting_setup_helpers import b2b_day, person

pytestmark = pytest.mark.django_db


def _demo_cluster(slug: str, people: int = 36):  # type: ignore[no-untyped-def]
    cluster = ClusterFactory(slug=slug, local_languages=["it"])
    event = b2b_day(cluster)
    for _ in range(people):
        person(event)
    return event


def test_the_demo_sets_up_the_day_and_requests_mostly_accepted_meetings():
    event = _demo_cluster("tfc")
    accepted = meetings_demo_seed(slugs=["tfc"], as_of=timezone.localdate())
    summary = day_summary(event)
    assert [s.name for s in summary.sessions] == ["Morning", "Afternoon"]
    assert (summary.slots, summary.tables) == (14, 8)
    statuses = Counter(MeetingRequest.objects.values_list("status", flat=True))
    assert accepted == statuses[RequestStatus.ACCEPTED]
    assert statuses[RequestStatus.ACCEPTED] > statuses[RequestStatus.PENDING] > 0
    assert statuses[RequestStatus.DECLINED] > 0
    per_person = counts_by_registration(event)
    involved = [c.accepted + c.pending_sent + c.pending_received for c in per_person.values()]
    assert 3 <= sum(involved) / len(involved) <= 6
    assert summary.warnings == []
    assert "filati" in " ".join(MeetingRequest.objects.values_list("message", flat=True))
    assert event.registrations.filter(availability__isnull=False).exists()
    assert mail.outbox == []


def test_the_demo_is_deterministic_and_leaves_a_requested_day_alone():
    first = _demo_cluster("tfc")
    second = _demo_cluster("isim")
    meetings_demo_seed(slugs=["tfc", "isim"], as_of=timezone.localdate())

    def shape(event):  # type: ignore[no-untyped-def]
        order = {
            pk: n
            for n, pk in enumerate(event.registrations.order_by("pk").values_list("pk", flat=True))
        }
        return sorted(
            (order[r], order[i], s)
            for r, i, s in event.meeting_requests.values_list(
                "requester_id", "invitee_id", "status"
            )
        )

    assert shape(first) == shape(second)
    before = MeetingRequest.objects.count()
    assert meetings_demo_seed(slugs=["tfc"], as_of=timezone.localdate()) == 0
    assert MeetingRequest.objects.count() == before
    assert first.sessions.count() == 2
