"""Every write of the events: the pages, the API, the tasks and the demo call these.

- ``events``: create, change, publish, cancel, delete an event (and its ledger activity);
- ``registrations``: register contacts and guests, the waiting list, cancellation;
- ``attendance``: check-in and the involvements it gives;
- ``feeds``: calendar feeds and .ics files.
"""

from .attendance import (
    involvements_sync,
    registration_check_in,
    registration_check_in_undo,
    walk_in_add,
    wanted_involvements,
)
from .events import (
    EVENT_FIELDS,
    cluster_language,
    default_involvement_days,
    event_activity,
    event_cancel,
    event_create,
    event_delete,
    event_problems,
    event_publish,
    event_update,
)
from .feeds import (
    cluster_feed,
    contact_feed,
    event_calendar,
    feed_calendar,
    feed_regenerate,
    registration_calendar,
)
from .registrations import (
    Guest,
    confirmed_count,
    registration_cancel,
    registration_closed_reason,
    registration_create,
    registration_language,
    registrations_add,
    waiting_promote,
)

__all__ = [
    "EVENT_FIELDS",
    "Guest",
    "cluster_feed",
    "cluster_language",
    "confirmed_count",
    "contact_feed",
    "default_involvement_days",
    "event_activity",
    "event_calendar",
    "event_cancel",
    "event_create",
    "event_delete",
    "event_problems",
    "event_publish",
    "event_update",
    "feed_calendar",
    "feed_regenerate",
    "involvements_sync",
    "registration_calendar",
    "registration_cancel",
    "registration_check_in",
    "registration_check_in_undo",
    "registration_closed_reason",
    "registration_create",
    "registration_language",
    "registrations_add",
    "waiting_promote",
    "walk_in_add",
    "wanted_involvements",
]
