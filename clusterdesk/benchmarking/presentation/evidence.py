"""The evidence behind an indicator's value as the evidence page and its download show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.engagement.models import ActivityKind
from clusterdesk.participants.models import Category

from .. import texts
from ..engine import IndicatorResult
from ..engine.results import Item
from ..targets import number

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
