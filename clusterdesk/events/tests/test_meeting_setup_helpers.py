"""What the meeting-day tests share (no tests here): a B2B day of cluster A next month,
9:00–18:00, people taking part, and times on the day."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone

from clusterdesk.events.services.meeting_setup import session_create, tables_add
from clusterdesk.events.tests.factories import B2BDayFactory, RegistrationFactory
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory


def at(event, hour: int, minute: int = 0, days: int = 0) -> datetime:  # type: ignore[no-untyped-def]
    day = timezone.localtime(event.starts_at).date() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def b2b_day(cluster, **kwargs):  # type: ignore[no-untyped-def]
    day = timezone.localdate() + timedelta(days=30)
    start = timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))
    return B2BDayFactory(
        cluster=cluster,
        starts_at=start,
        ends_at=start + timedelta(hours=9),
        **kwargs,
    )


def person(event, organisation=None, **kwargs):  # type: ignore[no-untyped-def]
    """A confirmed registration taking part in the meetings (of a new organisation)."""
    organisation = organisation or OrganisationFactory(cluster=event.cluster)
    contact = ContactFactory(organisation=organisation, cluster=event.cluster)
    return RegistrationFactory(
        event=event,
        cluster=event.cluster,
        contact=contact,
        organisation=organisation,
        wants_meetings=True,
        **kwargs,
    )


def ready_day(cluster, *, people: int = 4, tables: int = 2, **kwargs):  # type: ignore[no-untyped-def]
    """A day with a morning session 9:00–12:00 (20 + 5 minutes: 7 slots), tables, people."""
    event = b2b_day(cluster, **kwargs)
    session_create(
        event=event,
        actor=None,
        data={"name": "Morning", "starts_at": at(event, 9), "ends_at": at(event, 12)},
    )
    tables_add(event=event, actor=None, count=tables)
    return event, [person(event) for _ in range(people)]


def english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
