"""The B2B scheduler on days small enough to solve by hand."""

from __future__ import annotations

from clusterdesk.events.engine import (
    MeetingRequest,
    Placement,
    schedule_first_free,
    schedule_meetings,
)

from .builders import QUICK, meeting_day, slot_of

# Anna meets Ben, Carla and Dev. Ben can come only at 9:00 (slot 1), Carla only at 9:40
# (slot 3); Dev is free all morning.
ANNA_DAY = {
    "names": ["Anna", "Ben", "Carla", "Dev"],
    "pairs": [("Anna", "Dev"), ("Anna", "Ben"), ("Anna", "Carla")],
    "available": {"Ben": [1], "Carla": [3]},
}


def test_it_places_every_meeting_of_a_tiny_day_without_an_idle_gap():
    schedule = schedule_meetings(meeting_day(**ANNA_DAY), QUICK)
    # by hand: Ben at 9:00, Dev fills 9:20, Carla at 9:40 — Anna has no gap
    assert slot_of(schedule) == {2: 1, 1: 2, 3: 3}
    report = schedule.report
    assert (report.placed, report.bound, report.optimal, report.ratio) == (3, 3, True, 1.0)
    assert report.idle_gaps == 0
    assert report.idle_gaps_by_participant == {"Anna": 0, "Ben": 0, "Carla": 0, "Dev": 0}
    assert schedule.unplaced == ()
    assert report.statuses["count"] == "OPTIMAL"
    assert report.statuses["gaps"] == "OPTIMAL"
    assert set(report.seconds) >= {"validation", "relaxation", "count", "gaps", "total"}


def test_the_first_free_slot_scheduler_loses_a_meeting_the_solver_places():
    schedule = schedule_first_free(meeting_day(**ANNA_DAY))
    # Dev's meeting, asked first, takes 9:00: Ben has no other time
    assert slot_of(schedule) == {1: 1, 3: 3}
    assert schedule.report.placed == 2
    assert schedule.report.bound is None and schedule.report.ratio is None
    assert schedule.report.idle_gaps == 1  # Anna waits at 9:20
    [unplaced] = schedule.unplaced
    assert unplaced.meeting == 2
    assert unplaced.code == "slots_taken"
    assert "Anna and Ben" in unplaced.reason


def test_a_locked_meeting_stays_at_its_slot_and_table():
    locked = Placement(1, 4, "T2")  # Anna and Dev at 10:00, table 2
    schedule = schedule_meetings(meeting_day(**ANNA_DAY, locked=[locked]), QUICK)
    assert locked in schedule.placements
    assert slot_of(schedule) == {1: 4, 2: 1, 3: 3}
    assert schedule.report.locked == 1
    assert schedule.report.idle_gaps == 1  # Anna's 9:20 cannot be filled any more


def test_meetings_are_placed_only_when_both_people_are_available():
    available = {"Anna": [2, 3], "Ben": [1, 2, 3], "Carla": [3, 4]}
    day = meeting_day(
        ["Anna", "Ben", "Carla"],
        [("Anna", "Ben"), ("Anna", "Carla"), ("Ben", "Carla")],
        available=available,
    )
    people = {1: ("Anna", "Ben"), 2: ("Anna", "Carla"), 3: ("Ben", "Carla")}
    schedule = schedule_meetings(day, QUICK)
    # Carla's two meetings both need 9:40: one of them, and Anna and Ben at 9:20
    assert schedule.report.placed == 2 and schedule.report.optimal
    assert slot_of(schedule)[1] == 2
    for meeting, slot in slot_of(schedule).items():
        assert all(slot in available[name] for name in people[meeting])
    [unplaced] = schedule.unplaced
    assert unplaced.meeting in (2, 3)
    assert unplaced.code == "slots_taken"


def test_an_over_booked_person_keeps_as_many_meetings_as_slots_and_is_told_why():
    others = [f"Guest {number}" for number in range(1, 10)]
    day = meeting_day(
        ["Anna", *others],
        [("Anna", other) for other in others],
        sessions=(3, 3),
        table_count=4,
    )
    schedule = schedule_meetings(day, QUICK)
    assert schedule.report.placed == 6
    assert schedule.report.bound == 6 and schedule.report.optimal
    assert len(schedule.unplaced) == 3
    for unplaced in schedule.unplaced:
        assert unplaced.code == "over_booked"
        assert unplaced.reason == "Anna has 9 accepted meetings and is available for 6 slots."
        assert unplaced.details["meetings"] == 9 and unplaced.details["slots"] == 6


def test_a_meeting_of_people_never_free_together_is_unplaced_with_that_reason():
    day = meeting_day(["Anna", "Ben"], [("Anna", "Ben")], available={"Anna": [1], "Ben": [2]})
    for schedule in (schedule_meetings(day, QUICK), schedule_first_free(day)):
        [unplaced] = schedule.unplaced
        assert unplaced.code == "no_common_slot"
        assert unplaced.reason == "Anna and Ben are never available at the same time."


def test_a_meeting_is_unplaced_when_the_tables_are_full_when_both_are_free():
    day = meeting_day(
        ["Anna", "Ben", "Carla", "Dev"],
        [("Anna", "Ben"), ("Carla", "Dev")],
        sessions=(1,),
        table_count=1,
    )
    schedule = schedule_meetings(day, QUICK)
    assert schedule.report.placed == 1 and schedule.report.bound == 1
    [unplaced] = schedule.unplaced
    assert unplaced.code == "tables_full"
    assert unplaced.reason == (
        "Anna and Ben are both free only in the slot 09:00, when the only table is taken."
    )


