"""Small meeting days for the scheduler's tests: slots of 20 minutes from 9:00, an hour's break
between sessions, people by name, requests as pairs of names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from clusterdesk.events.engine import (
    MeetingDay,
    MeetingRequest,
    Participant,
    Placement,
    Schedule,
    Slot,
    SolverSettings,
    Table,
)

NINE = datetime(2026, 6, 10, 9, 0)
QUICK = SolverSettings(time_limit=10, workers=1, seed=0)


def slots(*sessions: int) -> tuple[Slot, ...]:
    """``slots(3, 2)``: three slots in the morning, a break, two in the afternoon; ids 1…5."""
    made, start = [], NINE
    for number, count in enumerate(sessions):
        if number:
            start += timedelta(hours=1)
        for _ in range(count):
            made.append(
                Slot(len(made) + 1, start, start + timedelta(minutes=20), f"session {number + 1}")
            )
            start += timedelta(minutes=20)
    return tuple(made)


def tables(count: int) -> tuple[Table, ...]:
    return tuple(Table(f"T{number}", f"Table {number}") for number in range(1, count + 1))


def meeting_day(
    names: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    *,
    sessions: Sequence[int] = (4,),
    table_count: int = 2,
    available: Mapping[str, Iterable[int]] | None = None,
    priorities: Mapping[int, int] | None = None,
    locked: Iterable[Placement] = (),
    previous: Iterable[Placement] = (),
) -> MeetingDay:
    """Requests are numbered 1, 2, … in the order of ``pairs``."""
    available = available or {}
    priorities = priorities or {}
    return MeetingDay(
        slots=slots(*sessions),
        tables=tables(table_count),
        participants=tuple(
            Participant(name, name, frozenset(available[name]) if name in available else None)
            for name in names
        ),
        requests=tuple(
            MeetingRequest(number, first, second, priorities.get(number, 1))
            for number, (first, second) in enumerate(pairs, start=1)
        ),
        locked=tuple(locked),
        previous=tuple(previous),
    )


def slot_of(schedule: Schedule) -> dict:
    """Meeting id → slot id."""
    return {placement.meeting: placement.slot for placement in schedule.placements}


def crowded_day(people: int, *, seed: int, sessions: Sequence[int] = (6, 6)) -> MeetingDay:
    """A larger day: each person asks 4 others (a few are asked far more often), the tables
    hold about 90 % of the meetings, and every fifth person misses the first three slots."""
    import random

    chance = random.Random(seed)
    names = [f"P{number}" for number in range(people)]
    weights = [chance.paretovariate(1.5) for _ in names]
    pairs: list[tuple[str, str]] = []
    for asker in names:
        asked: set[str] = set()
        while len(asked) < 4:
            other = chance.choices(names, weights=weights)[0]
            if other != asker and (other, asker) not in pairs:
                asked.add(other)
        pairs += [(asker, other) for other in sorted(asked)]
    day_slots = sum(sessions)
    late = {name: range(4, day_slots + 1) for name in names[::5]}
    return meeting_day(
        names,
        pairs,
        sessions=sessions,
        table_count=int(0.9 * len(pairs) / day_slots),
        available=late,
    )
