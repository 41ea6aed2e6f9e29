"""From measurements to an assessment: each indicator's status by the framework's conditions,
the score, the minimum requirements and the label readiness by the SPEC's rules.

Boundaries are exactly as the framework words them: "value >= 0.80" is met at 0.80,
"value > 0.40" is not met at 0.40. Shares are compared as computed (e.g. 2/5), never rounded.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date

from clusterdesk.lib.periods import months_before

from .computations import COMPUTATIONS, keeping_evidence
from .facts import ClusterFacts, Windows
from .framework import Clause, Condition, Framework, Indicator
from .results import (
    EXCELLENT,
    MET,
    NOT_MET,
    NOT_READY,
    READY,
    UNKNOWN,
    AreaScore,
    Assessment,
    IndicatorResult,
    Measurement,
    MinimumResult,
    Missing,
    PastAssessment,
    Readiness,
)


def holds(condition: Condition, value: float, parts: Mapping[str, float]) -> bool | None:
    """Whether every clause holds; None when a clause names a part the measurement lacks."""
    for clause in condition.clauses:
        observed = value if clause.name == "value" else parts.get(clause.name)
        if observed is None:
            return None
        if not clause.holds(float(observed)):
            return False
    return True


def status_of(indicator: Indicator, value: float | None, parts: Mapping[str, float]) -> str:
    if value is None:
        return UNKNOWN
    met = holds(indicator.met, value, parts)
    if met is None:
        return UNKNOWN
    if not met:
        return NOT_MET
    if indicator.excellent is not None and holds(indicator.excellent, value, parts):
        return EXCELLENT
    return MET


def _status(indicator: Indicator, measurement: Measurement) -> str:
    status = status_of(indicator, measurement.value, measurement.parts)
    if status != NOT_MET or measurement.best_case is None:
        return status
    # Gaps that could lift a short value over the line make it unknown, not short. A value
    # already met stays met (the gaps can only raise it, and are listed): making it unknown
    # would earn less than recording the missing facts as "no".
    best = status_of(indicator, measurement.best_case, measurement.parts)
    return NOT_MET if best == NOT_MET else UNKNOWN


def _more_joining(clause: Clause, numerator: float, denominator: float) -> float | None:
    """The smallest whole k with (numerator + k) / (denominator + k) meeting a ">"/">="
    clause: records added to both sides. None when no number would (a threshold of 100 % or
    more, which only a share already at 100 % meets)."""
    threshold = clause.threshold
    if threshold >= 1:
        return None
    k = max(0, math.floor((threshold * denominator - numerator) / (1 - threshold)))
    for _ in range(3):  # the estimate is off by at most one either way (rounding)
        if clause.holds((numerator + k) / (denominator + k)):
            while k > 0 and clause.holds((numerator + k - 1) / (denominator + k - 1)):
                k -= 1
            return float(k)
        k += 1
    return None


def more_needed(indicator: Indicator, measurement: Measurement) -> float | None:
    """How many more (participants, groups, months…) the value needs to meet its threshold,
    when the value clause alone is short; None when it is not or cannot be said."""
    clause = indicator.met.value_clause
    value = measurement.value
    if clause is None or value is None or clause.holds(value):
        return None
    parts = measurement.parts
    numerator, denominator = parts.get("numerator"), parts.get("denominator")
    if indicator.unit == "share":
        # Only a share of counted records (participants, actions) says how many more; a share
        # of money (C2) cannot be put as a number of anything.
        if numerator is None or not denominator or clause.op not in (">", ">="):
            return None
        if measurement.whole_grows:
            return _more_joining(clause, numerator, denominator)
        # The smallest whole k with (numerator + k) / denominator meeting the clause; none
        # when even all of the denominator would not (a threshold above 100 %).
        k = max(0, math.floor(clause.threshold * denominator - numerator))
        while numerator + k <= denominator:
            if clause.holds((numerator + k) / denominator):
                return float(k)
            k += 1
        return None
    if clause.op == ">=":
        return clause.threshold - value
    if clause.op == ">":
        step = 1.0 if indicator.unit in ("count", "points", "months", "years") else 0.5
        return math.floor((clause.threshold - value) / step) * step + step
    if clause.op in ("<=", "<"):
        return value - clause.threshold + (0 if clause.op == "<=" else 1)
    return None


def evaluate_indicator(
    indicator: Indicator, facts: ClusterFacts, windows: Windows
) -> IndicatorResult:
    measurement = COMPUTATIONS[indicator.computation](facts, windows)
    status = _status(indicator, measurement)
    clause = indicator.met.value_clause
    return IndicatorResult(
        id=indicator.id,
        area=indicator.area,
        status=status,
        value=measurement.value,
        weight=indicator.weight,
        earned=indicator.weight if status in (MET, EXCELLENT) else 0.0,
        parts=dict(measurement.parts),
        evidence=measurement.evidence,
        gaps=measurement.gaps,
        target=clause.threshold if clause else None,
        more_needed=more_needed(indicator, measurement) if status != EXCELLENT else None,
    )


def _area_scores(framework: Framework, results: Sequence[IndicatorResult]) -> tuple[AreaScore, ...]:
    scores = []
    for area in framework.areas:
        inside = [result for result in results if result.area == area]
        if not inside:
            continue
        scores.append(
            AreaScore(
                area=area,
                earned=sum(result.earned for result in inside),
                total=sum(result.weight for result in inside),
                unknown=sum(1 for result in inside if result.status == UNKNOWN),
            )
        )
    return tuple(scores)


def _compare_with(
    framework: Framework,
    as_of: date,
    areas: Mapping[str, float],
    earlier: Iterable[PastAssessment],
) -> tuple[PastAssessment | None, tuple[str, ...]]:
    """The earlier assessment, 18–24 months before ``as_of`` (both ends included), against
    which the most areas improved their score (strictly higher), and those areas."""
    near, far = framework.labels.silver_window_months
    latest, earliest = months_before(as_of, near), months_before(as_of, far)
    best: tuple[PastAssessment | None, tuple[str, ...]] = (None, ())
    for past in sorted(earlier, key=lambda past: past.as_of, reverse=True):
        if not earliest <= past.as_of <= latest:
            continue
        improved = tuple(
            area for area, score in areas.items() if area in past.areas and score > past.areas[area]
        )
        if best[0] is None or len(improved) > len(best[1]):
            best = (past, improved)
    return best


def readiness(
    framework: Framework,
    as_of: date,
    score: float,
    earned: float,
    total: float,
    results: Sequence[IndicatorResult],
    minimums: Sequence[MinimumResult],
    areas: Mapping[str, float],
    earlier: Iterable[PastAssessment],
) -> Readiness:
    rules = framework.labels
    missing_bronze = tuple(
        Missing(
            "minimum_unknown" if minimum.value is None else "minimum_not_met", {"id": minimum.id}
        )
        for minimum in minimums
        if not minimum.met
    )
    bronze = not missing_bronze

    compared, improved = _compare_with(framework, as_of, areas, earlier)
    missing_silver: list[Missing] = []
    if not bronze:
        missing_silver.append(Missing("bronze_first"))
    if compared is None:
        missing_silver.append(
            Missing(
                "no_earlier_assessment",
                {
                    "from": months_before(as_of, rules.silver_window_months[1]).isoformat(),
                    "to": months_before(as_of, rules.silver_window_months[0]).isoformat(),
                },
            )
        )
        silver = UNKNOWN if bronze else NOT_READY
    elif len(improved) < rules.silver_areas_improved:
        missing_silver.append(
            Missing(
                "areas_to_improve",
                {
                    "improved": len(improved),
                    "needed": rules.silver_areas_improved,
                    "more": rules.silver_areas_improved - len(improved),
                },
            )
        )
        silver = NOT_READY
    else:
        silver = READY if bronze else NOT_READY

    missing_gold: list[Missing] = []
    if not bronze:
        missing_gold.append(Missing("minimums_first"))
    if score < rules.gold_score:
        needed = math.ceil(rules.gold_score * total - earned - 1e-9)
        missing_gold.append(
            Missing(
                "score_short",
                {
                    "score": score,
                    "needed_score": rules.gold_score,
                    "weight_more": needed,
                    "short": [result.id for result in results if result.is_short],
                },
            )
        )
    return Readiness(
        bronze_eligible=bronze,
        silver=silver,
        gold_ready=bronze and score >= rules.gold_score,
        compared_with=compared,
        improved_areas=improved,
        missing_bronze=missing_bronze,
        missing_silver=tuple(missing_silver),
        missing_gold=tuple(missing_gold),
    )


def assess(
    framework: Framework,
    facts: ClusterFacts,
    *,
    earlier: Iterable[PastAssessment] = (),
    evidence: bool | Collection[str] = True,
) -> Assessment:
    """The whole assessment of a cluster's facts under a framework. ``earlier``: saved
    assessments the Silver rule may compare with (any dates; the window picks).
    ``evidence``: list the records behind every figure (True), none (False: the figures, gaps
    and statuses are the same, the evidence groups are empty), or only those of the given
    indicator ids."""
    windows = facts.windows
    results = []
    for indicator in framework.indicators:
        keep = evidence if isinstance(evidence, bool) else indicator.id in evidence
        with keeping_evidence(keep):
            results.append(evaluate_indicator(indicator, facts, windows))
    minimums = []
    with keeping_evidence(False):  # a minimum shows its value, not a list
        for minimum in framework.minimums:
            measurement = COMPUTATIONS[minimum.computation](facts, windows)
            met = measurement.value is not None and bool(
                holds(minimum.met, measurement.value, measurement.parts)
            )
            minimums.append(MinimumResult(minimum.id, met, measurement.value, measurement.gaps))
    areas = _area_scores(framework, results)
    earned = sum(result.earned for result in results)
    total = sum(result.weight for result in results)
    score = earned / total if total else 0.0
    return Assessment(
        framework_id=framework.id,
        framework_version=framework.version,
        framework_digest=framework.digest,
        as_of=facts.as_of,
        indicators=tuple(results),
        minimums=tuple(minimums),
        areas=areas,
        earned=earned,
        total_weight=total,
        readiness=readiness(
            framework,
            facts.as_of,
            score,
            earned,
            total,
            results,
            minimums,
            {area.area: area.score for area in areas},
            earlier,
        ),
    )
