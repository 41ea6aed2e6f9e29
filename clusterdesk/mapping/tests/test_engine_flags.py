"""The U.S. Cluster Mapping flags: quantiles by linear interpolation over the regions of a type
with employment in the cluster, a size filter at P25 of employment and of establishments."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clusterdesk.mapping.engine import compute

from .builders import (
    NATION,
    cluster_input,
    column,
    lq_regions,
    nation_row,
    region_row,
    regions,
    row,
)

FIVE = {"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0, "E": 5.0}
FIVE_ESTABLISHMENTS = {"A": 10.0, "B": 20.0, "C": 30.0, "D": 40.0, "E": 50.0}


def thresholds_of(result, cluster: str = "T1", region_type: str = "state") -> dict:
    table = result.flag_thresholds.filter(
        (pl.col("cluster_code") == cluster) & (pl.col("region_type") == region_type)
    )
    return table.row(0, named=True)


def flagged(result, flag: str, cluster: str = "T1") -> list[str]:
    return sorted(code for code, value in column(result, flag, cluster).items() if value)


def test_quantiles_interpolate_linearly_between_the_regions_values():
    result = compute(lq_regions(FIVE, establishments=FIVE_ESTABLISHMENTS))
    limits = thresholds_of(result)
    assert limits["regions"] == 5
    assert limits["p25_lq"] == pytest.approx(2.0)
    assert limits["p50_lq"] == pytest.approx(3.0)
    assert limits["p75_lq"] == pytest.approx(4.0)
    assert limits["p90_lq"] == pytest.approx(4.6)  # 4 + 0.6 × (5 − 4)
    assert limits["p25_employment"] == pytest.approx(200.0)
    assert limits["p25_establishments"] == pytest.approx(20.0)


def test_quantiles_between_uneven_values_match_numpys_linear_method():
    lqs = {"A": 0.3, "B": 0.5, "C": 1.1, "D": 1.7, "E": 2.9, "F": 3.1, "G": 8.0}
    result = compute(lq_regions(lqs))
    limits = thresholds_of(result)
    values = list(column(result, "lq", "T1")[code] for code in lqs)
    for name, share in (("p25_lq", 0.25), ("p50_lq", 0.5), ("p75_lq", 0.75), ("p90_lq", 0.9)):
        assert limits[name] == pytest.approx(float(np.quantile(values, share)), rel=1e-12)


def test_each_flag_follows_its_quantile():
    result = compute(lq_regions(FIVE, establishments=FIVE_ESTABLISHMENTS))
    # A and B are no larger than P25 of employment (200) and of establishments (20)
    assert flagged(result, "large_enough") == ["C", "D", "E"]
    assert flagged(result, "qualifying") == ["C", "D", "E"]  # LQ > 2
    assert flagged(result, "significant") == ["D", "E"]  # LQ > 3
    assert flagged(result, "strong") == ["D", "E"]  # LQ ≥ 4 and ≥ 1
    assert flagged(result, "strong10") == ["E"]  # LQ ≥ 4.6 and ≥ 1


def test_a_region_without_employment_is_never_flagged_nor_counted_in_the_quantiles():
    with_zero = compute(lq_regions({**FIVE, "Z": 0.0}, establishments=FIVE_ESTABLISHMENTS))
    without = compute(lq_regions(FIVE, establishments=FIVE_ESTABLISHMENTS))
    assert thresholds_of(with_zero) == thresholds_of(without)
    zero = row(with_zero, "Z", "T1")
    assert zero["employment"] == 0
    assert [zero[flag] for flag in ("large_enough", "qualifying", "significant")] == [False] * 3
    assert (zero["strong"], zero["strong10"], zero["stars"]) == (False, False, 0)


def test_a_small_region_with_the_highest_lq_is_not_flagged():
    # F's 100 traded jobs put 60 in T1 (LQ 6): not above P25 of employment
    establishments = {**FIVE_ESTABLISHMENTS, "F": 60.0}
    result = compute(
        lq_regions({**FIVE, "F": 6.0}, establishments=establishments, totals={"F": 100.0})
    )
    f = row(result, "F", "T1")
    assert f["lq"] == pytest.approx(6.0)
    assert f["employment"] <= thresholds_of(result)["p25_employment"]
    assert (f["large_enough"], f["qualifying"], f["strong"]) == (False, False, False)
    assert flagged(result, "strong") == ["E"]  # P75 of 1 … 6 is 4.75


def test_a_region_with_few_establishments_is_not_flagged():
    establishments = {**FIVE_ESTABLISHMENTS, "F": 5.0}
    result = compute(lq_regions({**FIVE, "F": 6.0}, establishments=establishments))
    f = row(result, "F", "T1")
    assert f["employment"] > thresholds_of(result)["p25_employment"]
    assert (f["large_enough"], f["qualifying"], f["strong10"]) == (False, False, False)


def test_strong_needs_an_lq_of_at_least_one():
    lqs = {code: lq / 10 for code, lq in FIVE.items()}  # 0.1 … 0.5
    result = compute(
        lq_regions(lqs, establishments=FIVE_ESTABLISHMENTS, totals=dict.fromkeys(lqs, 10_000.0))
    )
    assert flagged(result, "qualifying") == ["C", "D", "E"]
    assert flagged(result, "significant") == ["D", "E"]
    assert flagged(result, "strong") == []
    assert flagged(result, "strong10") == []


def test_strong10_is_left_empty_for_local_clusters():
    result = compute(lq_regions(FIVE))
    local = result.clusters.filter(pl.col("cluster_code") == "L1")
    assert local.filter(pl.col("region_code") != NATION).get_column("strong10").null_count() == 5
    assert local.get_column("strong").null_count() == 1  # the reference only


def test_without_establishments_the_size_filter_uses_employment_alone():
    data = lq_regions(FIVE)
    data = type(data)(
        figures=data.figures.drop("establishments"),
        clusters=data.clusters,
        regions=data.regions,
        reference=data.reference,
    )
    result = compute(data)
    assert thresholds_of(result)["p25_establishments"] is None
    assert row(result, "C", "T1")["establishments"] is None
    assert flagged(result, "large_enough") == ["C", "D", "E"]
    assert flagged(result, "strong") == ["D", "E"]


def test_regions_are_compared_with_regions_of_their_own_type():
    state_lqs = [1.0, 2.0, 3.0, 4.0, 5.0]
    county_lqs = [0.5, 1.0, 1.5, 2.0, 2.5]
    employment = {}
    for index, lq in enumerate(state_lqs):
        employment[f"S{index}"] = {"T1": 100 * lq, "T2": 1000 - 100 * lq}
    for index, lq in enumerate(county_lqs):
        employment[f"C{index}"] = {"T1": 10 * lq, "T2": 100 - 10 * lq}
    rows = [
        *regions([f"S{index}" for index in range(5)]),
        *regions([f"C{index}" for index in range(5)], region_type="county", parent=None),
        nation_row(),
    ]
    counts = {region: {"T1": 10 + index, "T2": 10} for index, region in enumerate(employment)}
    result = compute(
        cluster_input(
            employment,
            nation={"T1": 10_000.0, "T2": 90_000.0},
            establishments=counts,
            region_rows=rows,
        )
    )
    assert thresholds_of(result, region_type="county")["p75_lq"] == pytest.approx(2.0)
    assert thresholds_of(result, region_type="state")["p75_lq"] == pytest.approx(4.0)
    assert flagged(result, "strong") == ["C3", "C4", "S3", "S4"]


def test_the_reference_region_is_not_rated():
    result = compute(lq_regions(FIVE))
    nation = row(result, NATION, "T1")
    for name in ("large_enough", "qualifying", "significant", "strong", "strong10", "stars"):
        assert nation[name] is None
    assert region_row(result, NATION)["cluster_strength"] is None


def test_cluster_strength_is_the_share_of_traded_employment_in_strong_clusters():
    result = compute(lq_regions(FIVE, establishments=FIVE_ESTABLISHMENTS))
    # D and E are strong in T1 only; their traded employment is 1,000
    assert region_row(result, "D")["cluster_strength"] == pytest.approx(400 / 1000)
    assert region_row(result, "E")["cluster_strength"] == pytest.approx(500 / 1000)
    assert region_row(result, "E")["strong_clusters"] == 1
    assert region_row(result, "E")["strong_employment"] == 500
    assert region_row(result, "C")["cluster_strength"] == 0
    assert region_row(result, "C")["traded_employment"] == 1000
    assert region_row(result, "C")["local_employment"] == 500
