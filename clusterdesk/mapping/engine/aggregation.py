"""From industry rows to cluster figures, and from small regions to the regions that hold them.

A region × year with figures of its own keeps them (a state's County Business Patterns file
publishes cells its counties withhold); one without is the sum of its children, level by level
(counties → states → nation, counties → metro areas).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

MEASURES = ("employment", "employment_reported", "establishments", "annual_payroll")
OWN, AGGREGATED = "own", "aggregated"


def known_sum(name: str) -> pl.Expr:
    """The sum of the known values; null (unknown) rather than 0 when none is known."""
    column = pl.col(name)
    return pl.when(column.count() > 0).then(column.sum()).otherwise(None).alias(name)


@dataclass(frozen=True)
class Hierarchy:
    """``links``: child_code → parent_code; ``heights``: 0 for a region without children, else
    one more than its highest child; ``looped``: regions caught in a parent loop."""

    links: pl.DataFrame
    heights: pl.DataFrame
    looped: tuple[str, ...]


def hierarchy(regions: pl.DataFrame) -> Hierarchy:
    """The parent links between known regions and each region's height above the leaves.

    The loop runs once per level of the tree (a handful), never per region.
    """
    codes = regions.select("region_code").unique()
    links = (
        regions.filter(pl.col("parent_code").is_not_null())
        .select(
            pl.col("region_code").alias("child_code"),
            pl.col("parent_code"),
        )
        .unique()
        .join(codes, left_on="parent_code", right_on="region_code", how="semi")
    )
    parents = links.select(pl.col("parent_code").alias("region_code")).unique()
    heights = codes.join(parents, on="region_code", how="anti").with_columns(
        pl.lit(0, dtype=pl.Int32).alias("height")
    )
    while True:
        status = (
            links.join(heights, left_on="child_code", right_on="region_code", how="left")
            .group_by("parent_code")
            .agg(
                pl.col("height").is_not_null().all().alias("children_known"),
                pl.col("height").max().alias("child_height"),
            )
            .join(heights, left_on="parent_code", right_on="region_code", how="anti")
            .filter(pl.col("children_known"))
        )
        if status.is_empty():
            break
        heights = pl.concat(
            [
                heights,
                status.select(
                    pl.col("parent_code").alias("region_code"),
                    (pl.col("child_height") + 1).cast(pl.Int32).alias("height"),
                ),
            ]
        )
    looped = codes.join(heights, on="region_code", how="anti").get_column("region_code")
    return Hierarchy(links, heights, tuple(sorted(looped.to_list())))


def cluster_order(clusters: pl.DataFrame) -> pl.DataFrame:
    """The clusters with their ``cluster_rank``: numeric codes in numeric order ("2" before
    "10"), others after them in text order."""
    return (
        clusters.with_columns(pl.col("cluster_code").cast(pl.Int64, strict=False).alias("number"))
        .sort("number", "cluster_code", nulls_last=True)
        .drop("number")
        .with_row_index("cluster_rank")
    )


def roll_up(figures: pl.DataFrame, tree: Hierarchy) -> pl.DataFrame:
    """Add the figures of every region × year without its own, summed from its children, and
    a ``source`` column: "own" or "aggregated". The figures' region codes may be an enum of the
    regions (the engine's own, for speed) or text."""
    region = figures.schema["region_code"]
    links = tree.links.with_columns(pl.col("child_code", "parent_code").cast(region))
    heights = tree.heights.with_columns(pl.col("region_code").cast(region))
    own_years = figures.select("region_code", "year").unique()
    layers = [figures.with_columns(pl.lit(OWN).alias("source"))]
    for height in sorted(set(heights.get_column("height").to_list()) - {0}):
        parents = heights.filter(pl.col("height") == height).select(
            pl.col("region_code").alias("parent_code")
        )
        level = links.join(parents, on="parent_code", how="semi")
        summed = (
            pl.concat(layers)
            .join(level, left_on="region_code", right_on="child_code", how="inner")
            .group_by("parent_code", "cluster_code", "year")
            .agg(known_sum(name) for name in MEASURES)
            .rename({"parent_code": "region_code"})
            .join(own_years, on=["region_code", "year"], how="anti")
        )
        layers.append(
            summed.select(figures.columns).with_columns(pl.lit(AGGREGATED).alias("source"))
        )
    return pl.concat(layers)
