"""The first-free-slot scheduler that simple meeting tools use: requests in order, each into
the first slot where both people are free and a table is left. It serves as the benchmark's
comparison and as the solver's first schedule."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from .inputs import MeetingDay
from .results import Schedule, build_schedule
from .validation import PreparedDay, prepare


def schedule_first_free(day: MeetingDay) -> Schedule:
    """Locked meetings where they are, then every other request in the given order at the first
    slot where both are free, at the first free table. Previous schedules are not consulted."""
    started = time.perf_counter()
    prepared = prepare(day)
    validated = time.perf_counter()
    slot_of = fill(prepared, {}, range(len(prepared.meetings)))
    table_of: dict[int, int] = {}
    taken: dict[int, set[int]] = {}
    for meeting, (slot, table) in prepared.locked.items():
        table_of[meeting] = table
        taken.setdefault(slot, set()).add(table)
    for meeting, slot in slot_of.items():
        if meeting not in table_of:
            at = taken.setdefault(slot, set())
            table = next(table for table in range(len(prepared.tables)) if table not in at)
            table_of[meeting] = table
            at.add(table)
    finished = time.perf_counter()
    return build_schedule(
        prepared,
        slot_of,
        method="first-free",
        table_of=table_of,
        seconds={
            "validation": validated - started,
            "count": finished - validated,
            "total": finished - started,
        },
    )


def fill(day: PreparedDay, placed: Mapping[int, int], order: Iterable[int]) -> dict[int, int]:
    """``placed`` (meeting → slot, respected as it is) completed with locked meetings and then
    the meetings of ``order`` each at the first slot where both are free and a table is left."""
    slot_of = dict(placed)
    for meeting, (slot, _table) in day.locked.items():
        slot_of[meeting] = slot
    busy: list[set[int]] = [set() for _ in day.people]
    used = [0] * len(day.slots)
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            busy[person].add(slot)
        used[slot] += 1
    tables = len(day.tables)
    for meeting in order:
        if meeting in slot_of:
            continue
        first, second = day.pairs[meeting]
        for slot in day.common[meeting]:
            if used[slot] < tables and slot not in busy[first] and slot not in busy[second]:
                slot_of[meeting] = slot
                busy[first].add(slot)
                busy[second].add(slot)
                used[slot] += 1
                break
    return slot_of
