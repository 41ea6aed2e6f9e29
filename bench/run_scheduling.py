"""The B2B meeting-day scheduler's benchmark (issue 7): no database, the engine alone.

    python bench/run_scheduling.py                          # 100, 500 and 1,000 participants
    python bench/run_scheduling.py --sizes 500 --time-limit 30 --workers 8

Generates meeting days in which every participant sent 5 requests, all accepted (so each
person has 10 meetings on average; popular participants — a few per hundred draw most of the
requests — have more than the day has slots), 16 to 24 slots of 20 minutes in two sessions
around a lunch break, fewer tables than the meetings need (about 90 % of the meetings fit,
and far fewer tables than participants / 2), and a fifth of the participants who arrive late,
leave early or are away for a slot. Each day is scheduled by the CP-SAT scheduler (time limit
60 s) and by the first-free-slot scheduler simple tools use; for each: meetings placed, the
solver's bound, placed / bound, idle gaps (total, mean and max per person) and the time. The
target: within 60 s, at least 99 % of the bound on the 500-participant day. The full record
goes to bench/out/scheduling.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from clusterdesk.events.engine import (  # noqa: E402
    MeetingDay,
    MeetingRequest,
    Participant,
    Schedule,
    Slot,
    SolverSettings,
    Table,
    schedule_first_free,
    schedule_meetings,
)

REQUESTS_EACH = 5
SLOTS = {100: 16, 500: 20, 1000: 24}
TABLE_SHARE = 0.9
"""The tables hold this share of the meetings requested: tables bind."""
TARGET = {500: 0.99}


def meeting_day(participants: int, slots: int, seed: int = 7) -> MeetingDay:
    """A generated meeting day; the same arguments give the same day."""
    chance = random.Random(seed)
    first_day = datetime(2026, 6, 10, 9, 0)
    morning = slots // 2
    day_slots = []
    for index in range(slots):
        lunch = timedelta(minutes=60) if index >= morning else timedelta()
        start = first_day + index * timedelta(minutes=20) + lunch
        session = "morning" if index < morning else "afternoon"
        day_slots.append(Slot(index + 1, start, start + timedelta(minutes=20), session))
    slot_ids = [slot.id for slot in day_slots]
    # popularity: a long tail, as on real meeting days (large firms, funders, research labs)
    popularity = [chance.paretovariate(1.6) for _ in range(participants)]
    people = []
    for index in range(participants):
        available = None
        kind = chance.random()
        if kind < 0.08:  # arrives late
            available = frozenset(slot_ids[chance.randint(2, morning) :])
        elif kind < 0.14:  # leaves early
            available = frozenset(slot_ids[: slots - chance.randint(2, morning)])
        elif kind < 0.20:  # away for one or two slots
            away = chance.randrange(slots - 1)
            available = frozenset(slot_ids) - set(slot_ids[away : away + chance.randint(1, 2)])
        people.append(Participant(index + 1, f"Participant {index + 1}", available))
    requests = []
    met: set[tuple[int, int]] = set()
    for asker in range(participants):
        sent = 0
        while sent < REQUESTS_EACH:
            other = chance.choices(range(participants), weights=popularity)[0]
            pair = (min(asker, other), max(asker, other))
            if other == asker or pair in met:
                continue
            met.add(pair)
            requests.append(MeetingRequest(len(requests) + 1, asker + 1, other + 1))
            sent += 1
    tables = math.ceil(TABLE_SHARE * len(requests) / slots)
    return MeetingDay(
        slots=tuple(day_slots),
        tables=tuple(Table(index + 1, f"Table {index + 1}") for index in range(tables)),
        participants=tuple(people),
        requests=tuple(requests),
    )


def figures(schedule: Schedule, bound: int | None) -> dict:
    report = schedule.report
    return {
        "placed": report.placed,
        "ratio_to_bound": report.placed / bound if bound else None,
        "idle_gaps": report.idle_gaps,
        "idle_gaps_mean": round(report.idle_gaps_mean, 3),
        "idle_gaps_max": report.idle_gaps_max,
        "seconds": round(report.seconds["total"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=0, help="0: the solver's choice")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    rows = []
    for size in arguments.sizes:
        slots = SLOTS.get(size, 20)
        day = meeting_day(size, slots, seed=arguments.seed)
        settings = SolverSettings(
            time_limit=arguments.time_limit, workers=arguments.workers, seed=arguments.seed
        )
        solved = schedule_meetings(day, settings)
        greedy = schedule_first_free(day)
        report = solved.report
        demand = {person.id: 0 for person in day.participants}
        for request in day.requests:
            demand[request.first] += 1
            demand[request.second] += 1
        row = {
            "participants": size,
            "slots": slots,
            "tables": len(day.tables),
            "requests": len(day.requests),
            "most_requested": max(demand.values()),
            "over_booked": sum(count > slots for count in demand.values()),
            "bound": report.bound,
            "optimal": report.optimal,
            "statuses": dict(report.statuses),
            "phase_seconds": {key: round(value, 2) for key, value in report.seconds.items()},
            "cp_sat": figures(solved, report.bound),
            "first_free": figures(greedy, report.bound),
            "target_ratio": TARGET.get(size),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(
        "| participants | slots | tables | requests | bound | scheduler | placed | placed / bound "
        "| idle gaps (total, mean, max) | time |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        for name, key in (("CP-SAT", "cp_sat"), ("first free slot", "first_free")):
            result = row[key]
            print(
                f"| {row['participants']:,} | {row['slots']} | {row['tables']} "
                f"| {row['requests']:,} | {row['bound']:,} | {name} | {result['placed']:,} "
                f"| {result['ratio_to_bound']:.2%} | {result['idle_gaps']:,}, "
                f"{result['idle_gaps_mean']:.2f}, {result['idle_gaps_max']} "
                f"| {result['seconds']:.2f} s |"
            )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scheduling.json").write_text(json.dumps(rows, indent=2))
    for row in rows:
        target = row["target_ratio"]
        if target is not None:
            ratio = row["cp_sat"]["ratio_to_bound"]
            verdict = "met" if ratio >= target else "MISSED"
            print(f"target {target:.0%} of the bound at {row['participants']:,}: {verdict}")


if __name__ == "__main__":
    main()
