from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.engagement import rules


def test_an_end_before_the_start_is_refused_and_the_same_day_is_fine():
    assert rules.period_problems(date(2026, 3, 2), date(2026, 3, 1)) == [
        ("ends_on", "The end is before the start.")
    ]
    assert rules.period_problems(date(2026, 3, 1), date(2026, 3, 1)) == []


def test_a_contact_dated_in_the_future_is_refused_today_is_fine():
    today = date(2026, 11, 28)
    assert rules.not_in_future(today, "date", today=today) == []
    [(field, message)] = rules.not_in_future(date(2026, 11, 29), "date", today=today)
    assert field == "date" and "in the future" in message


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("-1", "more than zero"),
        ("0", "more than zero"),
        ("0.3", "half-day steps"),
        ("many", "as a number"),
        ("3", "more than the activity lasts (2)"),
    ],
)
def test_absurd_days_are_explained(days, message):
    [(field, text)] = rules.days_problems(
        days, starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 2)
    )
    assert field == "days" and message in text


def test_without_dates_more_than_a_year_is_absurd():
    assert rules.days_problems("367") and not rules.days_problems("366")


@given(st.integers(min_value=1, max_value=40))
def test_every_half_day_step_within_the_activity_is_accepted(halves):
    days = Decimal(halves) / 2
    span_end = date(2026, 1, 1).replace(day=min(31, int(days) + 1))
    assert rules.days_problems(days, starts_on=date(2026, 1, 1), ends_on=span_end) == []


def test_records_of_another_cluster_are_refused():
    class Record:
        def __init__(self, cluster_id):
            self.cluster_id = cluster_id

        def __str__(self):
            return "Filatura X"

    assert rules.same_cluster_problems(1, [Record(1), None], "organisation") == []
    [(field, message)] = rules.same_cluster_problems(1, [Record(2)], "organisation")
    assert message == "Filatura X is not a participant of this cluster."
