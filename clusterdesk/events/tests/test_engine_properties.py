"""Properties of both schedulers over generated small meeting days."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdesk.events.engine import (
    MeetingDay,
    MeetingRequest,
    Schedule,
    schedule_first_free,
    schedule_meetings,
)

from .builders import QUICK, meeting_day

EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def meeting_days(draw) -> MeetingDay:
    """Up to 7 people, 2 to 8 slots in one or two sessions, 1 to 3 tables, some people with
    gaps in their availability, repeated pairs and priorities, and sometimes a few meetings
    locked where the first-free scheduler put them."""
    sessions = draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    slot_ids = list(range(1, sum(sessions) + 1))
    count = draw(st.integers(2, 7))
    names = [f"P{number}" for number in range(count)]
    available = {}
    for name in names:
        chosen = draw(st.one_of(st.none(), st.sets(st.sampled_from(slot_ids))))
        if chosen is not None:
            available[name] = chosen
    people = st.integers(0, count - 1)
    pairs = draw(
        st.lists(st.tuples(people, people).filter(lambda pair: pair[0] != pair[1]), max_size=14)
    )
    priorities = draw(st.lists(st.integers(1, 3), min_size=len(pairs), max_size=len(pairs)))
    day = meeting_day(
        names,
        [(names[first], names[second]) for first, second in pairs],
        sessions=sessions,
        table_count=draw(st.integers(1, 3)),
        available=available,
        priorities=dict(enumerate(priorities, start=1)) if draw(st.booleans()) else None,
    )
    if draw(st.booleans()):
        placements = schedule_first_free(day).placements
        keep = draw(st.lists(st.booleans(), min_size=len(placements), max_size=len(placements)))
        day = replace(
            day, locked=tuple(p for p, kept in zip(placements, keep, strict=True) if kept)
        )
    return day


def idle_gaps_by_hand(day: MeetingDay, schedule: Schedule) -> dict:
    """A free slot is idle for a person when they have a meeting before and after it, and
    every slot from the one to the other is in the same session and one they can attend."""
    order = sorted(day.slots, key=lambda slot: slot.start)
    position = {slot.id: index for index, slot in enumerate(order)}
    people = {person.id: person for person in day.participants}
    requests = {request.id: request for request in day.requests}
    busy: dict = {}
    for placement in schedule.placements:
        request = requests[placement.meeting]
        for person in (request.first, request.second):
            busy.setdefault(person, set()).add(position[placement.slot])
    gaps = {}
    for person, slots in busy.items():
        can = people[person].available

        def attends(index, can=can):
            return can is None or order[index].id in can

        idle = 0
        for free in range(len(order)):
            if free in slots:
                continue
            for before in (b for b in slots if b < free):
                for after in (a for a in slots if a > free):
                    stretch = range(before, after + 1)
                    if all(
                        order[i].session == order[before].session and attends(i) for i in stretch
                    ):
                        idle += 1
                        break
                else:
                    continue
                break
        gaps[person] = idle
    return gaps


def assert_valid(day: MeetingDay, schedule: Schedule) -> None:
    requests = {request.id: request for request in day.requests}
    people = {person.id: person for person in day.participants}
    slots = {slot.id for slot in day.slots}
    tables = {table.id for table in day.tables}
    placements = schedule.placements
    # every placed meeting is an accepted request, placed once, at a slot and table of the day
    assert all(p.meeting in requests and p.slot in slots and p.table in tables for p in placements)
    assert len({p.meeting for p in placements}) == len(placements)
    assert {p.meeting for p in placements} | {u.meeting for u in schedule.unplaced} == set(requests)
    assert not {p.meeting for p in placements} & {u.meeting for u in schedule.unplaced}
    # a table holds one meeting per slot
    assert len({(p.slot, p.table) for p in placements}) == len(placements)
    # nobody has two meetings at once, and everybody is available
    seen = Counter()
    for placement in placements:
        request = requests[placement.meeting]
        for person in (request.first, request.second):
            seen[person, placement.slot] += 1
            available = people[person].available
            assert available is None or placement.slot in available
    assert max(seen.values(), default=0) <= 1
    # locked meetings stay where they are
    assert set(day.locked) <= set(placements)
    report = schedule.report
    assert report.placed == len(placements)
    assert report.objective == sum(requests[p.meeting].priority for p in placements)
    assert dict(report.idle_gaps_by_participant) == idle_gaps_by_hand(day, schedule)
    assert report.idle_gaps == sum(report.idle_gaps_by_participant.values())


@EXAMPLES
@given(day=meeting_days())
def test_both_schedulers_give_valid_schedules(day):
    assert_valid(day, schedule_meetings(day, QUICK))
    assert_valid(day, schedule_first_free(day))


@EXAMPLES
@given(day=meeting_days())
def test_the_solver_places_at_least_as_much_as_first_free_and_the_bound_holds(day):
    solved = schedule_meetings(day, QUICK).report
    greedy = schedule_first_free(day).report
    assert solved.bound is not None
    assert greedy.objective <= solved.bound
    assert solved.objective <= solved.bound
    # small days: the solver proves its optimum well within the time limit
    assert solved.optimal and solved.objective == solved.bound
    assert solved.objective >= greedy.objective


@EXAMPLES
@given(day=meeting_days())
def test_a_rerun_of_an_unchanged_day_moves_nothing(day):
    first = schedule_meetings(day, QUICK)
    again = schedule_meetings(replace(day, previous=first.placements), QUICK)
    assert again.report.objective == first.report.objective
    assert again.report.moved == 0
    assert again.placements == first.placements


@EXAMPLES
@given(day=meeting_days(), data=st.data())
def test_a_rerun_after_late_changes_is_valid_and_keeps_its_count(day, data):
    first = schedule_meetings(day, QUICK)
    people = [person.id for person in day.participants]
    late = data.draw(st.tuples(st.sampled_from(people), st.sampled_from(people)))
    withdrawn = data.draw(st.sampled_from([None, *[r.id for r in day.requests]]))
    locked = {placement.meeting for placement in day.locked}
    requests = [r for r in day.requests if r.id != withdrawn or r.id in locked]
    if late[0] != late[1]:
        requests.append(MeetingRequest("late", *late))
    changed = replace(day, requests=tuple(requests), previous=first.placements)
    again = schedule_meetings(changed, QUICK)
    assert_valid(changed, again)
    assert again.report.optimal
    # when the same meetings take place as before, their previous slots still fit: none moves
    kept = {p.meeting for p in first.placements} & {r.id for r in requests}
    if {p.meeting for p in again.placements} == kept:
        assert again.report.moved_to_another_slot == 0
