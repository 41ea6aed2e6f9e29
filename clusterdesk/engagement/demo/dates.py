"""Date helpers of the demo ledger: the working days an activity or a contact may fall on, away
from August and the holidays, and the part of a period in a given month. Month arithmetic
itself comes from `clusterdesk.lib.periods`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from clusterdesk.lib.periods import Period, month_of

QUIET_DAYS = ((8, 1, 8, 31), (12, 22, 12, 31), (1, 1, 1, 6))  # August and the holidays


@cache
def working_days(first: date, last: date) -> tuple[date, ...]:
    """The working days from ``first`` to ``last`` outside August and the holidays, or all
    the working days when none is left."""
    days = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if (first + timedelta(days=n)).weekday() < 5
    ]
    return tuple(day for day in days if not is_quiet(day)) or tuple(days)


def is_quiet(day: date) -> bool:
    return any(
        (first_month, first_day) <= (day.month, day.day) <= (last_month, last_day)
        for first_month, first_day, last_month, last_day in QUIET_DAYS
    )


def month_in(period: Period, month: int) -> tuple[date, date]:
    """The part of ``period`` in the given calendar month."""
    year = period.first.year if month >= period.first.month else period.last.year
    first = max(period.first, date(year, month, 1))
    last = min(period.last, month_of(date(year, month, 1)).last)
    return first, last


def month_until(day: date, start: date, today: date) -> tuple[date, date]:
    """The month of ``day``, from ``start`` at the earliest and up to ``today`` at the latest
    (only its first day when that is after ``today``)."""
    first = max(month_of(day).first, start)
    return first, max(first, min(month_of(day).last, today))
