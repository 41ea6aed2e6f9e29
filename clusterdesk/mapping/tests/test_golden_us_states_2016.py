"""The golden test: the U.S. Cluster Mapping Project's published 2016 state results (50 states ×
67 clusters) are reproduced from their employment and establishments and the U.S. table as the
reference — LQ to a relative error under 1e-6 on every row, the four flags on every traded row.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from clusterdesk.mapping.engine import ClusterInput, MappingResult, compute, load_csv

DATA = Path(__file__).resolve().parent / "data"
FLAGS = ["qualifying", "significant", "strong", "strong10"]


@pytest.fixture(scope="module")
def published() -> pl.DataFrame:
    return pl.read_csv(
        DATA / "us_states_clusters_2016.csv",
        schema_overrides={"region_code": pl.String, "cluster_code": pl.String},
    )


@pytest.fixture(scope="module")
def result() -> MappingResult:
    states = load_csv(DATA / "us_states_clusters_2016.csv")
    nation = load_csv(DATA / "us_national_clusters_2016.csv")
    regions = pl.concat(
        [
            states.select(
                "region_code",
                "region_name",
                pl.lit("state").alias("region_type"),
                pl.lit("US").alias("parent_code"),
            ).unique(),
            pl.DataFrame(
                [["US", "United States", "nation", None]],
                schema=["region_code", "region_name", "region_type", "parent_code"],
                orient="row",
            ),
        ]
    )
    # the reference is the U.S. table's own figures, not the sum of the 50 states
    figures = pl.concat(
        [
            states.select(
                "region_code",
                "cluster_code",
                "year",
                "employment",
                "employment_reported",
                "establishments",
                "annual_payroll",
            ),
            nation.select(
                pl.lit("US").alias("region_code"),
                "cluster_code",
                pl.lit("2016").alias("year"),
                "employment",
            ),
        ],
        how="diagonal",
    )
    data = ClusterInput(
        figures=figures,
        clusters=nation.select("cluster_code", "cluster_name", "traded"),
        regions=regions,
        reference="US",
        year=2016,
    )
    return compute(data)


@pytest.fixture(scope="module")
def compared(published: pl.DataFrame, result: MappingResult) -> pl.DataFrame:
    mine = result.clusters.filter(pl.col("region_type") == "state")
    return published.join(
        mine, on=["region_code", "cluster_code"], how="full", suffix="_mine", validate="1:1"
    )


def relative_error(mine: str, published: str) -> pl.Expr:
    # a published LQ of 0 must be exactly 0
    return (
        pl.when(pl.col(published) == 0)
        .then((pl.col(mine) != 0).cast(pl.Float64))
        .otherwise((pl.col(mine) - pl.col(published)).abs() / pl.col(published).abs())
    )


def test_every_published_row_has_exactly_one_computed_row(compared: pl.DataFrame):
    assert compared.height == 3_350
    assert compared.get_column("region_code").null_count() == 0
    assert compared.get_column("region_code_mine").null_count() == 0
    assert compared.filter(pl.col("traded")).height == 2_550
    assert compared.get_column("region_code").n_unique() == 50


def test_lq_is_reproduced_to_a_relative_error_under_one_in_a_million(compared: pl.DataFrame):
    errors = compared.select(relative_error("lq_mine", "lq").alias("error")).get_column("error")
    assert errors.null_count() == 0
    assert errors.max() < 1e-6
    assert (errors < 1e-6).sum() == 3_350
    assert compared.filter(pl.col("lq") == 0).height == 56  # clusters a state lacks


def test_the_shares_match_the_published_ones(compared: pl.DataFrame):
    errors = compared.select(
        relative_error("region_share", "region_emp_share").max().alias("region"),
        relative_error("national_share", "cluster_emp_share").max().alias("national"),
    ).row(0, named=True)
    assert errors["region"] < 1e-6
    assert errors["national"] < 1e-6


@pytest.mark.parametrize("flag", FLAGS)
def test_each_flag_equals_the_published_one_on_every_traded_row(compared: pl.DataFrame, flag: str):
    traded = compared.filter(pl.col("traded"))
    mismatches = traded.filter(pl.col(flag) != pl.col(f"{flag}_mine"))
    assert traded.get_column(f"{flag}_mine").null_count() == 0
    assert mismatches.height == 0, mismatches.select("region_name", "cluster_name", "lq")


def test_the_flag_counts_are_the_published_ones(compared: pl.DataFrame):
    traded = compared.filter(pl.col("traded"))
    counts = {flag: int(traded.get_column(f"{flag}_mine").sum()) for flag in FLAGS}
    assert counts == {"qualifying": 1_454, "significant": 1_014, "strong": 512, "strong10": 209}
    assert counts == {flag: int(traded.get_column(flag).sum()) for flag in FLAGS}


def test_local_clusters_have_no_strong10_as_published(compared: pl.DataFrame):
    local = compared.filter(~pl.col("traded"))
    assert local.height == 800
    assert local.get_column("strong10_mine").null_count() == 800
    assert local.get_column("strong10").null_count() == 800


def test_alabama_automotive_reads_as_published(result: MappingResult):
    alabama = result.clusters.filter(
        (pl.col("region_code") == "01") & (pl.col("cluster_code") == "4")
    ).row(0, named=True)
    assert alabama["employment"] == 48_772
    assert alabama["employment_reported"] == 33_672
    assert alabama["establishments"] == 224
    assert alabama["lq"] == pytest.approx(3.9740536, rel=1e-6)
    assert (alabama["strong"], alabama["strong10"]) == (True, True)
    assert alabama["average_wage"] == pytest.approx(1_518_409 / 33_672)


def test_cluster_strength_is_the_share_of_traded_employment_in_strong_clusters(
    result: MappingResult, published: pl.DataFrame
):
    traded = published.filter(pl.col("traded"))
    expected = traded.group_by("region_code").agg(
        (pl.col("employment").filter(pl.col("strong")).sum() / pl.col("employment").sum()).alias(
            "expected"
        ),
        pl.col("strong").sum().alias("strong_count"),
    )
    states = result.regions.filter(pl.col("region_type") == "state").join(
        expected, on="region_code"
    )
    assert states.height == 50
    assert (
        states.select((pl.col("cluster_strength") - pl.col("expected")).abs().max()).item() < 1e-12
    )
    assert (states.get_column("strong_clusters") == states.get_column("strong_count")).all()
    assert int(states.get_column("strong_clusters").sum()) == 512
