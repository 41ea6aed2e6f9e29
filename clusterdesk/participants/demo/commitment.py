"""Who has committed: agreements, membership dates and fees, drawn against `REFERENCE_DATE`."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..models import Category, Commitment
from .spec import ClusterSpec, size_class

# The registry as it stood at the close of 2025: no date in the demo lies after it.
REFERENCE_DATE = date(2025, 12, 31)


def commit(rng: random.Random, spec: ClusterSpec, registry: list[dict[str, Any]]) -> None:
    """Mark the committed and former participants: support bodies and bigger firms first.

    ``registry`` holds each organisation's fields, which are updated in place.
    """
    ordered = sorted(
        range(len(registry)),
        key=lambda i: rng.random() ** (1 / _commitment_weight(registry[i])),
        reverse=True,
    )
    committed = ordered[: spec.committed]
    former = ordered[spec.committed : spec.committed + spec.former]
    founded: date = spec.cluster["founded_on"]
    for i in sorted(committed):
        fields = registry[i]
        earliest = max(founded, date(fields["founding_year"], 1, 1))
        signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=40))
        fields.update(
            commitment=Commitment.COMMITTED,
            agreement_signed_on=signed,
            membership_start=_next_month(signed),
            membership_fee=Decimal(_fee(spec, fields)),
        )
    for i in sorted(former):
        fields = registry[i]
        earliest = max(founded, date(fields["founding_year"], 1, 1))
        signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=3 * 365))
        start = _next_month(signed)
        end_year = min(REFERENCE_DATE.year - 1, start.year + rng.randint(1, 5))
        fields.update(
            commitment=Commitment.FORMER,
            agreement_signed_on=signed,
            membership_start=start,
            membership_end=date(end_year, 12, 31),
            membership_fee=Decimal(_fee(spec, fields)),
        )


def _fee(spec: ClusterSpec, fields: dict[str, Any]) -> int:
    category = fields["category"]
    if category in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
        return spec.fees[size_class(fields["employees"])]
    return spec.fees[category]


def _commitment_weight(fields: dict[str, Any]) -> float:
    if fields["category"] not in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
        return 6.0
    return {"micro": 0.6, "small": 1.2, "medium": 2.5, "large": 4.0}[
        size_class(fields["employees"])
    ]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