def test_priorities_decide_which_meeting_takes_the_only_slot():
    day = meeting_day(
        ["Anna", "Ben", "Carla"],
        [("Anna", "Ben"), ("Anna", "Carla")],
        sessions=(1,),
        priorities={2: 3},
    )
    schedule = schedule_meetings(day, QUICK)
    assert slot_of(schedule) == {2: 1}
    assert (schedule.report.objective, schedule.report.bound) == (3, 3)


def test_a_break_between_sessions_is_not_an_idle_gap():
    # Anna meets Ben at 9:00 and Carla at the last slot; two slots lie between them
    pairs = [("Anna", "Ben"), ("Anna", "Carla")]
    available = {"Ben": [1], "Carla": [4]}
    one_session = meeting_day(["Anna", "Ben", "Carla"], pairs, available=available)
    two_sessions = meeting_day(
        ["Anna", "Ben", "Carla"], pairs, available=available, sessions=(2, 2)
    )
    assert schedule_meetings(one_session, QUICK).report.idle_gaps_by_participant["Anna"] == 2
    assert schedule_meetings(two_sessions, QUICK).report.idle_gaps_by_participant["Anna"] == 0


def test_a_slot_a_person_cannot_attend_is_not_an_idle_gap():
    day = meeting_day(
        ["Anna", "Ben", "Carla"],
        [("Anna", "Ben"), ("Anna", "Carla")],
        available={"Anna": [1, 3], "Ben": [1], "Carla": [3]},
    )
    assert schedule_meetings(day, QUICK).report.idle_gaps == 0


def test_idle_gaps_are_spread_rather_than_piled_on_one_person():
    # Ben and Carla each meet Anna and Dev; Anna and Dev can each come only at 9:00 and
    # 10:00, so two gaps are unavoidable. They fall one on Ben and one on Carla, not both on
    # one of them.
    day = meeting_day(
        ["Anna", "Ben", "Carla", "Dev"],
        [("Ben", "Anna"), ("Ben", "Dev"), ("Carla", "Anna"), ("Carla", "Dev")],
        sessions=(3,),
        available={"Anna": [1, 3], "Dev": [1, 3]},
    )
    report = schedule_meetings(day, QUICK).report
    assert report.placed == 4
    assert report.idle_gaps_by_participant["Ben"] == 1
    assert report.idle_gaps_by_participant["Carla"] == 1
    assert report.idle_gaps_max == 1


def test_a_rerun_with_nothing_changed_moves_nothing():
    names = [f"P{number}" for number in range(1, 11)]
    pairs = [(names[i], names[j]) for i in range(10) for j in range(i + 1, 10) if (i + j) % 3 == 0]
    day = meeting_day(names, pairs, sessions=(4, 4), table_count=3)
    first = schedule_meetings(day, QUICK)
    again = schedule_meetings(
        meeting_day(names, pairs, sessions=(4, 4), table_count=3, previous=first.placements),
        QUICK,
    )
    assert again.placements == first.placements
    assert again.report.moved == 0


def test_a_rerun_after_one_more_request_places_it_and_moves_little():
    names = [f"P{number}" for number in range(1, 11)]
    pairs = [(names[i], names[j]) for i in range(10) for j in range(i + 1, 10) if (i + j) % 3 == 0]
    day = meeting_day(names, pairs, sessions=(4, 4), table_count=3)
    first = schedule_meetings(day, QUICK)
    late = meeting_day(
        names, [*pairs, ("P1", "P2")], sessions=(4, 4), table_count=3, previous=first.placements
    )
    again = schedule_meetings(late, QUICK)
    assert again.report.placed == first.report.placed + 1
    assert again.report.moved <= 1
    kept = set(again.placements) & set(first.placements)
    assert len(kept) >= len(first.placements) - 1


def test_a_rerun_keeps_the_previous_table_of_a_meeting_that_stays():
    day = meeting_day(["Anna", "Ben"], [("Anna", "Ben")], previous=[Placement(1, 2, "T2")])
    assert schedule_meetings(day, QUICK).placements == (Placement(1, 2, "T2"),)


def test_a_withdrawn_request_counts_as_no_longer_placed_and_frees_its_slot():
    day = meeting_day(
        ["Anna", "Ben", "Carla"],
        [("Anna", "Ben")],
        previous=[Placement(1, 1, "T1"), Placement(99, 2, "T1")],
    )
    schedule = schedule_meetings(day, QUICK)
    assert schedule.placements == (Placement(1, 1, "T1"),)
    assert schedule.report.moved == 0


def test_a_day_without_requests_has_an_empty_schedule():
    day = meeting_day(["Anna"], [])
    schedule = schedule_meetings(day, QUICK)
    assert schedule.placements == () and schedule.unplaced == ()
    assert (schedule.report.placed, schedule.report.bound, schedule.report.optimal) == (0, 0, True)
    assert schedule.report.ratio == 1.0


def test_the_report_reads_as_plain_data():
    report = schedule_meetings(meeting_day(**ANNA_DAY), QUICK).report.to_dict()
    assert report["placed"] == 3 and report["bound"] == 3 and report["ratio"] == 1.0
    assert report["idle_gaps_max"] == 0 and report["moved"] == 0
    assert isinstance(report["seconds"]["total"], float)


def test_the_placements_name_the_callers_ids():
    day = meeting_day(**ANNA_DAY)
    day = type(day)(
        slots=day.slots,
        tables=day.tables,
        participants=day.participants,
        requests=tuple(
            MeetingRequest(f"request-{request.id}", request.first, request.second)
            for request in day.requests
        ),
    )
    schedule = schedule_meetings(day, QUICK)
    assert {placement.meeting for placement in schedule.placements} == {
        "request-1",
        "request-2",
        "request-3",
    }
    assert {placement.table for placement in schedule.placements} <= {"T1", "T2"}
