"""Creating and changing events: the rules in plain words, and the activity each event keeps
in step in the engagement ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from clusterdesk.engagement.models import Activity, ActivityKind
from clusterdesk.events import services
from clusterdesk.events.models import EventKind, EventStatus, Registration
from clusterdesk.events.models.events import DEFAULT_ACTIVE_ROLES
from clusterdesk.events.tests.factories import RegistrationFactory
from clusterdesk.lib.errors import DomainError

from .events_helpers import at, event_data, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(cluster, **changes) -> DomainError:
    with pytest.raises(DomainError) as caught:
        make_event(cluster, **changes)
    return caught.value


def test_an_event_creates_its_activity_in_the_ledger(personas):
    event = make_event(personas.cluster_a, personas.manager_a, kind=EventKind.BARCAMP)
    activity = Activity.objects.get(pk=event.activity_id)
    assert activity.kind == ActivityKind.BARCAMP
    assert activity.title == "Circular textiles"
    assert activity.starts_on == timezone.localdate(event.starts_at)
    assert activity.source == "events"
    assert activity.cluster_id == personas.cluster_a.pk
    assert event.active_roles == sorted(DEFAULT_ACTIVE_ROLES)
    assert event.language == "it"  # the cluster's first language


def test_editing_an_event_keeps_its_activity_in_step(personas):
    event = make_event(personas.cluster_a, personas.manager_a)
    services.event_update(
        event=event,
        actor=personas.manager_a,
        data={"title": "Circular textiles 2", "starts_at": at(22, 9), "ends_at": at(23, 17)},
    )
    activity = Activity.objects.get(pk=event.activity_id)
    assert activity.title == "Circular textiles 2"
    assert (activity.starts_on, activity.ends_on) == (
        timezone.localdate(at(22)),
        timezone.localdate(at(23)),
    )


def test_an_event_that_ends_before_it_starts_is_refused(personas):
    error = refusal(personas.cluster_a, ends_at=at(19, 9))
    assert error.field == "ends_at"
    assert "ends before it starts" in error.message


def test_a_deadline_after_the_end_is_refused(personas):
    error = refusal(personas.cluster_a, registration_deadline=at(21, 9))
    assert error.field == "registration_deadline"
    assert "before the end" in error.message


@pytest.mark.parametrize("capacity", [0, -3])
def test_a_capacity_of_zero_or_less_is_refused(personas, capacity):
    error = refusal(personas.cluster_a, capacity=capacity)
    assert error.field == "capacity"
    assert "at least 1" in error.message


def test_an_event_needs_a_place_or_a_link(personas):
    error = refusal(personas.cluster_a, place="", online_url="")
    assert error.field == "place"
    assert "place, an online link, or both" in error.message


def test_an_online_event_without_a_place_is_fine(personas):
    event = make_event(personas.cluster_a, place="", online_url="https://meet.example.org/x")
    assert event.activity.place == "https://meet.example.org/x"


def test_involvement_days_count_in_half_days_within_the_event(personas):
    assert refusal(personas.cluster_a, involvement_days=Decimal("0.3")).field == "involvement_days"
    error = refusal(personas.cluster_a, involvement_days=Decimal("3"))
    assert "more than the activity lasts" in error.message


def test_the_default_days_follow_the_events_length():
    assert services.default_involvement_days(at(1, 9), at(1, 12)) == Decimal("0.5")
    assert services.default_involvement_days(at(1, 9), at(1, 17)) == Decimal("1")
    assert services.default_involvement_days(at(1, 9), at(3, 17)) == Decimal("3")


def test_translations_keep_only_what_was_given(personas):
    event = make_event(
        personas.cluster_a,
        translations={
            "en": {"title": "Circular textiles (EN)", "description": ""},
            "es": {"title": "", "description": ""},
        },
    )
    assert event.translations == {"en": {"title": "Circular textiles (EN)", "description": ""}}
    assert event.title_in("en") == "Circular textiles (EN)"
    assert event.title_in("es") == "Circular textiles"


def test_an_event_with_check_ins_cannot_be_deleted(personas):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event)
    services.registration_check_in(registration=registration, actor=personas.manager_a)
    with pytest.raises(DomainError) as caught:
        services.event_delete(event=event, actor=personas.manager_a)
    assert "Cancel the event instead" in caught.value.message


def test_deleting_an_event_nobody_attended_removes_its_activity(personas):
    event = make_event(personas.cluster_a)
    RegistrationFactory(event=event)
    activity_id = event.activity_id
    services.event_delete(event=event, actor=personas.manager_a)
    assert not Activity.objects.filter(pk=activity_id).exists()
    assert not Registration.objects.filter(event_id=event.pk).exists()


def test_cancelling_an_event_takes_its_empty_activity_out_of_the_ledger(personas):
    event = make_event(personas.cluster_a)
    activity_id = event.activity_id
    services.event_cancel(event=event, actor=personas.manager_a)
    assert event.status == EventStatus.CANCELLED
    assert not Activity.objects.filter(pk=activity_id).exists()


def test_a_draft_is_published_once(personas):
    event = make_event(personas.cluster_a, status=EventStatus.DRAFT)
    services.event_publish(event=event, actor=personas.manager_a)
    assert event.status == EventStatus.PUBLISHED
    with pytest.raises(DomainError, match="already published"):
        services.event_publish(event=event, actor=personas.manager_a)


def test_the_event_data_helper_is_valid_as_it_is(personas):
    assert services.event_problems(cluster=personas.cluster_a, **event_data()) == []
