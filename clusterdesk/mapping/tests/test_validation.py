"""Bad input gets a report in plain words before any result, and the mapping refuses it."""

from __future__ import annotations

import json

import polars as pl
import pytest

from clusterdesk.lib.errors import DomainError
from clusterdesk.mapping.engine import (
    ClusterInput,
    MappingInput,
    MappingInputError,
    MappingParameters,
    ValidationReport,
    compute,
    naics2012_classification,
    validate,
)

from .builders import CLUSTERS, NATION, cluster_input, nation_row, regions, regions_table

AIRCRAFT, RESTAURANTS = "336411", "722511"


def employment(*extra: dict, base: bool = True) -> pl.DataFrame:
    """Text cells, as a CSV file gives them."""
    rows = (
        [
            {"region_code": "A", "industry_code": AIRCRAFT, "employment": "100"},
            {"region_code": "A", "industry_code": RESTAURANTS, "employment": "200"},
            {"region_code": NATION, "industry_code": AIRCRAFT, "employment": "1000"},
            {"region_code": NATION, "industry_code": RESTAURANTS, "employment": "5000"},
        ]
        if base
        else []
    )
    columns = [
        "region_code",
        "industry_code",
        "year",
        "employment",
        "employment_flag",
        "establishments",
        "annual_payroll",
    ]
    return pl.DataFrame(
        [{"year": "2016", **row} for row in [*rows, *extra]],
        schema=dict.fromkeys(columns, pl.String),
    )


def region_list(*extra: dict) -> pl.DataFrame:
    return regions_table([*regions(["A"]), nation_row(), *extra])


def data(
    table: pl.DataFrame | None = None,
    *,
    region_table: pl.DataFrame | None = None,
    classification: pl.DataFrame | None = None,
    reference: str = NATION,
    year: int | None = 2016,
) -> MappingInput:
    return MappingInput(
        employment=employment() if table is None else table,
        classification=naics2012_classification() if classification is None else classification,
        regions=region_list() if region_table is None else region_table,
        reference=reference,
        year=year,
    )


def only_problem(report: ValidationReport, code: str):
    assert report.codes == [code], str(report)
    problem = report.find(code)
    assert problem is not None
    return problem


def test_good_input_has_an_empty_report_and_is_mapped():
    report = validate(data())
    assert report.ok
    assert report.problems == ()
    assert str(report) == "No problems found."
    result = compute(data())
    assert result.report.problems == ()
    assert result.clusters.filter(pl.col("region_code") == "A").height == 67


def test_unknown_industry_codes_say_how_many_which_and_how_much_employment_they_hold():
    table = employment(
        {"region_code": "A", "industry_code": "999999", "employment": "50"},
        {"region_code": "B", "industry_code": "999999", "employment": "30"},
        {"region_code": "A", "industry_code": "31----", "employment": "20"},
    )
    report = validate(data(table, region_table=region_list(*regions(["B"]))))
    problem = only_problem(report, "unknown_industries")
    assert problem.blocking
    assert problem.message == (
        "2 industry codes are not in the classification: 31----, 999999. They account for 100 "
        "employees in 3 rows (1.6% of all employment)."
    )
    assert problem.details["count"] == 2
    assert problem.details["codes"] == ["31----", "999999"]
    assert problem.details["employment"] == 100
    assert problem.details["rows"] == 3
    assert problem.details["by_code"] == [
        {"industry_code": "999999", "employment": 80.0, "rows": 2},
        {"industry_code": "31----", "employment": 20.0, "rows": 1},
    ]


def test_unknown_industries_can_be_left_out_with_a_warning():
    table = employment({"region_code": "A", "industry_code": "999999", "employment": "50"})
    parameters = MappingParameters(ignore_unknown_industries=True)
    report = validate(data(table), parameters)
    assert report.ok
    problem = only_problem(report, "unknown_industries")
    assert not problem.blocking
    assert problem.message.endswith("; they are left out of the mapping.")
    result = compute(data(table), parameters)
    assert result.report.warnings == (problem,)
    assert (
        result.regions.filter(pl.col("region_code") == "A").get_column("employment").item() == 300
    )


def test_negative_employment_is_refused_with_the_row():
    table = employment({"region_code": "A", "industry_code": "541511", "employment": "-4"})
    problem = only_problem(validate(data(table)), "negative_employment")
    assert problem.message == (
        "1 row has negative employment (e.g. row 5 (region A, industry 541511, 2016): -4)."
    )
    assert problem.details["count"] == 1
    assert problem.details["examples"][0]["employment"] == -4


