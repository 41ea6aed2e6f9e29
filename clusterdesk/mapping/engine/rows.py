"""The statistics table, read, checked and summed into clusters one year at a time.

The table is the one large input: County Business Patterns for U.S. counties hold 3,221
counties × 978 industries, 3.15 million rows a year. Held whole, with its text codes and a copy
for each check, ten years took 42 s and 8.6 GB. Here the rows are split by year and each year is
read on its own — from a DataFrame, or from a LazyFrame such as ``pl.scan_parquet(...)`` whose
filter on the year reaches the file, so only that year's row groups are read. A year's codes are
matched against the known regions and industries as enums (small integers), so the checks, the
duplicate test and the sums are integer work; the year then leaves only its small per-cluster
sums (3,221 × 67 rows) and what its checks found. ``Findings`` merges what the years found —
counts added, the first examples by row number kept — so the report reads as if the table had
been checked whole. A repeated region, industry and year is always within one year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from .aggregation import MEASURES, known_sum
from .findings import Findings
from .inputs import EMPLOYMENT_TABLE, Column, TableSpec, converted
from .suppression import SIZE_CLASS_MIDPOINTS, imputed_employment

ROW = "__row"
"""The row number (1 for the first data row) while a year is read; ``row`` once read."""

SIZE_CLASSES = list(SIZE_CLASS_MIDPOINTS)


@dataclass(frozen=True)
class Rules:
    """What the rows are read and checked against."""

    spec: TableSpec
    code: str
    """"industry_code" or "cluster_code"."""
    regions: list[str]
    """The regions table's codes."""
    codes: list[str]
    """The classification's industry codes, or the cluster list's codes (as ``clusters``)."""
    clusters: list[str]
    """Cluster codes in their order (``aggregation.cluster_order``); ``cluster_of_code``
    points into it."""
    cluster_of_code: list[int | None] | None
    """For industry rows: the cluster of each of ``codes`` (by position in ``clusters``)."""
    expected_year: int | None
    ignore_unknown_codes: bool
    summing: bool
    """Sum each year into clusters (``compute``); ``validate`` only checks."""

    @property
    def industry_level(self) -> bool:
        return self.cluster_of_code is not None


def table_columns(frame: pl.DataFrame | pl.LazyFrame) -> list[str]:
    # asked of a clone: once a LazyFrame has resolved its own schema, Polars (2.1) no longer
    # pushes the row index and the year's filter into a Parquet scan, and every year would
    # read the whole file
    return frame.clone().collect_schema().names()


