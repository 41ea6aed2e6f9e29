"""The B2B meeting-day scheduler on OR-Tools (CP-SAT, and GLOP for the linear relaxations).

Phase 1 places as many meetings as possible, each counted by its priority: at most one slot
per meeting, one meeting per person and slot, no more meetings per slot than tables,
availability respected, locked meetings fixed (``model.SlotModel``). Two linear relaxations
give proven bounds (``relaxation``): a quick one over meetings alone, and the full one over
meeting × slot whose solution, rounded, is a schedule at or next to its bound. On a day of up
to ``COUNT_WHOLE_DAY`` meetings CP-SAT then searches for more, with the bound as a limit so
that it stops as soon as it reaches it; the best bound of the three is reported beside the
meetings placed.

Phase 2 keeps at least that many meetings and minimises, in this order of weight, the meetings
of the previous schedule moved to another slot, then the idle gaps — their number, a person's
gaps beyond the first (so they are spread evenly) and the worst person's count. A quick local
search (``local.polish``) comes first; then CP-SAT takes a small day whole and a large one part
by part (large neighbourhood search): the meetings of a person with gaps (or a moved meeting,
or a meeting that only lacks a table) and of the people around them are freed, the rest stays,
CP-SAT re-places the freed ones, and the result is kept when it is better. Every part keeps
the meetings placed and may add one, so the schedule only improves.

The run starts from a schedule that is always valid: the previous schedule's meetings that
still fit, then the first free slot for the others (``greedy.fill``). Any meeting still left
with a free slot and table at the end is placed. Tables are given out last
(``results.assign_tables``), keeping locked and previous tables.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from .greedy import fill
from .inputs import MeetingDay, SolverSettings
from .local import polish
from .model import MOVE_WEIGHT, SlotModel, Spread
from .relaxation import quick_bound, relax
from .results import Schedule, build_schedule, idle_gaps
from .validation import PreparedDay, SchedulingInputError, prepare, settings_problems

RESERVE = 0.05
"""Share of the time limit kept for giving out tables and writing the report."""
RELAXATION_SHARE = 0.3
"""The linear relaxation may use up to this share of the time left (a few seconds for a
thousand people on an idle machine)…"""
LARGE_RELAXATION_SHARE = 0.5
"""…and this share on a day too large for phase 1's CP-SAT, where its rounded solution is
the count to keep."""
PHASE_ONE_SHARE = 0.4
"""Phase 1 may use up to this share of the time left after the relaxation; it stops sooner
when it reaches the bound, and phase 2 has the rest."""
COUNT_WHOLE_DAY = 1000
"""Phase 1 runs CP-SAT on a day with at most this many meetings (beyond, its model is too
large to improve on the rounded relaxation within a minute; the parts of phase 2 still look
for more meetings)."""
POLISH_SHARE = 0.3
"""The local search may use up to this share of phase 2's time (it stops sooner when no
move or swap improves)."""
WHOLE_DAY = 250
"""Phase 2 solves a day with at most this many meetings whole; a larger one part by part."""
PART = (20, 50)
"""Meetings freed per part, at least and at most (drawn at random between)."""
PART_SECONDS = 0.3
"""Time for one part: parts are rarely proven optimal, but improvements come early."""
STALL = 200
"""Phase 2 stops after this many parts in a row without an improvement."""
COUNT_WEIGHT = 100_000
"""In a part, one more meeting (by priority) outweighs any idle gaps and moves."""
UNPLACED_WEIGHT = 20
"""How much a meeting that only lacks a table draws the search to its people."""


def schedule_meetings(day: MeetingDay, settings: SolverSettings | None = None) -> Schedule:
    """A schedule with as many meetings as possible and few, evenly spread idle gaps.

    Raises ``SchedulingInputError`` listing every problem of the day (and of ``settings``)."""
    settings = settings or SolverSettings()
    started = time.perf_counter()
    problems = settings_problems(settings)
    try:
        prepared = prepare(day)
    except SchedulingInputError as error:
        raise SchedulingInputError((*error.problems, *problems)) from None
    if problems:
        raise SchedulingInputError(problems)
    deadline = started + settings.time_limit * (1 - RESERVE)
    seconds = {"validation": time.perf_counter() - started}
    statuses: dict[str, str] = {}

    start = starting_point(prepared)
    free = [m for m in range(len(prepared.meetings)) if m not in prepared.locked]
    if not any(prepared.common[m] for m in free):
        slot_of, bound, optimal = start, worth(prepared, start), True
    else:
        relaxing = time.perf_counter()
        large = sum(1 for slots in prepared.common if slots) > COUNT_WHOLE_DAY
        share = LARGE_RELAXATION_SHARE if large else RELAXATION_SHARE
        at_most = quick_bound(prepared, (deadline - relaxing) * share)
        candidates = [(m, s) for m, slots in enumerate(prepared.common) for s in slots]
        relaxation = relax(prepared, candidates, (deadline - time.perf_counter()) * share)
        seconds["relaxation"] = time.perf_counter() - relaxing
        statuses["relaxation"] = "OPTIMAL" if relaxation else "NOT_SOLVED"
        hint = start
        if relaxation:
            at_most = relaxation.bound if at_most is None else min(at_most, relaxation.bound)
            if worth(prepared, relaxation.rounded) > worth(prepared, start):
                hint = relaxation.rounded
        counting = time.perf_counter()
        first = most_meetings(prepared, hint, settings, deadline, at_most=at_most)
        statuses["count"] = first.status
        seconds["count"] = time.perf_counter() - counting
        slot_of, bound, optimal = first.slot_of, first.bound, first.optimal
        # on a re-run, the previous schedule (completed) is the better start for phase 2
        # when it has as many meetings: it moves nothing
        if prepared.previous and worth(prepared, start) >= worth(prepared, slot_of):
            slot_of = start
        spreading = time.perf_counter()
        second = fewest_gaps(prepared, slot_of, settings, deadline)
        statuses["gaps"] = second.status
        if second.rounds:
            statuses["gaps_search"] = f"{second.rounds} parts, {second.improved} improved"
        seconds["gaps"] = time.perf_counter() - spreading
        slot_of = second.slot_of
    tabling = time.perf_counter()
    slot_of = fill(prepared, slot_of, by_priority(prepared))
    optimal = optimal or worth(prepared, slot_of) >= bound
    schedule = build_schedule(
        prepared, slot_of, method="cp-sat", bound=bound, optimal=optimal, statuses=statuses
    )
    finished = time.perf_counter()
    seconds.update(tables=finished - tabling, total=finished - started)
    return replace(schedule, report=replace(schedule.report, seconds=seconds))


def worth(day: PreparedDay, slot_of: Mapping[int, int]) -> int:
    """Phase 1's objective: the meetings placed, each counted by its priority."""
    return sum(day.meetings[meeting].priority for meeting in slot_of)