def test_negative_establishments_or_payroll_are_refused():
    table = employment(
        {"region_code": "A", "industry_code": "541511", "employment": "4", "establishments": "-1"}
    )
    problem = only_problem(validate(data(table)), "negative_values")
    assert problem.details == {
        "column": "establishments",
        "count": 1,
        "examples": problem.details["examples"],
    }
    assert "negative establishments" in problem.message


def test_duplicate_rows_name_the_region_industry_year_and_rows():
    table = employment({"region_code": "A", "industry_code": AIRCRAFT, "employment": "100"})
    problem = only_problem(validate(data(table)), "duplicate_rows")
    assert problem.message == (
        "1 row repeats a region, industry and year already given in the employment table "
        "(e.g. region A, industry 336411, 2016 in rows 1, 5)."
    )
    assert problem.details["count"] == 1
    assert problem.details["examples"][0]["row"] == [1, 5]


def test_no_reference_is_refused():
    problem = only_problem(validate(data(reference=" ")), "missing_reference")
    assert problem.message.startswith("No reference region is given")


def test_a_reference_that_is_not_a_region_is_refused():
    problem = only_problem(validate(data(reference="US")), "missing_reference")
    assert problem.message == "The reference region US is not in the regions table."
    assert problem.details == {"reference": "US"}


def test_a_reference_without_figures_in_a_year_is_refused():
    table = employment(
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": "90", "year": "2015"}
    )
    region_table = regions_table([*regions(["A"], parent=None), nation_row()])
    problem = validate(data(table, region_table=region_table, year=None)).find("missing_reference")
    assert problem is not None
    assert problem.message == (
        "The reference region N has no figures for 2015, neither its own nor any of its "
        "regions' to sum."
    )
    assert problem.details["years"] == [2015]


def test_a_reference_summed_from_its_regions_is_enough():
    table = employment(
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": "100"},
        {"region_code": "B", "industry_code": AIRCRAFT, "employment": "300"},
        {"region_code": "B", "industry_code": RESTAURANTS, "employment": "300"},
        base=False,
    )
    report = validate(data(table, region_table=region_list(*regions(["B"]))))
    assert report.ok, str(report)


def test_mixed_years_when_one_is_expected_are_refused():
    table = employment(
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": "90", "year": "2015"},
        {"region_code": "A", "industry_code": RESTAURANTS, "employment": "90", "year": "2015"},
    )
    problem = only_problem(validate(data(table)), "mixed_years")
    assert problem.message == (
        "The data should hold 2016 only, but 2 rows are for other years: 2015 (2 rows)."
    )
    assert problem.details == {"expected": 2016, "found": [{"year": 2015, "rows": 2}]}
    assert validate(data(table, year=None)).ok


def test_unknown_regions_are_refused_with_their_employment():
    table = employment({"region_code": "99001", "industry_code": AIRCRAFT, "employment": "12"})
    problem = only_problem(validate(data(table)), "unknown_regions")
    assert problem.message == (
        "1 region code in the employment table is not in the regions table: 99001. It accounts "
        "for 12 employees in 1 row."
    )
    assert problem.details["codes"] == ["99001"]
    assert problem.details["employment"] == 12


def test_a_parent_the_regions_table_lacks_is_refused():
    problem = only_problem(
        validate(data(region_table=region_list(*regions(["B"], parent="XX")))), "unknown_parents"
    )
    assert problem.message == "1 region names a parent that the regions table lacks: B → XX."


def test_a_loop_of_parents_is_refused():
    region_table = region_list(*regions(["B"], parent="C"), *regions(["C"], parent="B"))
    problem = only_problem(validate(data(region_table=region_table)), "region_loop")
    assert problem.details == {"codes": ["B", "C"]}
    assert problem.message == (
        "A loop of parents (a region that is its own ancestor) leaves B, C without a tree to "
        "sum their figures up."
    )


def test_a_region_described_two_ways_is_refused():
    region_table = region_list(*regions(["A"], region_type="county", parent=None))
    problem = only_problem(validate(data(region_table=region_table)), "conflicting_regions")
    assert problem.details["codes"] == ["A"]


