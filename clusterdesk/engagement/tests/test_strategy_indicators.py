"""D1, D2 and D3 from plain numbers and dates: no database."""

from datetime import date
from decimal import Decimal

import pytest

from clusterdesk.engagement.services import strategy

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("updated_on", "months", "status"),
    [
        (date(2025, 6, 15), 12, "excellent"),
        (date(2025, 6, 14), 12, "excellent"),  # 12 months and a day: still 12 whole months
        (date(2025, 5, 15), 13, "met"),
        (date(2024, 6, 15), 24, "met"),
        (date(2024, 5, 15), 25, "not_met"),
        (TODAY, 0, "excellent"),
    ],
)
def test_the_strategy_is_excellent_within_12_months_and_met_within_24(updated_on, months, status):
    assert strategy.months_since_update(updated_on, today=TODAY) == months
    assert strategy.strategy_age_status(months) == status


def test_without_a_strategy_its_age_is_unknown():
    assert strategy.months_since_update(None, today=TODAY) is None
    assert strategy.strategy_age_status(None) == "unknown"


@pytest.mark.parametrize(
    ("measurable", "total", "share", "status"),
    [
        (8, 10, Decimal("0.8"), "met"),
        (7, 10, Decimal("0.7"), "not_met"),
        (79, 100, Decimal("0.79"), "not_met"),
        (3, 3, Decimal("1"), "met"),
        (0, 0, None, "unknown"),
    ],
)
def test_the_plan_is_measurable_when_80_percent_of_its_actions_are(
    measurable, total, share, status
):
    assert strategy.measurable_share(measurable, total) == share
    assert strategy.measurable_status(share) == status


@pytest.mark.parametrize(
    ("achieved", "with_target", "status"),
    [(8, 10, "not_met"), (9, 10, "met"), (81, 100, "met"), (80, 100, "not_met"), (0, 0, "unknown")],
)
def test_the_plan_is_fulfilled_above_80_percent_of_its_targets(achieved, with_target, status):
    assert strategy.achieved_status(strategy.achieved_share(achieved, with_target)) == status


def base_action(**changes):
    data = {
        "year": 2026,
        "title": "Delegation to Hannover Messe",
        "indicator": "SMEs taking part",
        "target_value": Decimal("12"),
        "budget": Decimal("8000"),
        "due_on": date(2026, 4, 20),
        "status": "planned",
        "achieved_value": None,
    }
    data.update(changes)
    return data


def test_a_due_date_outside_the_plan_year_is_refused():
    assert strategy.action_problems(base_action(), today=TODAY) == []
    assert strategy.action_problems(base_action(due_on=date(2027, 1, 1)), today=TODAY) == [
        ("due_on", "The due date is not in the plan year.")
    ]
    assert strategy.action_problems(base_action(due_on=date(2026, 12, 31)), today=TODAY) == []


def test_an_achieved_value_needs_a_target():
    problems = strategy.action_problems(
        base_action(target_value=None, achieved_value=Decimal("3")), today=TODAY
    )
    assert problems == [
        ("achieved_value", "An achieved value needs a target value to compare with.")
    ]


def test_a_negative_budget_and_a_missing_title_are_refused():
    problems = dict(
        strategy.action_problems(base_action(budget=Decimal("-1"), title=" "), today=TODAY)
    )
    assert problems == {
        "title": "Say what the action is.",
        "budget": "The budget cannot be negative.",
    }


def test_a_strategy_updated_before_its_adoption_is_refused():
    problems = strategy.document_problems(
        {"title": "Strategy", "adopted_on": date(2025, 3, 1), "updated_on": date(2025, 2, 1)},
        today=TODAY,
    )
    assert problems == [("updated_on", "The last update is before the adoption.")]


def test_a_strategy_dated_in_the_future_is_refused():
    [(field, message)] = strategy.document_problems(
        {"title": "Strategy", "adopted_on": date(2025, 3, 1), "updated_on": date(2026, 6, 16)},
        today=TODAY,
    )
    assert field == "updated_on" and "in the future" in message
