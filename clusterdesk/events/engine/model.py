"""The CP-SAT model of a meeting day, or of a part of it.

It decides only which slot each meeting takes (``take[m, s]``, for the slots both people can
attend): tables are interchangeable, so a slot may hold as many meetings as there are tables,
and tables are given out afterwards (``results.assign_tables``). Leaving tables out removes
their symmetry and keeps the model small.

A model covers the whole day or only ``free`` meetings, the others staying in the slots of
``fixed``: the part of a day that phase 2 improves at a time. Fixed meetings are constants
that keep their people busy and take a table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .validation import PreparedDay

MOVE_WEIGHT = 100
"""A meeting moved away from its previous slot costs as much as 50 idle slots: re-running the
day after a late change leaves the agendas people already have alone wherever it can."""
GAP_WEIGHT = 2
EXCESS_WEIGHT = 1
"""Each idle slot beyond a person's first costs more, so gaps are shared out evenly…"""
WORST_WEIGHT = 2
"""…and the person with the most idle slots counts once more."""

LinearExpr = cp_model.LinearExpr


@dataclass(frozen=True)
class Spread:
    """Phase 2's measure of a schedule: lower is better."""

    gaps: Mapping[int, int]
    """Idle slots per person."""
    moved: int
    """Meetings of the previous schedule not in their previous slot."""

    @property
    def cost(self) -> int:
        return (
            GAP_WEIGHT * sum(self.gaps.values())
            + EXCESS_WEIGHT * sum(max(count - 1, 0) for count in self.gaps.values())
            + WORST_WEIGHT * max(self.gaps.values(), default=0)
            + MOVE_WEIGHT * self.moved
        )


