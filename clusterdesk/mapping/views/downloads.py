"""A mapping's results as CSV or XLSX, narrowed by year, region type, region or cluster, and
the files that were uploaded."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from clusterdesk.lib.downloads import file_download
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import exports, readers
from ..queries import dataset_for

INPUT_FILES = {
    "figures": "figures_file",
    "classification": "classification_file",
    "regions": "regions_file",
}


@role_required(*READ_ROLES)
def export(
    request: HttpRequest, cluster_slug: str, pk: int, table: str, file_format: str
) -> HttpResponseBase:
    if table not in exports.EXPORTED_TABLES or file_format not in exports.TYPES:
        raise Http404
    dataset = dataset_for(request.cluster, pk)
    year_text = request.GET.get("year", "").strip()
    try:
        year = int(year_text) if year_text else None
    except ValueError:
        raise Http404 from None
    filters = {
        "region_type": request.GET.get("region_type", "").strip(),
        "region": request.GET.get("region", "").strip(),
        "cluster": request.GET.get("cluster", "").strip() if table == "clusters" else "",
    }
    frame = readers.export_scan(dataset, table, year=year, **filters)
    name = exports.file_name(cluster_slug, "mapping", dataset.pk, table, year, *filters.values())
    filename = f"{name}.{file_format}"
    if file_format == "csv":
        return exports.csv_response(frame, table, filename=filename)
    rows = exports.row_count(frame)
    if rows > exports.XLSX_MAX_ROWS:
        csv_url = reverse("mapping:export", args=[cluster_slug, dataset.pk, table, "csv"])
        query = request.GET.urlencode()
        return render(
            request,
            "mapping/export_refused.html",
            {
                "dataset": dataset,
                "rows": rows,
                "limit": exports.XLSX_MAX_ROWS,
                "csv_url": f"{csv_url}?{query}" if query else csv_url,
            },
            status=400,
        )
    return exports.xlsx_response(frame, table, filename=filename)


@role_required(*READ_ROLES)
def input_file(request: HttpRequest, cluster_slug: str, pk: int, which: str) -> HttpResponse:
    """A file as it was uploaded (only through this view, after the tenancy check)."""
    if which not in INPUT_FILES:
        raise Http404
    dataset = dataset_for(request.cluster, pk)
    return file_download(getattr(dataset, INPUT_FILES[which]))
