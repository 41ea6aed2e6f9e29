"""A day too large to improve whole: the solver works on it part by part and the schedule
stays valid, beats the first free slot, and a re-run moves nothing."""

from __future__ import annotations

from dataclasses import replace

from clusterdesk.events.engine import SolverSettings, schedule_first_free, schedule_meetings

from .builders import crowded_day
from .test_engine_properties import assert_valid

SHORT = SolverSettings(time_limit=4, workers=1, seed=0)


def test_a_crowded_day_gets_more_meetings_and_fewer_gaps_than_first_free():
    day = crowded_day(80, seed=3)
    assert len(day.requests) == 320
    solved = schedule_meetings(day, SHORT)
    greedy = schedule_first_free(day)
    assert_valid(day, solved)
    assert_valid(day, greedy)
    assert solved.report.placed >= greedy.report.placed
    assert solved.report.placed >= 0.98 * solved.report.bound
    assert solved.report.idle_gaps < greedy.report.idle_gaps
    assert solved.report.statuses["gaps_search"].endswith("improved")


def test_a_rerun_of_a_crowded_day_keeps_its_meetings_where_they_are():
    day = crowded_day(80, seed=3)
    first = schedule_meetings(day, SHORT)
    again = schedule_meetings(replace(day, previous=first.placements), SHORT)
    assert_valid(day, again)
    assert again.report.placed >= first.report.placed
    if again.report.placed == first.report.placed:
        assert again.report.moved == 0
