"""Peer portfolios: who is in which portfolio, the quartiles and this cluster's quarter
computed by hand, the rule of five, the two pools that never mix, and the peers page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.engine import Quartiles, default_framework
from clusterdesk.benchmarking.frameworks import active_framework
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.benchmarking.models import FrameworkVersion, ReferenceRow, ReferenceSet
from clusterdesk.benchmarking.peers import peer_portfolios, quartile_strip_svg
from clusterdesk.conftest import Personas
from clusterdesk.engagement.models import StrategyDocument
from clusterdesk.lib.periods import months_before
from clusterdesk.tenancy.models import Cluster
from clusterdesk.testing.factories import ClusterFactory, CommittedOrganisationFactory

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- helpers


def snapshot(
    cluster: Cluster,
    *,
    values: dict[str, float | None],
    score: float,
    gold_ready: bool = False,
    as_of: date | None = None,
) -> SavedAssessment:
    """A saved assessment of ``cluster`` (made by the service) whose peer figures are these."""
    saved = services.assessment_save(cluster=cluster, actor=None, as_of=as_of)
    saved.values = {**saved.values, **values}
    saved.score = score
    saved.gold_ready = gold_ready
    saved.result = {**saved.result, "score": score}
    saved.save()
    return saved


def peer_cluster(
    slug: str, *, name: str = "", country: str = "IT", sector: str = "Textile and fashion"
) -> Cluster:
    return ClusterFactory(slug=slug, name=name or f"Peer {slug}", country=country, sector=sector)


def reference_file(
    cluster: Cluster | None, rows: list[dict[str, Any]], name: str = "National survey"
) -> ReferenceSet:
    reference_set = ReferenceSet.objects.create(cluster=cluster, name=name, rows=len(rows))
    for row in rows:
        ReferenceRow.objects.create(
            reference_set=reference_set,
            country=row.get("country", "IT"),
            technology_area=row.get("technology_area", "Textile and fashion"),
            gold_ready=row.get("gold_ready", False),
            score=row.get("score"),
            values=row.get("values", {}),
        )
    return reference_set


def six_textile_peers() -> list[Cluster]:
    """Six Italian textile clusters: A1 2, 4 … 12; D1 6, 12 … 36 months; score 0.1 … 0.6."""
    clusters = []
    for number in range(1, 7):
        cluster = peer_cluster(f"peer-{number}")
        snapshot(
            cluster,
            values={"A1": 2.0 * number, "D1": 6.0 * number},
            score=number / 10,
            gold_ready=number >= 5,
        )
        clusters.append(cluster)
    return clusters


def cluster_a_with(personas: Personas, *, committed: int, strategy_months: int) -> None:
    """Cluster A: ``committed`` committed participants (A1), a strategy updated that many
    whole months ago (D1)."""
    cluster = personas.cluster_a
    for _number in range(committed):
        CommittedOrganisationFactory(cluster=cluster)
    today = timezone.localdate()
    updated = months_before(today, strategy_months)
    StrategyDocument.objects.create(
        cluster=cluster, title="Strategy", adopted_on=updated, updated_on=updated
    )


def portfolios_of(cluster: Cluster, pool: str = "installation") -> dict[str, Any]:
    run = services.assessment_run(cluster=cluster)
    return {
        item.key: item
        for item in peer_portfolios(cluster, run.framework, run.assessment, pool=pool)
    }


# --------------------------------------------------------------------------- portfolios


def test_quartiles_and_this_clusters_quarter_are_as_computed_by_hand(personas: Personas) -> None:
    six_textile_peers()
    cluster_a_with(personas, committed=8, strategy_months=10)

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.shown and everyone.count == 6
    # A1 of the six: 2 4 6 8 10 12. Inclusive quartiles sit at positions 1.25, 2.5 and 3.75
    # of the sorted list (0-based): 4 + 0.25 × 2 = 4.5, (6 + 8) / 2 = 7, 10 - 0.25 × 2 = 9.5.
    a1 = everyone.indicator("A1")
    assert a1.stats == Quartiles(6, 4.5, 7.0, 9.5)
    assert a1.position == 3  # 8 committed: above the median, below the upper quartile
    # D1 (months since the strategy was updated, lower is better): 6 … 36 → 13.5, 21, 28.5.
    # 10 months is better than three quarters of the portfolio: the strongest quarter.
    d1 = everyone.indicator("D1")
    assert d1.stats == Quartiles(6, 13.5, 21.0, 28.5)
    assert d1.position == 4
    # Scores 0.1 … 0.6: 0.225, 0.35, 0.475; A earns D1 alone, 1 of 23: the weakest quarter.
    assert everyone.score is not None
    assert everyone.score.median == pytest.approx(0.35)
    assert everyone.score.q1 == pytest.approx(0.225)
    assert everyone.score_position == 1


def test_a_value_on_a_boundary_takes_the_stronger_quarter(personas: Personas) -> None:
    six_textile_peers()
    cluster_a_with(personas, committed=7, strategy_months=21)

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.indicator("A1").position == 3  # 7 is the median
    assert everyone.indicator("D1").position == 3  # 21 months is the median, lower is better


def test_an_unknown_value_has_no_quarter(personas: Personas) -> None:
    six_textile_peers()

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.indicator("D1").stats is not None
    assert everyone.indicator("D1").position is None  # A has no strategy: D1 unknown


def test_each_portfolio_takes_its_own_clusters(personas: Personas) -> None:
    six_textile_peers()  # Italian textile, two of them Gold-ready
    for number in range(1, 4):
        snapshot(
            peer_cluster(f"es-{number}", country="ES", sector="Construction machinery"),
            values={"A1": 100.0},
            score=0.9,
            gold_ready=True,
        )

    portfolios = portfolios_of(personas.cluster_a)  # A: Italy, "Textile and fashion"

    assert portfolios["all"].count == 9
    assert portfolios["country"].count == 6
    assert portfolios["technology"].count == 6
    assert portfolios["gold"].count == 5 and portfolios["gold"].shown
    assert portfolios["gold"].indicator("A1").stats.median == 100.0  # 10, 12, 100, 100, 100


def test_technology_areas_written_differently_are_one_area(personas: Personas) -> None:
    for number in range(1, 6):
        snapshot(
            peer_cluster(f"fashion-{number}", country="ES", sector="Fashion & Textile"),
            values={},
            score=0.5,
        )

    assert portfolios_of(personas.cluster_a)["technology"].count == 5


def test_only_the_latest_snapshot_of_each_cluster_counts(personas: Personas) -> None:
    today = timezone.localdate()
    clusters = six_textile_peers()
    snapshot(clusters[0], values={"A1": 1.0}, score=0.1, as_of=months_before(today, 12))

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.count == 6
    assert everyone.indicator("A1").stats == Quartiles(6, 4.5, 7.0, 9.5)


def test_the_clusters_own_snapshots_are_never_its_peers(personas: Personas) -> None:
    for number in range(1, 5):
        snapshot(peer_cluster(f"peer-{number}"), values={}, score=0.5)
    for _number in range(3):
        snapshot(personas.cluster_a, values={}, score=0.9)

    assert portfolios_of(personas.cluster_a)["all"].shown is False


def test_snapshots_of_another_framework_are_left_out(personas: Personas) -> None:
    clusters = six_textile_peers()
    other = FrameworkVersion.objects.create(
        framework_id="national-programme", version="1", name="Other", digest="x" * 64, text=""
    )
    SavedAssessment.objects.filter(cluster=clusters[0]).update(framework=other)

    assert portfolios_of(personas.cluster_a)["all"].count == 5


def test_below_five_clusters_a_portfolio_shows_nothing(personas: Personas) -> None:
    for number in range(1, 5):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 10.0 * number}, score=0.5)

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.shown is False
    assert everyone.score is None and everyone.indicators == ()


def test_an_indicator_known_by_fewer_than_five_shows_no_quartile(personas: Personas) -> None:
    for number in range(1, 7):
        snapshot(
            peer_cluster(f"peer-{number}"),
            values={"A1": 10.0 * number, "C2": 0.5 if number <= 4 else None},
            score=0.5,
        )

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.indicator("A1").stats is not None
    assert everyone.indicator("C2").stats is None


def test_shared_reference_files_join_the_installation_pool(personas: Personas) -> None:
    for number in range(1, 4):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 10.0}, score=0.5)
    reference_file(None, [{"values": {"A1": 20.0}, "score": 0.6}] * 2)

    everyone = portfolios_of(personas.cluster_a)["all"]

    assert everyone.count == 5
    assert everyone.indicator("A1").stats == Quartiles(5, 10.0, 10.0, 20.0)


def test_a_clusters_own_reference_rows_never_mix_with_other_clusters(personas: Personas) -> None:
    """Rows a cluster uploaded are compared among themselves only: mixed with real peers
    they could push a real peer's value under the median."""
    for number in range(1, 6):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 10.0 * number}, score=0.5)
    reference_file(personas.cluster_a, [{"values": {"A1": 1000.0}, "score": 1.0}] * 4)

    installation = portfolios_of(personas.cluster_a)["all"]
    own = portfolios_of(personas.cluster_a, pool="own")["all"]

    assert installation.count == 5
    assert installation.indicator("A1").stats == Quartiles(5, 20.0, 30.0, 40.0)
    assert own.count == 4 and own.shown is False


