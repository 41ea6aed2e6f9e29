"""Ratings of a regional cluster against the regions of the same type.

U.S. Cluster Mapping Project flags, per year, region type and cluster, with quantiles by linear
interpolation over the regions with employment > 0 in the cluster; a region must also have
employment above P25(employment) and establishments above P25(establishments):
qualifying LQ > P25(LQ); significant LQ > P50(LQ); strong LQ ≥ P75(LQ) and LQ ≥ 1; strong10
(traded clusters only) LQ ≥ P90(LQ) and LQ ≥ 1.

European Cluster Observatory stars, per year and region type over all its regional clusters
with employment > 0: size (employment in the top share), specialisation (LQ against the total
reference at least the setting), focus (share of the region's employment in the top share).

The reference region is compared with nobody: its flags and stars stay empty. Qualifying,
significant and strong are rated for local clusters too (the rules are per cluster); the U.S.
Cluster Mapping Project publishes its flags for traded clusters only, so a page that follows it
reads ``traded``. Cluster strength counts strong traded clusters only.
"""

from __future__ import annotations

import polars as pl

from .inputs import MappingParameters

FLAG_KEYS = ["year", "region_type", "cluster_code"]
STAR_KEYS = ["year", "region_type"]
SIZE_FILTER_QUANTILE = 0.25
LQ_QUANTILES = {"p25_lq": 0.25, "p50_lq": 0.50, "p75_lq": 0.75, "p90_lq": 0.90}
STRONG_MINIMUM_LQ = 1.0
THRESHOLD_COLUMNS = ["p25_employment", "p25_establishments", *LQ_QUANTILES]

COMPARED = ~pl.col("is_reference")
PRESENT = COMPARED & (pl.col("employment") > 0)


def quantile(name: str, share: float) -> pl.Expr:
    return pl.col(name).quantile(share, interpolation="linear")


def flag_thresholds(rated: pl.DataFrame) -> pl.DataFrame:
    """Per year × region type × cluster: how many regions hold the cluster and the quantiles
    the flags compare with."""
    return (
        rated.filter(PRESENT)
        .group_by(FLAG_KEYS)
        .agg(
            pl.len().cast(pl.Int64).alias("regions"),
            quantile("employment", SIZE_FILTER_QUANTILE).alias("p25_employment"),
            quantile("establishments", SIZE_FILTER_QUANTILE).alias("p25_establishments"),
            *(quantile("lq", share).alias(name) for name, share in LQ_QUANTILES.items()),
        )
        .sort(FLAG_KEYS)
    )


def with_flags(rated: pl.DataFrame, thresholds: pl.DataFrame) -> pl.DataFrame:
    """``large_enough`` (the size filter), ``qualifying``, ``significant``, ``strong`` and
    ``strong10``: False where a region does not qualify, null for the reference (and strong10
    for local clusters)."""
    lq = pl.col("lq")
    # a data set without establishments (many statistics offices publish none) skips that test
    establishments_above = pl.col("p25_establishments").is_null() | (
        pl.col("establishments") > pl.col("p25_establishments")
    )
    large_enough = (
        PRESENT & (pl.col("employment") > pl.col("p25_employment")) & establishments_above
    ).fill_null(False)
    at_least_one = lq >= STRONG_MINIMUM_LQ
    rules = {
        "qualifying": lq > pl.col("p25_lq"),
        "significant": lq > pl.col("p50_lq"),
        "strong": (lq >= pl.col("p75_lq")) & at_least_one,
        "strong10": (lq >= pl.col("p90_lq")) & at_least_one,
    }
    applies = {name: COMPARED for name in rules} | {"strong10": COMPARED & pl.col("traded")}
    flagged = rated.join(
        thresholds.select(*FLAG_KEYS, *THRESHOLD_COLUMNS), on=FLAG_KEYS, how="left"
    ).with_columns(large_enough.alias("large_enough"))
    return flagged.with_columns(
        pl.when(COMPARED).then(pl.col("large_enough")).alias("large_enough"),
        *(
            pl.when(applies[name])
            .then((pl.col("large_enough") & rule).fill_null(False))
            .alias(name)
            for name, rule in rules.items()
        ),
    ).drop(THRESHOLD_COLUMNS)


def star_thresholds(rated: pl.DataFrame, parameters: MappingParameters) -> pl.DataFrame:
    """Per year × region type: the employment and the share of a region's employment that put
    a regional cluster in the top share of all regional clusters of that type."""
    return (
        rated.filter(PRESENT)
        .group_by(STAR_KEYS)
        .agg(
            pl.len().cast(pl.Int64).alias("regional_clusters"),
            quantile("employment", 1 - parameters.size_star_top_share).alias("size_employment"),
            quantile("total_share", 1 - parameters.focus_star_top_share).alias("focus_share"),
        )
        .with_columns(pl.lit(parameters.specialisation_star_lq).alias("specialisation_lq"))
        .sort(STAR_KEYS)
    )


def with_stars(
    rated: pl.DataFrame, thresholds: pl.DataFrame, parameters: MappingParameters
) -> pl.DataFrame:
    rules = {
        "size_star": pl.col("employment") >= pl.col("size_employment"),
        "specialisation_star": pl.col("lq_total") >= parameters.specialisation_star_lq,
        "focus_star": pl.col("total_share") >= pl.col("focus_share"),
    }
    starred = rated.join(
        thresholds.select(*STAR_KEYS, "size_employment", "focus_share"), on=STAR_KEYS, how="left"
    ).with_columns(
        pl.when(COMPARED).then((PRESENT & rule).fill_null(False)).alias(name)
        for name, rule in rules.items()
    )
    return starred.with_columns(
        pl.when(COMPARED)
        .then(pl.sum_horizontal(pl.col(name).cast(pl.Int8) for name in rules))
        .alias("stars")
    ).drop("size_employment", "focus_share")
