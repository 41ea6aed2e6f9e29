"""An assessment's indicators as rows of words: per area, with their data gaps and what each
still needs, and the roadmap's rows built on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from .. import texts
from ..engine import Assessment, Framework, IndicatorResult, RoadmapItem, roadmap
from ..targets import (
    EFFORT_LABELS,
    more_needed_text,
    number,
    plan_target,
    plan_title,
    suggested_target,
)

# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class GapRow:
    text: str
    url: str | None
    page: str | None


@dataclass
class IndicatorRow:
    id: str
    area: str
    area_name: str
    name: str
    definition: str
    source: str
    recommendation: str
    status: str
    status_label: str
    value: float | None
    value_text: str
    met_text: str
    excellent_text: str
    weight: float
    earned: float
    url: str
    gaps: list[GapRow]
    more_text: str
    target_text: str
    effort: int
    peer: Any = None  # a PeerCell in the report


@dataclass
class AreaBlock:
    area: str
    name: str
    score: float
    earned: float
    total: float
    unknown: int
    rows: list[IndicatorRow] = field(default_factory=list)


def gap_rows(cluster_slug: str, gaps: Sequence[Any]) -> list[GapRow]:
    rows = []
    for gap in gaps:
        link = texts.where_link(cluster_slug, gap.where)
        rows.append(
            GapRow(texts.gap_text(gap), link[0] if link else None, link[1] if link else None)
        )
    return rows


def indicator_url(cluster_slug: str, indicator_id: str, query: str = "") -> str:
    """The evidence page of an indicator; ``query`` keeps the assessment it is read from
    ("as_of=2025-06-30" or "snapshot=12")."""
    url = reverse(
        "benchmarking:indicator",
        kwargs={"cluster_slug": cluster_slug, "indicator_id": indicator_id},
    )
    return f"{url}?{query}" if query else url


def indicator_row(
    cluster_slug: str,
    framework: Framework,
    result: IndicatorResult,
    *,
    query: str = "",
) -> IndicatorRow:
    indicator = framework.indicator(result.id)
    words = texts.indicator_texts(indicator)
    return IndicatorRow(
        id=result.id,
        area=result.area,
        area_name=texts.area_name(framework, result.area),
        name=words["name"],
        definition=words["definition"],
        source=words["source"],
        recommendation=words["recommendation"],
        status=result.status,
        status_label=texts.status_label(result.status),
        value=result.value,
        value_text=texts.format_value(indicator, result.value),
        met_text=texts.format_condition(indicator, indicator.met),
        excellent_text=texts.format_condition(indicator, indicator.excellent),
        weight=result.weight,
        earned=result.earned,
        url=indicator_url(cluster_slug, result.id, query),
        gaps=gap_rows(cluster_slug, result.gaps),
        more_text=more_needed_text(indicator, result),
        target_text=suggested_target(indicator, result),
        effort=indicator.effort,
    )


def known_results(framework: Framework, assessment: Assessment) -> list[IndicatorResult]:
    """The results whose indicator the framework still has (a snapshot read with its own)."""
    ids = {indicator.id for indicator in framework.indicators}
    return [result for result in assessment.indicators if result.id in ids]


def area_blocks(
    cluster_slug: str,
    framework: Framework,
    assessment: Assessment,
    *,
    query: str = "",
) -> list[AreaBlock]:
    blocks = {
        area.area: AreaBlock(
            area.area,
            texts.area_name(framework, area.area),
            area.score,
            area.earned,
            area.total,
            area.unknown,
        )
        for area in assessment.areas
    }
    for result in known_results(framework, assessment):
        block = blocks.get(result.area)
        if block is None:
            continue
        block.rows.append(indicator_row(cluster_slug, framework, result, query=query))
    return [block for block in blocks.values() if block.rows]


# --------------------------------------------------------------------------- roadmap


@dataclass(frozen=True)
class RoadmapRow:
    item: RoadmapItem
    row: IndicatorRow
    gain_text: str
    effort_label: str
    title: str
    target_value: Decimal | None
    unit: str


def roadmap_rows(
    cluster_slug: str, framework: Framework, assessment: Assessment
) -> list[RoadmapRow]:
    rows = []
    for item in roadmap(framework, assessment):
        indicator = framework.indicator(item.indicator)
        result = assessment.indicator(item.indicator)
        target, unit = plan_target(indicator)
        points = item.gain * 100
        gain_text = ngettext(
            "+%(points)s point of score",
            "+%(points)s points of score",
            texts.plural_count(round(points, 1)),
        ) % {"points": number(points, 1)}
        rows.append(
            RoadmapRow(
                item=item,
                row=indicator_row(cluster_slug, framework, result),
                gain_text=gain_text,
                effort_label=str(EFFORT_LABELS.get(item.effort, item.effort)),
                title=plan_title(indicator, result),
                target_value=target,
                unit=unit,
            )
        )
    return rows
