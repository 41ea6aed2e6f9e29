"""Texts that hold a count say "1 indicator" and "2 indicators": the singular or the plural
follows the figure as it is shown, whole or not."""

from __future__ import annotations

import pytest

from clusterdesk.benchmarking.engine import NOT_MET, IndicatorResult, default_framework
from clusterdesk.benchmarking.engine.results import Missing
from clusterdesk.benchmarking.targets import more_needed_text
from clusterdesk.benchmarking.texts import format_value, missing_text, plural_count


def score_short(weight_more: int) -> str:
    missing = Missing(
        "score_short",
        {"score": 0.75, "needed_score": 0.8, "weight_more": weight_more, "short": ["A2"]},
    )
    return missing_text(default_framework(), missing)


def short_result(indicator_id: str, more_needed: float) -> IndicatorResult:
    return IndicatorResult(
        id=indicator_id,
        area=indicator_id[0],
        status=NOT_MET,
        value=0.0,
        weight=1.0,
        earned=0.0,
        parts={},
        evidence=(),
        gaps=(),
        target=None,
        more_needed=more_needed,
    )


def test_one_indicator_short_of_gold_is_said_in_the_singular() -> None:
    assert score_short(1) == "The score is 75 %; Gold needs 80 %: 1 more indicator met."


def test_two_indicators_short_of_gold_are_said_in_the_plural() -> None:
    assert score_short(2) == "The score is 75 %; Gold needs 80 %: 2 more indicators met."


@pytest.mark.parametrize(
    ("improved", "words"),
    [(0, "0 areas improved"), (1, "1 area improved"), (2, "2 areas improved")],
)
def test_the_areas_improved_for_silver_follow_their_count(improved: int, words: str) -> None:
    missing = Missing("areas_to_improve", {"improved": improved, "needed": 3, "more": 3 - improved})
    assert missing_text(default_framework(), missing) == (
        f"{words} since the earlier assessment; Silver needs 3 ({3 - improved} more)."
    )


@pytest.mark.parametrize(
    ("shown", "count"), [(0.0, 0), (1.0, 1), (2.0, 2), (0.5, 2), (1.5, 2), (4.3, 2)]
)
def test_a_figure_with_a_fraction_takes_the_plural(shown: float, count: int) -> None:
    assert plural_count(shown) == count


def test_a_value_takes_the_form_of_the_figure_shown() -> None:
    framework = default_framework()
    years = framework.indicator("A5")  # years since founding
    days = framework.indicator("B1")  # training days
    assert format_value(years, 1.0) == "1 year"
    assert format_value(years, 1.7) == "2 years"  # shown rounded: not "2 year"
    assert format_value(days, 1.0) == "1 day"
    assert format_value(days, 1.5) == "1.5 days"  # not "1.5 day"


def test_what_is_still_needed_takes_the_form_of_the_figure_shown() -> None:
    years = default_framework().indicator("A5")
    assert more_needed_text(years, short_result("A5", 1.0)) == "1 more year of operation"
    assert more_needed_text(years, short_result("A5", 1.04)) == "1 more year of operation"
    assert more_needed_text(years, short_result("A5", 0.5)) == "0.5 more years of operation"
    assert more_needed_text(years, short_result("A5", 3.0)) == "3 more years of operation"
