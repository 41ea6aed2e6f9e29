"""European Cluster Observatory stars: size, specialisation and focus, thresholds as settings."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from clusterdesk.mapping.engine import MappingParameters, compute

from .builders import NATION, cluster_input, row


def ten_regions():
    """Regions R1…R10 with 10·i jobs in T1 and 10·i + 5 in T2: 20 regional clusters of
    10, 15, … 105 jobs."""
    employment = {f"R{i}": {"T1": 10.0 * i, "T2": 10.0 * i + 5} for i in range(1, 11)}
    return cluster_input(employment, nation={"T1": 1000.0, "T2": 1000.0})


def starred(result, star: str) -> list[tuple[str, str]]:
    table = result.clusters.filter(pl.col(star).fill_null(False))
    return sorted(
        zip(table.get_column("region_code"), table.get_column("cluster_code"), strict=True)
    )


def test_the_size_star_goes_to_the_top_tenth_of_all_regional_clusters_of_a_type():
    result = compute(ten_regions())
    limits = result.star_thresholds.filter(pl.col("region_type") == "state").row(0, named=True)
    assert limits["regional_clusters"] == 20
    assert limits["size_employment"] == pytest.approx(95.5)  # between 95 and 100
    assert starred(result, "size_star") == [("R10", "T1"), ("R10", "T2")]


def test_the_focus_star_goes_to_the_top_tenth_of_shares_of_regional_employment():
    result = compute(ten_regions())
    shares = {
        (f"R{i}", cluster): people / (20 * i + 5)
        for i in range(1, 11)
        for cluster, people in (("T1", 10 * i), ("T2", 10 * i + 5))
    }
    threshold = float(np.quantile(list(shares.values()), 0.9))
    expected = sorted(key for key, share in shares.items() if share >= threshold)
    assert starred(result, "focus_star") == expected
    assert expected == [("R1", "T2"), ("R2", "T2")]


def test_the_specialisation_star_needs_an_lq_of_two_against_the_total():
    data = cluster_input(
        {"A": {"T1": 200.0, "T2": 800.0}, "B": {"T1": 199.0, "T2": 801.0}},
        nation={"T1": 100.0, "T2": 900.0},
    )
    result = compute(data)
    assert row(result, "A", "T1")["lq_total"] == 2.0
    assert row(result, "A", "T1")["specialisation_star"] is True
    assert row(result, "B", "T1")["specialisation_star"] is False
    lowered = compute(data, MappingParameters(specialisation_star_lq=1.9))
    assert row(lowered, "B", "T1")["specialisation_star"] is True


def test_the_top_shares_are_settings():
    result = compute(ten_regions(), MappingParameters(size_star_top_share=0.5))
    assert len(starred(result, "size_star")) == 10


def test_the_stars_add_up():
    result = compute(ten_regions())
    table = result.clusters.filter(pl.col("region_code") != NATION)
    expected = (
        table.get_column("size_star").cast(pl.Int8)
        + table.get_column("specialisation_star").cast(pl.Int8)
        + table.get_column("focus_star").cast(pl.Int8)
    )
    assert (table.get_column("stars") == expected).all()
    assert row(result, "R10", "T2")["stars"] == 1
    assert row(result, NATION, "T1")["stars"] is None


def test_a_share_outside_zero_and_one_is_refused():
    with pytest.raises(ValueError, match="size_star_top_share"):
        MappingParameters(size_star_top_share=0)
    with pytest.raises(ValueError, match="focus_star_top_share"):
        MappingParameters(focus_star_top_share=1.5)
