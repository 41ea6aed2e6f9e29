"""What a scheduler returns: the placements, the meetings that could not be placed with the
reason in plain words, and a report of the schedule's quality (meetings placed against the
solver's bound, idle gaps per person, meetings moved since the previous schedule, times).

Both schedulers end here, so the report measures them the same way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .inputs import Key, Placement
from .problems import listing, plural
from .validation import PreparedDay


@dataclass(frozen=True)
class UnplacedMeeting:
    """An accepted meeting that has no slot, and why: ``code`` is one of ``no_common_slot``,
    ``over_booked``, ``slots_taken``, ``tables_full`` or ``not_found``; ``details`` holds the
    names and counts the message uses."""

    meeting: Key
    code: str
    reason: str
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleReport:
    method: str
    """"cp-sat" or "first-free"."""
    requested: int
    placed: int
    locked: int
    objective: int
    """The meetings placed, each counted by its priority (the number placed when every priority
    is 1)."""
    bound: int | None
    """The solver's proven upper bound on ``objective``: no schedule places more (None when no
    solver ran)."""
    optimal: bool
    """The solver proved that no schedule places more meetings."""
    idle_gaps: int
    """Free slots between two meetings of the same person within a session, summed over
    everyone."""
    idle_gaps_by_participant: Mapping[Key, int]
    """Per participant with at least one meeting placed."""
    moved_to_another_slot: int = 0
    moved_to_another_table: int = 0
    no_longer_placed: int = 0
    """Meetings of the previous schedule that are now elsewhere or nowhere."""
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Time per phase ("validation", "count", "gaps", "tables", "total")."""
    statuses: Mapping[str, str] = field(default_factory=dict)
    """The solver's status per phase ("OPTIMAL", "FEASIBLE", …)."""

    @property
    def ratio(self) -> float | None:
        """``objective`` / ``bound``: 1.0 is a proven optimum."""
        if self.bound is None:
            return None
        return 1.0 if self.bound == 0 else self.objective / self.bound

    @property
    def moved(self) -> int:
        return self.moved_to_another_slot + self.moved_to_another_table + self.no_longer_placed

    @property
    def idle_gaps_max(self) -> int:
        return max(self.idle_gaps_by_participant.values(), default=0)

    @property
    def idle_gaps_mean(self) -> float:
        counts = self.idle_gaps_by_participant
        return sum(counts.values()) / len(counts) if counts else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "requested": self.requested,
            "placed": self.placed,
            "locked": self.locked,
            "objective": self.objective,
            "bound": self.bound,
            "ratio": self.ratio,
            "optimal": self.optimal,
            "idle_gaps": self.idle_gaps,
            "idle_gaps_max": self.idle_gaps_max,
            "idle_gaps_mean": self.idle_gaps_mean,
            "moved": self.moved,
            "moved_to_another_slot": self.moved_to_another_slot,
            "moved_to_another_table": self.moved_to_another_table,
            "no_longer_placed": self.no_longer_placed,
            "seconds": dict(self.seconds),
            "statuses": dict(self.statuses),
        }


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    """In time order, then in the tables' order."""
    unplaced: tuple[UnplacedMeeting, ...]
    """In the requests' order."""
    report: ScheduleReport

    def placement_of(self, meeting: Key) -> Placement | None:
        return next((p for p in self.placements if p.meeting == meeting), None)


def assign_tables(day: PreparedDay, slot_of: Mapping[int, int]) -> dict[int, int]:
    """A table for every placed meeting: locked meetings at their table, meetings that keep
    their previous slot at their previous table when it is free, the others at the free tables
    in order. Each meeting wants at most one table and no two want the same one, so keeping
    every previous table that is not locked by another meeting is the best matching."""
    in_slot: dict[int, list[int]] = defaultdict(list)
    for meeting, slot in sorted(slot_of.items()):
        in_slot[slot].append(meeting)
    table_of: dict[int, int] = {}
    for slot, meetings in in_slot.items():
        assert len(meetings) <= len(day.tables), "more meetings than tables in a slot"
        free = set(range(len(day.tables)))
        for meeting in meetings:
            if meeting in day.locked:
                table_of[meeting] = day.locked[meeting][1]
                free.discard(table_of[meeting])
        for meeting in meetings:
            before = day.previous.get(meeting)
            if meeting not in table_of and before is not None and before[0] == slot:
                if before[1] is not None and before[1] in free:
                    table_of[meeting] = before[1]
                    free.discard(before[1])
        remaining = sorted(free, reverse=True)
        for meeting in meetings:
            if meeting not in table_of:
                table_of[meeting] = remaining.pop()
    return table_of


