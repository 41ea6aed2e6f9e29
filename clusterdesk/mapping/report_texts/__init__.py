"""The problems of a validation report in the reader's language.

The engine is pure and says each problem in English (for the command line and the API); the
pages build the message again here from the problem's ``code`` and ``details``, through gettext
and ngettext, with counts and figures in the reader's number format. Codes and column names stay
as the files give them; the tables are named in words. A problem this module cannot say (a code
it does not know, a table it has no words for, details shaped otherwise) keeps the engine's
English message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import regions, rows, tables
from .words import Render, table_title

__all__ = ["RENDERERS", "problem_message", "table_title"]

RENDERERS: dict[str, Render] = {
    "missing_columns": tables.missing_columns,
    "empty_table": tables.empty_table,
    "unreadable_values": tables.unreadable_values,
    "missing_values": tables.missing_values,
    "conflicting_regions": regions.conflicting_regions,
    "unknown_parents": regions.unknown_parents,
    "region_loop": regions.region_loop,
    "conflicting_clusters": regions.conflicting_clusters,
    "conflicting_classification": regions.conflicting_classification,
    "unknown_size_classes": rows.unknown_size_classes,
    "missing_employment": rows.missing_employment,
    "unknown_industries": rows.unknown_industries,
    "unknown_clusters": rows.unknown_clusters,
    "negative_employment": rows.negative_employment,
    "negative_values": rows.negative_values,
    "duplicate_rows": rows.duplicate_rows,
    "mixed_years": rows.mixed_years,
    "unknown_regions": rows.unknown_regions,
    "missing_reference": rows.missing_reference,
}
"""Problem code → the function that says it in the active language."""


def problem_message(problem: Mapping[str, Any]) -> str:
    """A problem of the report (``Problem.to_dict()``) in the active language; the engine's
    English message when the code, the table or the details are not what this module knows
    (a report kept before the engine changed, say)."""
    english = str(problem.get("message", ""))
    render = RENDERERS.get(str(problem.get("code", "")))
    if render is None:
        return english
    try:
        return render(problem.get("details") or {}, problem) or english
    except (KeyError, TypeError, ValueError, AttributeError):
        return english
