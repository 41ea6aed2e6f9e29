"""The problems of a validation report in the reader's language.

The engine is pure and says each problem in English (for the command line and the API); the
pages build the message again here from the problem's ``code`` and ``details``, through gettext
and ngettext, with counts and figures in the reader's number format. Codes and column names stay
as the files give them; the tables are named in words. A problem this module cannot say (a code
it does not know, a table it has no words for, details shaped otherwise) keeps the engine's
English message."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .engine.inputs import (
    CLASSIFICATION_TABLE,
    CLUSTER_FIGURES_TABLE,
    CLUSTERS_TABLE,
    EMPLOYMENT_TABLE,
    REGIONS_TABLE,
)
from .engine.suppression import SIZE_CLASS_MIDPOINTS

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


# --------------------------------------------------------------------------- the tables


def missing_columns(details: Details, problem: Mapping[str, Any]) -> str | None:
    columns = list(details["columns"])
    sentences = {
        EMPLOYMENT: lambda n: ngettext(
            "The employment table lacks the column %(columns)s.",
            "The employment table lacks the columns %(columns)s.",
            n,
        ),
        CLASSIFICATION: lambda n: ngettext(
            "The classification lacks the column %(columns)s.",
            "The classification lacks the columns %(columns)s.",
            n,
        ),
        CLUSTER_FIGURES: lambda n: ngettext(
            "The cluster figures lack the column %(columns)s.",
            "The cluster figures lack the columns %(columns)s.",
            n,
        ),
        CLUSTER_LIST: lambda n: ngettext(
            "The cluster list lacks the column %(columns)s.",
            "The cluster list lacks the columns %(columns)s.",
            n,
        ),
        REGIONS: lambda n: ngettext(
            "The regions table lacks the column %(columns)s.",
            "The regions table lacks the columns %(columns)s.",
            n,
        ),
    }
    sentence = sentences.get(details["table"])
    if sentence is None:
        return None
    return sentence(len(columns)) % {"columns": listing(columns)}


def empty_table(details: Details, problem: Mapping[str, Any]) -> str | None:
    sentences = {
        EMPLOYMENT: lambda: _("The employment table has no rows."),
        CLASSIFICATION: lambda: _("The classification has no rows."),
        CLUSTER_FIGURES: lambda: _("The cluster figures have no rows."),
        CLUSTER_LIST: lambda: _("The cluster list has no rows."),
        REGIONS: lambda: _("The regions table has no rows."),
    }
    sentence = sentences.get(details["table"])
    return sentence() if sentence else None


def unreadable_values(details: Details, problem: Mapping[str, Any]) -> str | None:
    table, column, lost = details["table"], details["column"], int(details["count"])
    sentences = {
        (EMPLOYMENT, "number"): lambda n: ngettext(
            "%(count)s value of %(column)s in the employment table is not a number "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the employment table are not numbers "
            "(e.g. %(examples)s).",
            n,
        ),
        (EMPLOYMENT, "year"): lambda n: ngettext(
            "%(count)s value of %(column)s in the employment table is not a year "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the employment table are not years "
            "(e.g. %(examples)s).",
            n,
        ),
        (CLUSTER_FIGURES, "number"): lambda n: ngettext(
            "%(count)s value of %(column)s in the cluster figures is not a number "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the cluster figures are not numbers "
            "(e.g. %(examples)s).",
            n,
        ),
        (CLUSTER_FIGURES, "year"): lambda n: ngettext(
            "%(count)s value of %(column)s in the cluster figures is not a year "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the cluster figures are not years "
            "(e.g. %(examples)s).",
            n,
        ),
        (CLASSIFICATION, "bool"): lambda n: ngettext(
            "%(count)s value of %(column)s in the classification is neither true nor false "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the classification are neither true nor false "
            "(e.g. %(examples)s).",
            n,
        ),
        (CLUSTER_LIST, "bool"): lambda n: ngettext(
            "%(count)s value of %(column)s in the cluster list is neither true nor false "
            "(e.g. %(examples)s).",
            "%(count)s values of %(column)s in the cluster list are neither true nor false "
            "(e.g. %(examples)s).",
            n,
        ),
    }
    sentence = sentences.get((table, COLUMN_KINDS.get((table, column), "")))
    if sentence is None:
        return None
    examples = [
        _("“%(value)s” in row %(row)s") % {"value": example["value"], "row": count(example["row"])}
        for example in details["examples"][:3]
    ]
    return sentence(lost) % {
        "count": count(lost),
        "column": column,
        "examples": listing(examples),
    }


def missing_values(details: Details, problem: Mapping[str, Any]) -> str | None:
    empty = int(details["count"])
    sentences = {
        EMPLOYMENT: lambda n: ngettext(
            "%(count)s row of the employment table has no %(column)s (row %(rows)s).",
            "%(count)s rows of the employment table have no %(column)s (row %(rows)s).",
            n,
        ),
        CLASSIFICATION: lambda n: ngettext(
            "%(count)s row of the classification has no %(column)s (row %(rows)s).",
            "%(count)s rows of the classification have no %(column)s (row %(rows)s).",
            n,
        ),
        CLUSTER_FIGURES: lambda n: ngettext(
            "%(count)s row of the cluster figures has no %(column)s (row %(rows)s).",
            "%(count)s rows of the cluster figures have no %(column)s (row %(rows)s).",
            n,
        ),
        CLUSTER_LIST: lambda n: ngettext(
            "%(count)s row of the cluster list has no %(column)s (row %(rows)s).",
            "%(count)s rows of the cluster list have no %(column)s (row %(rows)s).",
            n,
        ),
        REGIONS: lambda n: ngettext(
            "%(count)s row of the regions table has no %(column)s (row %(rows)s).",
            "%(count)s rows of the regions table have no %(column)s (row %(rows)s).",
            n,
        ),
    }
    sentence = sentences.get(details["table"])
    if sentence is None:
        return None
    return sentence(empty) % {
        "count": count(empty),
        "column": details["column"],
        "rows": row_numbers(details["rows"], total=empty),
    }


# --------------------------------------------------------------------------- regions and clusters


def conflicting_regions(details: Details, problem: Mapping[str, Any]) -> str:
    codes = list(details["codes"])
    number = int(details.get("count", len(codes)))
    return ngettext(
        "%(count)s region is described more than once with different names or types: %(codes)s.",
        "%(count)s regions are described more than once with different names or types: %(codes)s.",
        number,
    ) % {"count": count(number), "codes": listing(codes, total=number)}


def unknown_parents(details: Details, problem: Mapping[str, Any]) -> str:
    links = [f"{link['region_code']} → {link['parent_code']}" for link in details["links"]]
    number = int(details.get("count", len(links)))
    return ngettext(
        "%(count)s region names a parent that the regions table lacks: %(links)s.",
        "%(count)s regions name a parent that the regions table lacks: %(links)s.",
        number,
    ) % {"count": count(number), "links": listing(links, total=number)}


def region_loop(details: Details, problem: Mapping[str, Any]) -> str:
    codes = list(details["codes"])
    return ngettext(
        "A loop of parents (a region that is its own ancestor) leaves %(codes)s without a tree "
        "to sum their figures up.",
        "A loop of parents (a region that is its own ancestor) leaves %(codes)s without a tree "
        "to sum their figures up.",
        len(codes),
    ) % {"codes": listing(codes)}


def conflicting_clusters(details: Details, problem: Mapping[str, Any]) -> str | None:
    codes = list(details["codes"])
    number = int(details.get("count", len(codes)))
    # the details do not name the table: the engine's message does
    sentences = {
        CLASSIFICATION: lambda n: ngettext(
            "In the classification, %(count)s cluster has different names or different "
            "traded/local settings: %(codes)s.",
            "In the classification, %(count)s clusters have different names or different "
            "traded/local settings: %(codes)s.",
            n,
        ),
        CLUSTER_LIST: lambda n: ngettext(
            "In the cluster list, %(count)s cluster has different names or different "
            "traded/local settings: %(codes)s.",
            "In the cluster list, %(count)s clusters have different names or different "
            "traded/local settings: %(codes)s.",
            n,
        ),
    }
    table = details.get("table") or title_in(problem, [CLASSIFICATION, CLUSTER_LIST])
    sentence = sentences.get(table or "")
    if sentence is None:
        return None
    return sentence(number) % {"count": count(number), "codes": listing(codes, total=number)}


def conflicting_classification(details: Details, problem: Mapping[str, Any]) -> str:
    industries = details["industries"]
    number = int(details.get("count", len(industries)))
    shown = [
        f"{item['industry_code']} ({', '.join(str(c) for c in item['cluster_code'])})"
        for item in industries
    ]
    return ngettext(
        "%(count)s industry code is assigned to more than one cluster: %(industries)s.",
        "%(count)s industry codes are assigned to more than one cluster: %(industries)s.",
        number,
    ) % {"count": count(number), "industries": listing(shown, total=number)}


# --------------------------------------------------------------------------- the statistics rows


def unknown_size_classes(details: Details, problem: Mapping[str, Any]) -> str:
    number = int(details["count"])
    return ngettext(
        "%(count)s row carries a size class that County Business Patterns does not use "
        "(%(found)s); the classes are %(classes)s.",
        "%(count)s rows carry a size class that County Business Patterns does not use "
        "(%(found)s); the classes are %(classes)s.",
        number,
    ) % {
        "count": count(number),
        "found": listing(list(details["classes"])),
        "classes": ", ".join(SIZE_CLASS_MIDPOINTS),
    }


def missing_employment(details: Details, problem: Mapping[str, Any]) -> str:
    number = int(details["count"])
    return ngettext(
        "%(count)s row has neither employment nor a size class (row %(rows)s).",
        "%(count)s rows have neither employment nor a size class (row %(rows)s).",
        number,
    ) % {"count": count(number), "rows": row_numbers(details["rows"], total=number)}


def held(details: Details) -> dict[str, str]:
    """The employees and rows the unknown codes account for, each in its plural form."""
    people, rows = float(details["employment"]), int(details["rows"])
    return {
        "employees": ngettext("%(count)s employee", "%(count)s employees", plural_of(people))
        % {"count": figure(people)},
        "rows": ngettext("%(count)s row", "%(count)s rows", rows) % {"count": count(rows)},
    }


def accounts(details: Details, codes: int, *, ignored: bool) -> str:
    """ "They account for 1,250 employees in 12 rows (0.3% of all employment)." """
    values = held(details) | {
        "share": number_format(round(float(details.get("share") or 0) * 100, 1), decimal_pos=1)
    }
    if ignored:
        return (
            ngettext(
                "It accounts for %(employees)s in %(rows)s (%(share)s%% of all employment); "
                "they are left out of the mapping.",
                "They account for %(employees)s in %(rows)s (%(share)s%% of all employment); "
                "they are left out of the mapping.",
                codes,
            )
            % values
        )
    return (
        ngettext(
            "It accounts for %(employees)s in %(rows)s (%(share)s%% of all employment).",
            "They account for %(employees)s in %(rows)s (%(share)s%% of all employment).",
            codes,
        )
        % values
    )


def unknown_industries(details: Details, problem: Mapping[str, Any]) -> str:
    codes = list(details["codes"])
    number = int(details.get("count", len(codes)))
    first = ngettext(
        "%(count)s industry code is not in the classification: %(codes)s.",
        "%(count)s industry codes are not in the classification: %(codes)s.",
        number,
    ) % {"count": count(number), "codes": listing(codes, total=number)}
    ignored = not bool(problem.get("blocking", True))
    return f"{first} {accounts(details, number, ignored=ignored)}"


def unknown_clusters(details: Details, problem: Mapping[str, Any]) -> str:
    codes = list(details["codes"])
    number = int(details.get("count", len(codes)))
    first = ngettext(
        "%(count)s cluster code is not in the cluster list: %(codes)s.",
        "%(count)s cluster codes are not in the cluster list: %(codes)s.",
        number,
    ) % {"count": count(number), "codes": listing(codes, total=number)}
    ignored = not bool(problem.get("blocking", True))
    return f"{first} {accounts(details, number, ignored=ignored)}"


def described_rows(examples: Sequence[Mapping[str, Any]], column: str) -> list[str]:
    """ "row 5 (region 01, industry 311111, 2016): -4" for the first three rows."""
    described = []
    for row in examples[:3]:
        values = {
            "row": count(row["row"]),
            "region": row["region_code"],
            "year": row["year"],
            "value": figure(row[column]),
        }
        if "industry_code" in row:
            text = _("row %(row)s (region %(region)s, industry %(code)s, %(year)s): %(value)s")
            values["code"] = row["industry_code"]
        else:
            text = _("row %(row)s (region %(region)s, cluster %(code)s, %(year)s): %(value)s")
            values["code"] = row["cluster_code"]
        described.append(text % values)
    return described


def negative_employment(details: Details, problem: Mapping[str, Any]) -> str:
    number = int(details["count"])
    return ngettext(
        "%(count)s row has negative employment (e.g. %(examples)s).",
        "%(count)s rows have negative employment (e.g. %(examples)s).",
        number,
    ) % {
        "count": count(number),
        "examples": listing(described_rows(details["examples"], "employment")),
    }


def negative_values(details: Details, problem: Mapping[str, Any]) -> str:
    number, column = int(details["count"]), details["column"]
    return ngettext(
        "%(count)s row has a negative %(column)s (e.g. %(examples)s).",
        "%(count)s rows have a negative %(column)s (e.g. %(examples)s).",
        number,
    ) % {
        "count": count(number),
        "column": column,
        "examples": listing(described_rows(details["examples"], column)),
    }


def duplicate_rows(details: Details, problem: Mapping[str, Any]) -> str:
    number, examples = int(details["count"]), details["examples"]
    industry = any("industry_code" in example for example in examples)
    shown = []
    for example in examples[:3]:
        rows = list(example["row"])
        values = {
            "region": example["region_code"],
            "year": example["year"],
            "rows": ", ".join(count(row) for row in rows[:5]),
        }
        if industry:
            text = ngettext(
                "region %(region)s, industry %(code)s, %(year)s in row %(rows)s",
                "region %(region)s, industry %(code)s, %(year)s in rows %(rows)s",
                len(rows),
            )
            values["code"] = example["industry_code"]
        else:
            text = ngettext(
                "region %(region)s, cluster %(code)s, %(year)s in row %(rows)s",
                "region %(region)s, cluster %(code)s, %(year)s in rows %(rows)s",
                len(rows),
            )
            values["code"] = example["cluster_code"]
        shown.append(text % values)
    if industry:
        sentence = ngettext(
            "%(count)s row repeats a region, industry and year already given in the employment "
            "table (e.g. %(examples)s).",
            "%(count)s rows repeat a region, industry and year already given in the employment "
            "table (e.g. %(examples)s).",
            number,
        )
    else:
        sentence = ngettext(
            "%(count)s row repeats a region, cluster and year already given in the cluster "
            "figures (e.g. %(examples)s).",
            "%(count)s rows repeat a region, cluster and year already given in the cluster "
            "figures (e.g. %(examples)s).",
            number,
        )
    return sentence % {"count": count(number), "examples": listing(shown, limit=3)}


def mixed_years(details: Details, problem: Mapping[str, Any]) -> str:
    found = details["found"]
    total = sum(int(item["rows"]) for item in found)
    years = [
        ngettext("%(year)s (%(count)s row)", "%(year)s (%(count)s rows)", int(item["rows"]))
        % {"year": item["year"], "count": count(item["rows"])}
        for item in found
    ]
    return ngettext(
        "The data should hold %(expected)s only, but %(count)s row is for other years: %(years)s.",
        "The data should hold %(expected)s only, but %(count)s rows are for other years: "
        "%(years)s.",
        total,
    ) % {"expected": details["expected"], "count": count(total), "years": listing(years)}


def unknown_regions(details: Details, problem: Mapping[str, Any]) -> str | None:
    codes = list(details["codes"])
    number = int(details.get("count", len(codes)))
    # the details do not name the table: the engine's message does
    sentences = {
        EMPLOYMENT: lambda n: ngettext(
            "%(count)s region code in the employment table is not in the regions table: %(codes)s.",
            "%(count)s region codes in the employment table are not in the regions table: "
            "%(codes)s.",
            n,
        ),
        CLUSTER_FIGURES: lambda n: ngettext(
            "%(count)s region code in the cluster figures is not in the regions table: %(codes)s.",
            "%(count)s region codes in the cluster figures are not in the regions table: "
            "%(codes)s.",
            n,
        ),
    }
    table = details.get("table") or title_in(problem, [EMPLOYMENT, CLUSTER_FIGURES])
    sentence = sentences.get(table or "")
    if sentence is None:
        return None
    first = sentence(number) % {"count": count(number), "codes": listing(codes, total=number)}
    second = ngettext(
        "It accounts for %(employees)s in %(rows)s.",
        "They account for %(employees)s in %(rows)s.",
        number,
    ) % held(details)
    return f"{first} {second}"


def missing_reference(details: Details, problem: Mapping[str, Any]) -> str:
    reference = str(details.get("reference") or "")
    if not reference:
        return _(
            "No reference region is given: name the region (the nation, the EU) that the "
            "others are compared with."
        )
    years = details.get("years")
    if years:
        return ngettext(
            "The reference region %(reference)s has no figures for %(years)s, neither its own "
            "nor any of its regions' to sum.",
            "The reference region %(reference)s has no figures for %(years)s, neither its own "
            "nor any of its regions' to sum.",
            len(years),
        ) % {"reference": reference, "years": listing([str(year) for year in years])}
    return _("The reference region %(reference)s is not in the regions table.") % {
        "reference": reference
    }


# --------------------------------------------------------------------------- every code

RENDERERS: dict[str, Render] = {
    "missing_columns": missing_columns,
    "empty_table": empty_table,
    "unreadable_values": unreadable_values,
    "missing_values": missing_values,
    "conflicting_regions": conflicting_regions,
    "unknown_parents": unknown_parents,
    "region_loop": region_loop,
    "conflicting_clusters": conflicting_clusters,
    "conflicting_classification": conflicting_classification,
    "unknown_size_classes": unknown_size_classes,
    "missing_employment": missing_employment,
    "unknown_industries": unknown_industries,
    "unknown_clusters": unknown_clusters,
    "negative_employment": negative_employment,
    "negative_values": negative_values,
    "duplicate_rows": duplicate_rows,
    "mixed_years": mixed_years,
    "unknown_regions": unknown_regions,
    "missing_reference": missing_reference,
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
