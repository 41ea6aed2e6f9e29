"""Assessments, frameworks and peer quartiles as the API gives them: the engine's figures with
their texts, as plain dicts for the serializers."""

from __future__ import annotations

from typing import Any

from ..engine import Assessment, Framework, IndicatorResult
from ..engine.results import Gap
from ..texts import (
    area_name,
    evidence_title,
    format_condition,
    format_value,
    gap_text,
    indicator_texts,
    item_label,
    level_label,
    missing_text,
    status_label,
    tr,
    where_link,
)


def _gaps(cluster_slug: str, gaps: tuple[Gap, ...]) -> list[dict[str, Any]]:
    rows = []
    for gap in gaps:
        link = where_link(cluster_slug, gap.where)
        rows.append(
            {
                "code": gap.code,
                "text": gap_text(gap),
                "where": gap.where,
                "page": link[1] if link else None,
                "url": link[0] if link else None,
            }
        )
    return rows


def _indicator(
    framework: Framework, result: IndicatorResult, cluster_slug: str, evidence: bool
) -> dict[str, Any]:
    indicator = framework.indicator(result.id)
    texts = indicator_texts(indicator)
    groups = []
    for group in result.evidence:
        row: dict[str, Any] = {
            "key": group.key,
            "title": evidence_title(group.key),
            "counted": group.counted,
            "count": len(group.items),
        }
        if evidence:
            row["items"] = [
                {
                    "kind": item.kind,
                    "id": item.id,
                    "label": item_label(item),
                    "on": item.on,
                    "number": item.number,
                    "note": item.note,
                }
                for item in group.items
            ]
        groups.append(row)
    return {
        "id": result.id,
        "area": result.area,
        "name": texts["name"],
        "status": result.status,
        "status_label": status_label(result.status),
        "value": result.value,
        "value_text": format_value(indicator, result.value),
        "unit": indicator.unit,
        "weight": result.weight,
        "earned": result.earned,
        "met_when": format_condition(indicator, indicator.met),
        "excellent_when": (
            format_condition(indicator, indicator.excellent) if indicator.excellent else None
        ),
        "target": result.target,
        "more_needed": result.more_needed,
        "recommendation": texts["recommendation"] if result.is_short else "",
        "gaps": _gaps(cluster_slug, result.gaps),
        "evidence": groups,
    }


def assessment_data(
    assessment: Assessment,
    framework: Framework,
    version: Any,
    cluster_slug: str,
    *,
    evidence: bool = False,
) -> dict[str, Any]:
    """An assessment as the API gives it: the engine's figures with their texts."""
    readiness = assessment.readiness
    minimum_names = {minimum.id: tr(minimum.name) for minimum in framework.minimums}
    return {
        "as_of": assessment.as_of,
        "framework": {"id": version.framework_id, "version": version.version, "name": version.name},
        "score": assessment.score,
        "earned": assessment.earned,
        "total_weight": assessment.total_weight,
        "unknown": assessment.unknown,
        "counts": assessment.counts(),
        "readiness": {
            "level": readiness.level,
            "level_label": level_label(readiness.level),
            "bronze_eligible": readiness.bronze_eligible,
            "silver": readiness.silver,
            "gold_ready": readiness.gold_ready,
            "compared_with": (
                {"id": readiness.compared_with.id, "as_of": readiness.compared_with.as_of}
                if readiness.compared_with
                else None
            ),
            "improved_areas": list(readiness.improved_areas),
            "missing_bronze": [missing_text(framework, item) for item in readiness.missing_bronze],
            "missing_silver": [missing_text(framework, item) for item in readiness.missing_silver],
            "missing_gold": [missing_text(framework, item) for item in readiness.missing_gold],
        },
        "minimums": [
            {
                "id": minimum.id,
                "name": minimum_names.get(minimum.id, minimum.id),
                "met": minimum.met,
                "value": minimum.value,
                "gaps": _gaps(cluster_slug, minimum.gaps),
            }
            for minimum in assessment.minimums
        ],
        "areas": [
            {
                "area": area.area,
                "name": area_name(framework, area.area),
                "score": area.score,
                "earned": area.earned,
                "total": area.total,
                "unknown": area.unknown,
            }
            for area in assessment.areas
        ],
        "indicators": [
            _indicator(framework, result, cluster_slug, evidence)
            for result in assessment.indicators
        ],
    }


def framework_data(framework: Framework, version: Any) -> dict[str, Any]:
    labels = framework.labels
    return {
        "id": framework.id,
        "version": framework.version,
        "name": framework.name,
        "digest": version.digest,
        "labels": {
            "gold_score": labels.gold_score,
            "silver_window_months": list(labels.silver_window_months),
            "silver_areas_improved": labels.silver_areas_improved,
            "peer_minimum": labels.peer_minimum,
        },
        "areas": [{"id": key, "name": tr(name)} for key, name in framework.areas.items()],
        "indicators": [
            {
                "id": indicator.id,
                "area": indicator.area,
                "name": tr(indicator.name),
                "definition": tr(indicator.definition),
                "computation": indicator.computation,
                "unit": indicator.unit,
                "out_of": indicator.out_of,
                "source": indicator.source,
                "met": indicator.met.text,
                "met_text": format_condition(indicator, indicator.met),
                "excellent": indicator.excellent.text if indicator.excellent else None,
                "excellent_text": (
                    format_condition(indicator, indicator.excellent)
                    if indicator.excellent
                    else None
                ),
                "weight": indicator.weight,
                "effort": indicator.effort,
                "recommendation": tr(indicator.recommendation),
                "where": indicator.where,
            }
            for indicator in framework.indicators
        ],
        "minimums": [
            {
                "id": minimum.id,
                "name": tr(minimum.name),
                "met": minimum.met.text,
                "where": minimum.where,
            }
            for minimum in framework.minimums
        ],
        "questions": [
            {
                "id": question.id,
                "kind": question.kind,
                "text": tr(question.text),
                "help": tr(question.help),
                "indicator": question.indicator,
                "choices": list(question.choices),
            }
            for question in framework.questions
        ],
    }


def quartiles_data(stats: Any) -> dict[str, Any] | None:
    if stats is None:
        return None
    return {"count": stats.count, "q1": stats.q1, "median": stats.median, "q3": stats.q3}
