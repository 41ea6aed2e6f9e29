"""The problems of the regions and the cluster definitions: conflicts, unknown parents, loops."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import ngettext

from .words import (
    CLASSIFICATION,
    CLUSTER_LIST,
    Details,
    count,
    listing,
    title_in,
)


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
