"""The cluster mapping rules written the straightforward way in pandas, for the benchmark's
comparison (issue 6): what a competent analyst writes with ``merge``, ``groupby``,
``transform`` and ``quantile``, neither made slow on purpose nor tuned.

The same rules as the engine (SPEC.md, "Statistical cluster mapping rules"): withheld cells at
their size class's midpoint; industries summed into clusters; regions without figures of their
own summed from their children, level by level; every cluster for every region × year; location
quotients on the traded or local base against the reference's own figures; the four U.S.
Cluster Mapping flags with linear-interpolation quantiles per year, region type and cluster over
the regions holding the cluster, above P25 of employment and establishments; the three European
Cluster Observatory stars; growth since the previous year; each region's cluster strength. It
checks what a careful analyst would check before trusting the numbers (unknown codes, unknown
regions, repeated rows, negative figures, unknown size classes, blank cells, the reference in
every year) and refuses the data if any of it is wrong.

pandas reads Parquet through pyarrow, which ClusterDesk does not install: ``read`` takes the
file's columns from Polars' reader as NumPy arrays, and the benchmark times that apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import polars as pl

MIDPOINTS = {
    "A": 10,
    "B": 60,
    "C": 175,
    "E": 375,
    "F": 750,
    "G": 1_750,
    "H": 3_750,
    "I": 7_500,
    "J": 17_500,
    "K": 37_500,
    "L": 75_000,
    "M": 100_000,
}
MEASURES = ["employment", "employment_reported", "establishments", "annual_payroll"]
FLAG_KEYS = ["year", "region_type", "cluster_code"]
STAR_KEYS = ["year", "region_type"]


class BadInput(ValueError):
    pass


@dataclass
class PandasResult:
    clusters: pd.DataFrame
    regions: pd.DataFrame


def read(path: Path | str) -> pd.DataFrame:
    """A Parquet file as a pandas DataFrame (through Polars' reader: see the module's note)."""
    frame = pl.read_parquet(path)
    return pd.DataFrame({name: frame.get_column(name).to_numpy() for name in frame.columns})


def read_classification(path: Path | str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str)
    table = table.rename(columns={"naics2012": "industry_code"})
    table["traded"] = table["traded"].str.upper().eq("TRUE")
    return table[["industry_code", "cluster_code", "cluster_name", "traded"]]


def check(
    employment: pd.DataFrame,
    classification: pd.DataFrame,
    regions: pd.DataFrame,
    reference: str,
) -> None:
    problems = []
    unknown = ~employment["industry_code"].isin(classification["industry_code"])
    if unknown.any():
        problems.append(f"{unknown.sum()} rows with industry codes not in the classification")
    known_regions = regions["region_code"].unique()
    outside = ~employment["region_code"].isin(known_regions)
    if outside.any():
        problems.append(f"{outside.sum()} rows with region codes not in the regions table")
    repeated = employment.duplicated(["region_code", "industry_code", "year"])
    if repeated.any():
        problems.append(f"{repeated.sum()} repeated rows")
    for name in ("employment", "establishments", "annual_payroll"):
        if (employment[name] < 0).any():
            problems.append(f"negative {name}")
    flags = employment["employment_flag"]
    if (flags.notna() & ~flags.isin(list(MIDPOINTS))).any():
        problems.append("unknown size classes")
    if (employment["employment"].isna() & flags.isna()).any():
        problems.append("rows without employment or size class")
    if reference not in set(known_regions):
        problems.append("the reference is not a region")
    if problems:
        raise BadInput("; ".join(problems))


def heights(regions: pd.DataFrame) -> dict[str, int]:
    """0 for a region without children, else one more than its highest child."""
    links = regions.dropna(subset=["parent_code"])
    children = links.groupby("parent_code")["region_code"].agg(list).to_dict()
    found: dict[str, int] = {}

    def height(code: str) -> int:
        if code not in found:
            below = [height(child) for child in children.get(code, [])]
            found[code] = 1 + max(below) if below else 0
        return found[code]

    for code in regions["region_code"].unique():
        height(code)
    return found


def roll_up(figures: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Regions without figures of their own in a year summed from their children."""
    links = regions.dropna(subset=["parent_code"])[["region_code", "parent_code"]].drop_duplicates()
    level = heights(regions)
    own = figures[["region_code", "year"]].drop_duplicates()
    layers = [figures.assign(source="own")]
    for height in sorted(set(level.values()) - {0}):
        parents = [code for code, value in level.items() if value == height]
        step = links[links["parent_code"].isin(parents)]
        summed = (
            pd.concat(layers)
            .merge(step, on="region_code")
            .groupby(["parent_code", "cluster_code", "year"], as_index=False)[MEASURES]
            .sum(min_count=1)
            .rename(columns={"parent_code": "region_code"})
        )
        summed = summed.merge(own, on=["region_code", "year"], how="left", indicator=True)
        summed = summed[summed["_merge"] == "left_only"].drop(columns="_merge")
        layers.append(summed.assign(source="aggregated"))
    return pd.concat(layers, ignore_index=True)


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0)


