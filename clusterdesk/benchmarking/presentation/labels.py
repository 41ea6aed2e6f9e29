"""What stands between the cluster and a label: each level's state and what is missing, the
minimum requirements, every data gap with the page where to fill it in, the label held and the
indicators the score counts as unknown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdesk.lib.periods import add_months

from .. import texts
from ..engine import READY, UNKNOWN, Assessment, Framework
from ..models import Answer
from ..targets import number
from .rows import GapRow, gap_rows, indicator_url, known_results

# The label validity periods in years (the SPEC makes them settings).
DEFAULT_LABEL_VALIDITY = {"bronze": 2, "silver": 2, "gold": 2}


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