class SlotModel:
    def __init__(
        self,
        day: PreparedDay,
        free: Collection[int] | None = None,
        fixed: Mapping[int, int] | None = None,
    ) -> None:
        """The whole day (``free`` None: every meeting has variables, locked ones fixed to
        their slot) or the ``free`` meetings around the ``fixed`` ones (meeting → slot)."""
        self.day = day
        self.model = model = cp_model.CpModel()
        self.one = model.new_constant(1)
        fixed = dict(fixed or {})
        if free is None:
            free = range(len(day.meetings))
            locked_busy = {
                (person, slot) for m, (slot, _t) in day.locked.items() for person in day.pairs[m]
            }
        else:
            locked_busy = set()
        self.fixed_busy = {(person, slot) for m, slot in fixed.items() for person in day.pairs[m]}
        room = [len(day.tables)] * len(day.slots)
        for slot in fixed.values():
            room[slot] -= 1
        self.take: dict[tuple[int, int], cp_model.IntVar] = {}
        self.slots_of: dict[int, list[int]] = {}
        self.at: dict[int, list[int]] = defaultdict(list)
        self.busy: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
        for meeting in free:
            first, second = day.pairs[meeting]
            slots = []
            for slot in day.common[meeting]:
                blocked = (first, slot) in self.fixed_busy or (second, slot) in self.fixed_busy
                if meeting not in day.locked:
                    blocked = blocked or (first, slot) in locked_busy
                    blocked = blocked or (second, slot) in locked_busy
                if blocked or room[slot] <= 0:
                    continue
                variable = model.new_bool_var("")
                self.take[meeting, slot] = variable
                self.at[slot].append(meeting)
                self.busy[first, slot].append(variable)
                self.busy[second, slot].append(variable)
                slots.append(slot)
            self.slots_of[meeting] = slots
            if meeting in day.locked and slots:
                model.add(self.take[meeting, slots[0]] == 1)
            elif len(slots) > 1:
                model.add_at_most_one(self.take[meeting, slot] for slot in slots)
        for variables in self.busy.values():
            if len(variables) > 1:
                model.add_at_most_one(variables)
        for slot, meetings in self.at.items():
            if len(meetings) > room[slot]:
                model.add(LinearExpr.sum([self.take[m, slot] for m in meetings]) <= room[slot])
        self.meetings = [meeting for meeting, slots in self.slots_of.items() if slots]
        self.priorities = [day.meetings[meeting].priority for meeting in self.meetings]

    def placed(self, meeting: int) -> cp_model.LinearExprT:
        return LinearExpr.sum([self.take[meeting, s] for s in self.slots_of[meeting]])

    def objective(self) -> cp_model.LinearExprT:
        """The meetings placed, each counted by its priority."""
        return LinearExpr.weighted_sum(
            [self.placed(meeting) for meeting in self.meetings], self.priorities
        )

    def in_slot(self, slot: int) -> cp_model.LinearExprT:
        return LinearExpr.sum([self.take[m, slot] for m in self.at[slot]])

    def order_repeated_meetings(self) -> list[list[int]]:
        """Two accepted requests of the same two people with the same priority are the same
        meeting twice: the first of them takes the earlier slot. Returns the groups ordered."""
        day = self.day
        groups: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for meeting in self.meetings:
            if meeting in day.locked or meeting in day.previous:
                continue
            first, second = day.pairs[meeting]
            key = (min(first, second), max(first, second), day.meetings[meeting].priority)
            groups[key].append(meeting)
        repeated = [meetings for meetings in groups.values() if len(meetings) > 1]
        for meetings in repeated:
            for earlier, later in zip(meetings, meetings[1:], strict=False):
                self.model.add(self.placed(later) <= self.placed(earlier))
                for slot in self.slots_of[later]:
                    before = [self.take[earlier, s] for s in self.slots_of[earlier] if s < slot]
                    self.model.add(LinearExpr.sum(before) >= self.take[later, slot])
        return repeated

    def interchangeable_slots(self) -> list[list[int]]:
        """Groups of slots that any schedule could swap: the same meetings could take place
        in each, none locked. When only the number of meetings counts, the fuller comes
        first."""
        locked = {slot for slot, _table in self.day.locked.values()}
        groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for slot in range(len(self.day.slots)):
            if slot not in locked and self.at[slot]:
                groups[tuple(self.at[slot])].append(slot)
        return [slots for slots in groups.values() if len(slots) > 1]

    def minimise_spread(
        self,
        persons: Iterable[int],
        hint: Mapping[int, int],
        *,
        worst_at_most: int | None = None,
        more_meetings: int = 0,
    ) -> None:
        """Phase 2's objective over ``persons``' idle gaps and the free meetings' moves, with
        ``hint`` (meeting → slot, for every free meeting placed) as the starting schedule;
        ``more_meetings`` is the reward of one more meeting (by priority), if any."""
        model = self.model
        terms: list[cp_model.LinearExprT] = []
        weights: list[int] = []
        values: list[tuple[cp_model.IntVar, int]] = []
        counts = []
        for person in persons:
            found = self.person_gaps(person, hint, values)
            if found is None:
                continue
            gaps, most, value = found
            excess = model.new_int_var(0, most, "")
            model.add(excess >= gaps - 1)
            values.append((excess, max(value - 1, 0)))
            terms += [gaps, excess]
            weights += [GAP_WEIGHT, EXCESS_WEIGHT]
            counts.append((gaps, most, value))
            if worst_at_most is not None:
                model.add(gaps <= max(worst_at_most, value))
        if counts:
            worst = model.new_int_var(0, max(most for _, most, _ in counts), "")
            for gaps, _, _ in counts:
                model.add(worst >= gaps)
            values.append((worst, max(value for _, _, value in counts)))
            terms.append(worst)
            weights.append(WORST_WEIGHT)
        for meeting, (slot, _table) in self.day.previous.items():
            if slot is not None and (meeting, slot) in self.take:
                terms.append(self.take[meeting, slot])
                weights.append(-MOVE_WEIGHT)
        if more_meetings:
            terms += [self.placed(meeting) for meeting in self.meetings]
            weights += [-more_meetings * priority for priority in self.priorities]
        model.minimize(LinearExpr.weighted_sum(terms, weights) if terms else 0)
        self.add_hint(model, hint)
        for variable, value in values:
            model.add_hint(variable, value)

    def person_gaps(
        self,
        person: int,
        hint: Mapping[int, int],
        values: list[tuple[cp_model.IntVar, int]],
    ) -> tuple[cp_model.LinearExprT, int, int] | None:
        """The person's idle slots as a sum of gap variables, how many there can be at most,
        and how many ``hint`` gives them; None when they cannot have one. ``values`` receives
        the hint of every new variable."""
        day, model = self.day, self.model
        busy_in_hint = {slot for (p, slot) in self.fixed_busy if p == person}
        busy_in_hint |= {hint[m] for m in day.meetings_of[person] if m in hint}
        gaps: list[cp_model.IntVar] = []
        value = 0
        for stretch in stretches(day, person):
            fixed = [(person, slot) in self.fixed_busy for slot in stretch]
            busy = [self.busy.get((person, slot), []) for slot in stretch]
            if len(stretch) < 3 or sum(1 for f, b in zip(fixed, busy, strict=True) if f or b) < 2:
                continue
            hinted = [slot in busy_in_hint for slot in stretch]
            # before[i]: a meeting at or before the i-th slot; after[i]: at or after it
            before = self.chain(busy, fixed, hinted, range(len(stretch)), values)
            after = self.chain(busy, fixed, hinted, range(len(stretch) - 1, -1, -1), values)
            for index in range(1, len(stretch) - 1):
                earlier, later = before[index - 1], after[index + 1]
                if earlier is None or later is None or fixed[index]:
                    continue
                gap = model.new_bool_var("")
                model.add(gap >= earlier + later - 1 - LinearExpr.sum(busy[index]))
                is_gap = any(hinted[:index]) and any(hinted[index + 1 :]) and not hinted[index]
                values.append((gap, int(is_gap)))
                value += int(is_gap)
                gaps.append(gap)
        if not gaps:
            return None
        return LinearExpr.sum(gaps), len(gaps), value

    def chain(
        self,
        busy: list[list[cp_model.IntVar]],
        fixed: list[bool],
        hinted: list[bool],
        order: range,
        values: list[tuple[cp_model.IntVar, int]],
    ) -> list[cp_model.IntVar | None]:
        """Per slot of a stretch, whether the person has a meeting at it or at any slot before
        it in ``order`` (None: certainly not)."""
        chain: list[cp_model.IntVar | None] = [None] * len(busy)
        previous: cp_model.IntVar | None = None
        seen = False
        for index in order:
            seen = seen or hinted[index]
            if fixed[index] or previous is self.one:
                previous = self.one
            elif busy[index]:
                now = self.model.new_bool_var("")
                self.model.add(now >= LinearExpr.sum(busy[index]))
                if previous is not None:
                    self.model.add(now >= previous)
                values.append((now, int(seen)))
                previous = now
            chain[index] = previous
        return chain

    def add_hint(self, model: cp_model.CpModel, slot_of: Mapping[int, int]) -> None:
        model.clear_hints()
        for (meeting, slot), variable in self.take.items():
            model.add_hint(variable, slot_of.get(meeting) == slot)

    def solution(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """Free meeting → slot, for those the solver placed."""
        values = solver.response_proto.solution
        taken = self.take.items()
        return {meeting: slot for (meeting, slot), variable in taken if values[variable.index]}


def stretches(day: PreparedDay, person: int) -> list[list[int]]:
    """Runs of consecutive slots of one session that the person can attend: idle gaps are
    counted within a stretch only."""
    found: list[list[int]] = []
    for slot in range(len(day.slots)):
        if slot not in day.available[person]:
            continue
        if found and found[-1][-1] == slot - 1 and day.runs[slot] == day.runs[slot - 1]:
            found[-1].append(slot)
        else:
            found.append([slot])
    return found
