"""Calendar feeds: a secret address per cluster (its published events, cancelled ones marked
so) and per person (the events they are confirmed for and their placed B2B meetings), and the
.ics of one event."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.models import Cluster

from ..calendars import calendar_bytes, event_component
from ..models import CalendarFeed, Event, EventStatus, Registration, RegistrationStatus
from ..models.events import new_token
from .events import cluster_language
from .registrations import registration_language

# A feed carries the past year too, so that a calendar keeps what happened.
FEED_HISTORY = timedelta(days=365)


def _feed(cluster: Cluster, contact: Contact | None) -> CalendarFeed:
    found = CalendarFeed.objects.filter(cluster=cluster, contact=contact).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(cluster=cluster, contact=contact)
    except IntegrityError:  # made by a request at the same moment
        return CalendarFeed.objects.get(cluster=cluster, contact=contact)


def cluster_feed(*, cluster: Cluster) -> CalendarFeed:
    return _feed(cluster, None)


def contact_feed(*, contact: Contact) -> CalendarFeed:
    return _feed(contact.cluster, contact)


def feed_regenerate(*, feed: CalendarFeed, actor: Any = None) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed.token = new_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


def _calendar_events(rows: Any) -> Any:
    return rows.filter(
        status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
        ends_at__gte=timezone.now() - FEED_HISTORY,
    ).order_by("starts_at", "pk")


def feed_calendar(feed: CalendarFeed) -> bytes:
    """The feed's whole calendar."""
    cluster = feed.cluster
    if feed.contact_id is None:
        language = cluster_language(cluster)
        events = _calendar_events(Event.objects.for_cluster(cluster))
        return calendar_bytes(
            [event_component(event, language=language) for event in events], name=cluster.name
        )
    contact = feed.contact
    registrations = list(
        Registration.objects.for_cluster(cluster)
        .filter(contact=contact, status=RegistrationStatus.CONFIRMED)
        .filter(event__in=_calendar_events(Event.objects.for_cluster(cluster)))
        .select_related("event", "event__cluster", "contact", "organisation")
        .order_by("event__starts_at", "pk")
    )
    language = contact.language if contact.language else cluster_language(cluster)
    components = [event_component(row.event, language=language) for row in registrations]
    components += _meetings(registrations, language)
    return calendar_bytes(components, name=f"{cluster.name} · {contact.full_name}")


def _meetings(registrations: list[Registration], language: str) -> list:
    try:
        from clusterdesk.events.agenda import meeting_components
    except ImportError:  # the meeting days' agenda is not there (yet)
        return []
    with_meetings = [row for row in registrations if row.event.has_meetings]
    if not with_meetings:
        return []
    return list(meeting_components(with_meetings, language=language))


def event_calendar(event: Event, *, language: str) -> bytes:
    return calendar_bytes(
        [event_component(event, language=language)], name=event.title_in(language)
    )


def registration_calendar(registration: Registration) -> bytes:
    language = registration_language(
        registration.event, registration.contact, registration.language
    )
    return event_calendar(registration.event, language=language)
