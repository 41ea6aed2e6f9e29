"""Peer portfolios: this cluster against other clusters' latest saved assessments on the
installation and the anonymous reference files it may read. Only aggregates leave here —
how many clusters, quartiles, and this cluster's quartile — and only for portfolios of at
least the framework's minimum (5) clusters. No name, no id, no single value.

Two pools never mix:

- ``installation``: the latest snapshot of every other cluster of the installation, with the
  reference files the operator shared with every cluster;
- ``own``: the reference files this cluster uploaded itself.

Why apart: quartiles are order statistics, so whoever controls some members of a portfolio
can move the others' values under the median. A cluster that added, say, four made-up rows
far above everyone else to a portfolio of five real clusters would read the highest real
value as the median. Rows a cluster uploaded are therefore only ever compared among
themselves, never with other clusters' snapshots.

Even so, the median of an odd-sized portfolio *is* one member's value, and each quartile
may be. That is why a portfolio needs at least five members (the smallest and largest value
then never show) and why nothing else — no count of a portfolio too small to show, no range,
no whisker — is ever given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rapidfuzz import fuzz

from clusterdesk.lib.charts import chart_id
from clusterdesk.tenancy.models import Cluster

from .engine import Assessment, Framework, Indicator, Quartiles, better, position, quartiles
from .engine.peers import LOWER
from .models import Assessment as SavedAssessment
from .models import ReferenceRow, ReferenceSet
from .texts import format_value

PORTFOLIOS = {
    "country": gettext_lazy("Same country"),
    "technology": gettext_lazy("Same technology area"),
    "all": gettext_lazy("All clusters"),
    "gold": gettext_lazy("Gold-ready clusters"),
}
INSTALLATION, OWN = "installation", "own"
POOLS = {
    INSTALLATION: gettext_lazy("Clusters of this installation and shared reference files"),
    OWN: gettext_lazy("Your own reference files"),
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
    count: int  # never shown when ``shown`` is False
    shown: bool  # False below the minimum: nothing but the fact that it is too small
    score: Quartiles | None
    score_position: int | None
    indicators: tuple[PeerIndicator, ...]

    def indicator(self, indicator_id: str) -> PeerIndicator | None:
        return next((row for row in self.indicators if row.indicator == indicator_id), None)


def same_area(one: str, other: str) -> bool:
    one, other = one.strip().lower(), other.strip().lower()
    return bool(one and other) and fuzz.token_set_ratio(one, other) >= SAME_AREA_SCORE


def _installation_peers(cluster: Cluster, framework: Framework) -> list[Peer]:
    """The latest saved assessment of every other cluster made with this framework (its ids
    mean the same things), in one query."""
    peers: dict[int, Peer] = {}
    rows = (
        SavedAssessment.objects.exclude(cluster=cluster)
        .filter(framework__framework_id=framework.id)
        .order_by("cluster_id", "-as_of", "-id")
        .values_list(
            "cluster_id", "cluster__country", "cluster__sector", "gold_ready", "score", "values"
        )
    )
    for cluster_id, country, sector, gold_ready, score, values in rows:
        if cluster_id not in peers:
            peers[cluster_id] = Peer(str(country), sector or "", gold_ready, score, values or {})
    return list(peers.values())


def _reference_peers(files: Q) -> list[Peer]:
    return [
        Peer(str(country), area or "", gold_ready, score, values or {})
        for country, area, gold_ready, score, values in ReferenceRow.objects.filter(
            reference_set__in=ReferenceSet.objects.filter(files)
        ).values_list("country", "technology_area", "gold_ready", "score", "values")
    ]


def peers_of(cluster: Cluster, framework: Framework, pool: str = INSTALLATION) -> list[Peer]:
    if pool == OWN:
        return _reference_peers(Q(cluster=cluster))
    return [
        *_installation_peers(cluster, framework),
        *_reference_peers(Q(cluster__isnull=True)),
    ]


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
    cluster: Cluster, framework: Framework, assessment: Assessment, pool: str = INSTALLATION
) -> list[Portfolio]:
    """The four portfolios for this cluster from one pool (two queries in all)."""
    if pool not in POOLS:
        raise ValueError(pool)
    peers = peers_of(cluster, framework, pool)
    return [
        portfolio(key, _members(cluster, key, peers), framework, assessment) for key in PORTFOLIOS
    ]


# --------------------------------------------------------------------------- the picture

QUARTER_LABELS = {
    1: gettext_lazy("weakest quarter"),
    2: gettext_lazy("second quarter"),
    3: gettext_lazy("third quarter"),
    4: gettext_lazy("strongest quarter"),
}


def quarter_label(quarter: int | None) -> str:
    return str(QUARTER_LABELS[quarter]) if quarter in QUARTER_LABELS else "—"


def stat_text(indicator: Indicator, value: float | None) -> str:
    """A value or a quartile in the indicator's unit. Quartiles fall between whole counts
    (4.5 participants, 13.5 months): one decimal then, rather than a rounded neighbour."""
    if value is None or indicator.unit in ("share", "fte"):
        return format_value(indicator, value)
    whole = float(value).is_integer()
    shown = number_format(int(value)) if whole else number_format(round(value, 1), decimal_pos=1)
    plural = int(value) if whole else 2
    if indicator.unit == "points":
        return _("%(value)s of %(total)s") % {
            "value": shown,
            "total": indicator.out_of if indicator.out_of else "?",
        }
    if indicator.unit == "months":
        return ngettext("%(n)s month", "%(n)s months", plural) % {"n": shown}
    if indicator.unit == "years":
        return ngettext("%(n)s year", "%(n)s years", plural) % {"n": shown}
    if indicator.unit == "days":
        return ngettext("%(n)s day", "%(n)s days", plural) % {"n": shown}
    return shown


def quartile_strip_svg(
    indicator: Indicator,
    stats: Quartiles,
    own: float | None,
    quarter: int | None,
    *,
    width: int = 220,
    height: int = 34,
) -> str:
    """A box from the lower to the upper quartile with the median, and this cluster's value
    as a dot; the stronger side always on the right (a lower-is-better indicator is drawn
    reversed). No whiskers: the smallest and largest values are single peers' values."""
    low = min(stats.q1, own if own is not None else stats.q1)
    high = max(stats.q3, own if own is not None else stats.q3)
    spread = (high - low) or max(abs(high), 1.0)
    low, high = low - spread * 0.15, high + spread * 0.15
    margin = 10
    room = width - 2 * margin
    reverse = better(indicator) == LOWER

    def x(value: float) -> float:
        share = (value - low) / (high - low)
        return margin + room * (1 - share if reverse else share)

    left, right = sorted((x(stats.q1), x(stats.q3)))
    ident = chart_id()
    words = {
        "q1": stat_text(indicator, stats.q1),
        "median": stat_text(indicator, stats.median),
        "q3": stat_text(indicator, stats.q3),
        "own": stat_text(indicator, own),
        "quarter": quarter_label(quarter),
    }
    title = _("%(id)s: this cluster against the portfolio") % {"id": indicator.id}
    desc = (
        _(
            "Lower quartile %(q1)s, median %(median)s, upper quartile %(q3)s; "
            "this cluster %(own)s (%(quarter)s)."
        )
        % words
    )
    parts = [
        f'<svg class="chart quartile-strip" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<line x1="{margin}" y1="{height / 2:.1f}" x2="{width - margin}" '
        f'y2="{height / 2:.1f}" stroke="#d0d7de" stroke-width="1"/>',
        f'<rect x="{left:.1f}" y="8" width="{max(right - left, 2):.1f}" height="{height - 16}" '
        'rx="2" fill="#ddf4ff" stroke="#1f6feb" stroke-width="1"/>',
        f'<line x1="{x(stats.median):.1f}" y1="6" x2="{x(stats.median):.1f}" '
        f'y2="{height - 6}" stroke="#1f6feb" stroke-width="2"/>',
    ]
    if own is not None:
        colour = "#2da44e" if (quarter or 0) >= 3 else "#cf222e" if quarter == 1 else "#bf8700"
        parts.append(
            f'<circle cx="{x(own):.1f}" cy="{height / 2:.1f}" r="5" fill="{colour}" '
            'stroke="#ffffff" stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
