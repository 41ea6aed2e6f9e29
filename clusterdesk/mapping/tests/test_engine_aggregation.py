"""Regions are summed from their children (counties → states → nation, counties → metro areas)
unless they have figures of their own for the year."""

from __future__ import annotations

import polars as pl
import pytest

from clusterdesk.mapping.engine import ClusterInput, compute

from .builders import CLUSTERS, NATION, figures_table, nation_row, regions, regions_table, row


def region_rows() -> list[dict]:
    return [
        nation_row(),
        *regions(["01", "02"]),
        *regions(["01001", "01003"], region_type="county", parent="01"),
        *regions(["02001"], region_type="county", parent="02"),
        *regions(["M1"], region_type="msa", parent=None),
        # a county in its state and in a metro area: one row per parent
        *regions(["01003", "02001"], region_type="county", parent="M1"),
    ]


def counties_and_a_state(year: int = 2016, state_02_own: bool = True) -> pl.DataFrame:
    employment = {
        "01001": {"T1": 10.0, "L1": 5.0},
        "01003": {"T1": 20.0, "T2": 7.0},
        "02001": {"T1": 1.0, "L1": 1.0},
    }
    if state_02_own:
        # the state publishes what its county withholds
        employment["02"] = {"T1": 40.0, "L1": 9.0}
    return figures_table(employment, year=year, establishments=2)


def mapped(figures: pl.DataFrame):
    return compute(
        ClusterInput(
            figures=figures,
            clusters=CLUSTERS,
            regions=regions_table(region_rows()),
            reference=NATION,
        )
    )


def test_a_state_without_figures_is_the_sum_of_its_counties():
    result = mapped(counties_and_a_state())
    t1 = row(result, "01", "T1")
    assert (t1["employment"], t1["establishments"], t1["source"]) == (30.0, 4, "aggregated")
    assert row(result, "01", "T2")["employment"] == 7.0
    assert row(result, "01", "L1")["employment"] == 5.0


def test_a_state_with_its_own_figures_keeps_them():
    result = mapped(counties_and_a_state())
    assert row(result, "02", "T1")["employment"] == 40.0
    assert row(result, "02", "T1")["source"] == "own"


def test_the_nation_is_the_sum_of_its_states_own_or_aggregated():
    result = mapped(counties_and_a_state())
    nation = row(result, NATION, "T1")
    assert (nation["employment"], nation["source"]) == (30.0 + 40.0, "aggregated")
    assert row(result, NATION, "L1")["employment"] == 5.0 + 9.0


def test_a_metro_area_sums_its_counties_across_states():
    result = mapped(counties_and_a_state())
    metro = row(result, "M1", "T1")
    assert (metro["employment"], metro["region_type"]) == (21.0, "msa")


def test_own_figures_count_year_by_year():
    figures = pl.concat(
        [counties_and_a_state(2015, state_02_own=False), counties_and_a_state(2016)]
    )
    result = mapped(figures)
    assert row(result, "02", "T1", 2015)["employment"] == 1.0
    assert row(result, "02", "T1", 2015)["source"] == "aggregated"
    assert row(result, "02", "T1", 2016)["employment"] == 40.0
    assert row(result, "02", "T1", 2016)["growth_rate"] == pytest.approx(39.0)


def test_reported_employment_is_summed_beside_the_imputed():
    figures = counties_and_a_state().with_columns(
        (pl.col("employment") / 2).alias("employment_reported")
    )
    result = mapped(figures)
    t1 = row(result, "01", "T1")
    assert (t1["employment"], t1["employment_reported"]) == (30.0, 15.0)


def test_the_regions_table_sums_every_cluster_of_a_region():
    result = mapped(counties_and_a_state())
    state = result.regions.filter(pl.col("region_code") == "01").row(0, named=True)
    assert state["employment"] == 42.0
    assert (state["traded_employment"], state["local_employment"]) == (37.0, 5.0)
    assert state["clusters_present"] == 3
    assert state["establishments"] == 4 * 2
    assert result.regions.height == 7


def test_progress_is_told_every_stage_in_order():
    heard: list[tuple[str, float]] = []
    mapped_with = ClusterInput(
        figures=counties_and_a_state(),
        clusters=CLUSTERS,
        regions=regions_table(region_rows()),
        reference=NATION,
    )
    compute(mapped_with, progress=lambda stage, done: heard.append((stage, done)))
    assert [stage for stage, _ in heard] == [
        "validating",
        "classifying",
        "aggregating",
        "rating",
        "done",
    ]
    shares = [done for _, done in heard]
    assert shares == sorted(shares) and shares[-1] == 1.0
