"""What every message of the report shares: the tables' names, numbers in the reader's format,
short lists."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, ngettext

from ..engine.inputs import (
    CLASSIFICATION_TABLE,
    CLUSTER_FIGURES_TABLE,
    CLUSTERS_TABLE,
    EMPLOYMENT_TABLE,
    REGIONS_TABLE,
)

Details = Mapping[str, Any]
Render = Callable[[Details, Mapping[str, Any]], "str | None"]

EMPLOYMENT = EMPLOYMENT_TABLE.title
CLASSIFICATION = CLASSIFICATION_TABLE.title
CLUSTER_FIGURES = CLUSTER_FIGURES_TABLE.title
CLUSTER_LIST = CLUSTERS_TABLE.title
REGIONS = REGIONS_TABLE.title

COLUMN_KINDS: dict[tuple[str, str], str] = {
    (spec.title, column.name): column.kind
    for spec in (
        EMPLOYMENT_TABLE,
        CLASSIFICATION_TABLE,
        CLUSTER_FIGURES_TABLE,
        CLUSTERS_TABLE,
        REGIONS_TABLE,
    )
    for column in spec.columns
}
"""(table title, column) → the kind of value the column holds ("number", "year", "bool"…)."""


TABLE_TITLES: dict[str, Promise] = {
    EMPLOYMENT: gettext_lazy("Employment table"),
    CLASSIFICATION: gettext_lazy("Classification"),
    CLUSTER_FIGURES: gettext_lazy("Cluster figures"),
    CLUSTER_LIST: gettext_lazy("Cluster list"),
    REGIONS: gettext_lazy("Regions table"),
}


def table_title(title: Any) -> str:
    """A table's name as a label on its own ("Employment table"), as it is when unknown."""
    known = TABLE_TITLES.get(str(title))
    return str(known) if known is not None else str(title)


# --------------------------------------------------------------------------- numbers and lists


def count(value: Any) -> str:
    """A count or a row number in the reader's format: 12,345 (12.345 in Italian)."""
    return number_format(int(value), force_grouping=True)


def figure(value: Any) -> str:
    """An employment figure: whole, or with one decimal when it has a fraction."""
    value = float(value)
    if value.is_integer():
        return count(value)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


def plural_of(value: Any) -> int:
    """The number ngettext chooses a form by: a fraction takes the plural (“1.5 employees”)."""
    value = float(value)
    return int(value) if value.is_integer() else max(2, int(value))


def listing(values: Sequence[Any], *, limit: int = 10, total: int | None = None) -> str:
    """ "a, b, c" or "a, b, c and 7 more"; ``total`` counts the values the details left out."""
    shown = ", ".join(str(value) for value in values[:limit])
    more = (len(values) if total is None else max(total, len(values))) - min(limit, len(values))
    if more > 0:
        return ngettext("%(shown)s and %(count)s more", "%(shown)s and %(count)s more", more) % {
            "shown": shown,
            "count": count(more),
        }
    return shown


def row_numbers(rows: Sequence[Any], total: int | None = None) -> str:
    """The first three row numbers, and how many more."""
    return listing([count(row) for row in rows], limit=3, total=total)


def title_in(problem: Mapping[str, Any], titles: Sequence[str]) -> str | None:
    """The table an English message names, for the codes whose details do not say it."""
    message = str(problem.get("message", ""))
    return next((title for title in titles if f" {title}" in message), None)
