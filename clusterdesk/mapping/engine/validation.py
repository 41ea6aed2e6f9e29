"""Checks of the input before any computation. Every problem is said in plain words with its
counts, codes and examples; ``compute`` refuses to run while a blocking one remains, so no
partial result is ever produced from bad data.

The small tables (regions, classification or cluster list) are read whole; the statistics are
read, checked and — for ``compute`` — summed into clusters a year at a time (``rows``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from .aggregation import Hierarchy, cluster_order
from .checks import check_classification, check_clusters, check_reference, check_regions
from .findings import UNREADABLE_AS, Findings
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
from .report import EXAMPLES, Problem, ValidationReport, listing, plural, report_of
from .rows import Rules, read_rows, table_columns


@dataclass(frozen=True)
class Checked:
    """The input in the engine's types, ready for the computation."""

    figures: list[pl.DataFrame] | None
    """Region × cluster figures (summed from industry rows), one table a year, when
    ``inspect`` was asked to sum them; regions and clusters are enums (see ``rows``)."""
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


def inspect(
    data: MappingInput | ClusterInput,
    parameters: MappingParameters,
    *,
    summing: bool = False,
    progress: Callable[[float], None] | None = None,
) -> Inspection:
    """The report, and the checked input; with ``summing``, also the region × cluster × year
    figures (when nothing blocks). ``progress`` hears the share of the statistics read."""
    industry_level = isinstance(data, MappingInput)
    if isinstance(data, MappingInput):
        figures_spec, clusters_spec = EMPLOYMENT_TABLE, CLASSIFICATION_TABLE
        raw_figures, raw_clusters = data.employment, data.classification
        code = "industry_code"
    else:
        figures_spec, clusters_spec = CLUSTER_FIGURES_TABLE, CLUSTERS_TABLE
        raw_figures, raw_clusters = data.figures, data.clusters
        code = "cluster_code"
    opening: list[Problem] = []
    readable = has_rows(raw_figures, figures_spec, opening)
    grouping = read_table(raw_clusters, clusters_spec, opening)
    regions = read_table(data.regions, REGIONS_TABLE, opening)
    found = Findings()
    if not readable or grouping is None or regions is None:
        if readable:  # the statistics' own unreadable and missing values are reported too
            read_rows(raw_figures, reading_only(figures_spec, code), found)
        return Inspection(report_of([*found.read_problems(figures_spec), *opening]), None)

    problems: list[Problem] = []
    region_list, tree = check_regions(regions, problems)
    clusters = check_clusters(grouping, clusters_spec, problems)
    classification = None
    cluster_codes = cluster_order(clusters).get_column("cluster_code").to_list()
    if industry_level:
        classification = check_classification(grouping, problems)
        links = classification.group_by("industry_code").agg(pl.col("cluster_code").min())
        links = links.sort("industry_code")
        position = {cluster: index for index, cluster in enumerate(cluster_codes)}
        codes = links.get_column("industry_code").to_list()
        cluster_of_code = [position[cluster] for cluster in links.get_column("cluster_code")]
    else:
        codes, cluster_of_code = cluster_codes, None
    rules = Rules(
        spec=figures_spec,
        code=code,
        regions=region_list.get_column("region_code").to_list(),
        codes=codes,
        clusters=cluster_codes,
        cluster_of_code=cluster_of_code,
        expected_year=data.year,
        ignore_unknown_codes=industry_level and parameters.ignore_unknown_industries,
        summing=summing and not any(problem.blocking for problem in [*opening, *problems]),
    )
    sums = read_rows(raw_figures, rules, found, progress=progress)

    if industry_level:
        problems += found.size_class_problems()
    problems += found.unknown_code_problems(code, ignored=rules.ignore_unknown_codes)
    problems += found.negative_problems()
    problems += found.duplicate_problems(["region_code", code, "year"], figures_spec)
    problems += found.year_problems(data.year)
    problems += found.unknown_region_problems(figures_spec)
    check_reference(
        found.region_years(), sorted(found.years), region_list, tree, data.reference, problems
    )
    report = report_of([*found.read_problems(figures_spec), *opening, *problems])
    checked = Checked(
        figures=sums if rules.summing and report.ok else None,
        clusters=clusters,
        classification=classification,
        regions=region_list,
        tree=tree,
        reference=(data.reference or "").strip(),
        industry_level=industry_level,
    )
    return Inspection(report, checked)


def reading_only(spec: TableSpec, code: str) -> Rules:
    """Rules to read the statistics by when there is nothing to check them against."""
    return Rules(
        spec=spec,
        code=code,
        regions=[],
        codes=[],
        clusters=[],
        cluster_of_code=None,
        expected_year=None,
        ignore_unknown_codes=True,
        summing=False,
    )


def has_rows(frame: pl.DataFrame | pl.LazyFrame, spec: TableSpec, problems: list[Problem]) -> bool:
    """Whether the statistics have every required column and a row (else it is said)."""
    columns = table_columns(frame)
    if missing_columns(columns, spec, problems):
        return False
    rows = (
        frame.height if isinstance(frame, pl.DataFrame) else frame.select(pl.len()).collect().item()
    )
    if not rows:
        problems.append(
            Problem("empty_table", f"The {spec.title} has no rows.", {"table": spec.title})
        )
        return False
    return True


def missing_columns(columns: list[str], spec: TableSpec, problems: list[Problem]) -> bool:
    missing = [c.name for c in spec.columns if c.required and c.name not in columns]
    if missing:
        problems.append(
            Problem(
                "missing_columns",
                f"The {spec.title} lacks the column{'s' if len(missing) > 1 else ''} "
                f"{listing(missing)}.",
                {"table": spec.title, "columns": missing},
            )
        )
    return bool(missing)


def read_table(
    frame: pl.DataFrame | pl.LazyFrame, spec: TableSpec, problems: list[Problem]
) -> pl.DataFrame | None:
    """A small table (regions, classification, cluster list) in the engine's types with a
    ``row`` number, or None when it lacks a column or a row; values it cannot read and required
    values left empty are reported. A value it cannot read is left empty and marked in an
    ``unreadable`` column, so that no later check reports it a second time."""
    if isinstance(frame, pl.LazyFrame):
        frame = frame.collect()
    if missing_columns(frame.columns, spec, problems):
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
