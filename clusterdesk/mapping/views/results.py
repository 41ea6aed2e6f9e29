"""What a finished mapping shows: a region's profile (its cluster portfolio, LQ against
employment, growth) and one cluster across the regions of a type."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import polars as pl
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import charts, presentation, readers
from ..models import MappingDataset
from ..presentation import FLAG_COLOURS, decimal, percent, whole
from .common import chosen_year, cluster_url, done_dataset, page_of, region_url, selection_for

PORTFOLIO_BARS = 25
GROWTH_BARS = 16
TOP_REGIONS = 15
LABELLED_BUBBLES = 8


def _flag_legend(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """The flags a chart's bars or bubbles carry, in their order."""
    present = set(frame.get_column("best_flag").to_list()) if frame.height else set()
    return [
        (presentation.flag_label(flag), colour)
        for flag, colour in FLAG_COLOURS.items()
        if flag in present
    ]


def _export_url(dataset: MappingDataset, table: str, file_format: str, **query: Any) -> str:
    address = reverse("mapping:export", args=[dataset.cluster.slug, dataset.pk, table, file_format])
    values = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{address}?{urlencode(values)}" if values else address


def _cluster_row(row: dict[str, Any], cluster_link: str) -> dict[str, Any]:
    flag = row.get("best_flag", "")
    return {
        **row,
        "url": cluster_link,
        "employment_text": whole(row["employment"]),
        "establishments_text": whole(row["establishments"]),
        "region_share_text": percent(row["region_share"]),
        "national_share_text": percent(row["national_share"], 2),
        "lq_text": decimal(row["lq"]),
        "flag": flag,
        "flag_text": (
            presentation.flag_label(flag)
            if row.get("large_enough") is not None and row["employment"] > 0
            else ""
        ),
        "stars_text": presentation.stars_text(row["stars"]) if row["stars"] is not None else "",
        "star_names": presentation.star_names(row),
        "change_text": presentation.signed_whole(row["employment_change"]),
        "growth_text": presentation.signed_percent(row["growth_rate"]),
        "growth_class": presentation.change_class(row["employment_change"]),
    }


# --------------------------------------------------------------------------- a region


def _portfolio_chart(traded: pl.DataFrame, region_name: str) -> str:
    if not traded.height:
        return ""
    bars = [
        charts.Bar(
            label=row["cluster_name"],
            value=row["employment"],
            text=_("%(employment)s · LQ %(lq)s")
            % {"employment": whole(row["employment"]), "lq": decimal(row["lq"])},
            colour=FLAG_COLOURS[row["best_flag"]],
            note=presentation.flag_label(row["best_flag"]),
        )
        for row in traded.head(PORTFOLIO_BARS).to_dicts()
    ]
    return charts.bars_svg(
        bars,
        title=_("Traded clusters of %(region)s by employment") % {"region": region_name},
        legend=_flag_legend(traded.head(PORTFOLIO_BARS)),
    )


def _bubble_chart(traded: pl.DataFrame, region_name: str) -> str:
    present = traded.filter(pl.col("lq") > 0)
    if not present.height:
        return ""
    strong = present.filter(pl.col("strong").fill_null(False)).sort("lq", descending=True)
    labelled_frame = strong if strong.height else present.sort("lq", descending=True)
    labelled = set(labelled_frame.head(LABELLED_BUBBLES).get_column("cluster_code").to_list())
    bubbles = [
        charts.Bubble(
            label=row["cluster_name"],
            lq=row["lq"],
            employment=row["employment"],
            establishments=float(row["establishments"] or 0),
            colour=FLAG_COLOURS[row["best_flag"]],
            described=_(
                "%(cluster)s: LQ %(lq)s, %(employment)s employees, %(establishments)s "
                "establishments, %(flag)s"
            )
            % {
                "cluster": row["cluster_name"],
                "lq": decimal(row["lq"]),
                "employment": whole(row["employment"]),
                "establishments": whole(row["establishments"]),
                "flag": presentation.flag_label(row["best_flag"]).lower(),
            },
            labelled=row["cluster_code"] in labelled,
        )
        for row in present.to_dicts()
    ]
    return charts.bubble_svg(
        bubbles,
        title=_("Location quotient against employment, traded clusters of %(region)s")
        % {"region": region_name},
        x_label=_("Location quotient (logarithmic scale)"),
        y_label=_("Employment (logarithmic scale)"),
        line_label=_("LQ = 1: as concentrated as the reference"),
        legend=_flag_legend(present),
    )


