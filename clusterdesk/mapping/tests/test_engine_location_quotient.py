"""Location quotients and shares: traded clusters on the traded base, local clusters on the local
base, against the reference region's own figures."""

from __future__ import annotations

import pytest

from clusterdesk.mapping.engine import compute

from .builders import NATION, cluster_input, regions, regions_table, row

NATION_FIGURES = {"T1": 400.0, "T2": 600.0, "T3": 1000.0, "L1": 300.0, "L2": 700.0}


def test_a_region_that_mirrors_the_nation_has_an_lq_of_exactly_one():
    half = {cluster: people / 2 for cluster, people in NATION_FIGURES.items()}
    result = compute(cluster_input({"A": half}, nation=NATION_FIGURES))
    for cluster in NATION_FIGURES:
        assert row(result, "A", cluster)["lq"] == 1.0
        assert row(result, "A", cluster)["lq_total"] == 1.0


def test_a_region_that_mirrors_the_nation_at_any_scale_has_an_lq_of_one():
    scaled = {cluster: people * 0.37 for cluster, people in NATION_FIGURES.items()}
    result = compute(cluster_input({"A": scaled}, nation=NATION_FIGURES))
    for cluster in NATION_FIGURES:
        assert row(result, "A", cluster)["lq"] == pytest.approx(1.0, abs=1e-12)


def test_traded_clusters_use_the_traded_base_and_local_clusters_the_local_base():
    # nation: traded 400, local 1,600, total 2,000; region: traded 100, local 200, total 300
    nation = {"T1": 100.0, "T2": 300.0, "L1": 600.0, "L2": 1000.0}
    region = {"T1": 50.0, "T2": 50.0, "L1": 100.0, "L2": 100.0}
    result = compute(cluster_input({"A": region}, nation=nation))
    t1, l1 = row(result, "A", "T1"), row(result, "A", "L1")
    assert t1["lq"] == pytest.approx((50 / 100) / (100 / 400))  # 2.0
    assert l1["lq"] == pytest.approx((100 / 200) / (600 / 1600))  # 1.333…
    assert t1["lq_total"] == pytest.approx((50 / 300) / (100 / 2000))  # 3.333…
    assert t1["region_share"] == pytest.approx(0.5)
    assert l1["region_share"] == pytest.approx(0.5)
    assert t1["national_share"] == pytest.approx(0.5)
    assert t1["total_share"] == pytest.approx(50 / 300)


def test_local_employment_does_not_move_a_traded_lq():
    nation = {"T1": 100.0, "T2": 300.0, "L1": 600.0, "L2": 1000.0}
    small = compute(cluster_input({"A": {"T1": 50, "T2": 50, "L1": 100}}, nation=nation))
    large = compute(cluster_input({"A": {"T1": 50, "T2": 50, "L1": 90_000}}, nation=nation))
    assert row(small, "A", "T1")["lq"] == row(large, "A", "T1")["lq"] == 2.0
    assert row(small, "A", "T1")["lq_total"] != row(large, "A", "T1")["lq_total"]


def test_the_reference_is_its_own_figures_not_the_sum_of_its_regions():
    # the nation holds more than the two states (territories, say)
    nation = {"T1": 1000.0, "T2": 3000.0, "L1": 5000.0}
    states = {"A": {"T1": 200.0, "T2": 200.0, "L1": 400.0}, "B": {"T1": 100.0, "T2": 500.0}}
    result = compute(cluster_input(states, nation=nation))
    assert row(result, "A", "T1")["lq"] == pytest.approx((200 / 400) / (1000 / 4000))
    assert row(result, "B", "T1")["lq"] == pytest.approx((100 / 600) / (1000 / 4000))
    assert row(result, NATION, "T1")["employment"] == 1000
    assert row(result, NATION, "T1")["source"] == "own"


def test_the_reference_compared_with_itself_has_an_lq_of_one():
    result = compute(cluster_input({"A": {"T1": 5.0, "L1": 5.0}}, nation=NATION_FIGURES))
    assert row(result, NATION, "T2")["lq"] == pytest.approx(1.0)
    assert row(result, NATION, "T2")["is_reference"] is True


def test_every_cluster_appears_for_every_region_with_zero_where_it_has_none():
    result = compute(cluster_input({"A": {"T1": 50.0, "L1": 20.0}}, nation=NATION_FIGURES))
    t2 = row(result, "A", "T2")
    assert (t2["employment"], t2["lq"], t2["region_share"]) == (0.0, 0.0, 0.0)
    assert result.clusters.height == 2 * 5


def test_the_lq_is_empty_where_the_reference_has_no_employment_in_the_cluster():
    nation = {"T1": 100.0, "T2": 300.0, "L1": 600.0}
    result = compute(cluster_input({"A": {"T1": 10.0, "T3": 5.0, "L1": 5.0}}, nation=nation))
    t3 = row(result, "A", "T3")
    assert t3["lq"] is None
    assert t3["national_share"] is None
    assert t3["region_share"] == pytest.approx(5 / 15)
    assert (t3["qualifying"], t3["strong"]) == (False, False)


def test_a_region_without_local_employment_has_no_local_lq():
    result = compute(cluster_input({"A": {"T1": 10.0}}, nation=NATION_FIGURES))
    assert row(result, "A", "L1")["lq"] is None
    assert row(result, "A", "T1")["lq"] == pytest.approx(1 / (400 / 2000))


def test_regions_of_several_types_share_the_one_reference():
    rows = [
        *regions(["A"]),
        *regions(["A1"], region_type="county", parent=None),
        {
            "region_code": NATION,
            "region_name": "Nation",
            "region_type": "nation",
            "parent_code": None,
        },
    ]
    data = cluster_input(
        {"A": {"T1": 40.0, "T2": 60.0}, "A1": {"T1": 4.0, "T2": 1.0}},
        nation={"T1": 100.0, "T2": 400.0},
        region_rows=rows,
    )
    assert regions_table(rows).height == 3
    result = compute(data)
    assert row(result, "A", "T1")["lq"] == pytest.approx(0.4 / 0.2)
    assert row(result, "A1", "T1")["lq"] == pytest.approx(0.8 / 0.2)
    assert row(result, "A1", "T1")["region_type"] == "county"