def by_priority(day: PreparedDay) -> list[int]:
    """Meetings by priority, and among equals those with the fewest possible slots first."""
    return sorted(
        range(len(day.meetings)),
        key=lambda meeting: (-day.meetings[meeting].priority, len(day.common[meeting]), meeting),
    )


def starting_point(day: PreparedDay) -> dict[int, int]:
    """A valid schedule to start from: locked meetings, the previous schedule's meetings that
    still fit (in the order of the previous schedule), then the first free slot for the rest."""
    slot_of = fill(day, {}, ())
    busy: list[set[int]] = [set() for _ in day.people]
    used = [0] * len(day.slots)
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            busy[person].add(slot)
        used[slot] += 1
    for meeting, (slot, _table) in day.previous.items():
        if meeting in slot_of or slot is None or slot not in day.common[meeting]:
            continue
        first, second = day.pairs[meeting]
        if used[slot] < len(day.tables) and slot not in busy[first] | busy[second]:
            slot_of[meeting] = slot
            busy[first].add(slot)
            busy[second].add(slot)
            used[slot] += 1
    return fill(day, slot_of, by_priority(day))


@dataclass(frozen=True)
class Outcome:
    status: str
    slot_of: dict[int, int]
    bound: int = 0
    optimal: bool = False
    rounds: int = 0
    improved: int = 0


