"""The mapping: region × cluster × year figures → shares, location quotients, flags, stars,
growth and each region's cluster strength.

LQ = (E_cr / T_r) / (E_cN / T_N), where T is the traded total for a traded cluster and the
local total for a local cluster, and N the reference region's own figures (summed from its
regions only when it has none of its own), never the sum of the regions compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from .aggregation import MEASURES, cluster_order, known_sum, roll_up
from .flags import (
    FLAG_KEYS,
    STAR_KEYS,
    flag_thresholds,
    star_thresholds,
    with_flags,
    with_stars,
)
from .growth import with_growth
from .inputs import ClusterInput, MappingInput, MappingParameters
from .report import MappingInputError, ValidationReport
from .results import CLUSTER_COLUMNS, REGION_COLUMNS, MappingResult
from .validation import inspect

REGION_YEAR = ["year", "region_code"]

Progress = Callable[[str, float], None]
"""Told each stage as it starts: its name and the share of the work done before it."""

STAGES = {"validating": 0.0, "classifying": 0.7, "aggregating": 0.72, "rating": 0.75}
"""Where each stage starts. "validating" reads the statistics a year at a time, checking them
and summing each year's industries into clusters as it goes (the bulk of the work on a large
table); "classifying" puts the years' cluster figures together."""


def compute(
    data: MappingInput | ClusterInput,
    parameters: MappingParameters | None = None,
    *,
    progress: Progress | None = None,
) -> MappingResult:
    """Validate, then map. Raises ``MappingInputError`` (carrying the whole report) when the
    input has a blocking problem: nothing is computed from bad data. ``progress`` hears of
    each stage ("validating", "classifying", "aggregating", "rating", then "done" at 1.0);
    on statistics of several years, "validating" is heard again as each year is read.

    The statistics may be a LazyFrame (``pl.scan_parquet(path)``): each year is then read from
    the file on its own, and the whole table is never in memory."""

    def tell(stage: str) -> None:
        if progress is not None:
            progress(stage, STAGES.get(stage, 1.0))

    def reading(share: float) -> None:
        if progress is not None:
            progress("validating", STAGES["classifying"] * share)

    parameters = parameters or MappingParameters()
    tell("validating")
    inspection = inspect(data, parameters, summing=True, progress=reading)
    checked = inspection.checked
    if checked is None or checked.figures is None or not inspection.report.ok:
        raise MappingInputError(inspection.report)
    tell("classifying")
    years = checked.figures
    tell("aggregating")
    figures = [roll_up(year, checked.tree) for year in years]
    tell("rating")
    result = rate(
        figures,
        clusters=checked.clusters,
        regions=checked.regions,
        reference=checked.reference,
        parameters=parameters,
        report=inspection.report,
    )
    tell("done")
    return result


def rate(
    figures: pl.DataFrame | Sequence[pl.DataFrame],
    *,
    clusters: pl.DataFrame,
    regions: pl.DataFrame,
    reference: str,
    parameters: MappingParameters,
    report: ValidationReport | None = None,
) -> MappingResult:
    """From checked region × cluster × year figures (with ``source``; one table, or one a
    year) to the result.

    A year at a time: the flags and stars compare the regions of one year, and growth joins a
    year with the latest earlier one, so ten years cost ten times one and no table of them all
    is sorted or joined whole. Region codes, region types and cluster codes are enums while
    rated — the regions in code order, the clusters in theirs — and each region × cluster is
    one integer ``cell`` (region × clusters + rank) for the joins and the sort; the result
    gives them as text."""
    ranked = cluster_order(clusters)
    cluster_code = pl.Enum(ranked.get_column("cluster_code").to_list())
    ranked = ranked.with_columns(pl.col("cluster_code").cast(cluster_code))
    region_code = pl.Enum(regions.get_column("region_code").sort().to_list())
    types = sorted(regions.get_column("region_type").drop_nulls().unique().to_list())
    described = regions.with_columns(
        pl.col("region_code").cast(region_code), pl.col("region_type").cast(pl.Enum(types))
    )
    years = by_year(figures)
    # a measure nobody gave stays empty; one given somewhere is 0 where a region lacks it
    given = [
        name
        for name in ("establishments", "annual_payroll")
        if any(year.get_column(name).is_not_null().any() for year in years)
    ]
    tables: dict[str, list[pl.DataFrame]] = {
        "clusters": [],
        "regions": [],
        "flags": [],
        "stars": [],
    }
    earlier: pl.DataFrame | None = None
    earlier_regions: pl.DataFrame | None = None
    for year in years:
        year = year.with_columns(
            pl.col("region_code").cast(region_code), pl.col("cluster_code").cast(cluster_code)
        )
        rated = with_location_quotients(
            complete_grid(year, ranked, described, reference, given), reference
        )
        thresholds = flag_thresholds(rated)
        rated = with_flags(rated, thresholds)
        stars = star_thresholds(rated, parameters)
        rated = with_stars(rated, stars, parameters)
        rated, earlier = with_growth(rated, earlier, ["cell"])
        rated = rated.with_columns(
            ratio(pl.col("annual_payroll"), pl.col("employment_reported")).alias("average_wage"),
            pl.col("establishments").round().cast(pl.Int64),
        )
        summary, earlier_regions = region_summary(rated, earlier_regions)
        tables["clusters"].append(rated.sort("cell").select(CLUSTER_COLUMNS))
        tables["regions"].append(summary)
        tables["flags"].append(thresholds)
        tables["stars"].append(stars)
    return MappingResult(
        clusters=as_text(pl.concat(tables["clusters"])),
        regions=as_text(pl.concat(tables["regions"])),
        flag_thresholds=as_text(pl.concat(tables["flags"])).sort(FLAG_KEYS),
        star_thresholds=as_text(pl.concat(tables["stars"])).sort(STAR_KEYS),
        reference=reference,
        parameters=parameters,
        report=report or ValidationReport(),
    )


