"""How the mapping's figures read on a page: numbers in the reader's format, the flags and
stars in words, region types by name, the stages of the work, and each problem of a refused
upload with its details laid out (codes with the employment they hold, row numbers…)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .engine import MappingParameters
from .report_texts import problem_message, table_title

DASH = "—"

STAGES: dict[str, Promise] = {
    "": gettext_lazy("Waiting to start"),
    "reading": gettext_lazy("Reading the files"),
    "validating": gettext_lazy("Checking the figures, year by year"),
    "classifying": gettext_lazy("Grouping the figures by cluster"),
    "aggregating": gettext_lazy("Summing regions up into larger ones"),
    "rating": gettext_lazy("Computing location quotients, flags and stars"),
    "saving": gettext_lazy("Saving the results"),
    "done": gettext_lazy("Done"),
}
STAGE_ORDER = ["reading", "validating", "classifying", "aggregating", "rating", "saving"]

STATUS_BADGES = {
    "queued": "update",
    "running": "update",
    "invalid": "bad",
    "done": "ok",
    "failed": "bad",
}

FLAG_LABELS: dict[str, Promise] = {
    "strong10": gettext_lazy("Strong, top 10 %"),
    "strong": gettext_lazy("Strong"),
    "significant": gettext_lazy("Significant"),
    "qualifying": gettext_lazy("Qualifying"),
    "": gettext_lazy("Not rated high"),
    "small": gettext_lazy("Too small to be rated"),
}
FLAG_COLOURS = {
    "strong10": "#116329",
    "strong": "#2da44e",
    "significant": "#0b5cad",
    "qualifying": "#8250df",
    "": "#8c959f",
    "small": "#d0d7de",
}
STAR_LABELS: dict[str, Promise] = {
    "size_star": gettext_lazy("Size"),
    "specialisation_star": gettext_lazy("Specialisation"),
    "focus_star": gettext_lazy("Focus"),
}

REGION_TYPES: dict[str, tuple[Promise, Promise]] = {
    "nation": (gettext_lazy("Nation"), gettext_lazy("Nations")),
    "country": (gettext_lazy("Country"), gettext_lazy("Countries")),
    "state": (gettext_lazy("State"), gettext_lazy("States")),
    "county": (gettext_lazy("County"), gettext_lazy("Counties")),
    "msa": (gettext_lazy("Metropolitan area"), gettext_lazy("Metropolitan areas")),
    "metro": (gettext_lazy("Metropolitan area"), gettext_lazy("Metropolitan areas")),
    "economic_area": (gettext_lazy("Economic area"), gettext_lazy("Economic areas")),
    "province": (gettext_lazy("Province"), gettext_lazy("Provinces")),
    "nuts0": (gettext_lazy("Country (NUTS 0)"), gettext_lazy("Countries (NUTS 0)")),
    "nuts1": (gettext_lazy("NUTS 1 region"), gettext_lazy("NUTS 1 regions")),
    "nuts2": (gettext_lazy("NUTS 2 region"), gettext_lazy("NUTS 2 regions")),
    "nuts3": (gettext_lazy("NUTS 3 region"), gettext_lazy("NUTS 3 regions")),
}


# --------------------------------------------------------------------------- numbers


def whole(value: float | int | None) -> str:
    """12,345 (rounded), or a dash when unknown."""
    if value is None:
        return DASH
    return number_format(round(float(value)), force_grouping=True)


def decimal(value: float | None, places: int = 2) -> str:
    if value is None:
        return DASH
    return number_format(round(float(value), places), decimal_pos=places, force_grouping=True)


def percent(share: float | None, places: int = 1) -> str:
    """A share (0.1234) as "12.3 %"."""
    if share is None:
        return DASH
    return f"{decimal(share * 100, places)} %"


def signed_whole(value: float | None) -> str:
    if value is None:
        return DASH
    text = whole(abs(value))
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


def signed_percent(share: float | None) -> str:
    if share is None:
        return DASH
    text = percent(abs(share))
    return f"+{text}" if share > 0 else f"−{text}" if share < 0 else text


def change_class(value: float | None) -> str:
    if not value:
        return ""
    return "cm-up" if value > 0 else "cm-down"


def years_text(years: Sequence[int]) -> str:
    if not years:
        return DASH
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}–{years[-1]}"


# --------------------------------------------------------------------------- words


def region_type_label(code: str, *, plural: bool = False) -> str:
    known = REGION_TYPES.get((code or "").lower())
    if known:
        return str(known[1] if plural else known[0])
    return (code or "").replace("_", " ").capitalize() or DASH


def stage_label(stage: str) -> str:
    return str(STAGES.get(stage or "", stage))


def stage_steps(stage: str) -> list[dict[str, Any]]:
    """The stages with which are done, which is under way and which are still to come."""
    current = STAGE_ORDER.index(stage) if stage in STAGE_ORDER else -1
    return [
        {
            "label": str(STAGES[name]),
            "state": "done" if index < current else "current" if index == current else "todo",
        }
        for index, name in enumerate(STAGE_ORDER)
    ]


def flag_label(flag: str | None) -> str:
    return str(FLAG_LABELS.get(flag or "", FLAG_LABELS[""]))


def star_names(row: Mapping[str, Any]) -> list[str]:
    return [str(label) for name, label in STAR_LABELS.items() if row.get(name)]


def stars_text(count: int | None) -> str:
    """★★☆ for 2 of 3 (the page shows the names beside it)."""
    count = int(count or 0)
    return "★" * count + "☆" * (3 - count)


@dataclass(frozen=True)
class ParameterLine:
    label: str
    value: str
    changed: bool


def parameter_lines(stored: Mapping[str, Any]) -> list[ParameterLine]:
    """The star thresholds a dataset was mapped with, in words, saying which were changed."""
    defaults = dataclasses.asdict(MappingParameters())
    values = defaults | {name: value for name, value in stored.items() if name in defaults}
    return [
        ParameterLine(
            _("Size star"),
            _("employment in the top %(share)s of the regional clusters of a region type")
            % {"share": percent(values["size_star_top_share"], 0)},
            "size_star_top_share" in stored,
        ),
        ParameterLine(
            _("Specialisation star"),
            _("location quotient against all employment of at least %(lq)s")
            % {"lq": decimal(values["specialisation_star_lq"], 1)},
            "specialisation_star_lq" in stored,
        ),
        ParameterLine(
            _("Focus star"),
            _("share of the region's employment in the top %(share)s of the regional clusters")
            % {"share": percent(values["focus_star_top_share"], 0)},
            "focus_star_top_share" in stored,
        ),
        ParameterLine(
            _("Unknown industry codes"),
            _("left out of the mapping")
            if values["ignore_unknown_industries"]
            else _("refuse the data"),
            "ignore_unknown_industries" in stored,
        ),
    ]


# --------------------------------------------------------------------------- problems

PROBLEM_TITLES: dict[str, Promise] = {
    "missing_columns": gettext_lazy("A column is missing"),
    "empty_table": gettext_lazy("A file has no rows"),
    "unreadable_values": gettext_lazy("Values that cannot be read"),
    "missing_values": gettext_lazy("Values left empty"),
    "conflicting_regions": gettext_lazy("Regions described two ways"),
    "unknown_parents": gettext_lazy("Parent regions that are not listed"),
    "region_loop": gettext_lazy("A loop of parent regions"),
    "conflicting_clusters": gettext_lazy("Clusters described two ways"),
    "conflicting_classification": gettext_lazy("Industry codes in two clusters"),
    "unknown_size_classes": gettext_lazy("Unknown size classes"),
    "missing_employment": gettext_lazy("Rows without employment"),
    "unknown_industries": gettext_lazy("Unknown industry codes"),
    "unknown_clusters": gettext_lazy("Unknown cluster codes"),
    "negative_employment": gettext_lazy("Negative employment"),
    "negative_values": gettext_lazy("Negative figures"),
    "duplicate_rows": gettext_lazy("Duplicate rows"),
    "mixed_years": gettext_lazy("Mixed years"),
    "unknown_regions": gettext_lazy("Unknown region codes"),
    "missing_reference": gettext_lazy("The reference region is missing"),
}
SHOWN = 20
"""Rows of a problem's details shown on the page (the message gives the whole count)."""


