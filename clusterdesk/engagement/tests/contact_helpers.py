"""Factories and file builders for the contact-log tests: personal contacts, follow-up tasks,
sheets and calendar files written the way Outlook and Google Calendar write them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import factory
import pytest
from django.test import override_settings
from django.utils import timezone

from clusterdesk.engagement.models import ContactKind, FollowUpTask, PersonalContact
from clusterdesk.participants.tests.importing_helpers import csv_bytes, xlsx_bytes
from clusterdesk.testing.factories import OrganisationFactory

__all__ = [
    "FollowUpTaskFactory",
    "PersonalContactFactory",
    "csv_bytes",
    "google_ics",
    "ics_event",
    "isolated_media",
    "outlook_ics",
    "xlsx_bytes",
]


class PersonalContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalContact
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SelfAttribute("organisation.cluster")
    kind = ContactKind.VISIT
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    notes = ""
    source = "web"

    @factory.post_generation
    def staff(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.staff.set(extracted)

    @factory.post_generation
    def people_met(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.people_met.set(extracted)


class FollowUpTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpTask

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SelfAttribute("organisation.cluster")
    title = factory.Sequence(lambda n: f"Send the offer {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


@pytest.fixture
def isolated_media(tmp_path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Uploads of a test go to its own folder."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def ics_event(
    *,
    uid: str,
    start: str,
    summary: str,
    attendees: list[tuple[str, str]] = (),  # type: ignore[assignment]
    organiser: tuple[str, str] | None = None,
    description: str = "",
    extra: str = "",
    style: str = "outlook",
) -> str:
    """One VEVENT; ``start`` is the DTSTART line's value with its parameters, e.g.
    ``;TZID="W. Europe Standard Time":20260105T100000``."""
    lines = ["BEGIN:VEVENT"]
    for name, email in attendees:
        if style == "outlook":
            lines.append(f'ATTENDEE;CN="{name}";RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:{email}')
        else:
            lines.append(
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                f"CN={name};X-NUM-GUESTS=0:mailto:{email}"
            )
    if organiser:
        name, email = organiser
        lines.append(
            f'ORGANIZER;CN="{name}":mailto:{email}'
            if style == "outlook"
            else f"ORGANIZER;CN={name}:mailto:{email}"
        )
    if description:
        lines.append("DESCRIPTION:" + description.replace("\n", "\\n").replace(",", "\\,"))
    lines += [f"DTSTART{start}", f"SUMMARY:{summary}", f"UID:{uid}"]
    if extra:
        lines += extra.strip().splitlines()
    lines.append("END:VEVENT")
    return "\r\n".join(lines)


OUTLOOK_TIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded, as the calendar programs do."""
    data = line.encode()
    if len(data) <= 75:
        return [line]
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def outlook_ics(*events: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
        *OUTLOOK_TIMEZONE.splitlines(),
        *"\r\n".join(events).split("\r\n"),
        "END:VCALENDAR",
    ]
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode()


def google_ics(*events: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:manager@a.example",
        "X-WR-TIMEZONE:Europe/Rome",
        *"\r\n".join(events).split("\r\n"),
        "END:VCALENDAR",
    ]
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode()


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def ics_day(days: int) -> str:
    """A DTSTART value for an all-day event ``days`` ago (negative: in the future)."""
    return ";VALUE=DATE:" + _ics_date(days_ago(days))
