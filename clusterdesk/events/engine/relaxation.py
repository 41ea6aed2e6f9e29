"""The linear relaxation of phase 1, solved by GLOP (OR-Tools' simplex): every ``take[m, s]``
between 0 and 1 instead of 0 or 1.

Its optimum is an upper bound on the meetings any schedule can place, and on these days it is
tight: CP-SAT's own relaxation, built lazily, can take minutes to reach it on a thousand
people. Given to CP-SAT as a limit on the objective, it lets the solver prove a schedule
optimal as soon as it finds one that reaches it. Its solution, rounded, is nearly a schedule:
the meetings it places fully are kept in that order, and the first-free fill completes them."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from .greedy import fill
from .validation import PreparedDay

TOLERANCE = 1e-6
STAY_TOTAL = 1e-4


@dataclass(frozen=True)
class Relaxation:
    bound: int
    """No schedule counts more (meetings times priority)."""
    rounded: dict[int, int]
    """A valid schedule (meeting → slot) rounded from the relaxation's solution."""


def relax(
    day: PreparedDay, candidates: Iterable[tuple[int, int]], seconds: float
) -> Relaxation | None:
    """None when the simplex did not finish within ``seconds``."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover - GLOP ships with every OR-Tools build
        return None
    solver.SetTimeLimit(max(int(seconds * 1000), 1))
    take: dict[tuple[int, int], pywraplp.Variable] = {}
    per_meeting: dict[int, list[pywraplp.Variable]] = defaultdict(list)
    per_person_slot: dict[tuple[int, int], list[pywraplp.Variable]] = defaultdict(list)
    per_slot: dict[int, list[pywraplp.Variable]] = defaultdict(list)
    for meeting, slot in candidates:
        locked = day.locked.get(meeting)
        lowest = 1.0 if locked is not None and locked[0] == slot else 0.0
        variable = solver.NumVar(lowest, 1.0, "")
        take[meeting, slot] = variable
        per_meeting[meeting].append(variable)
        per_slot[slot].append(variable)
        for person in day.pairs[meeting]:
            per_person_slot[person, slot].append(variable)
    for variables in (*per_meeting.values(), *per_person_slot.values()):
        if len(variables) > 1:
            at_most(solver, variables, 1)
    for variables in per_slot.values():
        if len(variables) > len(day.tables):
            at_most(solver, variables, len(day.tables))
    # a meeting at its previous slot earns a token extra, so that among equal relaxed schedules
    # the one closest to the previous is taken (the extras add up to less than STAY_TOTAL)
    stay = STAY_TOTAL / max(len(day.previous), 1)
    objective = solver.Objective()
    for (meeting, slot), variable in take.items():
        extra = stay if day.previous.get(meeting, (None, None))[0] == slot else 0.0
        objective.SetCoefficient(variable, day.meetings[meeting].priority + extra)
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = solver.Objective().Value()  # at least the relaxation's optimum: a valid bound
    bound = math.floor(value + TOLERANCE * max(1.0, abs(value)))
    values = {key: variable.solution_value() for key, variable in take.items()}
    return Relaxation(bound, rounded(day, values))


def quick_bound(day: PreparedDay, seconds: float) -> int | None:
    """A weaker bound that takes a fraction of a second even for a thousand people: each
    meeting placed or not (between 0 and 1), nobody in more meetings than the slots in which
    they could meet, no more meetings than tables × slots. It stands in when the full
    relaxation does not finish in time."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:  # pragma: no cover
        return None
    solver.SetTimeLimit(max(int(seconds * 1000), 1))
    placed = [
        solver.NumVar(1.0 if meeting in day.locked else 0.0, 1.0 if slots else 0.0, "")
        for meeting, slots in enumerate(day.common)
    ]
    for meetings in day.meetings_of:
        reachable = set().union(*(day.common[meeting] for meeting in meetings))
        if len(meetings) > len(reachable):
            at_most(solver, [placed[meeting] for meeting in meetings], len(reachable))
    at_most(solver, placed, len(day.tables) * len(day.slots))
    objective = solver.Objective()
    for meeting, variable in enumerate(placed):
        objective.SetCoefficient(variable, day.meetings[meeting].priority)
    objective.SetMaximization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = solver.Objective().Value()
    return math.floor(value + TOLERANCE * max(1.0, abs(value)))


def at_most(solver: pywraplp.Solver, variables: list[pywraplp.Variable], most: int) -> None:
    """``sum(variables) <= most``, without building an expression first."""
    constraint = solver.Constraint(0.0, float(most))
    for variable in variables:
        constraint.SetCoefficient(variable, 1.0)


def rounded(day: PreparedDay, values: Mapping[tuple[int, int], float]) -> dict[int, int]:
    """Meetings at their slot in the relaxation's solution, surest first (locked meetings
    before all), skipping what would clash, then the first-free fill of the rest, the most
    likely meetings first."""
    slot_of = fill(day, {}, ())
    busy: dict[int, set[int]] = defaultdict(set)
    used: dict[int, int] = defaultdict(int)
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            busy[person].add(slot)
        used[slot] += 1
    likely = sorted(
        ((value, meeting, slot) for (meeting, slot), value in values.items() if value > 0.5),
        key=lambda item: (-item[0], -day.meetings[item[1]].priority, item[1], item[2]),
    )
    for _value, meeting, slot in likely:
        first, second = day.pairs[meeting]
        if (
            meeting in slot_of
            or slot in busy[first]
            or slot in busy[second]
            or used[slot] >= len(day.tables)
        ):
            continue
        slot_of[meeting] = slot
        busy[first].add(slot)
        busy[second].add(slot)
        used[slot] += 1
    share: dict[int, float] = defaultdict(float)
    for (meeting, _slot), value in values.items():
        share[meeting] += value
    order = sorted(
        range(len(day.meetings)),
        key=lambda m: (-day.meetings[m].priority, -share[m], len(day.common[m]), m),
    )
    return fill(day, slot_of, order)