def test_an_industry_in_two_clusters_is_refused():
    classification = pl.concat(
        [
            naics2012_classification(),
            pl.DataFrame(
                [
                    {
                        "industry_code": AIRCRAFT,
                        "cluster_code": "2",
                        "cluster_name": "Agricultural Inputs and Services",
                        "traded": "TRUE",
                    }
                ]
            ),
        ],
        how="diagonal",
    )
    problem = only_problem(
        validate(data(classification=classification)), "conflicting_classification"
    )
    assert problem.message == (
        "1 industry code is assigned to more than one cluster: 336411 (1, 2)."
    )


def test_a_cluster_both_traded_and_local_is_refused():
    classification = naics2012_classification().with_columns(
        pl.when(pl.col("industry_code") == AIRCRAFT)
        .then(pl.lit("FALSE"))
        .otherwise(pl.col("traded"))
        .alias("traded")
    )
    problem = only_problem(validate(data(classification=classification)), "conflicting_clusters")
    assert problem.details["codes"] == ["1"]


def test_an_unknown_size_class_is_refused():
    table = employment(
        {"region_code": "A", "industry_code": "541511", "employment": "0", "employment_flag": "D"}
    )
    problem = only_problem(validate(data(table)), "unknown_size_classes")
    assert problem.details["classes"] == ["D"]
    assert problem.details["rows"] == [5]


def test_a_row_without_employment_or_size_class_is_refused():
    table = employment({"region_code": "A", "industry_code": "541511", "employment": " "})
    problem = only_problem(validate(data(table)), "missing_employment")
    assert problem.message == "1 row has neither employment nor a size class (row 5)."


def test_a_value_that_is_not_a_number_is_refused_once():
    table = employment({"region_code": "A", "industry_code": "541511", "employment": "n/a"})
    problem = only_problem(validate(data(table)), "unreadable_values")
    assert problem.message == (
        "1 value of employment in the employment table is not a number (e.g. “n/a” in row 5)."
    )
    assert problem.details["examples"] == [{"row": 5, "value": "n/a"}]


def test_a_row_without_a_code_is_refused():
    table = employment({"region_code": "", "industry_code": "541511", "employment": "3"})
    problem = only_problem(validate(data(table)), "missing_values")
    assert problem.details == {
        "table": "employment table",
        "column": "region_code",
        "count": 1,
        "rows": [5],
    }


def test_a_table_without_a_required_column_is_refused_before_anything_else():
    report = validate(data(employment().drop("industry_code", "year")))
    problem = only_problem(report, "missing_columns")
    assert problem.message == "The employment table lacks the columns industry_code, year."
    with pytest.raises(MappingInputError):
        compute(data(employment().drop("year")))


def test_an_empty_table_is_refused():
    problem = only_problem(validate(data(employment(base=False))), "empty_table")
    assert problem.message == "The employment table has no rows."


def test_cluster_codes_the_cluster_list_lacks_are_refused():
    good = cluster_input({"A": {"T1": 10.0}}, nation={"T1": 100.0})
    figures = pl.concat(
        [
            good.figures,
            pl.DataFrame(
                [{"region_code": "A", "cluster_code": "X9", "year": 2016, "employment": 7.0}]
            ),
        ],
        how="diagonal_relaxed",
    )
    report = validate(
        ClusterInput(figures=figures, clusters=CLUSTERS, regions=good.regions, reference=NATION)
    )
    problem = only_problem(report, "unknown_clusters")
    assert problem.blocking
    assert problem.details["codes"] == ["X9"]


def test_every_problem_is_reported_at_once_and_compute_refuses_them_all():
    table = employment(
        {"region_code": "A", "industry_code": "999999", "employment": "50"},
        {"region_code": "A", "industry_code": "541511", "employment": "-1"},
        {"region_code": "Z", "industry_code": AIRCRAFT, "employment": "5"},
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": "5", "year": "2014"},
    )
    bad = data(table)
    report = validate(bad)
    assert report.codes == [
        "unknown_industries",
        "negative_employment",
        "mixed_years",
        "unknown_regions",
    ]
    with pytest.raises(MappingInputError) as refused:
        compute(bad)
    error = refused.value
    assert isinstance(error, DomainError)
    assert error.report == report
    assert error.code == "mapping_input"
    assert error.message.startswith("The data cannot be mapped: 1 industry code is not in")
    assert json.loads(json.dumps(report.to_dict()))["ok"] is False


def test_progress_stops_at_validation_when_the_input_is_refused():
    heard: list[tuple[str, float]] = []
    with pytest.raises(MappingInputError):
        compute(data(reference="US"), progress=lambda stage, done: heard.append((stage, done)))
    assert heard == [("validating", 0.0)]
