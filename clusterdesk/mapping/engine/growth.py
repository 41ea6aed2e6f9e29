"""Growth of employment between years: the change in people employed and the compound annual
growth rate, (end / start) ^ (1 / years) − 1 — empty where the start is 0 or unknown."""

from __future__ import annotations

import polars as pl


def annual_growth_rate(start: pl.Expr, end: pl.Expr, years: pl.Expr) -> pl.Expr:
    return pl.when((start > 0) & (years > 0)).then((end / start) ** (1 / years) - 1)


def with_growth(
    frame: pl.DataFrame, earlier: pl.DataFrame | None, keys: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One year's ``frame`` with ``previous_year`` (the latest earlier year in the data for
    the same keys), ``employment_change`` and ``growth_rate`` (per year) since then.

    ``earlier`` holds for each key its latest earlier year and employment (None before the
    first year); it is returned brought up to this year, for the next. Years are taken in
    order, so no table of all the years is ever sorted."""
    latest = frame.select(*keys, "year", "employment")
    if earlier is None:
        earlier = latest.clear()
    before = earlier.rename({"year": "previous_year", "employment": "previous_employment"})
    start, end = pl.col("previous_employment"), pl.col("employment")
    grown = (
        frame.join(before, on=keys, how="left")
        .with_columns(
            (end - start).alias("employment_change"),
            annual_growth_rate(start, end, pl.col("year") - pl.col("previous_year")).alias(
                "growth_rate"
            ),
        )
        .drop("previous_employment")
    )
    return grown, pl.concat([earlier.join(latest, on=keys, how="anti"), latest])


def growth_between(
    table: pl.DataFrame, start_year: int, end_year: int, *, keys: list[str] | None = None
) -> pl.DataFrame:
    """From a result table (``MappingResult.clusters`` or ``.regions``), one row per region
    (× cluster) present in both years: employment at the start and the end, the change, and
    the compound annual growth rate over the ``end_year − start_year`` years."""
    if end_year <= start_year:
        raise ValueError("the end year must come after the start year")
    if keys is None:
        keys = (
            ["region_code", "cluster_code"] if "cluster_code" in table.columns else ["region_code"]
        )
    start = table.filter(pl.col("year") == start_year).select(
        *keys, pl.col("employment").alias("employment_start")
    )
    end = table.filter(pl.col("year") == end_year)
    labels = [
        c for c in ("region_name", "region_type", "cluster_name", "traded") if c in end.columns
    ]
    return (
        end.select(*keys, *labels, pl.col("employment").alias("employment_end"))
        .join(start, on=keys, how="inner")
        .with_columns(
            pl.lit(start_year, dtype=pl.Int32).alias("start_year"),
            pl.lit(end_year, dtype=pl.Int32).alias("end_year"),
            (pl.col("employment_end") - pl.col("employment_start")).alias("employment_change"),
            annual_growth_rate(
                pl.col("employment_start"),
                pl.col("employment_end"),
                pl.lit(end_year - start_year),
            ).alias("growth_rate"),
        )
        .select(
            *keys,
            *labels,
            "start_year",
            "end_year",
            "employment_start",
            "employment_end",
            "employment_change",
            "growth_rate",
        )
        .sort(keys)
    )
