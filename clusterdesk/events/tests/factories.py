"""Factories for events and B2B meeting days (shared by the events tests; a helper adds its
own factories in its own module rather than here)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from clusterdesk.testing.factories import ClusterFactory, ContactFactory

from ..models import (
    Event,
    EventKind,
    EventStatus,
    MeetingRequest,
    MeetingTable,
    Registration,
    RegistrationStatus,
    RequestStatus,
    Session,
    TimeSlot,
    Visibility,
)


def _next_month_at(hour: int):  # type: ignore[no-untyped-def]
    day = timezone.localdate() + timedelta(days=30)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour, 0))


class EventFactory(factory.django.DjangoModelFactory):
    """A published members-only seminar next month, 9:00–17:00, without an activity (the
    services create one; a factory-made event has none unless given)."""

    class Meta:
        model = Event

    cluster = factory.SubFactory(ClusterFactory)
    kind = EventKind.SEMINAR
    title = factory.Sequence(lambda n: f"Seminar {n}")
    description = "Circular textiles: what the new EU rules mean for SMEs."
    language = "en"
    starts_at = factory.LazyFunction(lambda: _next_month_at(9))
    ends_at = factory.LazyFunction(lambda: _next_month_at(17))
    place = "Prato, Camera di Commercio"
    visibility = Visibility.MEMBERS
    status = EventStatus.PUBLISHED


class B2BDayFactory(EventFactory):
    kind = EventKind.B2B_DAY
    title = factory.Sequence(lambda n: f"B2B meeting day {n}")
    has_meetings = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of a contact (and so of its organisation)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    cluster = factory.SelfAttribute("event.cluster")
    contact = factory.SubFactory(
        ContactFactory, organisation__cluster=factory.SelfAttribute("...cluster")
    )
    organisation = factory.SelfAttribute("contact.organisation")
    status = RegistrationStatus.CONFIRMED
    registered_at = factory.LazyFunction(timezone.now)


class GuestRegistrationFactory(RegistrationFactory):
    contact = None
    organisation = None
    guest_name = factory.Sequence(lambda n: f"Guest {n}")
    guest_email = factory.Sequence(lambda n: f"guest{n}@example.net")
    guest_organisation = "Textil Export S.L."


class SessionFactory(factory.django.DjangoModelFactory):
    """A morning session 9:00–12:00 of the event's first day, 20-minute meetings, 5-minute
    pauses (no slots: make them with ``TimeSlotFactory`` or the services)."""

    class Meta:
        model = Session

    event = factory.SubFactory(B2BDayFactory)
    cluster = factory.SelfAttribute("event.cluster")
    name = "Morning"
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=3))
    slot_minutes = 20
    break_minutes = 5


class TimeSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeSlot

    session = factory.SubFactory(SessionFactory)
    event = factory.SelfAttribute("session.event")
    cluster = factory.SelfAttribute("session.cluster")
    starts_at = factory.LazyAttribute(lambda o: o.session.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))


class MeetingTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingTable

    event = factory.SubFactory(B2BDayFactory)
    cluster = factory.SelfAttribute("event.cluster")
    label = factory.Sequence(lambda n: f"T{n + 1}")
    position = factory.Sequence(lambda n: n)


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """A pending request between two registrations of the same B2B day."""

    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(B2BDayFactory)
    cluster = factory.SelfAttribute("event.cluster")
    requester = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..event"), wants_meetings=True
    )
    invitee = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..event"), wants_meetings=True
    )
    message = "We look for a supplier of recycled wool yarn."
    status = RequestStatus.PENDING
