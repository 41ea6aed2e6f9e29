"""Properties of the mapping rules over generated regions and clusters."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.mapping.engine import compute

from .builders import LOCAL, NATION, TRADED, cluster_input

CLUSTER_CODES = [*TRADED, *LOCAL]
FLAGS = ("qualifying", "significant", "strong", "strong10")

people = st.integers(min_value=0, max_value=2_000_000).map(float)


@st.composite
def regional_figures(draw, min_regions: int = 2, max_regions: int = 9):
    """States with employment in every cluster (some 0), each with some traded and some local
    employment, and establishments; a nation with employment in every cluster."""
    count = draw(st.integers(min_value=min_regions, max_value=max_regions))
    employment, establishments = {}, {}
    for index in range(count):
        figures = {code: draw(people) for code in CLUSTER_CODES}
        figures[TRADED[0]] += 1  # a traded and a local base above 0
        figures[LOCAL[0]] += 1
        employment[f"R{index}"] = figures
        establishments[f"R{index}"] = {
            code: float(draw(st.integers(min_value=0, max_value=500))) for code in CLUSTER_CODES
        }
    nation = {
        code: draw(st.integers(min_value=1, max_value=50_000_000)).__float__()
        for code in CLUSTER_CODES
    }
    return employment, establishments, nation


def lq_of(result, region: str) -> dict[str, float | None]:
    table = result.clusters.filter(pl.col("region_code") == region)
    return dict(zip(table.get_column("cluster_code"), table.get_column("lq"), strict=True))


@settings(max_examples=60, deadline=None)
@given(
    figures=regional_figures(),
    factor=st.one_of(st.integers(2, 1000).map(float), st.floats(0.001, 1000.0)),
)
def test_scaling_a_regions_employment_in_every_cluster_leaves_its_lqs_unchanged(figures, factor):
    employment, establishments, nation = figures
    scaled = {**employment, "R0": {code: n * factor for code, n in employment["R0"].items()}}
    before = compute(cluster_input(employment, nation=nation, establishments=establishments))
    after = compute(cluster_input(scaled, nation=nation, establishments=establishments))
    for code, lq in lq_of(before, "R0").items():
        assert lq is not None
        assert abs(lq_of(after, "R0")[code] - lq) <= 1e-9 * max(lq, 1e-300)
    # the reference is the nation's own figures: other regions do not move either
    assert lq_of(after, "R1") == lq_of(before, "R1")


@settings(max_examples=60, deadline=None)
@given(figures=regional_figures(min_regions=3, max_regions=15))
def test_flags_are_monotone_in_lq_among_regions_large_enough(figures):
    employment, establishments, nation = figures
    result = compute(cluster_input(employment, nation=nation, establishments=establishments))
    rated = result.clusters.filter((pl.col("region_code") != NATION) & pl.col("large_enough"))
    for (cluster,), group in rated.group_by("cluster_code"):
        rows = group.sort("lq").to_dicts()
        for flag in FLAGS:
            values = [row[flag] for row in rows]
            if cluster in LOCAL and flag == "strong10":
                assert all(value is None for value in values)
                continue
            # once a flag is set, every region with a higher LQ has it too
            first = values.index(True) if True in values else len(values)
            assert all(values[first:]), (cluster, flag, rows)
            assert not any(values[:first])


@settings(max_examples=60, deadline=None)
@given(figures=regional_figures())
def test_nothing_is_flagged_or_starred_without_employment(figures):
    employment, establishments, nation = figures
    result = compute(cluster_input(employment, nation=nation, establishments=establishments))
    empty = result.clusters.filter((pl.col("region_code") != NATION) & (pl.col("employment") == 0))
    for name in ("large_enough", *FLAGS, "size_star", "specialisation_star", "focus_star"):
        assert not empty.get_column(name).fill_null(False).any(), name
    assert (empty.get_column("stars") == 0).all()
    regions = result.regions.filter(pl.col("region_code") != NATION)
    strength = regions.get_column("cluster_strength")
    assert ((strength >= 0) & (strength <= 1)).all()
