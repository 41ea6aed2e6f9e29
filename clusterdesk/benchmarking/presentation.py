"""An assessment as the readiness page, the evidence page, the history, the roadmap and the
report show it: rows of words built from the engine's codes through ``texts``. Written once,
read by every page and by the PDF report (which has no request: the cluster's slug makes the
links)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clusterdesk.engagement.models import ActivityKind
from clusterdesk.lib.periods import add_months
from clusterdesk.participants.models import Category

from . import texts
from .charts import (
    GOLD_COLOUR,
    SCORE_COLOUR,
    Line,
    RadarSeries,
    area_colour,
    history_svg,
    radar_svg,
    score_gauge_svg,
)
from .engine import (
    READY,
    UNKNOWN,
    Assessment,
    Framework,
    IndicatorResult,
    RoadmapItem,
    roadmap,
)
from .engine.results import Item
from .models import Answer
from .targets import (
    EFFORT_LABELS,
    more_needed_text,
    number,
    percent,
    plan_target,
    plan_title,
    suggested_target,
)

# The label validity periods in years (the SPEC makes them settings).
DEFAULT_LABEL_VALIDITY = {"bronze": 2, "silver": 2, "gold": 2}


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


@dataclass(frozen=True)
class LabelRow:
    level: str
    name: str
    state: str  # "reached", "not_reached", "unknown"
    missing: list[str]


@dataclass(frozen=True)
class MinimumRow:
    id: str
    name: str
    met: bool
    value_text: str
    gaps: list[GapRow]
    unknown: bool = False  # nothing recorded to decide it: a gap, not a shortfall


@dataclass(frozen=True)
class DataGap:
    about: str  # "B4 Participants with a personal contact" or a minimum requirement
    url_about: str | None
    text: str
    url: str | None
    page: str | None


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


def label_rows(framework: Framework, assessment: Assessment) -> list[LabelRow]:
    readiness = assessment.readiness

    def words(items: Sequence[Any]) -> list[str]:
        return [texts.missing_text(framework, item) for item in items]

    silver = (
        "reached"
        if readiness.silver == READY
        else "unknown"
        if readiness.silver == UNKNOWN
        else "not_reached"
    )
    return [
        LabelRow(
            "bronze",
            texts.level_label("bronze"),
            "reached" if readiness.bronze_eligible else "not_reached",
            words(readiness.missing_bronze),
        ),
        LabelRow("silver", texts.level_label("silver"), silver, words(readiness.missing_silver)),
        LabelRow(
            "gold",
            texts.level_label("gold"),
            "reached" if readiness.gold_ready else "not_reached",
            words(readiness.missing_gold),
        ),
    ]


def minimum_value(value: float | None) -> str:
    if value is None:
        return _("unknown")
    return number(value, 2)


def minimum_rows(
    cluster_slug: str, framework: Framework, assessment: Assessment
) -> list[MinimumRow]:
    names = {minimum.id: texts.tr(minimum.name) for minimum in framework.minimums}
    return [
        MinimumRow(
            result.id,
            names.get(result.id, result.id),
            result.met,
            minimum_value(result.value),
            gap_rows(cluster_slug, result.gaps),
            unknown=result.value is None,
        )
        for result in assessment.minimums
    ]


def data_gaps(
    cluster_slug: str,
    framework: Framework,
    assessment: Assessment,
    *,
    query: str = "",
) -> list[DataGap]:
    """Every gap: which indicator or minimum requirement it is about, what is missing and the
    page where to fill it in."""
    gaps: list[DataGap] = []
    for result in known_results(framework, assessment):
        about = f"{result.id} {texts.tr(framework.indicator(result.id).name)}"
        url = indicator_url(cluster_slug, result.id, query)
        for row in gap_rows(cluster_slug, result.gaps):
            gaps.append(DataGap(about, url, row.text, row.url, row.page))
    names = {minimum.id: texts.tr(minimum.name) for minimum in framework.minimums}
    for minimum in assessment.minimums:
        about = f"{minimum.id} {names.get(minimum.id, '')}".strip()
        for row in gap_rows(cluster_slug, minimum.gaps):
            gaps.append(DataGap(about, None, row.text, row.url, row.page))
    return gaps


@dataclass(frozen=True)
class LabelHeld:
    level: str
    name: str
    awarded_on: date
    valid_until: date | None
    valid: bool


def label_held(cluster: Any, as_of: date) -> LabelHeld | None:
    """The excellence label the questionnaire says the organisation holds on ``as_of``, with
    how long it stays valid."""
    answer = (
        Answer.objects.for_cluster(cluster)
        .filter(question="label_held", answered_on__lte=as_of)
        .order_by("-answered_on", "-id")
        .first()
    )
    if answer is None or answer.value not in DEFAULT_LABEL_VALIDITY:
        return None
    validity = {
        **DEFAULT_LABEL_VALIDITY,
        **getattr(settings, "BENCHMARKING_LABEL_VALIDITY_YEARS", {}),
    }
    until = add_months(answer.answered_on, 12 * int(validity[answer.value]))
    return LabelHeld(
        answer.value, texts.choice_label(answer.value), answer.answered_on, until, as_of < until
    )


def unknown_text(count: int) -> str:
    if not count:
        return _("Every indicator could be computed.")
    return ngettext(
        "The score counts %(count)s indicator as unknown (it earns nothing until the data is "
        "recorded).",
        "The score counts %(count)s indicators as unknown (they earn nothing until the data is "
        "recorded).",
        count,
    ) % {"count": count}


# --------------------------------------------------------------------------- evidence

EVIDENCE_PAGE_SIZE = 50
NOTE_WORDS = {
    "private": gettext_lazy("private source"),
    "public": gettext_lazy("public source"),
    "cancelled": gettext_lazy("cancelled"),
}


def item_note(item: Item) -> str:
    """An evidence item's note in words (a category, a kind of activity, a source type…)."""
    note = item.note or ""
    if item.kind == "participant":
        try:
            return str(Category(note).label)
        except ValueError:
            return note
    if item.kind == "activity":
        try:
            return str(ActivityKind(note).label)
        except ValueError:
            return note
    if note in NOTE_WORDS:
        return str(NOTE_WORDS[note])
    return note


