"""Calendar arithmetic and the windows the indicators count in. Plain dates, no Django.

"In the last N months" (the SPEC's "last 12 months", "last 24 months") is always taken on a
given day, the assessment date or today: from the day *after* the same date N months earlier
through that day, both included. On 15 June 2026 the last 12 months run from 16 June 2025 to
15 June 2026. A date that the earlier month does not have becomes that month's last day, so on
29 February 2028 the year before is 28 February 2027 and the window starts on 1 March 2027.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A run of days, both ends included."""

    first: date
    last: date

    @property
    def range(self) -> tuple[date, date]:
        """The ends, as a database ``__range`` lookup takes them."""
        return (self.first, self.last)

    @property
    def day_before(self) -> date:
        """The last day before the period: a date "after" it and up to ``last`` is in."""
        return self.first - ONE_DAY

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative); a day the month does not have
    becomes its last day (31 January + 1 month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (see ``add_months``)."""
    return add_months(day, -months)


def whole_months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``: 15 Jan → 14 Mar is 1, → 15 Mar is 2; 0 when
    ``end`` is not after ``start``."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def last_months(today: date, months: int) -> Period:
    """The last ``months`` months on ``today`` (see the module's docstring)."""
    return Period(months_before(today, months) + ONE_DAY, today)


def last_12_months(today: date) -> Period:
    return last_months(today, 12)


def month_of(day: date) -> Period:
    return Period(day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1]))


def months_of(year: int) -> list[Period]:
    """The twelve calendar months of a year, January first."""
    return [month_of(date(year, month, 1)) for month in range(1, 13)]


def quarter_of(day: date) -> Period:
    """The calendar quarter ``day`` falls in."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Period(first, add_months(first, 3) - ONE_DAY)


def quarters_before(day: date, count: int, *, include_current: bool) -> list[Period]:
    """``count`` calendar quarters, oldest first, ending with the quarter of ``day`` (or the one
    before it)."""
    current = quarter_of(day)
    quarters = [current] if include_current else []
    cursor = current
    while len(quarters) < count:
        cursor = quarter_of(cursor.day_before)
        quarters.append(cursor)
    return list(reversed(quarters[:count]))


# --------------------------------------------------------------------------- cover (C1)


def secured_until(periods: Iterable[tuple[date, date]], *, today: date) -> date | None:
    """The last day that commitments cover without a gap, starting with one that is running
    today (started on or before today, running to today or later). A commitment that starts
    the day after another ends continues the cover; a gap of a day or more ends it."""
    covered: date | None = None
    for starts_on, runs_to in sorted(periods):
        if runs_to < today:
            continue
        if covered is None:
            if starts_on > today:
                break  # sorted by start: nothing is running today
            covered = runs_to
        elif starts_on <= covered + ONE_DAY:
            covered = max(covered, runs_to)
        else:
            break
    return covered


def months_secured_ahead(periods: Iterable[tuple[date, date]], *, today: date) -> int:
    """C1: whole months from today to the end of the last day covered without a gap (see
    ``secured_until``). Covered from 15 January 2026 through 14 January 2028 is 24 months;
    through 13 January 2028, 23. Nothing running today is 0."""
    until = secured_until(periods, today=today)
    if until is None:
        return 0
    return whole_months_between(today, until + ONE_DAY)
