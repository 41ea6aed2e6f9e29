"""The ledger's rules, written once for forms, imports, the API and services. Each returns the
problems found as (field, message) in plain words; an empty list means the data may be saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

# Beyond this an activity is not something one organisation spends days in (typing errors).
MAX_ACTIVITY_DAYS = 366


def period_problems(
    start: date | None,
    end: date | None,
    *,
    start_field: str = "starts_on",
    end_field: str = "ends_on",
) -> list[tuple[str, str]]:
    if start and end and end < start:
        return [(end_field, _("The end is before the start."))]
    return []


def not_in_future(value: date | None, field: str, *, today: date) -> list[tuple[str, str]]:
    if value and value > today:
        return [(field, _("This date is in the future; log it once it has happened."))]
    return []


def days_problems(
    days: Any, *, field: str = "days", starts_on: date | None = None, ends_on: date | None = None
) -> list[tuple[str, str]]:
    """Days of involvement: positive, in half-day steps, and no more than the activity lasts."""
    try:
        value = Decimal(str(days))
    except (InvalidOperation, ValueError):
        return [(field, _("Give the days as a number, e.g. 0.5, 1 or 2.5."))]
    if value <= 0:
        return [(field, _("The days must be more than zero."))]
    if (value * 2) % 1 != 0:
        return [(field, _("Count days in half-day steps: 0.5, 1, 1.5, 2…"))]
    if starts_on and ends_on:
        span = (ends_on - starts_on).days + 1
        if value > span:
            return [
                (
                    field,
                    _("%(days)s days is more than the activity lasts (%(span)s).")
                    % {"days": format(value.normalize(), "f"), "span": span},
                )
            ]
    elif value > MAX_ACTIVITY_DAYS:
        return [
            (
                field,
                _("%(days)s days is more than a year.") % {"days": format(value.normalize(), "f")},
            )
        ]
    return []


def same_cluster_problems(cluster_id: int, records: list[Any], field: str) -> list[tuple[str, str]]:
    """Every linked record belongs to this cluster (an organisation of another cluster is never
    involved, met or on a board here)."""
    for record in records:
        if record is not None and getattr(record, "cluster_id", cluster_id) != cluster_id:
            return [(field, _("%(name)s is not a participant of this cluster.") % {"name": record})]
    return []
