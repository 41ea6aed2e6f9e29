"""Check-in turns into involvement: active or passive by the roles the event counts, the
event's days, undo removes, and a change of the roles or days reaches every organisation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clusterdesk.engagement.models import Involvement, InvolvementRole
from clusterdesk.events import services
from clusterdesk.events.models import RegistrationRole
from clusterdesk.events.tests.factories import (
    EventFactory,
    GuestRegistrationFactory,
    RegistrationFactory,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .events_helpers import make_event

pytestmark = pytest.mark.django_db


def involvements(event) -> dict[int, tuple[str, Decimal]]:
    return {
        row.organisation_id: (row.role, row.days)
        for row in Involvement.objects.filter(activity_id=event.activity_id)
    }


def check_in(registration):
    return services.registration_check_in(registration=registration, actor=None)


def test_an_attendee_is_passively_involved_for_the_events_days(personas):
    event = make_event(personas.cluster_a, involvement_days=Decimal("0.5"))
    registration = RegistrationFactory(event=event)
    check_in(registration)
    assert involvements(event) == {
        registration.organisation_id: (InvolvementRole.PASSIVE, Decimal("0.5"))
    }
    involvement = Involvement.objects.get(activity_id=event.activity_id)
    assert involvement.starts_on == event.activity.starts_on


def test_a_speaker_makes_the_organisation_actively_involved(personas):
    event = make_event(personas.cluster_a)
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    attendee = RegistrationFactory(event=event, contact__organisation=organisation)
    speaker = RegistrationFactory(
        event=event, contact__organisation=organisation, role=RegistrationRole.SPEAKER
    )
    check_in(attendee)
    assert involvements(event)[organisation.pk][0] == InvolvementRole.PASSIVE
    check_in(speaker)
    assert involvements(event) == {organisation.pk: (InvolvementRole.ACTIVE, Decimal("1"))}


def test_undoing_the_last_check_in_of_an_organisation_removes_its_involvement(personas):
    event = make_event(personas.cluster_a)
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    first, second = RegistrationFactory.create_batch(
        2, event=event, contact__organisation=organisation
    )
    check_in(first)
    check_in(second)
    services.registration_check_in_undo(registration=first, actor=None)
    assert organisation.pk in involvements(event)
    services.registration_check_in_undo(registration=second, actor=None)
    assert involvements(event) == {}


def test_changing_the_active_roles_or_days_recomputes_the_involvements(personas):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event, role=RegistrationRole.EXHIBITOR)
    check_in(registration)
    organisation = registration.organisation_id
    assert involvements(event)[organisation] == (InvolvementRole.ACTIVE, Decimal("1"))
    services.event_update(
        event=event,
        actor=None,
        data={"active_roles": [RegistrationRole.SPEAKER], "involvement_days": Decimal("0.5")},
    )
    assert involvements(event)[organisation] == (InvolvementRole.PASSIVE, Decimal("0.5"))


def test_moving_the_event_moves_the_involvements_start(personas):
    from .events_helpers import at

    event = make_event(personas.cluster_a)
    check_in(RegistrationFactory(event=event))
    services.event_update(
        event=event, actor=None, data={"starts_at": at(40, 9), "ends_at": at(40, 17)}
    )
    involvement = Involvement.objects.get(activity_id=event.activity_id)
    assert involvement.starts_on == event.activity.starts_on == at(40).date()


def test_a_guest_without_an_organisation_writes_nothing_in_the_ledger(personas):
    event = make_event(personas.cluster_a)
    registration = GuestRegistrationFactory(event=event)
    check_in(registration)
    assert registration.checked_in_at is not None
    assert involvements(event) == {}


def test_a_factory_made_event_gets_its_activity_at_the_first_check_in(personas):
    event = EventFactory(cluster=personas.cluster_a)
    registration = RegistrationFactory(event=event)
    check_in(registration)
    event.refresh_from_db()
    assert event.activity is not None and event.activity.source == "events"
    assert registration.organisation_id in involvements(event)


def test_someone_waiting_cannot_be_checked_in(personas):
    event = make_event(personas.cluster_a)
    registration = RegistrationFactory(event=event, status="waiting")
    with pytest.raises(DomainError, match="not confirmed"):
        check_in(registration)


def test_a_walk_in_is_registered_and_checked_in_at_once_beyond_the_capacity(personas):
    event = make_event(personas.cluster_a, capacity=1)
    RegistrationFactory(event=event)
    contact = ContactFactory(organisation__cluster=personas.cluster_a)
    registration = services.walk_in_add(event=event, actor=None, contact=contact)
    assert registration.status == "confirmed" and registration.checked_in_at is not None
    assert contact.organisation_id in involvements(event)
    guest = services.walk_in_add(
        event=event, actor=None, guest=services.Guest(name="Zoe", email="")
    )
    assert guest.checked_in_at is not None


def test_a_checked_in_registration_cannot_be_cancelled(personas):
    event = make_event(personas.cluster_a)
    registration = check_in(RegistrationFactory(event=event))
    with pytest.raises(DomainError, match="undo the check-in first"):
        services.registration_cancel(registration=registration, actor=None)
