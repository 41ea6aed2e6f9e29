"""Reads of the events pages, the API and the participant card."""

from .events import (
    EventFilters,
    ParticipantEvents,
    checkin_counts,
    checkin_rows,
    contact_registrations,
    event_search,
    event_with_counts,
    fill_share,
    participant_events,
    registration_export_rows,
    registration_rows,
    registrations_of_event,
    walk_in_candidates,
    with_counts,
)

__all__ = [
    "EventFilters",
    "ParticipantEvents",
    "checkin_counts",
    "checkin_rows",
    "contact_registrations",
    "event_search",
    "event_with_counts",
    "fill_share",
    "participant_events",
    "registration_export_rows",
    "registration_rows",
    "registrations_of_event",
    "walk_in_candidates",
    "with_counts",
]
