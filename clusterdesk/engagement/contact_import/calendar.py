"""Reading calendar files (.ics) as Outlook and Google Calendar export them: each event's day,
title, description, organiser and attendees. No Django here: the caller gives the time zone
the days are counted in and the last day to read repeating events up to."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Calendar

from .matching import has_video_link

# A repeating series yields at most this many meetings (the most recent ones).
MAX_OCCURRENCES = 500
MAX_DESCRIPTION = 2000

# Where the invitation text of the video services begins; what follows is not a note.
_BOILERPLATE = re.compile(
    r"^\s*(?:_{10,}|-::~:~::~|Microsoft Teams(?: meeting| Need help\?)|Riunione di Microsoft Teams"
    r"|Reunión de Microsoft Teams|Microsoft Teams toplantısı|Join with Google Meet"
    r"|Partecipa con Google Meet|Unirse con Google Meet|Google Meet ile katılın"
    r"|Join Zoom Meeting|Partecipa alla riunione Zoom|Entrar a la reunión Zoom)",
    re.IGNORECASE | re.MULTILINE,
)
_CANCELLED_PREFIX = re.compile(
    r"^\s*(?:cancel+ed|annullat[oa]|cancelad[oa]|iptal edildi)\s*:", re.IGNORECASE
)
_VIDEO_PROPERTIES = (
    "LOCATION",
    "URL",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
)


class CalendarError(ValueError):
    """The file is not a calendar that can be read; the message says so in plain words."""


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""
    organiser: bool = False
    declined: bool = False


@dataclass
class CalendarEvent:
    position: int  # the event's place in the file, 1 for the first
    uid: str
    day: date | None
    summary: str = ""
    description: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    video: bool = False
    cancelled: bool = False
    occurrence: str = ""  # the date of a repeating series' meeting, "" for a single event
    problem: str = ""  # why the event could not be read ("" when it could)

    @property
    def external_id(self) -> str:
        """What identifies the event across imports of the same calendar."""
        uid = self.uid
        if len(uid) > 200:
            uid = "sha1:" + hashlib.sha1(uid.encode()).hexdigest()
        return f"{uid}/{self.occurrence}" if self.occurrence else uid

    @property
    def notes(self) -> str:
        return "\n\n".join(part for part in (self.summary, self.description) if part)


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value).strip()


def clean_description(text: str) -> str:
    """The note the person wrote, without the joining instructions of Teams, Meet or Zoom."""
    match = _BOILERPLATE.search(text)
    if match:
        text = text[: match.start()]
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip()
    return text[:MAX_DESCRIPTION]


def _addresses(component: Any) -> list[Attendee]:
    found: dict[str, Attendee] = {}
    entries: list[tuple[Any, bool]] = []
    organiser = component.get("ORGANIZER")
    if organiser is not None:
        entries.append((organiser, True))
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    entries += [(attendee, False) for attendee in attendees]
    for entry, is_organiser in entries:
        value = str(entry).strip()
        if not value.lower().startswith("mailto:"):
            continue
        email = value[7:].strip().lower()
        params = getattr(entry, "params", {}) or {}
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE") or "@" not in email:
            continue
        declined = str(params.get("PARTSTAT", "")).upper() == "DECLINED"
        name = str(params.get("CN", "")).strip().strip('"')
        if email in found:
            previous = found[email]
            found[email] = Attendee(
                email,
                previous.name or name,
                previous.organiser or is_organiser,
                previous.declined and declined,
            )
        else:
            found[email] = Attendee(email, name, is_organiser, declined)
    return list(found.values())


def _local_day(value: date | datetime, zone: tzinfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(zone).date()
        return value.date()
    return value


def _start(component: Any) -> date | datetime | None:
    prop = component.get("DTSTART")
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    return value if isinstance(value, date) else None


def _dates(component: Any, name: str, zone: tzinfo) -> set[date]:
    days: set[date] = set()
    values = component.get(name) or []
    if not isinstance(values, list):
        values = [values]
    for value in values:
        for item in getattr(value, "dts", []):
            if isinstance(item.dt, date):
                days.add(_local_day(item.dt, zone))
    return days


def _occurrences(
    component: Any, start: date | datetime, zone: tzinfo, until: date
) -> list[date] | None:
    """The days a repeating event met, up to ``until``; None when its rule cannot be read."""
    rule = component.get("RRULE")
    if rule is None:
        return None
    texts = rule if isinstance(rule, list) else [rule]
    first = start if isinstance(start, datetime) else datetime.combine(start, time())
    last = datetime.combine(until, time.max)
    if first.tzinfo is not None:
        last = last.replace(tzinfo=zone)
    days: list[date] = []
    try:
        for text in texts:
            recurrence = rrulestr(text.to_ical().decode(), dtstart=first, forceset=True)
            for moment in recurrence.between(first, last, inc=True):
                days.append(_local_day(moment, zone))
                if len(days) > MAX_OCCURRENCES * 4:
                    break
    except (ValueError, TypeError):
        return None
    for day in _dates(component, "RDATE", zone):
        if day <= until:
            days.append(day)
    excluded = _dates(component, "EXDATE", zone)
    unique = sorted({day for day in days if day not in excluded})
    return unique[-MAX_OCCURRENCES:]


def read_calendar(content: bytes, *, zone: tzinfo, until: date) -> list[CalendarEvent]:
    """Every event of the file, a repeating one as one event per meeting up to ``until``."""
    if not content.strip():
        raise CalendarError("empty")
    if b"BEGIN:VCALENDAR" not in content[:4096].upper():
        raise CalendarError("not a calendar")
    try:
        calendars = Calendar.from_ical(content, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        raise CalendarError(str(error)) from None
    components = [component for calendar in calendars for component in calendar.walk("VEVENT")]
    # A changed meeting of a series is its own event, naming the meeting it replaces.
    moved: dict[str, set[date]] = {}
    for component in components:
        recurrence_id = component.get("RECURRENCE-ID")
        if recurrence_id is not None and isinstance(getattr(recurrence_id, "dt", None), date):
            moved.setdefault(_text(component, "UID"), set()).add(_local_day(recurrence_id.dt, zone))
    events: list[CalendarEvent] = []
    for position, component in enumerate(components, start=1):
        events.extend(_read_event(position, component, zone, until, moved))
    return events


def _read_event(
    position: int, component: Any, zone: tzinfo, until: date, moved: dict[str, set[date]]
) -> list[CalendarEvent]:
    summary = _text(component, "SUMMARY")
    raw_description = _text(component, "DESCRIPTION")
    uid = _text(component, "UID")
    try:
        start = _start(component)
    except (ValueError, TypeError):
        start = None
    if not uid:
        seed = f"{start}|{summary}".encode()
        uid = "no-uid:" + hashlib.sha1(seed).hexdigest()
    event = CalendarEvent(
        position=position,
        uid=uid,
        day=None,
        summary=summary[:255],
        description=clean_description(raw_description),
        attendees=_addresses(component),
        video=has_video_link(
            raw_description, *(_text(component, name) for name in _VIDEO_PROPERTIES)
        ),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED"
        or bool(_CANCELLED_PREFIX.match(summary)),
    )
    if start is None:
        event.problem = "start"
        return [event]
    event.day = _local_day(start, zone)
    recurrence_id = component.get("RECURRENCE-ID")
    if recurrence_id is not None and isinstance(getattr(recurrence_id, "dt", None), date):
        event.occurrence = _local_day(recurrence_id.dt, zone).isoformat()
        return [event]
    days = _occurrences(component, start, zone, until)
    if days is None:
        return [event]
    if not days and event.day > until:
        return [event]  # a series that has not begun: shown once, as in the future
    skip = moved.get(uid, set())
    return [replace(event, day=day, occurrence=day.isoformat()) for day in days if day not in skip]