def test_another_clusters_own_reference_file_is_not_a_peer(personas: Personas) -> None:
    reference_file(personas.cluster_b, [{"values": {"A1": 5.0}, "score": 0.5}] * 5)

    assert portfolios_of(personas.cluster_a)["all"].count == 0
    assert portfolios_of(personas.cluster_a, pool="own")["all"].count == 0
    assert portfolios_of(personas.cluster_b, pool="own")["all"].shown is True


# --------------------------------------------------------------------------- the picture


def test_the_strip_draws_the_box_and_this_cluster_but_no_extreme() -> None:
    framework = default_framework()
    stats = Quartiles(6, 4.5, 7.0, 9.5)

    svg = quartile_strip_svg(framework.indicator("A1"), stats, 8.0, 3)

    assert 'role="img"' in svg and "<title" in svg
    assert "Lower quartile 4.5, median 7, upper quartile 9.5; this cluster 8" in svg
    assert svg.count("<rect") == 1 and svg.count("<circle") == 1


def test_a_lower_is_better_strip_is_drawn_reversed() -> None:
    indicator = default_framework().indicator("D1")
    stats = Quartiles(6, 13.5, 21.0, 28.5)

    svg = quartile_strip_svg(indicator, stats, 10.0, 4)

    circle = re.search(r'<circle cx="([\d.]+)"', svg)
    assert circle and float(circle[1]) > 150  # the better (lower) value sits on the right


