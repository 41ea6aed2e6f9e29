"""County Business Patterns rows: suppressed cells at their size class's midpoint, industries
classified into clusters with the shipped NAICS 2012 classification."""

from __future__ import annotations

import polars as pl
import pytest

from clusterdesk.mapping.engine import SIZE_CLASS_MIDPOINTS, compute, naics2012_classification

from .builders import NATION, industry_input, nation_row, regions, row

AIRCRAFT, ENGINES = "336411", "336412"  # Aerospace Vehicles and Defense (cluster 1, traded)
RESTAURANTS = "722511"  # Local Hospitality Establishments (cluster 111, local)

NATION_ROWS = [
    {"region_code": NATION, "industry_code": AIRCRAFT, "employment": 500_000.0},
    {"region_code": NATION, "industry_code": RESTAURANTS, "employment": 5_000_000.0},
]


def test_the_size_classes_are_the_published_midpoints():
    assert SIZE_CLASS_MIDPOINTS == {
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


@pytest.fixture(scope="module")
def one_region_per_size_class():
    rows = [
        {
            "region_code": f"R{letter}",
            "industry_code": AIRCRAFT,
            "employment": 0.0,
            "employment_flag": letter,
        }
        for letter in SIZE_CLASS_MIDPOINTS
    ]
    region_rows = [*regions([f"R{letter}" for letter in SIZE_CLASS_MIDPOINTS]), nation_row()]
    return compute(industry_input([*rows, *NATION_ROWS], region_rows=region_rows))


@pytest.mark.parametrize("letter", list(SIZE_CLASS_MIDPOINTS))
def test_a_withheld_cell_takes_its_size_classs_midpoint(one_region_per_size_class, letter):
    aerospace = row(one_region_per_size_class, f"R{letter}", "1")
    assert aerospace["employment"] == SIZE_CLASS_MIDPOINTS[letter]
    assert aerospace["employment_reported"] == 0


def test_imputed_and_reported_employment_are_kept_side_by_side():
    rows = [
        {
            "region_code": "A",
            "industry_code": AIRCRAFT,
            "employment": 100.0,
            "establishments": 3,
            "annual_payroll": 5_000,
        },
        {
            "region_code": "A",
            "industry_code": ENGINES,
            "employment": 0.0,
            "employment_flag": "C",
            "establishments": 2,
            "annual_payroll": 0,
        },
        # a blank cell with its class, as a CSV file leaves it
        {
            "region_code": "A",
            "industry_code": RESTAURANTS,
            "employment": None,
            "employment_flag": "b",
            "establishments": 4,
        },
        *NATION_ROWS,
    ]
    result = compute(industry_input(rows, region_rows=[*regions(["A"]), nation_row()]))
    aerospace = row(result, "A", "1")
    assert (aerospace["employment"], aerospace["employment_reported"]) == (275.0, 100.0)
    assert aerospace["establishments"] == 5
    # payroll over the reported employment: the withheld cell published no payroll
    assert aerospace["average_wage"] == pytest.approx(50.0)
    hospitality = row(result, "A", "111")
    assert (hospitality["employment"], hospitality["employment_reported"]) == (60.0, 0.0)
    assert hospitality["cluster_name"] == "Local Hospitality Establishments"
    assert hospitality["traded"] is False


def test_a_published_figure_is_kept_even_beside_a_letter():
    rows = [
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": 42.0, "employment_flag": "B"},
        *NATION_ROWS,
    ]
    result = compute(industry_input(rows, region_rows=[*regions(["A"]), nation_row()]))
    assert row(result, "A", "1")["employment"] == 42.0


def test_industries_of_one_cluster_are_summed_and_compared_with_the_nation():
    rows = [
        {"region_code": "A", "industry_code": AIRCRAFT, "employment": 300.0},
        {"region_code": "A", "industry_code": ENGINES, "employment": 200.0},
        {"region_code": "A", "industry_code": RESTAURANTS, "employment": 1_000.0},
        {"region_code": NATION, "industry_code": AIRCRAFT, "employment": 600_000.0},
        {"region_code": NATION, "industry_code": "541511", "employment": 400_000.0},
        {"region_code": NATION, "industry_code": RESTAURANTS, "employment": 5_000_000.0},
    ]
    result = compute(industry_input(rows, region_rows=[*regions(["A"]), nation_row()]))
    aerospace = row(result, "A", "1")
    assert aerospace["employment"] == 500.0
    # all of A's traded employment is aerospace; the nation's share is 60 %
    assert aerospace["lq"] == pytest.approx(1 / 0.6)
    assert result.clusters.filter(pl.col("region_code") == "A").height == 67


def test_the_shipped_classification_is_naics_2012_in_67_clusters():
    classification = naics2012_classification()
    assert classification.height == 978
    assert classification.get_column("industry_code").n_unique() == 978
    clusters = classification.select("cluster_code", "traded").unique()
    assert clusters.height == 67
    assert clusters.get_column("traded").value_counts().sort("traded").rows() == [
        ("FALSE", 16),
        ("TRUE", 51),
    ]
    assert (
        classification.filter(pl.col("industry_code") == AIRCRAFT).row(0, named=True)[
            "industry_name"
        ]
        == "Aircraft Manufacturing"
    )