def item_link(cluster_slug: str, item: Item) -> str | None:
    url = texts.item_url(cluster_slug, item)
    if url is None and item.kind == "answer":
        url = reverse("benchmarking:questionnaire", kwargs={"cluster_slug": cluster_slug})
    return url


@dataclass(frozen=True)
class EvidenceRow:
    label: str
    url: str | None
    on: date | None
    number: str
    note: str


def evidence_row(cluster_slug: str, item: Item) -> EvidenceRow:
    return EvidenceRow(
        label=texts.item_label(item),
        url=item_link(cluster_slug, item),
        on=item.on,
        number="" if item.number is None else number(item.number, 2),
        note=item_note(item),
    )


def evidence_table(assessment_result: IndicatorResult) -> tuple[list[str], list[list]]:
    """Every evidence item of an indicator as a sheet (no paging: a download holds all)."""
    headers = [_("Evidence"), _("Counted"), _("Record"), _("Date"), _("Number"), _("Note")]
    rows = []
    for group in assessment_result.evidence:
        title = texts.evidence_title(group.key)
        counted = _("yes") if group.counted else _("no")
        for item in group.items:
            rows.append(
                [
                    title,
                    counted,
                    texts.item_label(item),
                    item.on.isoformat() if item.on else "",
                    item.number,
                    item_note(item),
                ]
            )
    return headers, rows


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
        rows.append(
            RoadmapRow(
                item=item,
                row=indicator_row(cluster_slug, framework, result),
                gain_text=_("+%(points)s points of score") % {"points": number(item.gain * 100, 1)},
                effort_label=str(EFFORT_LABELS.get(item.effort, item.effort)),
                title=plan_title(indicator, result),
                target_value=target,
                unit=unit,
            )
        )
    return rows
