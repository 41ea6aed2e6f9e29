"""C1, C2 and C3 from plain numbers and dates: no database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.engagement.services import finance

TODAY = date(2026, 1, 15)


# --------------------------------------------------------------------------- C1


def test_a_commitment_running_to_the_day_before_24_months_is_24_months_secured():
    # Covered from 15 January 2026 through 14 January 2028: two whole years.
    periods = [(date(2025, 1, 1), date(2028, 1, 14))]
    assert finance.months_secured_ahead(periods, today=TODAY) == 24
    assert finance.months_secured_status(24) == finance.MET


def test_one_day_short_of_24_months_is_23_and_not_met():
    periods = [(date(2025, 1, 1), date(2028, 1, 13))]
    assert finance.months_secured_ahead(periods, today=TODAY) == 23
    assert finance.months_secured_status(23) == finance.NOT_MET


def test_nothing_is_secured_without_a_commitment_running_today():
    assert finance.months_secured_ahead([], today=TODAY) == 0
    ended_yesterday = (date(2024, 1, 1), TODAY - timedelta(days=1))
    starts_tomorrow = (TODAY + timedelta(days=1), date(2030, 12, 31))
    assert finance.months_secured_ahead([ended_yesterday], today=TODAY) == 0
    assert finance.months_secured_ahead([starts_tomorrow], today=TODAY) == 0
    assert finance.secured_until([starts_tomorrow], today=TODAY) is None


def test_a_commitment_that_starts_or_ends_today_is_running():
    assert finance.secured_until([(TODAY, date(2026, 6, 30))], today=TODAY) == date(2026, 6, 30)
    assert finance.secured_until([(date(2025, 1, 1), TODAY)], today=TODAY) == TODAY
    assert finance.months_secured_ahead([(date(2025, 1, 1), TODAY)], today=TODAY) == 0


def test_a_renewal_that_follows_without_a_gap_extends_the_cover():
    periods = [
        (date(2025, 1, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2028, 12, 31)),  # starts the day after
    ]
    assert finance.secured_until(periods, today=TODAY) == date(2028, 12, 31)
    assert finance.months_secured_ahead(periods, today=TODAY) == 35


def test_a_gap_of_one_day_ends_the_cover():
    periods = [
        (date(2025, 1, 1), date(2026, 12, 31)),
        (date(2027, 1, 2), date(2028, 12, 31)),
    ]
    assert finance.secured_until(periods, today=TODAY) == date(2026, 12, 31)
    assert finance.months_secured_ahead(periods, today=TODAY) == 11


def test_overlapping_commitments_count_to_the_furthest_end():
    periods = [
        (date(2024, 1, 1), date(2029, 6, 30)),
        (date(2025, 6, 1), date(2026, 6, 30)),
        (date(2023, 1, 1), date(2025, 12, 31)),  # ended
    ]
    assert finance.secured_until(periods, today=TODAY) == date(2029, 6, 30)


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 1, 1)),
            st.integers(min_value=0, max_value=2000),
        ),
        max_size=6,
    )
)
def test_the_cover_never_ends_before_today_nor_after_the_last_commitment(raw):
    periods = [(start, start + timedelta(days=length)) for start, length in raw]
    until = finance.secured_until(periods, today=TODAY)
    if until is None:
        assert not any(start <= TODAY <= end for start, end in periods)
    else:
        assert TODAY <= until <= max(end for _, end in periods)
        assert any(start <= TODAY <= end for start, end in periods)


# --------------------------------------------------------------------------- C2 and C3


def amounts(**values):
    return {source: None if value is None else Decimal(value) for source, value in values.items()}


def test_the_private_share_is_fees_services_events_sponsors_and_contracts():
    actual = amounts(
        regional_public="60000",
        membership_fees="20000",
        service_fees="10000",
        events="5000",
        sponsors="3000",
        private_contracts="2000",
    )
    assert finance.private_share(actual) == Decimal("0.4")


def test_eu_projects_and_other_are_not_private():
    actual = amounts(eu_projects="50000", other="25000", membership_fees="25000")
    assert finance.private_share(actual) == Decimal("0.25")


def test_the_private_share_is_unknown_without_actual_amounts():
    assert finance.private_share({}) is None
    assert finance.private_share(amounts(membership_fees=None, regional_public=None)) is None
    assert finance.private_share(amounts(regional_public="0")) is None
    assert finance.private_share_status(None) == finance.UNKNOWN


@pytest.mark.parametrize(
    ("share", "status"),
    [
        ("0.20", finance.NOT_MET),
        ("0.2001", finance.MET),
        ("0.50", finance.MET),
        ("0.5001", finance.EXCELLENT),
        ("0", finance.NOT_MET),
    ],
)
def test_the_private_share_is_met_above_20_and_excellent_above_50_percent(share, status):
    assert finance.private_share_status(Decimal(share)) == status


def test_the_kinds_of_source_count_those_that_brought_money():
    actual = amounts(regional_public="1000", membership_fees="0", events="1", sponsors=None)
    assert finance.source_kinds(actual) == 2
    assert finance.source_kinds({}) is None
    assert finance.source_kinds(amounts(events=None)) is None


@pytest.mark.parametrize(("kinds", "status"), [(2, "not_met"), (3, "met"), (None, "unknown")])
def test_three_kinds_of_source_are_met(kinds, status):
    assert finance.source_kinds_status(kinds) == status


def test_a_share_is_shown_rounded_down_so_20_percent_is_never_shown_for_less():
    assert finance.share_percent(Decimal("0.19999")) == Decimal("19.9")
    assert finance.share_percent(Decimal("0.4")) == Decimal("40.0")
    assert finance.share_percent(None) is None


def test_the_last_closed_year_is_last_calendar_year():
    assert finance.last_closed_year(date(2026, 1, 1)) == 2025
    assert finance.last_closed_year(date(2026, 12, 31)) == 2025


def test_a_budget_row_refuses_negative_amounts_with_a_message_per_amount():
    problems = finance.budget_line_problems("events", Decimal("-1"), Decimal("-2"))
    assert problems == [
        ("planned_events", "The planned amount cannot be negative."),
        ("actual_events", "The actual amount cannot be negative."),
    ]
    assert finance.budget_line_problems("events", Decimal("0"), None) == []
    [(field, message)] = finance.budget_line_problems("gifts", None, None)
    assert field == "source"