@dataclass
class ProblemView:
    code: str
    title: str
    message: str
    blocking: bool
    facts: list[tuple[str, str]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    more: int = 0
    """Rows of the details not shown."""
    listed: list[str] = field(default_factory=list)
    """Codes or row numbers shown as a list."""
    listed_label: str = ""


PLAIN_KEYS = ("year", "previous_year", "value")


def _text(value: Any, key: str = "") -> str:
    """A detail's value as the page shows it: years and codes as they are, figures grouped."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in PLAIN_KEYS or key.endswith("_code"):
        return str(value)
    if isinstance(value, float):
        return whole(value) if value.is_integer() else decimal(value, 2)
    if isinstance(value, int):
        return whole(value)
    return str(value)


def _table(
    view: ProblemView, items: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]
) -> None:
    """Details as a table of the given (key, header) columns, the first ``SHOWN`` rows."""
    present = [(key, header) for key, header in columns if any(key in item for item in items)]
    view.headers = [header for _key, header in present]
    view.rows = [[_text(item.get(key), key) for key, _header in present] for item in items[:SHOWN]]
    view.more = max(0, len(items) - SHOWN)


def _row_columns(code_column: str) -> list[tuple[str, str]]:
    return [
        ("row", _("Row")),
        ("region_code", _("Region")),
        (code_column, _("Industry") if code_column == "industry_code" else _("Cluster")),
        ("year", _("Year")),
        ("employment", _("Employment")),
        ("employment_flag", _("Size class")),
        ("establishments", _("Establishments")),
        ("annual_payroll", _("Annual payroll")),
    ]


def problem_view(problem: Mapping[str, Any]) -> ProblemView:
    """A problem of the report (``Problem.to_dict()``) laid out for the page."""
    code = problem.get("code", "")
    details: Mapping[str, Any] = problem.get("details") or {}
    view = ProblemView(
        code=code,
        title=str(PROBLEM_TITLES.get(code, code.replace("_", " ").capitalize())),
        message=problem_message(problem),
        blocking=bool(problem.get("blocking", True)),
    )
    if code in ("unknown_industries", "unknown_clusters", "unknown_regions"):
        column = {
            "unknown_industries": "industry_code",
            "unknown_clusters": "cluster_code",
            "unknown_regions": "region_code",
        }[code]
        view.facts = [
            (_("Codes"), whole(details.get("count"))),
            (_("Rows"), whole(details.get("rows"))),
            (_("Employment they hold"), whole(details.get("employment"))),
        ]
        if details.get("share") is not None:
            view.facts.append((_("Share of all employment"), percent(details["share"], 2)))
        _table(
            view,
            details.get("by_code") or [],
            [(column, _("Code")), ("employment", _("Employment")), ("rows", _("Rows"))],
        )
        if not view.rows and details.get("codes"):
            view.listed = [str(value) for value in details["codes"][:SHOWN]]
            view.more = max(0, len(details["codes"]) - SHOWN)
            view.listed_label = _("Codes")
    elif code in ("negative_employment", "negative_values"):
        examples = details.get("examples") or []
        code_column = (
            "industry_code" if any("industry_code" in e for e in examples) else ("cluster_code")
        )
        view.facts = [(_("Rows"), whole(details.get("count")))]
        if details.get("column"):
            view.facts.append((_("Column"), str(details["column"])))
        _table(view, examples, _row_columns(code_column))
    elif code == "duplicate_rows":
        examples = [
            dict(item, rows=", ".join(whole(number) for number in item.get("row", [])[:10]))
            for item in details.get("examples") or []
        ]
        code_column = (
            "industry_code" if any("industry_code" in e for e in examples) else ("cluster_code")
        )
        view.facts = [
            (_("Repeated rows"), whole(details.get("count"))),
            (_("Region, code and year given more than once"), whole(details.get("keys"))),
        ]
        _table(
            view,
            examples,
            [
                ("region_code", _("Region")),
                (code_column, _("Industry") if code_column == "industry_code" else _("Cluster")),
                ("year", _("Year")),
                ("times", _("Times")),
                ("rows", _("Rows")),
            ],
        )
    elif code == "mixed_years":
        view.facts = [(_("Year expected"), str(details.get("expected", DASH)))]
        _table(view, details.get("found") or [], [("year", _("Year")), ("rows", _("Rows"))])
    elif code == "missing_reference":
        view.facts = [(_("Reference region"), str(details.get("reference") or DASH))]
        if details.get("years"):
            view.facts.append(
                (_("Years without figures"), ", ".join(str(y) for y in details["years"]))
            )
    elif code == "unreadable_values":
        view.facts = [
            (_("File"), table_title(details.get("table", DASH))),
            (_("Column"), str(details.get("column", DASH))),
            (_("Values"), whole(details.get("count"))),
        ]
        _table(view, details.get("examples") or [], [("row", _("Row")), ("value", _("Value"))])
    elif code in ("missing_values", "missing_employment", "unknown_size_classes"):
        view.facts = [(_("Rows"), whole(details.get("count")))]
        if details.get("table"):
            view.facts.insert(0, (_("File"), table_title(details["table"])))
        if details.get("column"):
            view.facts.append((_("Column"), str(details["column"])))
        if details.get("classes"):
            view.facts.append((_("Size classes found"), ", ".join(details["classes"])))
        rows = details.get("rows") or []
        if rows and isinstance(rows[0], Mapping):
            _table(view, rows, _row_columns("industry_code"))
        else:
            view.listed = [whole(number) for number in rows[:SHOWN]]
            view.listed_label = _("Row numbers")
    elif code == "unknown_parents":
        _table(
            view,
            details.get("links") or [],
            [("region_code", _("Region")), ("parent_code", _("Parent it names"))],
        )
    elif code == "conflicting_classification":
        industries = [
            dict(item, clusters=", ".join(item.get("cluster_code") or []))
            for item in details.get("industries") or []
        ]
        _table(view, industries, [("industry_code", _("Industry")), ("clusters", _("Clusters"))])
    elif code == "missing_columns":
        view.facts = [(_("File"), table_title(details.get("table", DASH)))]
        view.listed = [str(name) for name in details.get("columns") or []]
        view.listed_label = _("Columns missing")
    elif details.get("codes"):
        view.listed = [str(value) for value in details["codes"][:SHOWN]]
        view.more = max(0, len(details["codes"]) - SHOWN)
        view.listed_label = _("Codes")
    return view


def problem_views(report: Mapping[str, Any] | None, *, blocking: bool) -> list[ProblemView]:
    problems = (report or {}).get("problems") or []
    return [
        problem_view(problem)
        for problem in problems
        if bool(problem.get("blocking", True)) == blocking
    ]
