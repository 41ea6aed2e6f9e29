"""A small B2B day in the database for the schedule's tests (no tests here): one event,
sessions of 20-minute slots from the event's start, tables, people who take part in the
meetings and accepted requests between them, all made with the shared factories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from clusterdesk.testing.factories import ContactFactory

from ..models import (
    Event,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    Registration,
    RequestStatus,
    TimeSlot,
)
from .factories import (
    B2BDayFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    RegistrationFactory,
    SessionFactory,
    TimeSlotFactory,
)


@dataclass
class Day:
    event: Event
    people: list[Registration]
    slots: list[TimeSlot]
    tables: list[MeetingTable]
    requests: list[MeetingRequest]

    def accept(self, first: int, second: int, **extra) -> MeetingRequest:  # type: ignore[no-untyped-def]
        request = MeetingRequestFactory(
            event=self.event,
            requester=self.people[first],
            invitee=self.people[second],
            status=RequestStatus.ACCEPTED,
            **extra,
        )
        self.requests.append(request)
        return request

    def placements(self) -> list[MeetingPlacement]:
        return list(
            MeetingPlacement.objects.filter(request__event=self.event).select_related(
                "request", "slot", "table"
            )
        )


def b2b_day(
    cluster,  # type: ignore[no-untyped-def]
    *,
    people: int = 4,
    sessions: Sequence[int] = (4,),
    tables: int = 2,
    pairs: Iterable[tuple[int, int]] = ((0, 1), (2, 3), (0, 2), (1, 3)),
    organisations: Sequence[object] = (),
) -> Day:
    event = B2BDayFactory(cluster=cluster)
    slots: list[TimeSlot] = []
    start = event.starts_at
    for number, count in enumerate(sessions):
        session = SessionFactory(
            event=event,
            name=f"Session {number + 1}",
            starts_at=start,
            ends_at=start + timedelta(minutes=25 * count),
        )
        for _ in range(count):
            slots.append(TimeSlotFactory(session=session, starts_at=start))
            start += timedelta(minutes=25)
        start += timedelta(hours=1)
    made_tables = [MeetingTableFactory(event=event) for _ in range(tables)]
    registrations = []
    for index in range(people):
        extra = {}
        if index < len(organisations):
            contact = ContactFactory(organisation=organisations[index])
            extra = {"contact": contact, "organisation": organisations[index]}
        registrations.append(RegistrationFactory(event=event, wants_meetings=True, **extra))
    day = Day(event, registrations, slots, made_tables, [])
    for first, second in pairs:
        day.accept(first, second)
    return day
