"""Growth between years: employment change and compound annual growth rate."""

from __future__ import annotations

import polars as pl
import pytest

from clusterdesk.mapping.engine import ClusterInput, compute, growth_between

from .builders import (
    CLUSTERS,
    NATION,
    figures_table,
    nation_row,
    region_row,
    regions,
    regions_table,
    row,
)


def two_years(
    first: dict[str, dict[str, float]], last: dict[str, dict[str, float]], years=(2015, 2016)
) -> ClusterInput:
    return ClusterInput(
        figures=pl.concat(
            [figures_table(first, year=years[0]), figures_table(last, year=years[1])]
        ),
        clusters=CLUSTERS,
        regions=regions_table([*regions(["A"]), nation_row()]),
        reference=NATION,
    )


NATION_FIGURES = {"T1": 1000.0, "T2": 1000.0, "L1": 1000.0}


def test_growth_since_the_previous_year():
    result = compute(
        two_years(
            {"A": {"T1": 100.0, "T2": 50.0}, NATION: NATION_FIGURES},
            {"A": {"T1": 120.0, "T2": 40.0}, NATION: NATION_FIGURES},
        )
    )
    t1 = row(result, "A", "T1", 2016)
    assert (t1["previous_year"], t1["employment_change"]) == (2015, 20.0)
    assert t1["growth_rate"] == pytest.approx(0.2)
    assert row(result, "A", "T2", 2016)["growth_rate"] == pytest.approx(-0.2)
    first = row(result, "A", "T1", 2015)
    assert (first["previous_year"], first["employment_change"], first["growth_rate"]) == (
        None,
        None,
        None,
    )
    assert result.years == [2015, 2016]


def test_the_annual_rate_is_compounded_over_the_years_between():
    result = compute(
        two_years(
            {"A": {"T1": 100.0}, NATION: NATION_FIGURES},
            {"A": {"T1": 200.0}, NATION: NATION_FIGURES},
            years=(2010, 2016),
        )
    )
    t1 = row(result, "A", "T1", 2016)
    assert t1["previous_year"] == 2010
    assert t1["growth_rate"] == pytest.approx(2 ** (1 / 6) - 1)
    assert (1 + t1["growth_rate"]) ** 6 == pytest.approx(2.0)


def test_growth_from_nothing_has_a_change_but_no_rate():
    result = compute(
        two_years(
            {"A": {"T1": 100.0}, NATION: NATION_FIGURES},
            {"A": {"T1": 100.0, "T2": 30.0}, NATION: NATION_FIGURES},
        )
    )
    t2 = row(result, "A", "T2", 2016)
    assert (t2["employment_change"], t2["growth_rate"]) == (30.0, None)


def test_a_regions_total_employment_grows_too():
    result = compute(
        two_years(
            {"A": {"T1": 100.0, "L1": 100.0}, NATION: NATION_FIGURES},
            {"A": {"T1": 150.0, "L1": 150.0}, NATION: NATION_FIGURES},
        )
    )
    region = region_row(result, "A", 2016)
    assert region["employment_change"] == 100
    assert region["growth_rate"] == pytest.approx(0.5)


def test_growth_between_two_chosen_years():
    figures = pl.concat(
        [
            figures_table({"A": {"T1": 100.0 * (1 + step)}, NATION: NATION_FIGURES}, year=year)
            for step, year in enumerate((2010, 2013, 2016))
        ]
    )
    data = ClusterInput(
        figures=figures,
        clusters=CLUSTERS,
        regions=regions_table([*regions(["A"]), nation_row()]),
        reference=NATION,
    )
    result = compute(data)
    growth = growth_between(result.clusters, 2010, 2016).filter(
        (pl.col("region_code") == "A") & (pl.col("cluster_code") == "T1")
    )
    line = growth.row(0, named=True)
    assert (line["employment_start"], line["employment_end"]) == (100.0, 300.0)
    assert line["employment_change"] == 200.0
    assert line["growth_rate"] == pytest.approx(3 ** (1 / 6) - 1)
    assert line["cluster_name"] == "Aerospace"
    regional = growth_between(result.regions, 2010, 2016).filter(pl.col("region_code") == "A")
    assert regional.row(0, named=True)["employment_change"] == 200.0
    with pytest.raises(ValueError, match="after the start"):
        growth_between(result.clusters, 2016, 2010)
