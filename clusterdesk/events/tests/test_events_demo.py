"""The events demo: coming events only, a full public BarCamp with a waiting list, one B2B
day with at least 36 people of different participants; no check-in, no involvement, nothing
e-mailed; the same data on every run, and a second run leaves the cluster alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from clusterdesk.engagement.models import Activity, Involvement
from clusterdesk.events.demo import events_demo_seed
from clusterdesk.events.models import Event, EventKind, Registration
from clusterdesk.testing.factories import (
    ClusterFactory,
    CommittedOrganisationFactory,
    ContactFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 3, 2)


def demo_cluster(slug: str = "tfc"):
    cluster = ClusterFactory(slug=slug, local_languages=["it"])
    for number in range(30):
        ContactFactory(
            organisation=CommittedOrganisationFactory(cluster=cluster, name=f"M{number:02}")
        )
    for number in range(20):
        ContactFactory(organisation=OrganisationFactory(cluster=cluster, name=f"N{number:02}"))
    return cluster


def picture(cluster) -> list[tuple]:
    return list(
        Registration.objects.for_cluster(cluster)
        .order_by("event__starts_at", "registered_at", "pk")
        .values_list("event__title", "contact__organisation__name", "guest_name", "status", "role")
    )


def test_the_demo_makes_coming_events_and_a_b2b_day(django_capture_on_commit_callbacks):
    cluster = demo_cluster()
    with django_capture_on_commit_callbacks(execute=True):
        made = events_demo_seed(slugs=["tfc"], as_of=AS_OF)
    assert made == Registration.objects.count() > 0
    events = list(Event.objects.for_cluster(cluster))
    assert {event.kind for event in events} == {"seminar", "workshop", "barcamp", "b2b_day"}
    assert all(timezone.localdate(event.starts_at) > AS_OF for event in events)
    assert all(event.activity.starts_on > AS_OF for event in events)
    assert Activity.objects.filter(starts_on__lte=AS_OF).count() == 0
    assert not Involvement.objects.exists()
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()
    assert mail.outbox == []

    barcamp = Event.objects.get(kind=EventKind.BARCAMP)
    assert barcamp.visibility == "public"
    assert barcamp.registrations.filter(status="confirmed").count() == barcamp.capacity
    assert barcamp.registrations.filter(status="waiting", contact__isnull=True).count() > 0

    [day] = Event.objects.filter(kind=EventKind.B2B_DAY, has_meetings=True)
    start = timezone.localtime(day.starts_at)
    assert start.date() == AS_OF + timedelta(days=21)
    assert (start.hour, timezone.localtime(day.ends_at).hour) == (9, 17)
    people = day.registrations.filter(status="confirmed", wants_meetings=True)
    assert people.count() >= 36
    assert people.values("organisation").distinct().count() == people.count()


def test_the_demo_is_the_same_every_time_and_leaves_a_seeded_cluster_alone():
    first, second = demo_cluster("tfc"), demo_cluster("isim")
    events_demo_seed(slugs=["tfc", "isim"], as_of=AS_OF)
    made = picture(first)
    assert [row[1:] for row in made] == [row[1:] for row in picture(second)]
    assert events_demo_seed(slugs=["tfc"], as_of=AS_OF) == 0
    assert picture(first) == made
