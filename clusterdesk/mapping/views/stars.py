"""The regional clusters with European Cluster Observatory stars (size, specialisation,
focus) in a year and region type, and the thresholds that earned them."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import presentation, readers
from ..engine import MappingParameters
from ..models import MappingDataset
from ..presentation import decimal, percent, whole
from .common import cluster_url, done_dataset, page_of, region_url, selection_for


def _star_rules(
    dataset: MappingDataset, thresholds: dict[str, Any] | None, plural: str
) -> list[tuple[str, str]]:
    if thresholds is None:
        return []
    chosen = MappingParameters(**(dataset.parameters or {}))
    return [
        (
            _("Size"),
            _(
                "at least %(employment)s employees: the top %(share)s of the %(count)s regional "
                "clusters with employees among the %(types)s"
            )
            % {
                "employment": whole(thresholds["size_employment"]),
                "share": percent(chosen.size_star_top_share, 0),
                "count": whole(thresholds["regional_clusters"]),
                "types": plural.lower(),
            },
        ),
        (
            _("Specialisation"),
            _("a location quotient against all employment of at least %(lq)s")
            % {"lq": decimal(thresholds["specialisation_lq"], 1)},
        ),
        (
            _("Focus"),
            _("at least %(share)s of the region's employment: the top %(top)s")
            % {
                "share": percent(thresholds["focus_share"], 2),
                "top": percent(chosen.focus_star_top_share, 0),
            },
        ),
    ]


@role_required(*READ_ROLES)
def stars(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    dataset = done_dataset(request, pk)
    selection = selection_for(request, dataset)
    if selection is None:
        raise Http404
    try:
        count = int(request.GET.get("stars", "3"))
    except ValueError:
        count = 3
    count = count if count in (1, 2, 3) else 3
    counts = readers.star_counts(dataset, year=selection.year, region_type=selection.region_type)
    starred = readers.starred_clusters(
        dataset, year=selection.year, region_type=selection.region_type, stars=count
    )
    page = page_of(request, starred)
    cluster_query = selection.query()
    rows = [
        {
            **row,
            "region_url": region_url(dataset, row["region_code"], selection.year),
            "cluster_url": cluster_url(dataset, row["cluster_code"], cluster_query),
            "employment_text": whole(row["employment"]),
            "lq_total_text": decimal(row["lq_total"]),
            "total_share_text": percent(row["total_share"], 2),
            "star_names": presentation.star_names(row),
            "stars_text": presentation.stars_text(count),
        }
        for row in page
    ]
    thresholds = readers.star_thresholds(
        dataset, year=selection.year, region_type=selection.region_type
    )
    return render(
        request,
        "mapping/stars.html",
        {
            "dataset": dataset,
            "selection": selection,
            "count": count,
            "counts": [
                (stars, counts[stars], presentation.stars_text(stars)) for stars in (3, 2, 1)
            ],
            "page": page,
            "rows": rows,
            "query": selection.query(stars=count),
            "star_hidden": [("stars", count)],
            "rules": _star_rules(dataset, thresholds, selection.type_plural),
        },
    )