def idle_gaps(day: PreparedDay, busy: Mapping[int, set[int]]) -> dict[int, int]:
    """Per person with a meeting, the free slots between two of their meetings in a stretch of
    one session that they can attend (a break, another session or a slot they said they cannot
    attend separates stretches)."""
    gaps = {}
    for person, slots in busy.items():
        if not slots:
            continue
        count = 0
        first = last = None
        meetings_between = 0
        for slot in range(min(slots), max(slots) + 1):
            opens_stretch = (
                first is None
                or day.runs[slot] != day.runs[slot - 1]
                or slot not in day.available[person]
                or (slot - 1) not in day.available[person]
            )
            if opens_stretch and first is not None:
                count += last - first + 1 - meetings_between
                first = None
            if slot in slots:
                if first is None:
                    first, meetings_between = slot, 0
                last = slot
                meetings_between += 1
        if first is not None:
            count += last - first + 1 - meetings_between
        gaps[person] = count
    return gaps


def unplaced_reason(
    day: PreparedDay, meeting: int, busy: Mapping[int, set[int]], used: Mapping[int, int]
) -> UnplacedMeeting:
    """Why a meeting has no slot in this schedule, as the organiser would check it."""
    request = day.meetings[meeting]
    first, second = day.pairs[meeting]
    names = [day.people[first].display_name, day.people[second].display_name]
    details: dict[str, Any] = {"participants": [request.first, request.second], "names": names}
    common = day.common[meeting]
    if not common:
        return UnplacedMeeting(
            request.id,
            "no_common_slot",
            f"{names[0]} and {names[1]} are never available at the same time.",
            details,
        )
    for person, name in ((first, names[0]), (second, names[1])):
        demand, can_attend = day.demand(person), len(day.available[person])
        if demand > can_attend and all(slot in busy[person] for slot in common):
            return UnplacedMeeting(
                request.id,
                "over_booked",
                f"{name} has {plural(demand, 'accepted meeting')} and is available for "
                f"{plural(can_attend, 'slot')}.",
                {**details, "name": name, "meetings": demand, "slots": can_attend},
            )
    both_free = [slot for slot in common if slot not in busy[first] and slot not in busy[second]]
    if not both_free:
        return UnplacedMeeting(
            request.id,
            "slots_taken",
            f"Every slot in which {names[0]} and {names[1]} are both available is taken by "
            "another of their meetings.",
            details,
        )
    if all(used.get(slot, 0) >= len(day.tables) for slot in both_free):
        times = [slot_time(day, slot) for slot in both_free]
        return UnplacedMeeting(
            request.id,
            "tables_full",
            f"{names[0]} and {names[1]} are both free only in "
            f"{'the slot' if len(times) == 1 else 'the slots'} {listing(times)}, "
            + (
                "when the only table is taken."
                if len(day.tables) == 1
                else f"when all {len(day.tables):,} tables are taken."
            ),
            {**details, "slots": [day.slots[slot].id for slot in both_free]},
        )
    return UnplacedMeeting(
        request.id,
        "not_found",
        f"No slot was found for the meeting of {names[0]} and {names[1]} within the time limit.",
        details,
    )


def slot_time(day: PreparedDay, slot: int) -> str:
    start = day.slots[slot].start
    try:
        return f"{start:%H:%M}"
    except (TypeError, ValueError):
        return str(day.slots[slot].id)


def build_schedule(
    day: PreparedDay,
    slot_of: Mapping[int, int],
    *,
    method: str,
    table_of: Mapping[int, int] | None = None,
    bound: int | None = None,
    optimal: bool = False,
    seconds: Mapping[str, float] | None = None,
    statuses: Mapping[str, str] | None = None,
) -> Schedule:
    """The schedule and its report from a slot (and table) for every placed meeting."""
    if table_of is None:
        table_of = assign_tables(day, slot_of)
    busy: dict[int, set[int]] = {person: set() for person in range(len(day.people))}
    used: dict[int, int] = defaultdict(int)
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            busy[person].add(slot)
        used[slot] += 1
    order = sorted(slot_of, key=lambda meeting: (slot_of[meeting], table_of[meeting]))
    placements = tuple(
        Placement(
            day.meetings[meeting].id,
            day.slots[slot_of[meeting]].id,
            day.tables[table_of[meeting]].id,
        )
        for meeting in order
    )
    unplaced = tuple(
        unplaced_reason(day, meeting, busy, used)
        for meeting in range(len(day.meetings))
        if meeting not in slot_of
    )
    moved_slot = moved_table = dropped = 0
    for meeting, (slot, table) in day.previous.items():
        if meeting not in slot_of:
            dropped += 1
        elif slot_of[meeting] != slot:
            moved_slot += 1
        elif table_of[meeting] != table:
            moved_table += 1
    gaps = idle_gaps(day, busy)
    report = ScheduleReport(
        method=method,
        requested=len(day.meetings),
        placed=len(slot_of),
        locked=len(day.locked),
        objective=sum(day.meetings[meeting].priority for meeting in slot_of),
        bound=bound,
        optimal=optimal,
        idle_gaps=sum(gaps.values()),
        idle_gaps_by_participant={day.people[person].id: count for person, count in gaps.items()},
        moved_to_another_slot=moved_slot,
        moved_to_another_table=moved_table,
        no_longer_placed=dropped,
        seconds=dict(seconds or {}),
        statuses=dict(statuses or {}),
    )
    return Schedule(placements, unplaced, report)
