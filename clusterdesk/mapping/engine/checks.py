"""The checks the validation runs on tables already read into the engine's types: each appends
the problems it finds, in plain words, with counts, codes and examples in the details."""

from __future__ import annotations

from typing import Any

import polars as pl

from .aggregation import Hierarchy, hierarchy
from .inputs import MappingParameters, TableSpec
from .report import Problem, listing, number, plural
from .suppression import SIZE_CLASS_MIDPOINTS

EXAMPLES = 10


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


def check_size_classes(figures: pl.DataFrame, problems: list[Problem]) -> None:
    flagged = figures.filter(pl.col("employment_flag").is_not_null())
    unknown = flagged.filter(~pl.col("employment_flag").is_in(list(SIZE_CLASS_MIDPOINTS)))
    if unknown.height:
        letters = sorted(unknown.get_column("employment_flag").unique().to_list())
        problems.append(
            Problem(
                "unknown_size_classes",
                f"{plural(unknown.height, 'row carries', 'rows carry')} a size class that "
                f"County Business Patterns does not use ({listing(letters)}); the classes are "
                f"{', '.join(SIZE_CLASS_MIDPOINTS)}.",
                {"count": unknown.height, "classes": letters, "rows": rows_of(unknown)},
            )
        )
    blank = figures.filter(
        pl.col("employment").is_null() & pl.col("employment_flag").is_null() & ~pl.col("unreadable")
    )
    if blank.height:
        problems.append(
            Problem(
                "missing_employment",
                f"{plural(blank.height, 'row has', 'rows have')} neither employment nor a size "
                f"class (row {listing(rows_of(blank), limit=3)}).",
                {"count": blank.height, "rows": rows_of(blank)},
            )
        )


def check_unknown_codes(
    figures: pl.DataFrame,
    column: str,
    known: pl.DataFrame,
    parameters: MappingParameters,
    problems: list[Problem],
) -> None:
    """Industry codes the classification lacks (or cluster codes the cluster list lacks): how
    many, which, and how much employment they hold."""
    # one pass over the rows; the codes are few, the rows many
    per_code = figures.group_by(column).agg(
        pl.col("employment_imputed").sum().alias("employment"), pl.len().alias("rows")
    )
    by_code = (
        per_code.filter(pl.col(column).is_not_null())
        .join(known, left_on=column, right_on="code", how="anti")
        .sort(["employment", column], descending=[True, False])
    )
    if by_code.is_empty():
        return
    codes = sorted(by_code.get_column(column).to_list())
    rows = int(by_code.get_column("rows").sum())
    held = float(by_code.get_column("employment").sum())
    total = float(per_code.get_column("employment").sum())
    share = held / total if total else 0.0
    industry = column == "industry_code"
    what = "industry code" if industry else "cluster code"
    where = "the classification" if industry else "the cluster list"
    ignored = industry and parameters.ignore_unknown_industries
    problems.append(
        Problem(
            "unknown_industries" if industry else "unknown_clusters",
            f"{plural(len(codes), what + ' is', what + 's are')} not in {where}: "
            f"{listing(codes)}. {accounts(len(codes), held, rows)} "
            f"({share:.1%} of all employment)"
            + ("; they are left out of the mapping." if ignored else "."),
            {
                "count": len(codes),
                "codes": codes,
                "rows": rows,
                "employment": held,
                "share": share,
                "by_code": by_code.head(1000).to_dicts(),
            },
            blocking=not ignored,
        )
    )


def check_negative(figures: pl.DataFrame, problems: list[Problem]) -> None:
    negative = figures.filter(pl.col("employment") < 0)
    if negative.height:
        problems.append(
            Problem(
                "negative_employment",
                f"{plural(negative.height, 'row has', 'rows have')} negative employment "
                f"(e.g. {listing(described_rows(negative, 'employment'), limit=3)}).",
                {"count": negative.height, "examples": examples(negative)},
            )
        )
    for column in ("establishments", "annual_payroll"):
        below = figures.filter(pl.col(column) < 0)
        if below.height:
            problems.append(
                Problem(
                    "negative_values",
                    f"{plural(below.height, 'row has', 'rows have')} a negative {column} "
                    f"(e.g. {listing(described_rows(below, column), limit=3)}).",
                    {"column": column, "count": below.height, "examples": examples(below)},
                )
            )


