"""Two saved assessments side by side: per area (the Silver rule counts the areas whose score
rose) and per indicator (what improved, what worsened)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from clusterdesk.lib.periods import months_before, whole_months_between

from . import texts
from .engine import EXCELLENT, MET, NOT_MET, UNKNOWN, Assessment, Framework, IndicatorResult, better
from .engine.peers import LOWER
from .presentation import indicator_url, known_results
from .targets import percent

STATUS_RANK = {NOT_MET: 0, MET: 1, EXCELLENT: 2}


def change(framework: Framework, earlier: IndicatorResult, later: IndicatorResult) -> str:
    """The change of one indicator: "improved", "worsened", "same", "known" (unknown before,
    known now), "unknown" (known before, unknown now) or "" (unknown on both sides)."""
    if earlier.status == UNKNOWN or later.status == UNKNOWN:
        if earlier.status == later.status:
            return ""
        return "known" if earlier.status == UNKNOWN else "unknown"
    before, after = STATUS_RANK[earlier.status], STATUS_RANK[later.status]
    if after != before:
        return "improved" if after > before else "worsened"
    if earlier.value is None or later.value is None or earlier.value == later.value:
        return "same"
    higher = later.value > earlier.value
    lower_is_better = better(framework.indicator(later.id)) == LOWER
    return "improved" if higher != lower_is_better else "worsened"


CHANGE_LABELS = {
    "improved": gettext_lazy("Improved"),
    "worsened": gettext_lazy("Worsened"),
    "same": gettext_lazy("Unchanged"),
    "known": gettext_lazy("Now known"),
    "unknown": gettext_lazy("No longer known"),
    "": gettext_lazy("Not known"),
}


@dataclass(frozen=True)
class AreaChange:
    name: str
    earlier: float | None
    later: float | None
    change: str
    label: str

    @property
    def earlier_text(self) -> str:
        return percent(self.earlier)

    @property
    def later_text(self) -> str:
        return percent(self.later)


@dataclass(frozen=True)
class IndicatorChange:
    id: str
    name: str
    url: str
    earlier_value: str
    later_value: str
    earlier_status: str
    later_status: str
    earlier_status_label: str
    later_status_label: str
    change: str
    label: str


def comparison(
    cluster_slug: str, framework: Framework, earlier: Assessment, later: Assessment
) -> dict[str, Any]:
    """Two assessments side by side: per area (the Silver rule counts areas whose score
    rose) and per indicator."""
    before, after = earlier.area_scores(), later.area_scores()
    areas = []
    for area in framework.areas:
        if area not in before and area not in after:
            continue
        one, two = before.get(area), after.get(area)
        if one is None or two is None:
            state = ""
        else:
            state = "improved" if two > one else "worsened" if two < one else "same"
        areas.append(
            AreaChange(texts.area_name(framework, area), one, two, state, str(CHANGE_LABELS[state]))
        )
    old = {result.id: result for result in earlier.indicators}
    indicators = []
    for result in known_results(framework, later):
        previous = old.get(result.id)
        if previous is None:
            continue
        indicator = framework.indicator(result.id)
        state = change(framework, previous, result)
        indicators.append(
            IndicatorChange(
                id=result.id,
                name=texts.tr(indicator.name),
                url=indicator_url(cluster_slug, result.id),
                earlier_value=texts.format_value(indicator, previous.value),
                later_value=texts.format_value(indicator, result.value),
                earlier_status=previous.status,
                later_status=result.status,
                earlier_status_label=texts.status_label(previous.status),
                later_status_label=texts.status_label(result.status),
                change=state,
                label=str(CHANGE_LABELS[state]),
            )
        )
    improved = sum(1 for area in areas if area.change == "improved")
    needed = framework.labels.silver_areas_improved
    near, far = framework.labels.silver_window_months
    months = whole_months_between(earlier.as_of, later.as_of)
    return {
        "areas": areas,
        "indicators": indicators,
        "improved": improved,
        "worsened": sum(1 for area in areas if area.change == "worsened"),
        "needed": needed,
        "enough": improved >= needed,
        "months": months,
        "in_window": months_before(later.as_of, far)
        <= earlier.as_of
        <= months_before(later.as_of, near),
        "window": (near, far),
        "indicators_improved": sum(1 for row in indicators if row.change == "improved"),
        "indicators_worsened": sum(1 for row in indicators if row.change == "worsened"),
    }