# --------------------------------------------------------------------------- the page


def peers_url(slug: str = "tfc") -> str:
    return f"/c/{slug}/excellence/peers/"


def test_the_page_shows_each_portfolio_with_its_quartiles(
    personas: Personas, manager_a_client: Client
) -> None:
    six_textile_peers()
    cluster_a_with(personas, committed=8, strategy_months=10)

    response = manager_a_client.get(peers_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "6 clusters" in page
    assert "Score: median 35 % (quartiles 23 % – 48 %)" in page
    assert 'aria-labelledby="chart-' in page
    assert "third quarter" in page  # A1
    assert "strongest quarter" in page  # D1
    assert "Too small to show." in page  # the Gold-ready portfolio holds two


def test_a_portfolio_too_small_says_only_that(personas: Personas, manager_a_client: Client) -> None:
    for number in range(1, 5):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 10.0 * number}, score=0.5)

    page = manager_a_client.get(peers_url()).content.decode()

    assert page.count("Too small to show.") == 4
    assert "4 clusters" not in page
    assert "Lower quartile" not in page


def test_the_page_can_show_another_portfolios_indicators(
    personas: Personas, manager_a_client: Client
) -> None:
    six_textile_peers()

    page = manager_a_client.get(peers_url() + "?portfolio=country").content.decode()

    assert "Indicators against “Same country”" in page


def test_the_board_reads_the_page_without_upload_or_delete(personas: Personas) -> None:
    reference_file(personas.cluster_a, [{"score": 0.5}], name="Our own survey")
    client = personas.client_for(personas.board_a)

    page = client.get(peers_url()).content.decode()

    assert "Our own survey" in page
    assert "Upload a reference file" not in page
    assert "/delete/" not in page


def test_a_member_representative_may_not_see_the_page(personas: Personas) -> None:
    assert personas.client_for(personas.member_a).get(peers_url()).status_code == 403


def test_another_clusters_manager_gets_404(personas: Personas, manager_b_client: Client) -> None:
    assert manager_b_client.get(peers_url()).status_code == 404


def test_the_page_runs_in_a_fixed_number_of_queries(
    personas: Personas, manager_a_client: Client, django_assert_max_num_queries: Any
) -> None:
    six_textile_peers()
    reference_file(None, [{"score": 0.5, "values": {"A1": 3.0}}] * 30)
    active_framework()

    with django_assert_max_num_queries(45):
        assert manager_a_client.get(peers_url()).status_code == 200