def read_rows(
    frame: pl.DataFrame | pl.LazyFrame,
    rules: Rules,
    found: Findings,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[pl.DataFrame]:
    """Read and check every year of the table into ``found``; return each year's cluster
    figures (region_code, cluster_code, year and ``MEASURES``) while no blocking problem has
    turned up and ``rules.summing`` asks for them. ``progress`` hears the share of the years
    read before each year after the first."""
    source = frame.lazy().with_row_index(ROW, offset=1)
    schema = source.collect_schema()
    present = [column.name for column in rules.spec.columns if column.name in schema]
    chunks = year_chunks(source, schema["year"])
    sums: list[pl.DataFrame] = []
    for index, (year, selection) in enumerate(chunks):
        if index and progress is not None:
            progress(index / len(chunks))
        # a year's rows all have that year: the column is only read where it is unreadable
        columns = [name for name in present if name != "year" or year is None]
        raw = source.filter(selection).select(ROW, *columns).collect()
        if len(set(raw.n_chunks("all"))) > 1:
            raw = raw.rechunk()  # else every select would realign the pieces again
        rows = read_year(raw, year, rules, found)
        del raw
        rows = rows.with_columns(imputed(rows).alias("employment_imputed"))
        check_year(rows, year, rules, found)
        if rules.summing and not found.refuses(rules.expected_year, rules.ignore_unknown_codes):
            sums.append(year_sums(rows, year, rules))
    return sums


def year_chunks(source: pl.LazyFrame, dtype: pl.DataType) -> list[tuple[int | None, pl.Expr]]:
    """The years in the table, in order, each with the filter that selects its rows (the
    values written for it: "2016" and " 2016 " are both 2016); last, the rows whose year is
    missing or unreadable, if any."""
    written = source.group_by("year").agg(pl.len().alias("rows")).collect()
    written = written.with_columns(converted(Column("year", "year"), dtype).alias("value"))
    chunks: list[tuple[int | None, pl.Expr]] = []
    readable = written.filter(pl.col("value").is_not_null())
    for year in sorted(readable.get_column("value").unique().to_list()):
        values = readable.filter(pl.col("value") == year).get_column("year")
        chunks.append((year, pl.col("year").is_in(values.implode())))
    if written.get_column("value").null_count():
        chunks.append(
            (
                None,
                pl.col("year").is_null()
                | ~pl.col("year").is_in(readable.get_column("year").implode()),
            )
        )
    return chunks


def read_year(raw: pl.DataFrame, year: int | None, rules: Rules, found: Findings) -> pl.DataFrame:
    """One year's rows in the engine's types, with ``row`` and ``unreadable`` (the row holds a
    value that could not be read). Codes become enums of the known codes followed by the
    unknown ones this year holds; values that cannot be read and required values left empty
    go to ``found``."""
    spec = rules.spec
    height = raw.height
    row = raw.get_column(ROW)
    categories = {
        "region_code": rules.regions,
        rules.code: rules.codes,
        "employment_flag": SIZE_CLASSES,
    }
    columns: dict[str, pl.Series] = {"row": row}
    lost: dict[str, pl.Series] = {}
    for column in spec.columns:
        name = column.name
        original = raw.get_column(name) if name in raw.columns else None
        if column.kind == "code":
            columns[name] = enum_codes(raw, column, categories[name], height)
        elif column.kind == "year":
            if year is not None:
                columns[name] = pl.repeat(year, height, dtype=pl.Int32, eager=True)
            else:
                columns[name] = pl.repeat(None, height, dtype=pl.Int32, eager=True)
                if original is not None:
                    lost[name] = given(original)
        elif original is None:
            columns[name] = pl.repeat(None, height, dtype=pl.Float64, eager=True)
        else:
            value = raw.select(converted(column, original.dtype)).to_series()
            if not original.dtype.is_numeric():  # a number type always reads
                lost[name] = given(original) & value.is_null()
            columns[name] = value
    rows = pl.DataFrame([series.alias(name) for name, series in columns.items()])
    unreadable = pl.repeat(False, height, dtype=pl.Boolean, eager=True)
    for name, mask in lost.items():
        if mask.any():
            found.unreadable_value(name, raw.filter(mask).select(ROW, name))
            unreadable = unreadable | mask
    for column in spec.columns:
        # a blank employment with a size class is a withheld cell, checked with the classes
        if not column.required or (column.name == "employment" and spec is EMPLOYMENT_TABLE):
            continue
        empty = rows.get_column(column.name).is_null()
        if column.name in lost:
            empty = empty & ~lost[column.name]
        if empty.any():
            found.missing_value(column.name, row.filter(empty))
    return rows.with_columns(unreadable.alias("unreadable"))


def given(original: pl.Series) -> pl.Series:
    """Whether a value was written at all (text that is not blank)."""
    if original.dtype == pl.String:
        return original.str.strip_chars().fill_null("") != ""
    return original.is_not_null()


def enum_codes(raw: pl.DataFrame, column: Column, known: list[str], height: int) -> pl.Series:
    """The codes as an enum of ``known`` followed by the unknown codes found (sorted). A code
    written exactly as known is matched at once; otherwise every code is read as the engine
    reads codes (trimmed, blank as missing, 1.0 as "1", size classes upper-cased)."""
    if column.name not in raw.columns:
        return pl.repeat(None, height, dtype=pl.Enum(known), eager=True).alias(column.name)
    original = raw.get_column(column.name)
    if original.dtype == pl.String:
        fast = original.cast(pl.Enum(known), strict=False)
        if fast.null_count() == original.null_count():
            return fast
    cleaned = raw.select(converted(column, original.dtype)).to_series()
    unknown = set(cleaned.drop_nulls().unique().to_list()) - set(known)
    return cleaned.cast(pl.Enum([*known, *sorted(unknown)]))


def category_count(series: pl.Series) -> int:
    """How many codes the enum has: the known ones, then those found."""
    return len(series.dtype.categories)  # type: ignore[attr-defined]


def unknown_mask(series: pl.Series, known: list[str]) -> pl.Series | None:
    """Rows whose code is not known; None when the year holds no unknown code."""
    if category_count(series) == len(known):
        return None
    mask = series.to_physical() >= len(known)
    return mask if mask.any() else None


def imputed(rows: pl.DataFrame) -> pl.Series:
    """The employment with withheld cells at their size class's midpoint."""
    if "employment_flag" not in rows.columns:
        return rows.get_column("employment")
    flag = rows.get_column("employment_flag")
    letters = flag.dtype.categories.to_list()  # type: ignore[attr-defined]
    midpoints = pl.Series(
        [SIZE_CLASS_MIDPOINTS.get(letter) for letter in letters], dtype=pl.Float64
    )
    by_position = pl.lit(midpoints).gather(pl.col("employment_flag").to_physical())
    return rows.select(
        imputed_employment(pl.col("employment"), pl.col("employment_flag"), by_position)
    ).to_series()


def as_text(rows: pl.DataFrame, spec: TableSpec) -> pl.DataFrame:
    """Rows as the report shows them: codes as text, the row number, the spec's columns."""
    return rows.select(
        pl.col("row").cast(pl.Int64),
        *(
            pl.col(column.name).cast(pl.String) if column.kind == "code" else pl.col(column.name)
            for column in spec.columns
        ),
    )


def check_year(rows: pl.DataFrame, year: int | None, rules: Rules, found: Findings) -> None:
    """What the checks of the rows find in the year, into ``found``."""
    spec, code = rules.spec, rules.code
    found.employment += float(rows.get_column("employment_imputed").sum())
    if rules.industry_level:
        flag = rows.get_column("employment_flag")
        odd = unknown_mask(flag, SIZE_CLASSES)
        if odd is not None:
            found.unknown_size_classes(
                rows.filter(odd).select(pl.col("row"), pl.col("employment_flag").cast(pl.String))
            )
        blank = rows.select(
            pl.col("employment").is_null()
            & pl.col("employment_flag").is_null()
            & ~pl.col("unreadable")
        ).to_series()
        if blank.any():
            found.missing_employment.add(rows.get_column("row").filter(blank))
    found.unknown_codes.extend(unknown_totals(rows, code, rules.codes))
    for name in ("employment", "establishments", "annual_payroll"):
        below = rows.get_column(name) < 0
        if below.any():
            found.negative_value(name, as_text(rows.filter(below), spec))
    check_duplicates(rows, year, rules, found)
    if year is not None:
        found.years[year] = found.years.get(year, 0) + rows.height
        present = rows.select(pl.col("region_code").drop_nulls().unique().cast(pl.String))
        found.covered.append(present.with_columns(pl.lit(year, dtype=pl.Int32).alias("year")))
    found.unknown_regions.extend(unknown_totals(rows, "region_code", rules.regions))


def unknown_totals(rows: pl.DataFrame, name: str, known: list[str]) -> list[pl.DataFrame]:
    """The year's unknown codes of a column with their employment and rows."""
    mask = unknown_mask(rows.get_column(name), known)
    if mask is None:
        return []
    return [
        rows.filter(mask)
        .group_by(pl.col(name).cast(pl.String))
        .agg(
            pl.col("employment_imputed").sum().alias("employment"),
            pl.len().cast(pl.Int64).alias("rows"),
        )
    ]


def check_duplicates(rows: pl.DataFrame, year: int | None, rules: Rules, found: Findings) -> None:
    """A region and code given twice in the year (the year is part of the key, so a repeat is
    always within one year). Codes as one integer, sorted, find whether there is any; only
    then are the repeated keys listed."""
    region, code = rows.get_column("region_code"), rows.get_column(rules.code)
    width = category_count(code) + 1
    key = region.to_physical().cast(pl.UInt64).fill_null(category_count(region)) * width + (
        code.to_physical().cast(pl.UInt64).fill_null(width - 1)
    )
    ordered = np.sort(key.to_numpy())
    if not (ordered[1:] == ordered[:-1]).any():
        return
    keys = ["region_code", rules.code, "year"]
    repeated = (
        as_text(rows.filter(key.is_duplicated()), rules.spec)
        .group_by(keys)
        .agg(pl.len().alias("times"), pl.col("row").sort())
        .sort(keys)
    )
    found.duplicates(repeated)


def year_sums(rows: pl.DataFrame, year: int | None, rules: Rules) -> pl.DataFrame:
    """The year's figures per region × cluster: imputed and reported employment,
    establishments and payroll (industries without a cluster left out). Regions are an enum of
    the regions table's codes, clusters an enum of the cluster codes in their order."""
    regions, clusters = pl.Enum(rules.regions), pl.Enum(rules.clusters)
    employment = pl.col("employment")
    if rules.cluster_of_code is None:
        return rows.select(
            pl.col("region_code").cast(regions),
            pl.col(rules.code).cast(clusters),
            "year",
            employment,
            pl.col("employment_reported").fill_null(employment),
            "establishments",
            "annual_payroll",
        )
    code = rows.get_column(rules.code)
    extra = category_count(code) - len(rules.codes)
    cluster_of = pl.Series([*rules.cluster_of_code, *([None] * extra)], dtype=pl.UInt32)
    width = len(rules.clusters)
    # one integer per region × cluster groups faster than the two columns
    cell = pl.col("region_code").to_physical().cast(pl.UInt32) * width + pl.lit(cluster_of).gather(
        pl.col(rules.code).to_physical()
    )
    return (
        rows.lazy()
        .select(
            cell.alias("cell"),
            pl.col("employment_imputed").alias("employment"),
            employment.fill_null(0).alias("employment_reported"),
            "establishments",
            "annual_payroll",
        )
        .filter(pl.col("cell").is_not_null())
        .group_by("cell")
        .agg(known_sum(name) for name in MEASURES)
        .select(
            pl.lit(pl.Series(rules.regions, dtype=regions))
            .gather(pl.col("cell") // width)
            .alias("region_code"),
            pl.lit(pl.Series(rules.clusters, dtype=clusters))
            .gather(pl.col("cell") % width)
            .alias("cluster_code"),
            pl.lit(year, dtype=pl.Int32).alias("year"),
            *MEASURES,
        )
        .collect()
    )
