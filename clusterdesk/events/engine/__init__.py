"""B2B meeting-day scheduling: pure computation on OR-Tools CP-SAT, no Django.

``schedule_meetings(day, settings)`` places the accepted meetings of a ``MeetingDay`` in slots
and at tables — as many as possible, nobody twice at once, never more meetings than tables,
availability respected, locked meetings where they are, idle gaps few and evenly spread, and on
a re-run as few moves as possible — and returns a ``Schedule`` whose report gives the solver's
bound beside the meetings placed. ``schedule_first_free(day)`` is the simple first-free-slot
scheduler, with the same result, for comparison. ``validate(day)`` lists every problem of a
day; both schedulers refuse a day with problems (``SchedulingInputError``).
"""

from .cpsat import schedule_meetings
from .greedy import schedule_first_free
from .inputs import (
    Key,
    MeetingDay,
    MeetingRequest,
    Participant,
    Placement,
    Slot,
    SolverSettings,
    Table,
)
from .problems import Problem, SchedulingInputError
from .results import Schedule, ScheduleReport, UnplacedMeeting
from .validation import validate

__all__ = [
    "Key",
    "MeetingDay",
    "MeetingRequest",
    "Participant",
    "Placement",
    "Problem",
    "Schedule",
    "ScheduleReport",
    "SchedulingInputError",
    "Slot",
    "SolverSettings",
    "Table",
    "UnplacedMeeting",
    "schedule_first_free",
    "schedule_meetings",
    "validate",
]
