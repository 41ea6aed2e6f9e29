"""What the scheduler takes: the day's time slots and tables, the participants with the slots
they can attend, the accepted meeting requests, the meetings the organiser locked, and the
previous schedule when the day is scheduled again after late changes.

Everything is a frozen dataclass of plain values: the Django side turns its rows into these and
the result back into rows. Ids are the caller's (database keys or any text); the engine never
invents one and keeps the caller's order wherever order matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

Key = int | str
"""An id chosen by the caller: a primary key or a text code."""


@dataclass(frozen=True)
class Slot:
    """A time slot in which every table holds at most one meeting.

    ``session`` names a block of consecutive slots (morning, afternoon): sessions are separated
    by breaks, so a free slot is an idle gap only between two meetings of the same session."""

    id: Key
    start: datetime
    end: datetime
    session: str = ""


@dataclass(frozen=True)
class Table:
    id: Key
    label: str = ""


@dataclass(frozen=True)
class Participant:
    """Someone with meetings; ``available`` holds the ids of the slots they can attend (None:
    every slot of the day). ``name`` is how messages speak of them."""

    id: Key
    name: str = ""
    available: frozenset[Key] | None = None

    @property
    def display_name(self) -> str:
        return self.name or f"participant {self.id}"


@dataclass(frozen=True)
class MeetingRequest:
    """An accepted request: ``first`` asked ``second`` for a meeting and was accepted. A higher
    ``priority`` (a whole number, 1 by default) makes the meeting count more when not every
    meeting can take place."""

    id: Key
    first: Key
    second: Key
    priority: int = 1


@dataclass(frozen=True)
class Placement:
    """A meeting in a slot at a table."""

    meeting: Key
    slot: Key
    table: Key


@dataclass(frozen=True)
class MeetingDay:
    """Everything the scheduler needs about one B2B meeting day.

    ``locked``: meetings the organiser fixed; they stay exactly where they are.
    ``previous``: the schedule of the last run, when the day is scheduled again after late
    changes; meetings in it move as little as possible. Entries naming a request, slot or table
    that no longer exists are ignored (the request was withdrawn, the table removed)."""

    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...]
    locked: tuple[Placement, ...] = ()
    previous: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class SolverSettings:
    """How long and how the solver searches.

    ``time_limit`` is the whole run's budget in seconds, shared between finding the most
    meetings and then the fewest idle gaps. ``workers`` is the number of parallel search
    workers (0: the solver's own choice from the machine's cores; 1 with a fixed ``seed`` gives
    the same schedule on every run that ends by proving its optimum)."""

    time_limit: float = 60.0
    workers: int = 0
    seed: int = 0