def _growth_chart(traded: pl.DataFrame, region_name: str, previous: int, year: int) -> str:
    changed = traded.filter(pl.col("employment_change").is_not_null())
    if not changed.height:
        return ""
    largest = (
        changed.sort(pl.col("employment_change").abs(), descending=True)
        .head(GROWTH_BARS)
        .sort("employment_change", descending=True)
    )
    changes = [
        charts.Change(
            label=row["cluster_name"],
            value=row["employment_change"],
            text=presentation.signed_whole(row["employment_change"])
            + (
                f" ({presentation.signed_percent(row['growth_rate'])})"
                if row["growth_rate"] is not None
                else ""
            ),
        )
        for row in largest.to_dicts()
    ]
    return charts.change_svg(
        changes,
        title=_("Employment change in %(region)s from %(previous)s to %(year)s, traded clusters")
        % {"region": region_name, "previous": previous, "year": year},
    )


@role_required(*READ_ROLES)
def region(request: HttpRequest, cluster_slug: str, pk: int, code: str) -> HttpResponse:
    dataset = done_dataset(request, pk)
    history = readers.region_years(dataset, code)
    if not history.height:
        raise Http404
    years = history.get_column("year").to_list()
    year = chosen_year(request, years)
    summary = history.filter(pl.col("year") == year).row(0, named=True)
    clusters = readers.region_clusters(dataset, code=code, year=year)
    traded = clusters.filter(pl.col("traded") & (pl.col("employment") > 0)).sort(
        "employment", descending=True
    )
    name = summary["region_name"] or code
    cluster_query = urlencode({"year": year, "region_type": summary["region_type"] or ""})
    rows = [
        _cluster_row(row, cluster_url(dataset, row["cluster_code"], cluster_query))
        for row in clusters.to_dicts()
    ]
    previous = summary["previous_year"]
    total = summary["employment"] or 0
    tiles = [
        (_("Employment"), whole(summary["employment"]), ""),
        (
            _("Traded employment"),
            percent(summary["traded_employment"] / total if total else None),
            _("%(people)s in traded clusters") % {"people": whole(summary["traded_employment"])},
        ),
    ]
    if not summary["is_reference"]:
        tiles += [
            (_("Strong clusters"), whole(summary["strong_clusters"]), ""),
            (
                _("Cluster strength"),
                percent(summary["cluster_strength"]),
                _("of traded employment in strong clusters"),
            ),
        ]
    if previous is not None:
        tiles.append(
            (
                _("Growth since %(year)s") % {"year": previous},
                presentation.signed_percent(summary["growth_rate"]),
                _("%(change)s employees")
                % {"change": presentation.signed_whole(summary["employment_change"])},
            )
        )
    over_years = [
        {
            "year": row["year"],
            "employment": whole(row["employment"]),
            "traded": whole(row["traded_employment"]),
            "strong": whole(row["strong_clusters"]),
            "strength": percent(row["cluster_strength"]),
            "growth": presentation.signed_percent(row["growth_rate"]),
            "growth_class": presentation.change_class(row["growth_rate"]),
            "url": region_url(dataset, code, row["year"]),
        }
        for row in history.to_dicts()
    ]
    return render(
        request,
        "mapping/region.html",
        {
            "dataset": dataset,
            "code": code,
            "name": name,
            "summary": summary,
            "type_label": presentation.region_type_label(summary["region_type"] or ""),
            "year": year,
            "years": years,
            "tiles": tiles,
            "rows": rows,
            "traded_rows": [row for row in rows if row["traded"] and row["employment"] > 0],
            "local_rows": [row for row in rows if not row["traded"] and row["employment"] > 0],
            "absent": [row for row in rows if row["employment"] <= 0],
            "portfolio_chart": mark_safe(_portfolio_chart(traded, name)),
            "bubble_chart": mark_safe(_bubble_chart(traded, name)),
            "growth_chart": mark_safe(
                _growth_chart(traded, name, previous, year) if previous is not None else ""
            ),
            "previous": previous,
            "over_years": over_years if len(over_years) > 1 else [],
            "portfolio_limit": PORTFOLIO_BARS,
            "traded_present": traded.height,
            "exports": {
                "year_csv": _export_url(dataset, "clusters", "csv", year=year, region=code),
                "year_xlsx": _export_url(dataset, "clusters", "xlsx", year=year, region=code),
                "all_csv": _export_url(dataset, "clusters", "csv", region=code),
                "all_xlsx": _export_url(dataset, "clusters", "xlsx", region=code),
            },
            "back_query": urlencode({"year": year, "region_type": summary["region_type"] or ""}),
        },
    )


# --------------------------------------------------------------------------- a cluster


