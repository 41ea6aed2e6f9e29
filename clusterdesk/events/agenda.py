"""A person's B2B agenda: every slot of the day with their meeting (time, table, the other
person and organisation, the request's message) or free; and their placed meetings as
iCalendar VEVENTs, which the per-person calendar feed gathers too.

A set of agendas costs a fixed number of queries, so the organiser's "all agendas" PDF reads
the whole day at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Event as VEvent

from .calendars import component, uid_for
from .models import (
    AvailabilityWindow,
    Event,
    MeetingPlacement,
    Registration,
    RegistrationStatus,
    RequestStatus,
    TimeSlot,
)

PEOPLE = (
    "request__requester__contact",
    "request__requester__organisation",
    "request__invitee__contact",
    "request__invitee__organisation",
)


def placements_for(registrations: list[Registration]) -> list[MeetingPlacement]:
    """The placed meetings (accepted requests between two confirmed registrations) of these
    registrations; one query."""
    ids = [registration.pk for registration in registrations]
    if not ids:
        return []
    return list(
        MeetingPlacement.objects.filter(
            Q(request__requester_id__in=ids) | Q(request__invitee_id__in=ids),
            request__status=RequestStatus.ACCEPTED,
            request__requester__status=RegistrationStatus.CONFIRMED,
            request__invitee__status=RegistrationStatus.CONFIRMED,
        )
        .select_related("slot", "table", "request__event", *PEOPLE)
        .order_by("slot__starts_at", "table__position", "id")
    )


def other_side(placement: MeetingPlacement, registration_id: int) -> Registration:
    request = placement.request
    return request.invitee if request.requester_id == registration_id else request.requester


@dataclass
class AgendaEntry:
    slot: TimeSlot
    placement: MeetingPlacement | None = None
    other: Registration | None = None
    available: bool = True

    @property
    def message(self) -> str:
        return self.placement.request.message if self.placement else ""


@dataclass
class Agenda:
    registration: Registration
    entries: list[AgendaEntry]

    @property
    def meetings(self) -> int:
        return sum(1 for entry in self.entries if entry.placement is not None)


def agendas_for(event: Event, registrations: list[Registration]) -> list[Agenda]:
    """Each registration's agenda, slot by slot. Three queries for any number of people
    (slots, availability, placements)."""
    slots = list(
        TimeSlot.objects.for_cluster(event.cluster)
        .filter(event=event)
        .select_related("session")
        .order_by("starts_at", "id")
    )
    windows: dict[int, list[tuple[datetime, datetime]]] = {r.pk: [] for r in registrations}
    for window in AvailabilityWindow.objects.filter(registration__in=list(windows)):
        windows[window.registration_id].append((window.starts_at, window.ends_at))
    meeting_at: dict[tuple[int, int], MeetingPlacement] = {}
    for placement in placements_for(registrations):
        for person in (placement.request.requester_id, placement.request.invitee_id):
            meeting_at[(person, placement.slot_id)] = placement
    agendas = []
    for registration in registrations:
        entries = []
        own = windows[registration.pk]
        for slot in slots:
            placement = meeting_at.get((registration.pk, slot.pk))
            entries.append(
                AgendaEntry(
                    slot=slot,
                    placement=placement,
                    other=other_side(placement, registration.pk) if placement else None,
                    available=not own
                    or any(a <= slot.starts_at and slot.ends_at <= b for a, b in own),
                )
            )
        agendas.append(Agenda(registration, entries))
    return agendas


def agenda_language(registration: Registration, fallback: str) -> str:
    return registration.language or fallback


def meeting_summary(other: Registration) -> str:
    organisation = other.organisation_name
    if organisation:
        return _("B2B meeting with %(name)s (%(organisation)s)") % {
            "name": other.display_name,
            "organisation": organisation,
        }
    return _("B2B meeting with %(name)s") % {"name": other.display_name}


def meeting_components(registrations: list[Registration], *, language: str) -> list[VEvent]:
    """The placed meetings of these registrations as VEVENTs (one per meeting, even when both
    sides are in the list), in ``language``; one query."""
    wanted = {registration.pk for registration in registrations}
    components: list[VEvent] = []
    seen: set[int] = set()
    with translation.override(language):
        for placement in placements_for(registrations):
            if placement.pk in seen:
                continue
            seen.add(placement.pk)
            request = placement.request
            mine = request.requester_id if request.requester_id in wanted else request.invitee_id
            other = other_side(placement, mine)
            event = request.event
            where = _("Table %(table)s") % {"table": placement.table.label}
            lines = [event.title_in(language), where]
            if request.message:
                lines.append(request.message)
            components.append(
                component(
                    uid=uid_for("meeting", placement.pk),
                    summary=meeting_summary(other),
                    starts_at=placement.slot.starts_at,
                    ends_at=placement.slot.ends_at,
                    description="\n".join(lines),
                    location=", ".join(part for part in (event.place, where) if part),
                    stamp=placement.updated_at,
                )
            )
    return components