def check_duplicates(
    figures: pl.DataFrame, keys: list[str], spec: TableSpec, problems: list[Problem]
) -> None:
    # a 64-bit hash of the keys finds the candidates cheaply; the exact keys confirm them
    candidates = figures.filter(pl.struct(keys).hash().is_duplicated())
    repeated = (
        candidates.filter(pl.struct(keys).is_duplicated())
        .group_by(keys)
        .agg(pl.len().alias("times"), pl.col("row").sort())
        .sort(keys)
    )
    if repeated.is_empty():
        return
    extra = int(repeated.get_column("times").sum()) - repeated.height
    what = keys[1].removesuffix("_code")
    shown = [
        f"region {row['region_code']}, {what} {row[keys[1]]}, {row['year']} "
        f"in rows {', '.join(f'{number:,}' for number in row['row'][:5])}"
        for row in repeated.head(3).to_dicts()
    ]
    problems.append(
        Problem(
            "duplicate_rows",
            f"{plural(extra, 'row repeats', 'rows repeat')} a region, {what} and year already "
            f"given in the {spec.title} (e.g. {listing(shown, limit=3)}).",
            {
                "count": extra,
                "keys": repeated.height,
                "examples": repeated.head(EXAMPLES).to_dicts(),
            },
        )
    )


def check_years(figures: pl.DataFrame, expected: int | None, problems: list[Problem]) -> None:
    if expected is None:
        return
    others = (
        figures.filter(pl.col("year").is_not_null() & (pl.col("year") != expected))
        .group_by("year")
        .agg(pl.len().alias("rows"))
        .sort("year")
    )
    if others.is_empty():
        return
    found = [f"{row['year']} ({plural(row['rows'], 'row')})" for row in others.to_dicts()]
    problems.append(
        Problem(
            "mixed_years",
            f"The data should hold {expected} only, but "
            f"{plural(int(others.get_column('rows').sum()), 'row is', 'rows are')} for other "
            f"years: {listing(found)}.",
            {"expected": expected, "found": others.to_dicts()},
        )
    )


def check_unknown_regions(
    figures: pl.DataFrame, regions: pl.DataFrame, spec: TableSpec, problems: list[Problem]
) -> None:
    by_code = (
        figures.group_by("region_code")
        .agg(pl.col("employment_imputed").sum().alias("employment"), pl.len().alias("rows"))
        .filter(pl.col("region_code").is_not_null())
        .join(regions, on="region_code", how="anti")
    )
    if by_code.is_empty():
        return
    rows = int(by_code.get_column("rows").sum())
    codes = sorted(by_code.get_column("region_code").to_list())
    held = float(by_code.get_column("employment").sum())
    problems.append(
        Problem(
            "unknown_regions",
            f"{plural(len(codes), 'region code', 'region codes')} in the {spec.title} "
            f"{'is' if len(codes) == 1 else 'are'} not in the regions table: {listing(codes)}. "
            f"{accounts(len(codes), held, rows)}.",
            {
                "count": len(codes),
                "codes": codes,
                "rows": rows,
                "employment": held,
                "by_code": by_code.sort("region_code").head(1000).to_dicts(),
            },
        )
    )


def check_reference(
    figures: pl.DataFrame,
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
    covered = figures.select("region_code", "year").drop_nulls().unique()
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
    years = figures.get_column("year").drop_nulls().unique().sort()
    present = covered.filter(pl.col("region_code") == reference).get_column("year")
    lacking = years.filter(~years.is_in(present.implode())).to_list()
    if lacking:
        problems.append(
            Problem(
                "missing_reference",
                f"The reference region {reference} has no figures for {listing(lacking)}, "
                "neither its own nor any of its regions' to sum.",
                {"reference": reference, "years": lacking},
            )
        )


def rows_of(frame: pl.DataFrame) -> list[int]:
    return frame.get_column("row").head(EXAMPLES).to_list()


def examples(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return frame.drop("employment_imputed", "unreadable").head(EXAMPLES).to_dicts()


def described_rows(frame: pl.DataFrame, column: str) -> list[str]:
    """ "row 5 (region 01, industry 311111, 2016): -4"."""
    what = "industry" if "industry_code" in frame.columns else "cluster"
    return [
        f"row {row['row']:,} (region {row['region_code']}, {what} {row[what + '_code']}, "
        f"{row['year']}): {number(row[column])}"
        for row in frame.head(3).to_dicts()
    ]


def accounts(codes: int, people: float, rows: int) -> str:
    """ "They account for 1,250 employees in 12 rows"."""
    who = "It accounts" if codes == 1 else "They account"
    return (
        f"{who} for {number(people)} employee{'' if people == 1 else 's'} in {plural(rows, 'row')}"
    )
