"""Peer portfolios as aggregates only: quartiles of a set of values, shown only when the set
holds at least the framework's minimum of clusters (5 by default), and where this cluster's
value falls. No single peer value leaves this module: only count, quartiles and a position.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .framework import Indicator

HIGHER, LOWER = "higher", "lower"


@dataclass(frozen=True)
class Quartiles:
    count: int
    q1: float
    median: float
    q3: float


def quartiles(values: Sequence[float | None], *, minimum: int) -> Quartiles | None:
    """Lower quartile, median and upper quartile (linear interpolation between the sorted
    values, the "inclusive" method); None below ``minimum`` known values."""
    known = sorted(float(value) for value in values if value is not None)
    if len(known) < max(minimum, 2):
        return None
    q1, median, q3 = statistics.quantiles(known, n=4, method="inclusive")
    return Quartiles(len(known), q1, median, q3)


def better(indicator: Indicator) -> str:
    """Which way is better: a "value <= 24" threshold means lower is better."""
    clause = indicator.met.value_clause
    return LOWER if clause is not None and clause.op in ("<", "<=") else HIGHER


def position(
    value: float | None, stats: Quartiles | None, *, direction: str = HIGHER
) -> int | None:
    """The quartile this cluster's value falls in, 1 (weakest) to 4 (strongest), counted in
    the better direction; a value on a boundary takes the stronger side."""
    if value is None or stats is None:
        return None
    if direction == LOWER:
        value, cuts = -value, (-stats.q3, -stats.median, -stats.q1)
    else:
        cuts = (stats.q1, stats.median, stats.q3)
    return 1 + sum(1 for cut in cuts if value >= cut)
