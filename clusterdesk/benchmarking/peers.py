"""Peer portfolios: this cluster against other clusters' latest saved assessments on the
installation and the anonymous reference files it may read. Only aggregates leave here —
how many clusters, quartiles, and this cluster's quartile — and only for portfolios of at
least the framework's minimum (5) clusters. No name, no id, no single value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from clusterdesk.tenancy.models import Cluster

from .engine import Assessment, Framework, Quartiles, better, position, quartiles
from .models import Assessment as SavedAssessment
from .models import ReferenceRow

PORTFOLIOS = {
    "country": _("Same country"),
    "technology": _("Same technology area"),
    "all": _("All clusters"),
    "gold": _("Gold-ready clusters"),
}
# Technology areas are free text: "Textile and fashion" and "Fashion & textile" are one area.
SAME_AREA_SCORE = 85


@dataclass(frozen=True)
class Peer:
    """One other cluster's figures, held only inside this module."""

    country: str
    technology_area: str
    gold_ready: bool
    score: float | None
    values: dict[str, float | None]


@dataclass(frozen=True)
class PeerIndicator:
    indicator: str
    stats: Quartiles | None
    position: int | None  # 1 (weakest quarter) to 4 (strongest), None when not shown


@dataclass(frozen=True)
class Portfolio:
    key: str
    label: str
    count: int
    shown: bool  # False below the minimum: nothing but the fact that it is too small
    score: Quartiles | None
    score_position: int | None
    indicators: tuple[PeerIndicator, ...]


def same_area(one: str, other: str) -> bool:
    one, other = one.strip().lower(), other.strip().lower()
    return bool(one and other) and fuzz.token_set_ratio(one, other) >= SAME_AREA_SCORE


def _installation_peers(cluster: Cluster) -> list[Peer]:
    """The latest saved assessment of every other cluster (one query)."""
    peers: dict[int, Peer] = {}
    rows = (
        SavedAssessment.objects.exclude(cluster=cluster)
        .order_by("cluster_id", "-as_of", "-id")
        .values_list(
            "cluster_id", "cluster__country", "cluster__sector", "gold_ready", "score", "values"
        )
    )
    for cluster_id, country, sector, gold_ready, score, values in rows:
        if cluster_id not in peers:
            peers[cluster_id] = Peer(str(country), sector or "", gold_ready, score, values or {})
    return list(peers.values())


def _reference_peers(cluster: Cluster) -> list[Peer]:
    from .models import ReferenceSet

    return [
        Peer(str(country), area or "", gold_ready, score, values or {})
        for country, area, gold_ready, score, values in ReferenceRow.objects.filter(
            reference_set__in=ReferenceSet.objects.visible_to(cluster)
        ).values_list("country", "technology_area", "gold_ready", "score", "values")
    ]


def peers_of(cluster: Cluster) -> list[Peer]:
    return [*_installation_peers(cluster), *_reference_peers(cluster)]


def _members(cluster: Cluster, key: str, peers: Iterable[Peer]) -> list[Peer]:
    if key == "country":
        return [peer for peer in peers if peer.country and peer.country == str(cluster.country)]
    if key == "technology":
        return [peer for peer in peers if same_area(peer.technology_area, cluster.sector)]
    if key == "gold":
        return [peer for peer in peers if peer.gold_ready]
    return list(peers)


def portfolio(
    key: str, members: list[Peer], framework: Framework, assessment: Assessment
) -> Portfolio:
    minimum = framework.labels.peer_minimum
    if len(members) < minimum:
        return Portfolio(key, str(PORTFOLIOS[key]), len(members), False, None, None, ())
    score = quartiles([peer.score for peer in members], minimum=minimum)
    indicators = []
    for indicator in framework.indicators:
        stats = quartiles([peer.values.get(indicator.id) for peer in members], minimum=minimum)
        own = assessment.indicator(indicator.id).value
        indicators.append(
            PeerIndicator(indicator.id, stats, position(own, stats, direction=better(indicator)))
        )
    return Portfolio(
        key,
        str(PORTFOLIOS[key]),
        len(members),
        True,
        score,
        position(assessment.score, score),
        tuple(indicators),
    )


def peer_portfolios(
    cluster: Cluster, framework: Framework, assessment: Assessment
) -> list[Portfolio]:
    """The four portfolios for this cluster (two or three queries in all)."""
    peers = peers_of(cluster)
    return [
        portfolio(key, _members(cluster, key, peers), framework, assessment) for key in PORTFOLIOS
    ]