def map_clusters(
    employment: pd.DataFrame,
    classification: pd.DataFrame,
    regions: pd.DataFrame,
    reference: str,
    *,
    size_top: float = 0.10,
    specialisation_lq: float = 2.0,
    focus_top: float = 0.10,
) -> PandasResult:
    check(employment, classification, regions, reference)
    rows = employment.copy()
    midpoint = rows["employment_flag"].map(MIDPOINTS)
    withheld = rows["employment"].fillna(0).eq(0) & rows["employment_flag"].notna()
    rows["employment_reported"] = rows["employment"].fillna(0)
    rows["employment"] = rows["employment"].where(~withheld, midpoint)

    # industries → clusters, counties → states, metro areas and the nation
    clusters = classification.drop_duplicates("cluster_code")[
        ["cluster_code", "cluster_name", "traded"]
    ]
    rows = rows.merge(classification[["industry_code", "cluster_code"]], on="industry_code")
    figures = rows.groupby(["region_code", "cluster_code", "year"], as_index=False)[MEASURES].sum(
        min_count=1
    )
    figures = roll_up(figures, regions)

    # every cluster in every region × year
    described = regions.drop_duplicates("region_code")[
        ["region_code", "region_name", "region_type"]
    ]
    region_years = figures[["region_code", "year", "source"]].drop_duplicates()
    grid = region_years.merge(clusters, how="cross").merge(
        figures.drop(columns="source"), on=["region_code", "cluster_code", "year"], how="left"
    )
    grid[MEASURES] = grid[MEASURES].fillna(0)
    grid = grid.merge(described, on="region_code", how="left")
    grid["is_reference"] = grid["region_code"].eq(reference)

    # location quotients on the traded or local base against the reference's own figures
    by_region = grid.groupby(["year", "region_code"])
    grid["total"] = by_region["employment"].transform("sum")
    grid["traded_employment"] = grid["employment"].where(grid["traded"], 0)
    grid["local_employment"] = grid["employment"].where(~grid["traded"], 0)
    by_region = grid.groupby(["year", "region_code"])
    grid["traded_base"] = by_region["traded_employment"].transform("sum")
    grid["local_base"] = by_region["local_employment"].transform("sum")
    grid["base"] = grid["traded_base"].where(grid["traded"], grid["local_base"])
    nation = grid.loc[grid["is_reference"], ["year", "cluster_code", "employment", "base", "total"]]
    nation = nation.rename(
        columns={"employment": "nation_employment", "base": "nation_base", "total": "nation_total"}
    )
    grid = grid.merge(nation, on=["year", "cluster_code"], how="left")
    grid["region_share"] = ratio(grid["employment"], grid["base"])
    grid["national_share"] = ratio(grid["employment"], grid["nation_employment"])
    grid["total_share"] = ratio(grid["employment"], grid["total"])
    grid["lq"] = ratio(grid["region_share"], ratio(grid["nation_employment"], grid["nation_base"]))
    grid["lq_total"] = ratio(
        grid["total_share"], ratio(grid["nation_employment"], grid["nation_total"])
    )

    # U.S. Cluster Mapping flags
    compared = ~grid["is_reference"]
    present = compared & grid["employment"].gt(0)
    held = grid[present].groupby(FLAG_KEYS)
    thresholds = pd.DataFrame(
        {
            "p25_employment": held["employment"].quantile(0.25),
            "p25_establishments": held["establishments"].quantile(0.25),
            "p25_lq": held["lq"].quantile(0.25),
            "p50_lq": held["lq"].quantile(0.50),
            "p75_lq": held["lq"].quantile(0.75),
            "p90_lq": held["lq"].quantile(0.90),
        }
    ).reset_index()
    grid = grid.merge(thresholds, on=FLAG_KEYS, how="left")
    large_enough = (
        present
        & grid["employment"].gt(grid["p25_employment"])
        & (
            grid["p25_establishments"].isna()
            | grid["establishments"].gt(grid["p25_establishments"])
        )
    )
    lq = grid["lq"]
    rules = {
        "qualifying": lq.gt(grid["p25_lq"]),
        "significant": lq.gt(grid["p50_lq"]),
        "strong": lq.ge(grid["p75_lq"]) & lq.ge(1),
        "strong10": lq.ge(grid["p90_lq"]) & lq.ge(1),
    }
    grid["large_enough"] = large_enough.astype("boolean").where(compared)
    for name, rule in rules.items():
        applies = compared & grid["traded"] if name == "strong10" else compared
        grid[name] = (large_enough & rule).astype("boolean").where(applies)

    # European Cluster Observatory stars
    star_groups = grid[present].groupby(STAR_KEYS)
    stars = pd.DataFrame(
        {
            "size_employment": star_groups["employment"].quantile(1 - size_top),
            "focus_share": star_groups["total_share"].quantile(1 - focus_top),
        }
    ).reset_index()
    grid = grid.merge(stars, on=STAR_KEYS, how="left")
    star_rules = {
        "size_star": grid["employment"].ge(grid["size_employment"]),
        "specialisation_star": grid["lq_total"].ge(specialisation_lq),
        "focus_star": grid["total_share"].ge(grid["focus_share"]),
    }
    for name, rule in star_rules.items():
        grid[name] = (present & rule).astype("boolean").where(compared)
    grid["stars"] = sum(grid[name].astype("Int64") for name in star_rules)

    # growth since the previous year in the data
    grid = grid.sort_values(["region_code", "cluster_code", "year"])
    earlier = grid.groupby(["region_code", "cluster_code"])
    grid["previous_year"] = earlier["year"].shift(1)
    previous = earlier["employment"].shift(1)
    grid["employment_change"] = grid["employment"] - previous
    grid["growth_rate"] = (grid["employment"] / previous.where(previous > 0)) ** (
        1 / (grid["year"] - grid["previous_year"])
    ) - 1
    grid["average_wage"] = ratio(grid["annual_payroll"], grid["employment_reported"])

    # regions: totals and cluster strength
    grid["strong_traded"] = grid["strong"].fillna(False).astype(bool) & grid["traded"]
    grid["strong_employment"] = grid["employment"].where(grid["strong_traded"], 0)
    summary = grid.groupby(["year", "region_code"], as_index=False).agg(
        employment=("employment", "sum"),
        traded_employment=("traded_employment", "sum"),
        strong_clusters=("strong_traded", "sum"),
        strong_employment=("strong_employment", "sum"),
        is_reference=("is_reference", "first"),
    )
    summary["cluster_strength"] = ratio(
        summary["strong_employment"], summary["traded_employment"]
    ).where(~summary["is_reference"])
    columns = [
        "year",
        "region_code",
        "region_name",
        "region_type",
        "cluster_code",
        "traded",
        "employment",
        "lq",
        "lq_total",
        "large_enough",
        "qualifying",
        "significant",
        "strong",
        "strong10",
        "size_star",
        "specialisation_star",
        "focus_star",
        "stars",
        "previous_year",
        "employment_change",
        "growth_rate",
        "average_wage",
    ]
    return PandasResult(grid[columns].reset_index(drop=True), summary)
