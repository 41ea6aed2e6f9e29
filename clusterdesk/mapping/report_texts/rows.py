"""The problems of the statistics rows: unknown codes and size classes, negative or missing
employment, duplicates, several years, unknown regions, the missing reference."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..engine.suppression import SIZE_CLASS_MIDPOINTS
from .words import (
    CLUSTER_FIGURES,
    EMPLOYMENT,
    Details,
    count,
    figure,
    listing,
    plural_of,
    row_numbers,
    title_in,
)


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
