"""The checks of the small tables (regions, clusters, classification) and of the reference,
run on tables already read into the engine's types: each appends the problems it finds, in
plain words, with counts, codes and examples in the details. The statistics rows are checked a
year at a time (``rows``) and their problems said by ``findings``."""

from __future__ import annotations

import polars as pl

from .aggregation import Hierarchy, hierarchy
from .inputs import TableSpec
from .report import Problem, listing, plural


def check_regions(regions: pl.DataFrame, problems: list[Problem]) -> tuple[pl.DataFrame, Hierarchy]:
    regions = regions.filter(pl.col("region_code").is_not_null())
    described = regions.group_by("region_code").agg(
        pl.col("region_name").drop_nulls().first(),
        pl.col("region_type").drop_nulls().first(),
        (
            (pl.col("region_name").drop_nulls().n_unique() > 1)
            | (pl.col("region_type").drop_nulls().n_unique() > 1)
        ).alias("conflicting"),
    )
    conflicting = sorted(described.filter("conflicting").get_column("region_code").to_list())
    if conflicting:
        problems.append(
            Problem(
                "conflicting_regions",
                f"{plural(len(conflicting), 'region is', 'regions are')} described more than "
                f"once with different names or types: {listing(conflicting)}.",
                {"count": len(conflicting), "codes": conflicting},
            )
        )
    orphans = (
        regions.filter(pl.col("parent_code").is_not_null())
        .join(described, left_on="parent_code", right_on="region_code", how="anti")
        .select("region_code", "parent_code")
        .unique()
        .sort("region_code", "parent_code")
    )
    if orphans.height:
        pairs = [f"{row['region_code']} → {row['parent_code']}" for row in orphans.to_dicts()]
        problems.append(
            Problem(
                "unknown_parents",
                f"{plural(orphans.height, 'region names a parent', 'regions name a parent')} "
                f"that the regions table lacks: {listing(pairs)}.",
                {"count": orphans.height, "links": orphans.head(100).to_dicts()},
            )
        )
    tree = hierarchy(regions)
    if tree.looped:
        problems.append(
            Problem(
                "region_loop",
                f"A loop of parents (a region that is its own ancestor) leaves "
                f"{listing(tree.looped)} without a tree to sum their figures up.",
                {"codes": list(tree.looped)},
            )
        )
    region_list = described.drop("conflicting").with_columns(
        pl.col("region_name").fill_null(pl.col("region_code"))
    )
    return region_list.sort("region_code"), tree


def check_clusters(
    grouping: pl.DataFrame, spec: TableSpec, problems: list[Problem]
) -> pl.DataFrame:
    """One row per cluster (code, name, traded); a cluster named or typed two ways is reported."""
    rows = grouping.filter(pl.col("cluster_code").is_not_null())
    clusters = rows.group_by("cluster_code", maintain_order=True).agg(
        pl.col("cluster_name").drop_nulls().first(),
        pl.col("traded").drop_nulls().first(),
        (
            (pl.col("cluster_name").drop_nulls().n_unique() > 1)
            | (pl.col("traded").drop_nulls().n_unique() > 1)
        ).alias("conflicting"),
    )
    conflicting = clusters.filter("conflicting").get_column("cluster_code").to_list()
    if conflicting:
        problems.append(
            Problem(
                "conflicting_clusters",
                f"In the {spec.title}, "
                f"{plural(len(conflicting), 'cluster has', 'clusters have')} different names or "
                f"different traded/local settings: {listing(conflicting)}.",
                {"count": len(conflicting), "codes": conflicting},
            )
        )
    return clusters.drop("conflicting").with_columns(
        pl.col("cluster_name").fill_null(pl.col("cluster_code"))
    )


def check_classification(classification: pl.DataFrame, problems: list[Problem]) -> pl.DataFrame:
    links = classification.select("industry_code", "cluster_code").drop_nulls().unique()
    doubled = (
        links.group_by("industry_code")
        .agg(pl.col("cluster_code").sort())
        .filter(pl.col("cluster_code").list.len() > 1)
        .sort("industry_code")
    )
    if doubled.height:
        shown = [
            f"{row['industry_code']} ({', '.join(row['cluster_code'])})"
            for row in doubled.to_dicts()
        ]
        problems.append(
            Problem(
                "conflicting_classification",
                f"{plural(doubled.height, 'industry code is', 'industry codes are')} assigned "
                f"to more than one cluster: {listing(shown)}.",
                {"count": doubled.height, "industries": doubled.head(100).to_dicts()},
            )
        )
    return links


def check_reference(
    covered: pl.DataFrame,
    years: list[int],
    regions: pl.DataFrame,
    tree: Hierarchy,
    reference: str,
    problems: list[Problem],
) -> None:
    """The reference needs figures in every year: its own, or its regions' to sum."""
    reference = (reference or "").strip()
    if not reference:
        problems.append(
            Problem(
                "missing_reference",
                "No reference region is given: name the region (the nation, the EU) that the "
                "others are compared with.",
                {"reference": ""},
            )
        )
        return
    if regions.filter(pl.col("region_code") == reference).is_empty():
        problems.append(
            Problem(
                "missing_reference",
                f"The reference region {reference} is not in the regions table.",
                {"reference": reference},
            )
        )
        return
    covered = covered.unique()
    while True:
        above = (
            covered.join(tree.links, left_on="region_code", right_on="child_code")
            .select(pl.col("parent_code").alias("region_code"), "year")
            .unique()
            .join(covered, on=["region_code", "year"], how="anti")
        )
        if above.is_empty():
            break
        covered = pl.concat([covered, above])
    present = set(covered.filter(pl.col("region_code") == reference).get_column("year"))
    lacking = [year for year in sorted(years) if year not in present]
    if lacking:
        problems.append(
            Problem(
                "missing_reference",
                f"The reference region {reference} has no figures for {listing(lacking)}, "
                "neither its own nor any of its regions' to sum.",
                {"reference": reference, "years": lacking},
            )
        )
