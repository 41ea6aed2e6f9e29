"""Small mapping inputs built from plain dictionaries, so a test reads as its figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

from clusterdesk.mapping.engine import ClusterInput, MappingInput, MappingResult

NATION = "N"
TRADED = ("T1", "T2", "T3")
LOCAL = ("L1", "L2")

CLUSTERS = pl.DataFrame(
    {
        "cluster_code": [*TRADED, *LOCAL],
        "cluster_name": ["Aerospace", "Apparel", "Automotive", "Local Food", "Local Health"],
        "traded": [True, True, True, False, False],
    }
)

Figures = Mapping[str, Mapping[str, float]]
"""region code → cluster code → employment."""


def regions(
    codes: Iterable[str], *, region_type: str = "state", parent: str | None = NATION
) -> list[dict]:
    return [
        {
            "region_code": code,
            "region_name": f"Region {code}",
            "region_type": region_type,
            "parent_code": parent,
        }
        for code in codes
    ]


def nation_row() -> dict:
    return {
        "region_code": NATION,
        "region_name": "Nation",
        "region_type": "nation",
        "parent_code": None,
    }


def regions_table(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "region_code": pl.String,
            "region_name": pl.String,
            "region_type": pl.String,
            "parent_code": pl.String,
        },
    )


def figures_table(
    employment: Figures,
    *,
    year: int = 2016,
    establishments: Mapping[str, Mapping[str, float]] | float | None = 10,
) -> pl.DataFrame:
    rows = []
    for region, clusters in employment.items():
        for cluster, people in clusters.items():
            if isinstance(establishments, Mapping):
                count = establishments.get(region, {}).get(cluster)
            else:
                count = establishments
            rows.append(
                {
                    "region_code": region,
                    "cluster_code": cluster,
                    "year": year,
                    "employment": people,
                    "establishments": count,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "region_code": pl.String,
            "cluster_code": pl.String,
            "year": pl.Int64,
            "employment": pl.Float64,
            "establishments": pl.Float64,
        },
    )


def cluster_input(
    employment: Figures,
    *,
    nation: Mapping[str, float],
    year: int = 2016,
    establishments: Mapping[str, Mapping[str, float]] | float | None = 10,
    region_rows: list[dict] | None = None,
) -> ClusterInput:
    """States under a nation (the reference) with figures of its own."""
    figures = figures_table(
        {**employment, NATION: nation}, year=year, establishments=establishments
    )
    return ClusterInput(
        figures=figures,
        clusters=CLUSTERS,
        regions=regions_table(region_rows or [*regions(employment), nation_row()]),
        reference=NATION,
    )


def row(result: MappingResult, region: str, cluster: str, year: int | None = None) -> dict:
    table = result.clusters.filter(
        (pl.col("region_code") == region) & (pl.col("cluster_code") == cluster)
    )
    if year is not None:
        table = table.filter(pl.col("year") == year)
    assert table.height == 1, table
    return table.row(0, named=True)


def region_row(result: MappingResult, region: str, year: int | None = None) -> dict:
    table = result.regions.filter(pl.col("region_code") == region)
    if year is not None:
        table = table.filter(pl.col("year") == year)
    assert table.height == 1, table
    return table.row(0, named=True)


def column(result: MappingResult, name: str, cluster: str) -> dict[str, object]:
    """region code → the column's value for one cluster."""
    table = result.clusters.filter(pl.col("cluster_code") == cluster)
    return dict(zip(table.get_column("region_code"), table.get_column(name), strict=True))


def lq_regions(
    lqs: Mapping[str, float],
    *,
    establishments: Mapping[str, float] | None = None,
    totals: Mapping[str, float] | None = None,
) -> ClusterInput:
    """States whose LQ in traded cluster T1 is given: the nation holds 10 % of its traded
    employment in T1, each state 1,000 traded jobs (or ``totals``), of which 100 × LQ in T1."""
    employment: dict[str, dict[str, float]] = {}
    for region, lq in lqs.items():
        total = (totals or {}).get(region, 1000.0)
        in_t1 = total * 0.1 * lq
        employment[region] = {"T1": in_t1, "T2": total - in_t1, "L1": 500.0}
    counts = {
        region: {"T1": (establishments or {}).get(region, 10.0), "T2": 10.0, "L1": 10.0}
        for region in lqs
    }
    return cluster_input(
        employment,
        nation={"T1": 10_000.0, "T2": 90_000.0, "L1": 50_000.0},
        establishments=counts,
    )


def industry_input(
    rows: list[dict], *, region_rows: list[dict], reference: str = NATION, year: int | None = None
) -> MappingInput:
    """Industry rows (region_code, industry_code, employment, employment_flag, …) for 2016
    unless they say otherwise, classified with the shipped NAICS 2012 classification."""
    from clusterdesk.mapping.engine import naics2012_classification

    table = pl.DataFrame(
        [{"year": 2016, "employment_flag": None, **values} for values in rows],
        schema_overrides={
            "region_code": pl.String,
            "industry_code": pl.String,
            "employment_flag": pl.String,
            "employment": pl.Float64,
        },
    )
    return MappingInput(
        employment=table,
        classification=naics2012_classification(),
        regions=regions_table(region_rows),
        reference=reference,
        year=year,
    )
