"""The problems of the tables themselves: missing columns, empty tables, values that cannot be read
or are missing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .words import (
    CLASSIFICATION,
    CLUSTER_FIGURES,
    CLUSTER_LIST,
    COLUMN_KINDS,
    EMPLOYMENT,
    REGIONS,
    Details,
    count,
    listing,
    row_numbers,
)


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