def most_meetings(
    day: PreparedDay,
    start: Mapping[int, int],
    settings: SolverSettings,
    deadline: float,
    *,
    at_most: int | None,
) -> Outcome:
    """Phase 1 from ``start``; ``at_most`` is a proven bound (the linear relaxation's) that
    lets the solver stop as soon as it reaches it."""
    start_value = worth(day, start)
    if at_most is not None and start_value >= at_most:
        return Outcome("OPTIMAL", dict(start), at_most, True)
    possible = [m for m in range(len(day.meetings)) if day.common[m]]
    if len(possible) > COUNT_WHOLE_DAY:
        bound = at_most if at_most is not None else worth(day, dict.fromkeys(possible, 0))
        return Outcome("NOT_RUN", dict(start), bound, start_value >= bound)
    slots = SlotModel(day)
    # symmetry breaking, sound together: sorting interchangeable slots by their number of
    # meetings leaves the order of repeated meetings free, and the other way round
    groups = slots.interchangeable_slots()
    for group in groups:
        for slot, following in zip(group, group[1:], strict=False):
            slots.model.add(slots.in_slot(slot) >= slots.in_slot(following))
    repeated = slots.order_repeated_meetings()
    objective = slots.objective()
    slots.model.maximize(objective)
    if at_most is not None:
        slots.model.add(objective <= at_most)
    slots.add_hint(slots.model, in_symmetric_order(start, groups, repeated))
    limit = max((deadline - time.perf_counter()) * PHASE_ONE_SHARE, 0.01)
    solver = solver_for(settings, limit)
    status = solver.solve(slots.model)
    bound = min(sum(slots.priorities), at_most if at_most is not None else math.inf)
    found = -1
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = min(bound, math.floor(solver.best_objective_bound + 1e-6))
        found = round(solver.objective_value)
    if found >= start_value:
        slot_of, value = slots.solution(solver), found
    else:
        slot_of, value = dict(start), start_value
    return Outcome(solver.status_name(status), slot_of, int(bound), value >= bound)


def in_symmetric_order(
    slot_of: Mapping[int, int], groups: Sequence[list[int]], repeated: Sequence[list[int]]
) -> dict[int, int]:
    """The same schedule up to symmetry, as phase 1's symmetry breaking wants it: the contents
    of interchangeable slots swapped so that the fuller comes first, then repeated meetings
    placed first and in the earlier slots."""
    counts: dict[int, int] = {}
    for slot in slot_of.values():
        counts[slot] = counts.get(slot, 0) + 1
    renamed: dict[int, int] = {}
    for group in groups:
        fuller = sorted(group, key=lambda slot: (-counts.get(slot, 0), slot))
        renamed.update(zip(fuller, group, strict=True))
    ordered = {meeting: renamed.get(slot, slot) for meeting, slot in slot_of.items()}
    for meetings in repeated:
        taken = sorted(ordered.pop(meeting) for meeting in meetings if meeting in ordered)
        ordered.update(zip(meetings, taken, strict=False))
    return ordered


def fewest_gaps(
    day: PreparedDay, slot_of: Mapping[int, int], settings: SolverSettings, deadline: float
) -> Outcome:
    """Phase 2: a quick local search, then CP-SAT on the day whole when it is small, otherwise
    part by part until the time is up, nothing is left to improve or many parts in a row
    improved nothing."""
    movable = [m for m in range(len(day.meetings)) if m not in day.locked and day.common[m]]
    polishing = time.perf_counter() + (deadline - time.perf_counter()) * POLISH_SHARE
    current = polish(day, slot_of, polishing, settings.seed)
    if len(movable) <= WHOLE_DAY:
        fixed = {m: slot for m, slot in current.items() if m in day.locked}
        status, found = improve_part(
            day, movable, fixed, current, range(len(day.people)), settings, deadline, None
        )
        return Outcome(status, {**fixed, **found} if found is not None else current)
    chance = random.Random(settings.seed)
    gaps = idle_gaps_of(day, current)
    rounds = improved = stalled = 0
    status = "FEASIBLE"
    while deadline - time.perf_counter() > 0.05 and stalled < STALL:
        troubled = troubled_people(day, current, gaps)
        if not troubled:
            status = "OPTIMAL"
            break
        people, weights = zip(*troubled.items(), strict=True)
        centre = chance.choices(people, weights=weights)[0]
        free = neighbourhood(day, centre, chance.randint(*PART), chance)
        fixed = {m: slot for m, slot in current.items() if m not in free}
        touched = {person for m in free for person in day.pairs[m]}
        part_deadline = min(deadline, time.perf_counter() + PART_SECONDS)
        worst = max(gaps.values(), default=0)
        _status, found = improve_part(
            day, free, fixed, current, touched, settings, part_deadline, worst
        )
        rounds += 1
        stalled += 1
        if found is None:
            continue
        candidate = {**fixed, **found}
        candidate_gaps = {**gaps, **idle_gaps_of(day, candidate, touched)}
        if better(day, (candidate, candidate_gaps), (current, gaps)):
            current, gaps = candidate, candidate_gaps
            improved += 1
            stalled = 0
    return Outcome(status, current, rounds=rounds, improved=improved)


