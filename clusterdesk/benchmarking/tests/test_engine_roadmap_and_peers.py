"""The roadmap orders what is short by gain / (effort × (1 + distance)); peer portfolios are
quartiles with a position, in the direction that is better for each indicator."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from clusterdesk.benchmarking.engine import (
    NOT_MET,
    UNKNOWN,
    Quartiles,
    assess,
    better,
    load_framework,
    position,
    quartiles,
    roadmap,
)
from clusterdesk.benchmarking.engine.peers import HIGHER, LOWER
from clusterdesk.benchmarking.engine.roadmap import distance

from .engine_builders import (
    changed,
    commitment,
    default_text,
    excellent_cluster,
    framework,
    members,
    plan_action,
    strategy,
    with_indicator_line,
)


def short_cluster():
    """Five indicators short, worked out by hand on 15 June 2026:

    A5 founded 1 January 2024: 2 years of ≥ 4, distance (4 − 2) / 4 = 0.5, effort 3;
    B6 no working group: unknown, effort 1 and distance 0.5 by rule;
    C1 secured to 31 December 2026: 6 months of ≥ 24, distance 18 / 24 = 0.75, effort 3;
    D1 strategy of 1 January 2020: 77 months of ≤ 24, distance capped at 1, effort 2;
    D2 this year's only action not measurable: 0 of ≥ 0.80, distance 1, effort 1.
    """
    return changed(
        excellent_cluster(),
        founded_on=date(2024, 1, 1),
        working_groups=[],
        commitments=[commitment(date(2026, 1, 1), date(2026, 12, 31))],
        strategies=[strategy(date(2020, 1, 1))],
        plan_actions=[plan_action(2026, measurable=False), plan_action(2025)],
    )


# --------------------------------------------------------------------------- roadmap


def test_the_roadmap_orders_short_indicators_by_gain_over_effort_and_distance():
    items = roadmap(framework(), assess(framework(), short_cluster()))
    # Divisors effort × (1 + distance): B6 1.5, D2 2, D1 4, A5 4.5, C1 5.25.
    assert [item.indicator for item in items] == ["B6", "D2", "D1", "A5", "C1"]
    expected = {"B6": 1.5, "D2": 2, "D1": 4, "A5": 4.5, "C1": 5.25}
    for item in items:
        assert item.gain == 1 / 23
        assert item.priority == pytest.approx((1 / 23) / expected[item.indicator])


def test_the_roadmap_keeps_each_item_s_figures():
    items = {
        item.indicator: item for item in roadmap(framework(), assess(framework(), short_cluster()))
    }
    assert (items["A5"].status, items["A5"].effort, items["A5"].distance) == (NOT_MET, 3, 0.5)
    assert (items["C1"].distance, items["C1"].target, items["C1"].more_needed) == (0.75, 24, 18)
    assert (items["D1"].distance, items["D1"].target) == (1.0, 24)
    assert items["D2"].more_needed == 1  # one action out of one


def test_the_roadmap_includes_unknown_indicators_as_quick_to_fill():
    item = next(
        i for i in roadmap(framework(), assess(framework(), short_cluster())) if i.indicator == "B6"
    )
    assert (item.status, item.effort, item.distance) == (UNKNOWN, 1, 0.5)
    assert framework().indicator("B6").effort == 2  # the framework's effort is for doing it


def test_the_roadmap_leaves_out_what_is_met_or_excellent():
    assert roadmap(framework(), assess(framework(), excellent_cluster())) == []
    assessment = assess(framework(), short_cluster())
    listed = {item.indicator for item in roadmap(framework(), assessment)}
    assert listed == {row.id for row in assessment.indicators if row.is_short}


def test_a_heavier_indicator_gains_more_and_comes_first():
    heavier = load_framework(with_indicator_line(default_text(), "C1", "weight", "weight = 10"))
    items = roadmap(heavier, assess(heavier, short_cluster()))
    assert items[0].indicator == "C1"
    assert items[0].gain == 10 / 32


def test_an_indicator_at_its_line_is_at_distance_zero():
    everyone = excellent_cluster().participants
    facts = changed(
        excellent_cluster(),
        participants=[*(p for p in everyone[:16]), *members(24)],  # 16 of 40 reached: 40 %
    )
    assessment = assess(framework(), facts)
    b4 = assessment.indicator("B4")
    assert (b4.status, b4.value) == (NOT_MET, 0.4)
    assert distance(framework().indicator("B4"), b4) == 0


def test_a_too_old_value_is_as_far_as_it_is_above_its_line():
    facts = changed(excellent_cluster(), strategies=[strategy(date(2023, 12, 15))])  # 30 months
    d1 = assess(framework(), facts).indicator("D1")
    assert distance(framework().indicator("D1"), d1) == 0.25  # (30 − 24) / 24


def test_ties_go_to_the_least_effort_then_the_id():
    facts = changed(excellent_cluster(), working_groups=[], stories=[])  # B6, E2 both unknown
    items = roadmap(framework(), assess(framework(), facts))
    assert [item.indicator for item in items] == ["B6", "E2"]


# --------------------------------------------------------------------------- quartiles


def test_quartiles_of_five_values_interpolate_between_the_sorted_values():
    assert quartiles([5, 1, 4, 2, 3], minimum=5) == Quartiles(5, 2.0, 3.0, 4.0)
    assert quartiles([1, 2, 3, 4, 5, 6], minimum=5) == Quartiles(6, 2.25, 3.5, 4.75)


def test_quartiles_are_hidden_below_the_minimum_of_known_values():
    assert quartiles([1, 2, 3, 4], minimum=5) is None
    assert quartiles([1, 2, 3, 4, None, None], minimum=5) is None
    assert quartiles([1, 2], minimum=0) == Quartiles(2, 1.25, 1.5, 1.75)
    assert quartiles([1], minimum=0) is None  # never a single value


def test_a_portfolio_summary_holds_no_single_value():
    assert [field.name for field in fields(Quartiles)] == ["count", "q1", "median", "q3"]


# --------------------------------------------------------------------------- position


STATS = Quartiles(8, 0.2, 0.4, 0.6)


@pytest.mark.parametrize(
    ("value", "quarter"),
    [(0.0, 1), (0.19, 1), (0.2, 2), (0.39, 2), (0.4, 3), (0.6, 4), (1.0, 4)],
)
def test_position_counts_quarters_upwards_and_a_boundary_takes_the_stronger_side(value, quarter):
    assert position(value, STATS) == quarter


@pytest.mark.parametrize(
    ("value", "quarter"),
    [(0.0, 4), (0.2, 4), (0.21, 3), (0.4, 3), (0.41, 2), (0.6, 2), (0.61, 1)],
)
def test_for_lower_is_better_the_lowest_value_is_in_the_strongest_quarter(value, quarter):
    assert position(value, STATS, direction=LOWER) == quarter


def test_position_is_none_without_a_value_or_without_a_portfolio():
    assert position(None, STATS) is None
    assert position(0.5, None) is None


def test_months_since_an_update_are_better_lower_and_everything_else_higher():
    directions = {indicator.id: better(indicator) for indicator in framework().indicators}
    assert {key for key, way in directions.items() if way == LOWER} == {"D1", "E1"}
    assert directions["B4"] == directions["C1"] == HIGHER


def test_a_fresh_strategy_ranks_first_among_peers_with_older_ones():
    d1 = framework().indicator("D1")
    peers = quartiles([6, 12, 18, 24, 30], minimum=5)
    assert position(3, peers, direction=better(d1)) == 4
    assert position(36, peers, direction=better(d1)) == 1


def test_an_unknown_value_has_no_position_among_peers():
    facts = changed(excellent_cluster(), contacts_recorded=False)
    b4 = assess(framework(), facts).indicator("B4")
    peers = quartiles([0.3, 0.4, 0.5, 0.6, 0.7], minimum=5)
    assert position(b4.value, peers) is None
    assert position(assess(framework(), excellent_cluster()).indicator("B4").value, peers) == 4
