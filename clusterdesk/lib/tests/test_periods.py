"""Calendar arithmetic and the indicators' windows: examples at the edges, then properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.lib.periods import (
    Period,
    add_months,
    last_12_months,
    last_months,
    month_of,
    months_before,
    months_of,
    quarter_of,
    quarters_before,
    whole_months_between,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
month_counts = st.integers(min_value=0, max_value=400)


def test_adding_months_keeps_the_day_or_takes_the_month_s_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 3, 15), -24) == date(2024, 3, 15)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 10), 13) == date(2024, 12, 10)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


def test_whole_months_count_only_months_that_have_fully_passed():
    assert whole_months_between(date(2026, 1, 15), date(2026, 3, 14)) == 1
    assert whole_months_between(date(2026, 1, 15), date(2026, 3, 15)) == 2
    assert whole_months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months_between(date(2026, 1, 15), date(2026, 1, 15)) == 0
    assert whole_months_between(date(2026, 1, 15), date(2025, 1, 15)) == 0


def test_the_last_12_months_run_from_the_day_after_the_same_date_a_year_earlier_to_today():
    window = last_12_months(date(2026, 6, 15))
    assert window == Period(date(2025, 6, 16), date(2026, 6, 15))
    assert date(2025, 6, 15) not in window and date(2025, 6, 16) in window
    assert window.day_before == date(2025, 6, 15)


def test_on_29_february_the_year_before_is_28_february():
    window = last_12_months(date(2028, 2, 29))
    assert window.day_before == date(2027, 2, 28)
    assert window.first == date(2027, 3, 1)


def test_the_last_24_months_start_the_day_after_the_same_date_two_years_earlier():
    assert last_months(date(2026, 6, 15), 24).first == date(2024, 6, 16)


def test_quarters_are_calendar_quarters_oldest_first():
    quarters = quarters_before(date(2026, 2, 10), 3, include_current=True)
    assert [(q.first, q.last) for q in quarters] == [
        (date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 10, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 3, 31)),
    ]
    completed = quarters_before(date(2026, 2, 10), 4, include_current=False)
    assert completed[0].first == date(2025, 1, 1) and completed[-1].last == date(2025, 12, 31)


def test_a_year_s_months_are_its_twelve_calendar_months():
    months = months_of(2024)
    assert months[1] == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert months[-1] == Period(date(2024, 12, 1), date(2024, 12, 31))


def test_a_period_holds_dates_only():
    assert "2026-01-01" not in month_of(date(2026, 1, 1))


# --------------------------------------------------------------------------- properties


@given(days, st.integers(min_value=-400, max_value=400))
def test_adding_months_moves_the_month_and_never_past_the_day(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    if moved.day < day.day:  # only where the month is too short, and then its last day
        assert (moved + timedelta(days=1)).month != moved.month


@given(days, month_counts)
def test_adding_n_months_is_n_whole_months_when_the_day_exists(start, months):
    start = start.replace(day=min(start.day, 28))
    assert whole_months_between(start, add_months(start, months)) == months
    assert add_months(add_months(start, months), -months) == start


@given(days, days)
def test_whole_months_never_overshoot_the_end(start, end):
    months = whole_months_between(start, end)
    assert months >= 0
    if months:
        assert add_months(start, months) <= end
    assert end <= start or add_months(start, months + 1) > end


@given(days)
def test_the_last_12_months_are_the_days_after_the_same_date_a_year_earlier(today):
    try:
        year_earlier = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_earlier = today.replace(year=today.year - 1, day=28)
    window = last_12_months(today)
    assert window == Period(year_earlier + timedelta(days=1), today)
    assert 365 <= (window.last - window.first).days + 1 <= 366
    assert today in window and window.day_before not in window


@given(days, st.integers(min_value=1, max_value=60))
def test_a_longer_window_holds_the_shorter_one(today, months):
    shorter, longer = last_months(today, months), last_months(today, months + 1)
    assert longer.first < shorter.first and longer.last == shorter.last == today


@given(days, st.integers(min_value=1, max_value=12), st.booleans())
def test_quarters_follow_each_other_without_a_gap(day, count, include_current):
    quarters = quarters_before(day, count, include_current=include_current)
    assert len(quarters) == count
    assert (day in quarters[-1]) is include_current
    for earlier, later in zip(quarters, quarters[1:], strict=False):
        assert later.day_before == earlier.last
    for quarter in quarters:
        assert quarter.first.day == 1 and quarter.first.month in (1, 4, 7, 10)
        assert quarter_of(quarter.last) == quarter


@given(days)
def test_a_day_is_in_its_month_and_its_quarter(day):
    assert day in month_of(day) and day in quarter_of(day)
    assert month_of(day) in months_of(day.year)
