"""Events and B2B meeting days. ``events``: the event, its registrations (participants'
contacts and guests), waiting list, check-in and calendar feeds. ``meetings``: the meeting
day's sessions, slots, tables, availability, meeting requests, placements and scheduler runs."""

from .events import (
    CalendarFeed,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationRole,
    RegistrationStatus,
    Visibility,
)
from .meetings import (
    AvailabilityWindow,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    RequestStatus,
    RunStatus,
    SchedulerRun,
    Session,
    TimeSlot,
)

__all__ = [
    "AvailabilityWindow",
    "CalendarFeed",
    "Event",
    "EventKind",
    "EventStatus",
    "MeetingPlacement",
    "MeetingRequest",
    "MeetingTable",
    "Registration",
    "RegistrationRole",
    "RegistrationStatus",
    "RequestStatus",
    "RunStatus",
    "SchedulerRun",
    "Session",
    "TimeSlot",
    "Visibility",
]