def by_year(figures: pl.DataFrame | Sequence[pl.DataFrame]) -> list[pl.DataFrame]:
    """The figures a year at a time, in order (one empty table when there are none)."""
    frames = [figures] if isinstance(figures, pl.DataFrame) else list(figures)
    parts: dict[int, list[pl.DataFrame]] = {}
    for frame in frames:
        split = frame.partition_by("year") if frame.get_column("year").n_unique() > 1 else [frame]
        for part in split:
            if part.height:
                parts.setdefault(part.get_column("year").item(0), []).append(part)
    return [pl.concat(parts[year]) for year in sorted(parts)] or [frames[0].clear()]


def as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes and region types as the result gives them: text."""
    return frame.with_columns(
        pl.col(name).cast(pl.String)
        for name in ("region_code", "region_type", "cluster_code")
        if name in frame.columns
    )


def ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """numerator / denominator; null where the denominator is 0 or unknown."""
    return pl.when(denominator > 0).then(numerator / denominator)


def complete_grid(
    figures: pl.DataFrame,
    ranked: pl.DataFrame,
    regions: pl.DataFrame,
    reference: str,
    given: list[str],
) -> pl.DataFrame:
    """Every cluster (``ranked``: with its rank) for every region with figures in the year
    (0 where the region has none; establishments and payroll too when ``given``), with the
    region's and the cluster's descriptions and the ``cell``. One year: codes are the enums
    ``rate`` makes."""
    cell = (
        pl.col("region_code").to_physical().cast(pl.UInt64) * ranked.height
        + pl.col("cluster_code").to_physical()
    ).alias("cell")
    region_years = figures.select("region_code", "year", "source").unique()
    return (
        region_years.join(ranked, how="cross")
        .with_columns(cell)
        .join(figures.select(cell, *MEASURES), on="cell", how="left")
        .with_columns(
            pl.col("employment").fill_null(0),
            pl.col("employment_reported").fill_null(0),
            *(pl.col(name).fill_null(0) for name in given),
        )
        .join(regions, on="region_code", how="left")
        .with_columns((pl.col("region_code") == reference).alias("is_reference"))
    )


def with_location_quotients(grid: pl.DataFrame, reference: str) -> pl.DataFrame:
    employment, traded = pl.col("employment"), pl.col("traded")
    rated = grid.with_columns(
        employment.sum().over(REGION_YEAR).alias("total_employment"),
        pl.when(traded).then(employment).otherwise(0).sum().over(REGION_YEAR).alias("traded_base"),
        pl.when(traded).then(0).otherwise(employment).sum().over(REGION_YEAR).alias("local_base"),
    ).with_columns(
        pl.when(traded).then(pl.col("traded_base")).otherwise(pl.col("local_base")).alias("base")
    )
    nation = rated.filter(pl.col("region_code") == reference).select(
        "year",
        "cluster_code",
        pl.col("employment").alias("reference_employment"),
        pl.col("base").alias("reference_base"),
        pl.col("total_employment").alias("reference_total"),
    )
    reference_employment = pl.col("reference_employment")
    return (
        rated.join(nation, on=["year", "cluster_code"], how="left")
        .with_columns(
            ratio(employment, pl.col("base")).alias("region_share"),
            ratio(employment, reference_employment).alias("national_share"),
            ratio(employment, pl.col("total_employment")).alias("total_share"),
            ratio(reference_employment, pl.col("reference_base")).alias("reference_share"),
            ratio(reference_employment, pl.col("reference_total")).alias("reference_total_share"),
        )
        .with_columns(
            ratio(pl.col("region_share"), pl.col("reference_share")).alias("lq"),
            ratio(pl.col("total_share"), pl.col("reference_total_share")).alias("lq_total"),
        )
        .drop(
            "traded_base",
            "local_base",
            "base",
            "total_employment",
            "reference_employment",
            "reference_base",
            "reference_total",
            "reference_share",
            "reference_total_share",
        )
    )


def region_summary(
    rated: pl.DataFrame, earlier: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A year's regions: totals, strong clusters and cluster strength, and growth since
    ``earlier`` (see ``with_growth``), which it returns brought up to this year."""
    employment = pl.col("employment")
    strong_traded = pl.col("strong").fill_null(False) & pl.col("traded")
    summary = rated.group_by(REGION_YEAR).agg(
        pl.col("region_name", "region_type", "is_reference", "source").first(),
        employment.sum(),
        pl.col("employment_reported").sum(),
        employment.filter(pl.col("traded")).sum().alias("traded_employment"),
        employment.filter(~pl.col("traded")).sum().alias("local_employment"),
        known_sum("establishments").cast(pl.Int64),
        known_sum("annual_payroll"),
        (employment > 0).sum().cast(pl.Int64).alias("clusters_present"),
        strong_traded.sum().cast(pl.Int64).alias("strong_clusters"),
        employment.filter(strong_traded).sum().alias("strong_employment"),
    )
    compared = ~pl.col("is_reference")
    summary = summary.with_columns(
        ratio(pl.col("annual_payroll"), pl.col("employment_reported")).alias("average_wage"),
        pl.when(compared).then(pl.col("strong_clusters")).alias("strong_clusters"),
        pl.when(compared).then(pl.col("strong_employment")).alias("strong_employment"),
        pl.when(compared)
        .then(ratio(pl.col("strong_employment"), pl.col("traded_employment")))
        .alias("cluster_strength"),
    )
    summary, earlier = with_growth(summary, earlier, ["region_code"])
    return summary.sort(REGION_YEAR).select(REGION_COLUMNS), earlier
