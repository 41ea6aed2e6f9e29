"""A meeting day that cannot be scheduled is refused with every problem in plain words."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from clusterdesk.events.engine import (
    MeetingRequest,
    Participant,
    Placement,
    SchedulingInputError,
    Slot,
    SolverSettings,
    Table,
    schedule_first_free,
    schedule_meetings,
    validate,
)
from clusterdesk.lib.errors import DomainError

from .builders import NINE, QUICK, meeting_day

NAMES = ["Anna", "Ben", "Carla"]


def refusal(day, settings=QUICK) -> SchedulingInputError:
    with pytest.raises(SchedulingInputError) as caught:
        schedule_meetings(day, settings)
    with pytest.raises(SchedulingInputError) as greedy:
        schedule_first_free(day)
    assert greedy.value.codes == [code for code in caught.value.codes if code in greedy.value.codes]
    return caught.value


def test_a_good_day_has_no_problems():
    assert validate(meeting_day(NAMES, [("Anna", "Ben")])) == ()


def test_it_refuses_a_request_to_oneself():
    error = refusal(meeting_day(NAMES, [("Anna", "Anna")]))
    assert error.codes == ["request_to_oneself"]
    assert error.problems[0].message == "Meeting request 1 asks Anna to meet themselves."
    assert isinstance(error, DomainError)
    assert "cannot be scheduled" in error.message


def test_it_refuses_a_request_naming_someone_who_is_not_a_participant():
    error = refusal(meeting_day(NAMES, [("Anna", "Zoe")]))
    assert error.codes == ["unknown_participant"]
    assert "Zoe" in error.problems[0].message
    assert error.problems[0].details == {"request": 1, "participant": "Zoe"}


def test_it_refuses_overlapping_slots():
    day = meeting_day(NAMES, [("Anna", "Ben")])
    overlapping = Slot(9, NINE + timedelta(minutes=10), NINE + timedelta(minutes=30), "x")
    error = refusal(replace(day, slots=(*day.slots, overlapping)))
    assert error.codes == ["overlapping_slots", "overlapping_slots"]
    assert error.problems[0].message == (
        "The slots 09:00–09:20 (id 1) and 09:10–09:30 (id 9) overlap: a person cannot be in both."
    )


def test_it_refuses_a_slot_that_ends_before_it_starts():
    day = meeting_day(NAMES, [("Anna", "Ben")])
    backwards = Slot(9, NINE + timedelta(hours=5), NINE + timedelta(hours=4), "x")
    error = refusal(replace(day, slots=(*day.slots, backwards)))
    assert error.codes == ["slot_ends_before_it_starts"]


def test_it_refuses_an_availability_outside_the_days_slots():
    error = refusal(meeting_day(NAMES, [("Anna", "Ben")], available={"Ben": [1, 2, 77, 78]}))
    assert error.codes == ["availability_outside_day"]
    assert error.problems[0].message == (
        "Ben's availability names 2 slots that the day does not have: 77 and 78."
    )


def test_it_refuses_duplicate_ids():
    day = meeting_day(NAMES, [("Anna", "Ben"), ("Anna", "Carla")])
    day = replace(
        day,
        slots=(
            *day.slots,
            replace(day.slots[0], start=NINE + timedelta(hours=6), end=NINE + timedelta(hours=7)),
        ),
        tables=(*day.tables, Table("T1")),
        participants=(*day.participants, Participant("Anna", "Anna B.")),
        requests=(*day.requests, MeetingRequest(2, "Ben", "Carla")),
    )
    error = refusal(day)
    assert error.codes == [
        "duplicate_slots",
        "duplicate_tables",
        "duplicate_participants",
        "duplicate_requests",
    ]
    assert error.problems[1].message == (
        "Each table needs an id of its own; this id is used more than once: T1."
    )


def test_it_refuses_a_priority_below_one():
    error = refusal(meeting_day(NAMES, [("Anna", "Ben")], priorities={1: 0}))
    assert error.codes == ["priority"]


def test_it_refuses_requests_without_slots_or_tables():
    day = meeting_day(NAMES, [("Anna", "Ben")], available={})
    error = refusal(replace(day, slots=(), tables=()))
    assert error.codes == ["no_slots", "no_tables"]


def test_it_refuses_locked_meetings_that_break_a_rule():
    day = meeting_day(
        NAMES,
        [("Anna", "Ben"), ("Anna", "Carla"), ("Ben", "Carla")],
        available={"Carla": [1, 2]},
        locked=[
            Placement(1, 1, "T1"),
            Placement(2, 1, "T1"),  # Anna twice at 9:00, at the same table
            Placement(3, 4, "T2"),  # Carla cannot come at 10:00
            Placement(7, 2, "T1"),  # no such request
            Placement(1, 3, "T9"),  # locked twice; no such table
            Placement(2, 42, "T1"),  # locked twice; no such slot
        ],
    )
    error = refusal(day)
    assert sorted(error.codes) == sorted(
        [
            "meeting_locked_twice",
            "meeting_locked_twice",
            "locked_outside_availability",
            "locked_unknown_meeting",
            "locked_unknown_table",
            "locked_unknown_slot",
            "locked_same_table",
            "locked_double_booking",
        ]
    )
    messages = {problem.code: problem.message for problem in error.problems}
    assert messages["locked_outside_availability"] == (
        "Meeting 3 is locked in the slot 10:00–10:20, when Carla is not available."
    )
    assert messages["locked_double_booking"] == (
        "Anna has 2 locked meetings (1 and 2) in the same slot (09:00–09:20)."
    )


def test_it_lists_every_problem_at_once():
    day = meeting_day(NAMES, [("Anna", "Anna"), ("Ben", "Zoe")], available={"Carla": [99]})
    assert [problem.code for problem in validate(day)] == [
        "availability_outside_day",
        "request_to_oneself",
        "unknown_participant",
    ]


def test_it_refuses_settings_it_cannot_use_with_the_days_own_problems():
    day = meeting_day(NAMES, [("Anna", "Anna")])
    error = refusal(day, SolverSettings(time_limit=0, workers=-1))
    assert error.codes == ["request_to_oneself", "time_limit", "workers"]


def test_more_meetings_than_slots_is_not_an_input_problem():
    others = ["Ben", "Carla", "Dev", "Emil", "Fay"]
    day = meeting_day(["Anna", *others], [("Anna", other) for other in others], sessions=(2,))
    assert validate(day) == ()


def test_a_previous_schedule_naming_what_no_longer_exists_is_not_a_problem():
    day = meeting_day(
        NAMES,
        [("Anna", "Ben")],
        previous=[Placement(5, 1, "T1"), Placement(1, 77, "T1"), Placement(1, 1, "T7")],
    )
    assert validate(day) == ()
    schedule = schedule_meetings(day, QUICK)
    assert schedule.report.placed == 1
