"""Reads of a finished mapping for its pages and exports. Every function filters the lazy
Parquet scan (``queries.result_scan``) before it collects, so that a page over 3,221 counties ×
67 clusters × 10 years reads only the rows and columns it shows, in one query per table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

import polars as pl

from .models import MappingDataset, ResultTable
from .queries import result_scan

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

RANKING_COLUMNS = [
    "region_code",
    "region_name",
    "employment",
    "traded_employment",
    "strong_clusters",
    "strong_employment",
    "cluster_strength",
    "growth_rate",
]
FLAGS = ("strong10", "strong", "significant", "qualifying")
"""The flags from the highest to the lowest: a regional cluster's best flag is the first true."""


def _clusters(dataset: MappingDataset) -> pl.LazyFrame:
    return result_scan(dataset, ResultTable.CLUSTERS)


def _regions(dataset: MappingDataset) -> pl.LazyFrame:
    return result_scan(dataset, ResultTable.REGIONS)


def _slice(frame: pl.LazyFrame, year: int, region_type: str | None = None) -> pl.LazyFrame:
    frame = frame.filter(pl.col("year") == year)
    if region_type is not None:
        frame = frame.filter((pl.col("region_type") == region_type) & ~pl.col("is_reference"))
    return frame


def best_flag() -> pl.Expr:
    """ "strong10", "strong", "significant", "qualifying"; "small" for a regional cluster left
    out by the size filter; "" for one rated nothing, absent, or the reference's."""
    too_small = (pl.col("employment") > 0) & (pl.col("large_enough") == False)  # noqa: E712
    expression = pl.when(too_small.fill_null(False)).then(pl.lit("small")).otherwise(pl.lit(""))
    for flag in reversed(FLAGS):
        expression = pl.when(pl.col(flag).fill_null(False)).then(pl.lit(flag)).otherwise(expression)
    return expression.alias("best_flag")


def searched(frame: FrameT, search: str) -> FrameT:
    """The regions whose name holds the words searched, or whose code starts with them."""
    search = search.strip().lower()
    if not search:
        return frame
    return frame.filter(
        pl.col("region_name").str.to_lowercase().str.contains(search, literal=True)
        | pl.col("region_code").str.to_lowercase().str.starts_with(search)
    )


# --------------------------------------------------------------------------- the dataset page


@dataclass(frozen=True)
class RegionType:
    code: str
    regions: int


def region_types(dataset: MappingDataset) -> list[RegionType]:
    """The region types compared with each other (the reference's own type left out when the
    reference is alone in it), the one with the most regions first."""
    counts = (
        _regions(dataset)
        .filter(~pl.col("is_reference") & pl.col("region_type").is_not_null())
        .group_by("region_type")
        .agg(pl.col("region_code").n_unique().alias("regions"))
        .sort(["regions", "region_type"], descending=[True, False])
        .collect()
    )
    return [RegionType(row["region_type"], row["regions"]) for row in counts.to_dicts()]


def region_ranking(dataset: MappingDataset, *, year: int, region_type: str) -> pl.DataFrame:
    """The regions of a type ranked by cluster strength (then strong clusters, then traded
    employment), with their rank (kept when a search narrows the list)."""
    return (
        _slice(_regions(dataset), year, region_type)
        .select(RANKING_COLUMNS)
        .sort(
            ["cluster_strength", "strong_clusters", "traded_employment", "region_code"],
            descending=[True, True, True, False],
            nulls_last=True,
        )
        .with_row_index("rank", offset=1)
        .collect()
    )