def improve_part(
    day: PreparedDay,
    free: Sequence[int],
    fixed: Mapping[int, int],
    current: Mapping[int, int],
    people: Iterable[int],
    settings: SolverSettings,
    deadline: float,
    worst: int | None,
) -> tuple[str, dict[int, int] | None]:
    """CP-SAT re-places the ``free`` meetings around the ``fixed`` ones: at least as many (by
    priority) as ``current`` has among them, more where it can, with the fewest idle gaps and
    moves. Returns the solver's status and the free meetings' slots (None when it found
    none)."""
    limit = deadline - time.perf_counter()
    if limit <= 0.01:
        return "NO_TIME_LEFT", None
    part = SlotModel(day, free, fixed)
    placed = part.objective()
    part.model.add(placed >= worth(day, {m: current[m] for m in free if m in current}))
    part.minimise_spread(people, current, worst_at_most=worst, more_meetings=COUNT_WEIGHT)
    solver = solver_for(settings, limit)
    status = solver.solve(part.model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return name, None
    return name, part.solution(solver)


def idle_gaps_of(
    day: PreparedDay, slot_of: Mapping[int, int], people: set[int] | None = None
) -> dict[int, int]:
    """Idle slots of ``people`` (everyone with a meeting when None) in ``slot_of``."""
    busy: dict[int, set[int]] = {}
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            if people is None or person in people:
                busy.setdefault(person, set()).add(slot)
    found = idle_gaps(day, busy)
    if people is not None:
        found.update({person: 0 for person in people if person not in found})
    return found


def moved(day: PreparedDay, slot_of: Mapping[int, int]) -> int:
    return sum(
        1
        for meeting, (slot, _table) in day.previous.items()
        if slot is not None and slot_of.get(meeting) != slot
    )


def better(
    day: PreparedDay,
    candidate: tuple[Mapping[int, int], Mapping[int, int]],
    current: tuple[Mapping[int, int], Mapping[int, int]],
) -> bool:
    """More meetings, or as many with a lower phase 2 cost."""
    (new, new_gaps), (old, old_gaps) = candidate, current
    if worth(day, new) != worth(day, old):
        return worth(day, new) > worth(day, old)
    return Spread(new_gaps, moved(day, new)).cost < Spread(old_gaps, moved(day, old)).cost


def troubled_people(
    day: PreparedDay, slot_of: Mapping[int, int], gaps: Mapping[int, int]
) -> dict[int, int]:
    """People with idle gaps, a moved meeting or a meeting that only lacks a table, weighted
    by how much they cost."""
    troubled = {person: count for person, count in gaps.items() if count}
    busy: dict[int, set[int]] = {}
    for meeting, slot in slot_of.items():
        for person in day.pairs[meeting]:
            busy.setdefault(person, set()).add(slot)
    for meeting, slots in enumerate(day.common):
        if meeting in slot_of:
            continue
        first, second = day.pairs[meeting]
        taken = busy.get(first, set()) | busy.get(second, set())
        if any(slot not in taken for slot in slots):  # only the tables are missing
            for person in (first, second):
                troubled[person] = troubled.get(person, 0) + UNPLACED_WEIGHT
    for meeting, (slot, _table) in day.previous.items():
        if slot is not None and slot_of.get(meeting) != slot and slot in day.common[meeting]:
            for person in day.pairs[meeting]:
                troubled[person] = troubled.get(person, 0) + MOVE_WEIGHT
    return troubled


def neighbourhood(day: PreparedDay, centre: int, size: int, chance: random.Random) -> list[int]:
    """About ``size`` meetings around a person: theirs, then those of the people they meet,
    and so on, breadth first in random order (locked meetings never)."""
    chosen: dict[int, None] = {}
    queue, seen = [centre], {centre}
    while queue and len(chosen) < size:
        person = queue.pop(0)
        meetings = [m for m in day.meetings_of[person] if m not in day.locked and day.common[m]]
        chance.shuffle(meetings)
        for meeting in meetings:
            chosen[meeting] = None
            for other in day.pairs[meeting]:
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
    return list(chosen)


def solver_for(settings: SolverSettings, limit: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(limit, 0.01)
    solver.parameters.random_seed = settings.seed
    if settings.workers:
        solver.parameters.num_workers = settings.workers
    return solver
