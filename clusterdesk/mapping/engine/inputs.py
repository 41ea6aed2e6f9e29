"""What the mapping engine takes: statistics by region, the classification of their industries
into clusters, the regions with their type and parent, and the reference region.

Two levels of input reach the same computation:
- ``MappingInput``: a long table of region × industry code × year (County Business Patterns
  style, suppressed cells carried by a size-class letter) and a classification of industry
  codes into clusters;
- ``ClusterInput``: figures already summed per region × cluster × year (a published table, or
  a statistics office's own cluster series) and the list of clusters.

Tables are Polars DataFrames (the statistics may also be a LazyFrame) with the columns named
in the ``*_TABLE`` specifications below. Codes are text (leading zeros matter: "01" is
Alabama); numbers may arrive as text, as they do from a CSV file, and are converted by the
validation, which reports what it cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

Kind = Literal["code", "text", "year", "number", "bool"]

TRUE_WORDS = ("true", "t", "yes", "y", "1", "traded")
FALSE_WORDS = ("false", "f", "no", "n", "0", "local")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    """A table's columns; ``title`` names the table in messages to a person."""

    title: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


EMPLOYMENT_TABLE = TableSpec(
    "employment table",
    (
        Column("region_code", "code"),
        Column("industry_code", "code"),
        Column("year", "year"),
        Column("employment", "number"),
        Column("employment_flag", "code", required=False),
        Column("establishments", "number", required=False),
        Column("annual_payroll", "number", required=False),
    ),
)
"""``employment`` is the published figure (empty or 0 where suppressed); ``employment_flag``
the County Business Patterns size class (A…M) of a suppressed cell."""

CLASSIFICATION_TABLE = TableSpec(
    "classification",
    (
        Column("industry_code", "code"),
        Column("cluster_code", "code"),
        Column("cluster_name", "text", required=False),
        Column("traded", "bool"),
        Column("industry_name", "text", required=False),
    ),
)

CLUSTER_FIGURES_TABLE = TableSpec(
    "cluster figures",
    (
        Column("region_code", "code"),
        Column("cluster_code", "code"),
        Column("year", "year"),
        Column("employment", "number"),
        Column("employment_reported", "number", required=False),
        Column("establishments", "number", required=False),
        Column("annual_payroll", "number", required=False),
    ),
)
"""``employment`` is already imputed; ``employment_reported`` (the published part) defaults to
it."""

CLUSTERS_TABLE = TableSpec(
    "cluster list",
    (
        Column("cluster_code", "code"),
        Column("cluster_name", "text", required=False),
        Column("traded", "bool"),
    ),
)

REGIONS_TABLE = TableSpec(
    "regions table",
    (
        Column("region_code", "code"),
        Column("region_name", "text", required=False),
        Column("region_type", "code"),
        Column("parent_code", "code", required=False),
    ),
)
"""One row per region and parent: a county in a state and a metro area is listed twice, once
with each parent. ``region_type`` groups the regions compared with each other (county, state,
msa, nation; nuts3, nuts2, country…)."""


@dataclass(frozen=True)
class MappingInput:
    """Industry-level statistics. ``year``, when given, is the one year the data must hold.

    ``employment`` may be a LazyFrame, such as ``pl.scan_parquet(path)``: the engine reads it
    a year at a time (the year's filter reaches the file), so a national series of ten years
    never sits in memory whole."""

    employment: pl.DataFrame | pl.LazyFrame
    classification: pl.DataFrame
    regions: pl.DataFrame
    reference: str
    year: int | None = None


@dataclass(frozen=True)
class ClusterInput:
    """Figures already summed per region × cluster × year, and the clusters they name
    (``figures`` may be a LazyFrame, as ``MappingInput.employment``)."""

    figures: pl.DataFrame | pl.LazyFrame
    clusters: pl.DataFrame
    regions: pl.DataFrame
    reference: str
    year: int | None = None


@dataclass(frozen=True)
class MappingParameters:
    """Settings of the rules. The flag quantiles are the U.S. Cluster Mapping Project's and
    fixed; the European Cluster Observatory's star thresholds are settings."""

    size_star_top_share: float = 0.10
    """Size star: employment in this top share of the regional clusters of a region type."""
    specialisation_star_lq: float = 2.0
    """Specialisation star: LQ against the total (not traded/local) reference at least this."""
    focus_star_top_share: float = 0.10
    """Focus star: the cluster's share of the region's employment in this top share."""
    ignore_unknown_industries: bool = False
    """Leave out rows whose industry code the classification lacks (reported as a warning)
    instead of refusing the data."""

    def __post_init__(self) -> None:
        for name in ("size_star_top_share", "focus_star_top_share"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name} must be above 0 and at most 1")
        if self.specialisation_star_lq <= 0:
            raise ValueError("specialisation_star_lq must be above 0")


def blank_to_null(expression: pl.Expr) -> pl.Expr:
    stripped = expression.cast(pl.String).str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def converted(column: Column, dtype: pl.DataType) -> pl.Expr:
    """The column in the engine's type; a value that cannot be read becomes null (the
    validation compares with the original to report it)."""
    source = pl.col(column.name)
    if column.kind in ("code", "text"):
        if dtype.is_float():
            # 1.0 read from a spreadsheet is the code "1"
            whole = source.cast(pl.Int64, strict=False)
            source = pl.when(source == whole).then(whole.cast(pl.String)).otherwise(source)
        value = blank_to_null(source)
        return value.str.to_uppercase() if column.name == "employment_flag" else value
    if column.kind == "bool":
        if dtype == pl.Boolean:
            return source
        word = blank_to_null(source).str.to_lowercase()
        return (
            pl.when(word.is_in(TRUE_WORDS))
            .then(True)
            .when(word.is_in(FALSE_WORDS))
            .then(False)
            .otherwise(None)
        )
    if dtype == pl.String:
        source = blank_to_null(source)
    number = source.cast(pl.Float64, strict=False)
    if column.kind == "year":
        return pl.when(number == number.floor()).then(number).otherwise(None).cast(pl.Int32)
    return number


def coerce(frame: pl.DataFrame, spec: TableSpec) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
    """The table with exactly the spec's columns in the engine's types (absent optional ones
    empty), and for each column the values that could not be read with their row numbers
    (1 for the first data row)."""
    present = set(frame.columns)
    expressions = []
    for column in spec.columns:
        if column.name in present:
            dtype = frame.schema[column.name]
            expressions.append(converted(column, dtype).alias(column.name))
        else:
            expressions.append(pl.lit(None, dtype=engine_dtype(column)).alias(column.name))
    result = frame.select(expressions)
    unreadable: dict[str, pl.DataFrame] = {}
    for column in spec.columns:
        if column.name not in present or column.kind in ("code", "text"):
            continue
        original = frame.get_column(column.name)
        if original.dtype == pl.String:
            given = original.str.strip_chars().fill_null("") != ""
        else:
            given = original.is_not_null()
        lost = given & result.get_column(column.name).is_null()
        if lost.any():
            unreadable[column.name] = pl.DataFrame(
                {
                    "row": (lost.arg_true() + 1).cast(pl.Int64),
                    "value": original.filter(lost).cast(pl.String),
                }
            )
    return result, unreadable


def engine_dtype(column: Column) -> pl.DataType:
    return {
        "code": pl.String(),
        "text": pl.String(),
        "year": pl.Int32(),
        "number": pl.Float64(),
        "bool": pl.Boolean(),
    }[column.kind]