def strongest_clusters(
    dataset: MappingDataset, *, year: int, region_codes: list[str], limit: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """For each region, its strong traded clusters with the highest LQ (at most ``limit``)."""
    if not region_codes:
        return {}
    rows = (
        _slice(_clusters(dataset), year)
        .filter(
            pl.col("region_code").is_in(region_codes)
            & pl.col("strong").fill_null(False)
            & pl.col("traded")
        )
        .select("region_code", "cluster_code", "cluster_name", "lq", "strong10")
        .sort(["region_code", "lq"], descending=[False, True])
        .group_by("region_code", maintain_order=True)
        .head(limit)
        .collect()
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows.to_dicts():
        found.setdefault(row["region_code"], []).append(row)
    return found


def cluster_overview(
    dataset: MappingDataset, *, year: int, region_type: str
) -> list[dict[str, Any]]:
    """Each cluster in a year and region type: in how many regions it is present, strong and
    starred, the region with the highest LQ, and the reference's employment in it. One scan
    of the year, the clusters in their order (traded first)."""
    compared = (pl.col("region_type") == region_type) & ~pl.col("is_reference")
    lq = pl.col("lq").filter(compared)
    rows = (
        _slice(_clusters(dataset), year)
        .group_by("cluster_code")
        .agg(
            pl.col("cluster_name").first(),
            pl.col("traded").first(),
            (compared & (pl.col("employment") > 0)).sum().alias("present"),
            (compared & pl.col("strong").fill_null(False)).sum().alias("strong"),
            (compared & (pl.col("stars").fill_null(0) > 0)).sum().alias("starred"),
            pl.col("region_name").filter(compared).get(lq.arg_max()).alias("top_region"),
            pl.col("region_code").filter(compared).get(lq.arg_max()).alias("top_region_code"),
            lq.max().alias("top_lq"),
            pl.col("employment")
            .filter(pl.col("is_reference"))
            .first()
            .alias("reference_employment"),
        )
        .with_columns(pl.col("cluster_code").cast(pl.Int64, strict=False).alias("number"))
        .sort(["traded", "number", "cluster_code"], descending=[True, False, False])
        .drop("number")
        .collect()
    )
    return [
        row if row["top_lq"] else {**row, "top_region": None, "top_region_code": None}
        for row in rows.to_dicts()
    ]


# --------------------------------------------------------------------------- a region


def region_years(dataset: MappingDataset, code: str) -> pl.DataFrame:
    """The region's row of every year (its totals, strength and growth), oldest first."""
    return _regions(dataset).filter(pl.col("region_code") == code).sort("year").collect()


def region_clusters(dataset: MappingDataset, *, code: str, year: int) -> pl.DataFrame:
    """Every cluster of a region in a year, with its best flag: traded first, the largest
    first."""
    return (
        _slice(_clusters(dataset), year)
        .filter(pl.col("region_code") == code)
        .with_columns(best_flag())
        .sort(["traded", "employment", "cluster_code"], descending=[True, True, False])
        .collect()
    )


# --------------------------------------------------------------------------- a cluster


def cluster_regions(
    dataset: MappingDataset, *, code: str, year: int, region_type: str
) -> pl.DataFrame:
    """The regions of a type holding a cluster, ranked by LQ, with their rank (kept when a
    search narrows the list)."""
    return (
        _slice(_clusters(dataset), year, region_type)
        .filter((pl.col("cluster_code") == code) & (pl.col("employment") > 0))
        .with_columns(best_flag())
        .sort(["lq", "employment", "region_code"], descending=[True, True, False], nulls_last=True)
        .with_row_index("rank", offset=1)
        .collect()
    )


def cluster_description(dataset: MappingDataset, *, code: str, year: int) -> dict[str, Any] | None:
    """The cluster's name, whether it is traded, and the reference's figures in it."""
    rows = (
        _slice(_clusters(dataset), year)
        .filter((pl.col("cluster_code") == code) & pl.col("is_reference"))
        .select("cluster_code", "cluster_name", "traded", "employment", "establishments")
        .collect()
    )
    if rows.height:
        return rows.row(0, named=True)
    rows = (
        _slice(_clusters(dataset), year)
        .filter(pl.col("cluster_code") == code)
        .select("cluster_code", "cluster_name", "traded")
        .head(1)
        .collect()
    )
    return rows.row(0, named=True) if rows.height else None


def flag_thresholds(
    dataset: MappingDataset, *, code: str, year: int, region_type: str
) -> dict[str, Any] | None:
    rows = (
        result_scan(dataset, ResultTable.FLAG_THRESHOLDS)
        .filter(
            (pl.col("year") == year)
            & (pl.col("region_type") == region_type)
            & (pl.col("cluster_code") == code)
        )
        .collect()
    )
    return rows.row(0, named=True) if rows.height else None


# --------------------------------------------------------------------------- stars


def star_counts(dataset: MappingDataset, *, year: int, region_type: str) -> dict[int, int]:
    rows = (
        _slice(_clusters(dataset), year, region_type)
        .filter(pl.col("stars") > 0)
        .group_by("stars")
        .agg(pl.len().alias("count"))
        .collect()
    )
    counts = {3: 0, 2: 0, 1: 0}
    counts.update({int(row["stars"]): int(row["count"]) for row in rows.to_dicts()})
    return counts


def starred_clusters(
    dataset: MappingDataset, *, year: int, region_type: str, stars: int
) -> pl.DataFrame:
    return (
        _slice(_clusters(dataset), year, region_type)
        .filter(pl.col("stars") == stars)
        .select(
            "region_code",
            "region_name",
            "cluster_code",
            "cluster_name",
            "traded",
            "employment",
            "lq",
            "lq_total",
            "total_share",
            "size_star",
            "specialisation_star",
            "focus_star",
        )
        .sort(["employment", "region_code", "cluster_code"], descending=[True, False, False])
        .collect()
    )


def star_thresholds(
    dataset: MappingDataset, *, year: int, region_type: str
) -> dict[str, Any] | None:
    rows = (
        result_scan(dataset, ResultTable.STAR_THRESHOLDS)
        .filter((pl.col("year") == year) & (pl.col("region_type") == region_type))
        .collect()
    )
    return rows.row(0, named=True) if rows.height else None


# --------------------------------------------------------------------------- exports


def export_scan(
    dataset: MappingDataset,
    table: str,
    *,
    year: int | None = None,
    region_type: str | None = None,
    region: str | None = None,
    cluster: str | None = None,
) -> pl.LazyFrame:
    """A result table narrowed by the filters given (a cluster filter on the regions table is
    ignored: that table has no cluster)."""
    frame = result_scan(dataset, table)
    if year is not None:
        frame = frame.filter(pl.col("year") == year)
    if region_type:
        frame = frame.filter(pl.col("region_type") == region_type)
    if region:
        frame = frame.filter(pl.col("region_code") == region)
    if cluster and table == ResultTable.CLUSTERS:
        frame = frame.filter(pl.col("cluster_code") == cluster)
    return frame
