"""Whole pages: the readiness page's context (also a saved snapshot's and the report's), its
pictures (gauge, radar, history) and the indicator table as a sheet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import texts
from ..charts import (
    GOLD_COLOUR,
    SCORE_COLOUR,
    Line,
    RadarSeries,
    area_colour,
    history_svg,
    radar_svg,
    score_gauge_svg,
)
from ..engine import Assessment, Framework
from ..targets import percent
from .labels import data_gaps, label_held, label_rows, minimum_rows, unknown_text
from .rows import area_blocks, known_results

# --------------------------------------------------------------------------- charts


def gauge(framework: Framework, assessment: Assessment) -> str:
    line = framework.labels.gold_score
    return score_gauge_svg(
        assessment.score,
        line=line,
        title=_("Score against the Gold line"),
        description=_("Score %(score)s; Gold needs %(line)s.")
        % {"score": percent(assessment.score), "line": percent(line)},
        line_label=_("Gold %(line)s") % {"line": percent(line)},
    )


def radar(
    framework: Framework,
    assessments: Sequence[tuple[str, Assessment]],
    *,
    title: str | None = None,
) -> str:
    areas = [
        area for area in framework.areas if any(a.area == area for a in assessments[0][1].areas)
    ]
    colours = [SCORE_COLOUR, GOLD_COLOUR] if len(assessments) == 1 else [GOLD_COLOUR, SCORE_COLOUR]
    series = [
        RadarSeries(name, [assessment.area_scores().get(area, 0.0) for area in areas], colour)
        for (name, assessment), colour in zip(assessments, colours, strict=False)
    ]
    return radar_svg(
        [texts.area_name(framework, area) for area in areas],
        series,
        title=title or _("Score by area"),
    )


def history_chart(framework: Framework, snapshots: Sequence[Any]) -> str:
    """The score and each area over the saved assessments (oldest first)."""
    labels = [date_format(snapshot.as_of, "SHORT_DATE_FORMAT") for snapshot in snapshots]
    lines = [Line(_("Score"), [snapshot.score for snapshot in snapshots], SCORE_COLOUR, bold=True)]
    for index, area in enumerate(framework.areas):
        values = [(snapshot.area_scores or {}).get(area) for snapshot in snapshots]
        if any(value is not None for value in values):
            lines.append(Line(texts.area_name(framework, area), values, area_colour(index)))
    gold = framework.labels.gold_score
    return history_svg(
        labels,
        lines,
        title=_("Score and each area over time"),
        gold_line=gold,
        gold_label=_("Gold %(line)s") % {"line": percent(gold)},
    )


# --------------------------------------------------------------------------- pages


def readiness_context(
    cluster: Any,
    framework: Framework,
    assessment: Assessment,
    *,
    query: str = "",
) -> dict[str, Any]:
    """Everything the readiness page (and a saved snapshot's page) shows."""
    slug = cluster.slug
    counts = assessment.counts()
    return {
        "assessment": assessment,
        "framework": framework,
        "score": percent(assessment.score),
        "gold_score": percent(framework.labels.gold_score),
        "level": assessment.readiness.level,
        "level_label": texts.level_label(assessment.readiness.level),
        "unknown_text": unknown_text(assessment.unknown),
        "counts": [(status, texts.status_label(status), counts[status]) for status in counts],
        "labels": label_rows(framework, assessment),
        "minimums": minimum_rows(slug, framework, assessment),
        "areas": area_blocks(slug, framework, assessment, query=query),
        "gaps": data_gaps(slug, framework, assessment, query=query),
        "gauge": gauge(framework, assessment),
        "radar": radar(framework, [(_("Score"), assessment)]),
        "held": label_held(cluster, assessment.as_of),
    }


def export_table(framework: Framework, assessment: Assessment) -> tuple[list[str], list[list]]:
    """The indicator table as a sheet: one row per indicator."""
    headers = [
        _("Area"),
        _("Indicator"),
        _("Name"),
        _("Value"),
        _("Value (as computed)"),
        _("Met when"),
        _("Excellent when"),
        _("Status"),
        _("Weight"),
        _("Earned"),
        _("Data gaps"),
    ]
    rows = []
    for result in known_results(framework, assessment):
        indicator = framework.indicator(result.id)
        rows.append(
            [
                texts.area_name(framework, result.area),
                result.id,
                texts.tr(indicator.name),
                texts.format_value(indicator, result.value),
                result.value,
                texts.format_condition(indicator, indicator.met),
                texts.format_condition(indicator, indicator.excellent),
                texts.status_label(result.status),
                result.weight,
                result.earned,
                " ".join(texts.gap_text(gap) for gap in result.gaps),
            ]
        )
    return headers, rows
