"""The mapping: region × cluster × year figures → shares, location quotients, flags, stars,
growth and each region's cluster strength.

LQ = (E_cr / T_r) / (E_cN / T_N), where T is the traded total for a traded cluster and the
local total for a local cluster, and N the reference region's own figures (summed from its
regions only when it has none of its own), never the sum of the regions compared.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from .aggregation import cluster_figures, known_sum, roll_up
from .flags import flag_thresholds, star_thresholds, with_flags, with_stars
from .growth import with_growth
from .inputs import ClusterInput, MappingInput, MappingParameters
from .report import MappingInputError, ValidationReport
from .results import CLUSTER_COLUMNS, REGION_COLUMNS, MappingResult
from .validation import inspect

REGION_YEAR = ["year", "region_code"]

Progress = Callable[[str, float], None]
"""Told each stage as it starts: its name and the share of the work done before it."""

STAGES = {"validating": 0.0, "classifying": 0.35, "aggregating": 0.55, "rating": 0.65}


def compute(
    data: MappingInput | ClusterInput,
    parameters: MappingParameters | None = None,
    *,
    progress: Progress | None = None,
) -> MappingResult:
    """Validate, then map. Raises ``MappingInputError`` (carrying the whole report) when the
    input has a blocking problem: nothing is computed from bad data. ``progress`` hears of
    each stage ("validating", "classifying", "aggregating", "rating", then "done" at 1.0)."""

    def tell(stage: str) -> None:
        if progress is not None:
            progress(stage, STAGES.get(stage, 1.0))

    parameters = parameters or MappingParameters()
    tell("validating")
    inspection = inspect(data, parameters)
    checked = inspection.checked
    if checked is None or not inspection.report.ok:
        raise MappingInputError(inspection.report)
    tell("classifying")
    if checked.industry_level:
        assert checked.classification is not None
        figures = cluster_figures(checked.figures.lazy(), checked.classification).collect()
    else:
        figures = checked.figures.with_columns(
            pl.col("employment_reported").fill_null(pl.col("employment"))
        )
    tell("aggregating")
    figures = roll_up(figures, checked.tree)
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
    figures: pl.DataFrame,
    *,
    clusters: pl.DataFrame,
    regions: pl.DataFrame,
    reference: str,
    parameters: MappingParameters,
    report: ValidationReport | None = None,
) -> MappingResult:
    """From checked region × cluster × year figures (with ``source``) to the result."""
    grid = complete_grid(figures, clusters, regions, reference)
    rated = with_location_quotients(grid, reference)
    thresholds = flag_thresholds(rated)
    rated = with_flags(rated, thresholds)
    stars = star_thresholds(rated, parameters)
    rated = with_stars(rated, stars, parameters)
    rated = with_growth(rated, ["region_code", "cluster_code"])
    rated = rated.with_columns(
        ratio(pl.col("annual_payroll"), pl.col("employment_reported")).alias("average_wage"),
        pl.col("establishments").round().cast(pl.Int64),
    )
    return MappingResult(
        clusters=rated.sort("year", "region_code", "cluster_rank").select(CLUSTER_COLUMNS),
        regions=region_summary(rated),
        flag_thresholds=thresholds,
        star_thresholds=stars,
        reference=reference,
        parameters=parameters,
        report=report or ValidationReport(),
    )


def ratio(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """numerator / denominator; null where the denominator is 0 or unknown."""
    return pl.when(denominator > 0).then(numerator / denominator)


def complete_grid(
    figures: pl.DataFrame, clusters: pl.DataFrame, regions: pl.DataFrame, reference: str
) -> pl.DataFrame:
    """Every cluster for every region × year with figures (0 where the region has none), with
    the region's and the cluster's descriptions."""
    region_years = figures.select("region_code", "year", "source").unique()
    # numeric codes in numeric order ("2" before "10"), others after them in text order
    ranked = (
        clusters.with_columns(pl.col("cluster_code").cast(pl.Int64, strict=False).alias("number"))
        .sort("number", "cluster_code", nulls_last=True)
        .drop("number")
        .with_row_index("cluster_rank")
    )
    fill_counts = {
        name: pl.col(name).fill_null(0)
        for name in ("establishments", "annual_payroll")
        if figures.get_column(name).is_not_null().any()
    }
    return (
        region_years.join(ranked, how="cross")
        .join(figures.drop("source"), on=["region_code", "cluster_code", "year"], how="left")
        .with_columns(
            pl.col("employment").fill_null(0),
            pl.col("employment_reported").fill_null(0),
            *(expression.alias(name) for name, expression in fill_counts.items()),
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


def region_summary(rated: pl.DataFrame) -> pl.DataFrame:
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
    return with_growth(summary, ["region_code"]).sort(REGION_YEAR).select(REGION_COLUMNS)
