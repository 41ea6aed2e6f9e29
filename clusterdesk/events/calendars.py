"""iCalendar files (RFC 5545) with the ``icalendar`` package: one event of the cluster, a
person's meetings, and the feeds that gather them. Every calendar ClusterDesk writes goes
through ``calendar_bytes`` so that feeds, downloads and e-mail attachments agree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, EventStatus

PRODUCT_ID = "-//ClusterDesk//Events//EN"


def uid_for(kind: str, pk: int) -> str:
    """A stable UID, so that calendar programs update an entry instead of duplicating it."""
    host = (settings.ALLOWED_HOSTS or ["clusterdesk"])[0].lstrip(".") or "clusterdesk"
    return f"{kind}-{pk}@{host}"


def component(
    *,
    uid: str,
    summary: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    location: str = "",
    url: str = "",
    cancelled: bool = False,
    stamp: datetime | None = None,
) -> VEvent:
    """One VEVENT, with its times in UTC."""
    vevent = VEvent()
    vevent.add("uid", uid)
    vevent.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    vevent.add("dtstart", starts_at.astimezone(UTC))
    vevent.add("dtend", ends_at.astimezone(UTC))
    vevent.add("summary", summary)
    if description:
        vevent.add("description", description)
    if location:
        vevent.add("location", location)
    if url:
        vevent.add("url", url)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return vevent


def event_component(event: Event, *, language: str) -> VEvent:
    """The VEVENT of one event of the cluster, in the reader's language where translated."""
    description = event.description_in(language)
    if event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    return component(
        uid=uid_for("event", event.pk),
        summary=event.title_in(language),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        description=description,
        location=event.place or event.online_url,
        url=event.online_url,
        cancelled=event.status == EventStatus.CANCELLED,
        stamp=event.updated_at,
    )


def calendar_bytes(components: Iterable[VEvent], *, name: str, method: str = "PUBLISH") -> bytes:
    """A whole calendar file: the components under one VCALENDAR named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for vevent in components:
        calendar.add_component(vevent)
    return calendar.to_ical()
