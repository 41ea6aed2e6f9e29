"""Checks of the input before any computation. Every problem is said in plain words with its
counts, codes and examples; ``compute`` refuses to run while a blocking one remains, so no
partial result is ever produced from bad data."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .aggregation import Hierarchy
from .checks import (
    EXAMPLES,
    check_classification,
    check_clusters,
    check_duplicates,
    check_negative,
    check_reference,
    check_regions,
    check_size_classes,
    check_unknown_codes,
    check_unknown_regions,
    check_years,
)
from .inputs import (
    CLASSIFICATION_TABLE,
    CLUSTER_FIGURES_TABLE,
    CLUSTERS_TABLE,
    EMPLOYMENT_TABLE,
    REGIONS_TABLE,
    ClusterInput,
    MappingInput,
    MappingParameters,
    TableSpec,
    coerce,
)
from .report import Problem, ValidationReport, listing, plural, report_of
from .suppression import imputed_employment

UNREADABLE_AS = {
    "number": ("is not a number", "are not numbers"),
    "year": ("is not a year", "are not years"),
    "bool": ("is neither true nor false", "are neither true nor false"),
}


@dataclass(frozen=True)
class Checked:
    """The input in the engine's types, ready for the computation."""

    figures: pl.DataFrame
    """Industry rows (``industry_level``) or region × cluster × year figures."""
    clusters: pl.DataFrame
    """cluster_code, cluster_name, traded: one row per cluster."""
    classification: pl.DataFrame | None
    """industry_code → cluster_code (industry-level input only)."""
    regions: pl.DataFrame
    """region_code, region_name, region_type: one row per region."""
    tree: Hierarchy
    reference: str
    industry_level: bool


@dataclass(frozen=True)
class Inspection:
    report: ValidationReport
    checked: Checked | None
    """None when a table could not be read at all (a missing column, no rows)."""


def validate(
    data: MappingInput | ClusterInput, parameters: MappingParameters | None = None
) -> ValidationReport:
    """Every problem of the input, blocking or not; an empty report when all is well."""
    return inspect(data, parameters or MappingParameters()).report


def inspect(data: MappingInput | ClusterInput, parameters: MappingParameters) -> Inspection:
    industry_level = isinstance(data, MappingInput)
    if isinstance(data, MappingInput):
        figures_spec, clusters_spec = EMPLOYMENT_TABLE, CLASSIFICATION_TABLE
        raw_figures, raw_clusters = data.employment, data.classification
    else:
        figures_spec, clusters_spec = CLUSTER_FIGURES_TABLE, CLUSTERS_TABLE
        raw_figures, raw_clusters = data.figures, data.clusters
    problems: list[Problem] = []
    figures = read_table(raw_figures, figures_spec, problems)
    grouping = read_table(raw_clusters, clusters_spec, problems)
    regions = read_table(data.regions, REGIONS_TABLE, problems)
    if figures is None or grouping is None or regions is None:
        return Inspection(report_of(problems), None)

    region_list, tree = check_regions(regions, problems)
    clusters = check_clusters(grouping, clusters_spec, problems)
    classification = None
    if industry_level:
        classification = check_classification(grouping, problems)
        figures = figures.with_columns(
            imputed_employment(pl.col("employment"), pl.col("employment_flag")).alias(
                "employment_imputed"
            )
        )
        check_size_classes(figures, problems)
        known = classification.select(pl.col("industry_code").alias("code"))
        check_unknown_codes(figures, "industry_code", known, parameters, problems)
        keys = ["region_code", "industry_code", "year"]
    else:
        figures = figures.with_columns(pl.col("employment").alias("employment_imputed"))
        known = clusters.select(pl.col("cluster_code").alias("code"))
        check_unknown_codes(figures, "cluster_code", known, parameters, problems)
        keys = ["region_code", "cluster_code", "year"]
    check_negative(figures, problems)
    check_duplicates(figures, keys, figures_spec, problems)
    check_years(figures, data.year, problems)
    check_unknown_regions(figures, region_list, figures_spec, problems)
    check_reference(figures, region_list, tree, data.reference, problems)

    checked = Checked(
        figures=figures.drop("row", "unreadable", "employment_imputed"),
        clusters=clusters,
        classification=classification,
        regions=region_list,
        tree=tree,
        reference=(data.reference or "").strip(),
        industry_level=industry_level,
    )
    return Inspection(report_of(problems), checked)


def read_table(
    frame: pl.DataFrame | pl.LazyFrame, spec: TableSpec, problems: list[Problem]
) -> pl.DataFrame | None:
    """The table in the engine's types with a ``row`` number, or None when it lacks a column
    or a row; values it cannot read and required values left empty are reported. A value it
    cannot read is left empty and marked in an ``unreadable`` column, so that no later check
    reports it a second time."""
    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect()
    missing = [c.name for c in spec.columns if c.required and c.name not in frame.columns]
    if missing:
        problems.append(
            Problem(
                "missing_columns",
                f"The {spec.title} lacks the column{'s' if len(missing) > 1 else ''} "
                f"{listing(missing)}.",
                {"table": spec.title, "columns": missing},
            )
        )
        return None
    if frame.is_empty():
        problems.append(
            Problem("empty_table", f"The {spec.title} has no rows.", {"table": spec.title})
        )
        return None
    table, unreadable = coerce(frame, spec)
    unreadable_rows = pl.concat(
        [lost.get_column("row") for lost in unreadable.values()] or [pl.Series("row", [], pl.Int64)]
    )
    table = table.with_row_index("row", offset=1).with_columns(
        pl.col("row").cast(pl.Int64),
        pl.col("row").cast(pl.Int64).is_in(unreadable_rows.implode()).alias("unreadable"),
    )
    kinds = {column.name: column.kind for column in spec.columns}
    for name, lost in unreadable.items():
        examples = [f"“{row['value']}” in row {row['row']:,}" for row in lost.head(3).to_dicts()]
        problems.append(
            Problem(
                "unreadable_values",
                f"{plural(lost.height, 'value')} of {name} in the {spec.title} "
                f"{UNREADABLE_AS[kinds[name]][lost.height != 1]} (e.g. {listing(examples)}).",
                {
                    "table": spec.title,
                    "column": name,
                    "count": lost.height,
                    "examples": lost.head(EXAMPLES).to_dicts(),
                },
            )
        )
    for column in spec.columns:
        # a blank employment with a size class is a withheld cell, checked with the classes
        if not column.required or (column.name == "employment" and spec is EMPLOYMENT_TABLE):
            continue
        empty = table.filter(pl.col(column.name).is_null()).get_column("row")
        if column.name in unreadable:
            lost_rows = unreadable[column.name].get_column("row")
            empty = empty.filter(~empty.is_in(lost_rows.implode()))
        if empty.len():
            problems.append(
                Problem(
                    "missing_values",
                    f"{plural(empty.len(), 'row')} of the {spec.title} "
                    f"{'has' if empty.len() == 1 else 'have'} no {column.name} "
                    f"(row {listing(empty.head(EXAMPLES).to_list(), limit=3)}).",
                    {
                        "table": spec.title,
                        "column": column.name,
                        "count": empty.len(),
                        "rows": empty.head(EXAMPLES).to_list(),
                    },
                )
            )
    return table