def _thresholds_text(thresholds: dict[str, Any] | None, traded: bool, plural: str) -> list[str]:
    if thresholds is None:
        return []
    lines = [
        _(
            "%(regions)s %(types)s have employees in this cluster; the flags compare them with "
            "each other."
        )
        % {"regions": whole(thresholds["regions"]), "types": plural.lower()},
        _(
            "To be rated at all, a region needs more than %(employment)s employees and more "
            "than %(establishments)s establishments in the cluster: the smallest quarter is "
            "left out."
        )
        % {
            "employment": whole(thresholds["p25_employment"]),
            "establishments": decimal(thresholds["p25_establishments"], 1)
            if thresholds["p25_establishments"] is not None
            else presentation.DASH,
        },
        _("Qualifying: a location quotient above %(lq)s (a quarter of the regions are below).")
        % {"lq": decimal(thresholds["p25_lq"])},
        _("Significant: a location quotient above %(lq)s (the middle region).")
        % {"lq": decimal(thresholds["p50_lq"])},
        _("Strong: a location quotient of at least %(lq)s (the top quarter) and at least 1.")
        % {"lq": decimal(thresholds["p75_lq"])},
    ]
    if traded:
        lines.append(
            _("Strong, top 10 %%: a location quotient of at least %(lq)s and at least 1.")
            % {"lq": decimal(thresholds["p90_lq"])}
        )
    return lines


def _top_regions_chart(top: pl.DataFrame, selection: Any, cluster_name: str) -> str:
    if not top.height:
        return ""
    return charts.bars_svg(
        [
            charts.Bar(
                label=row["region_name"] or row["region_code"],
                value=row["lq"] or 0.0,
                text=_("LQ %(lq)s · %(employment)s")
                % {"lq": decimal(row["lq"]), "employment": whole(row["employment"])},
                colour=FLAG_COLOURS[row["best_flag"]],
                note=presentation.flag_label(row["best_flag"]),
            )
            for row in top.to_dicts()
        ],
        title=_("%(types)s with the highest location quotient in %(cluster)s, %(year)s")
        % {"types": selection.type_plural, "cluster": cluster_name, "year": selection.year},
        legend=_flag_legend(top),
        marker=1.0,
        marker_label=_("LQ = 1"),
        label_width=200,
    )


@role_required(*READ_ROLES)
def cluster(request: HttpRequest, cluster_slug: str, pk: int, code: str) -> HttpResponse:
    dataset = done_dataset(request, pk)
    selection = selection_for(request, dataset)
    if selection is None:
        raise Http404
    described = readers.cluster_description(dataset, code=code, year=selection.year)
    if described is None:
        raise Http404
    ranking = readers.cluster_regions(
        dataset, code=code, year=selection.year, region_type=selection.region_type
    )
    search = request.GET.get("q", "").strip()[:100]
    found = readers.searched(ranking, search)
    page = page_of(request, found)
    rows = [
        _cluster_row(row, region_url(dataset, row["region_code"], selection.year)) for row in page
    ]
    top_frame = ranking.head(TOP_REGIONS)
    top = top_frame.to_dicts()
    chart = _top_regions_chart(top_frame, selection, described["cluster_name"])
    thresholds = readers.flag_thresholds(
        dataset, code=code, year=selection.year, region_type=selection.region_type
    )
    strong = ranking.filter(pl.col("strong").fill_null(False)).height
    tiles = [
        (selection.type_plural, whole(ranking.height), _("with employees in the cluster")),
        (_("Strong"), whole(strong), _("rated strong")),
    ]
    if described.get("employment") is not None:
        tiles.append(
            (
                _("Reference employment"),
                whole(described["employment"]),
                _("employees in %(reference)s") % {"reference": dataset.reference},
            )
        )
    if top:
        tiles.append(
            (
                _("Most concentrated"),
                top[0]["region_name"] or top[0]["region_code"],
                _("LQ %(lq)s") % {"lq": decimal(top[0]["lq"])},
            )
        )
    return render(
        request,
        "mapping/cluster.html",
        {
            "dataset": dataset,
            "code": code,
            "described": described,
            "selection": selection,
            "search": search,
            "page": page,
            "rows": rows,
            "found": found.height,
            "query": selection.query(q=search),
            "chart": mark_safe(chart),
            "thresholds": _thresholds_text(
                thresholds, bool(described["traded"]), selection.type_plural
            ),
            "tiles": tiles,
            "exports": {
                "csv": _export_url(
                    dataset,
                    "clusters",
                    "csv",
                    year=selection.year,
                    region_type=selection.region_type,
                    cluster=code,
                ),
                "xlsx": _export_url(
                    dataset,
                    "clusters",
                    "xlsx",
                    year=selection.year,
                    region_type=selection.region_type,
                    cluster=code,
                ),
            },
        },
    )
