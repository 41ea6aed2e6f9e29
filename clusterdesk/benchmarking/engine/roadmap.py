"""The roadmap: the short indicators, ordered by what gains most score for least effort.

Priority = gain / (effort × (1 + distance)): ``gain`` is the indicator's share of the total
weight; ``effort`` the framework's estimate (1 record or decide, 2 weeks of work, 3 a year or
more); ``distance`` how far the value is from its threshold (0 at the line, 1 far below). An
unknown indicator counts as effort 1 and distance 0.5: filling the gap is quick, the outcome
uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass

from .framework import Framework, Indicator
from .results import UNKNOWN, Assessment, IndicatorResult

UNKNOWN_EFFORT = 1
UNKNOWN_DISTANCE = 0.5


@dataclass(frozen=True)
class RoadmapItem:
    indicator: str
    area: str
    status: str
    gain: float  # points of score (0–1) the indicator would add
    effort: int
    distance: float
    target: float | None
    more_needed: float | None

    @property
    def priority(self) -> float:
        return self.gain / (self.effort * (1 + self.distance))


def distance(indicator: Indicator, result: IndicatorResult) -> float:
    clause = indicator.met.value_clause
    value = result.value
    if result.status == UNKNOWN or value is None:
        return UNKNOWN_DISTANCE
    if clause is None:
        return 1.0
    threshold = clause.threshold
    if clause.op in (">", ">="):
        gap = (threshold - value) / threshold if threshold else 1.0
    elif clause.op in ("<", "<="):
        gap = (value - threshold) / threshold if threshold else 1.0
    else:
        gap = 1.0
    return min(1.0, max(0.0, gap))


def roadmap(framework: Framework, assessment: Assessment) -> list[RoadmapItem]:
    total = assessment.total_weight or 1.0
    items = []
    for result in assessment.indicators:
        if not result.is_short:
            continue
        indicator = framework.indicator(result.id)
        unknown = result.status == UNKNOWN
        items.append(
            RoadmapItem(
                indicator=result.id,
                area=result.area,
                status=result.status,
                gain=result.weight / total,
                effort=UNKNOWN_EFFORT if unknown else indicator.effort,
                distance=distance(indicator, result),
                target=result.target,
                more_needed=result.more_needed,
            )
        )
    return sorted(items, key=lambda item: (-item.priority, item.effort, item.indicator))
