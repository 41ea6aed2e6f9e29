"""The excellence report a manager hands to the board: summary, readiness, the radar chart,
every indicator with its peers' quartiles, strengths and weaknesses, recommendations and the
roadmap. One template makes the HTML page and the PDF (WeasyPrint); both render without a
request, so the CLI writes the same PDF, in the language it is asked for.

The PDF never reaches the network: the styles are inlined, the charts are inline SVG, and the
URL fetcher refuses every address but ``data:``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from clusterdesk.tenancy.models import Cluster

from . import presentation
from .engine import EXCELLENT, MET, NOT_MET, UNKNOWN, Framework
from .peers import Portfolio, peer_portfolios, quarter_label, stat_text
from .services import Run
from .targets import percent

# The portfolio the indicator table compares with: the widest one.
TABLE_PORTFOLIO = "all"


def no_network_fetcher() -> Any:
    """A WeasyPrint URL fetcher that only reads ``data:`` addresses (no http, https, file)."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, timeout=1, allow_redirects=False)


@dataclass(frozen=True)
class PeerCell:
    shown: bool
    median: str = "—"
    spread: str = ""
    quarter: str = "—"
    quarter_number: int | None = None


@dataclass(frozen=True)
class PortfolioRow:
    label: str
    shown: bool
    count: int | None  # only when shown
    median: str
    spread: str
    quarter: str


def _peer_cell(framework: Framework, portfolio: Portfolio | None, indicator_id: str) -> PeerCell:
    if portfolio is None or not portfolio.shown:
        return PeerCell(False)
    row = portfolio.indicator(indicator_id)
    if row is None or row.stats is None:
        return PeerCell(True)
    indicator = framework.indicator(indicator_id)
    return PeerCell(
        True,
        stat_text(indicator, row.stats.median),
        f"{stat_text(indicator, row.stats.q1)} – {stat_text(indicator, row.stats.q3)}",
        quarter_label(row.position),
        row.position,
    )


def _portfolio_rows(portfolios: list[Portfolio]) -> list[PortfolioRow]:
    rows = []
    for portfolio in portfolios:
        if not portfolio.shown or portfolio.score is None:
            rows.append(PortfolioRow(portfolio.label, False, None, "—", "", "—"))
            continue
        score = portfolio.score
        rows.append(
            PortfolioRow(
                portfolio.label,
                True,
                portfolio.count,
                percent(score.median),
                f"{percent(score.q1)} – {percent(score.q3)}",
                quarter_label(portfolio.score_position),
            )
        )
    return rows


def report_context(cluster: Cluster, run: Run) -> dict[str, Any]:
    """What the report shows, in the active language."""
    framework, assessment = run.framework, run.assessment
    context = presentation.readiness_context(cluster, framework, assessment)
    portfolios = peer_portfolios(cluster, framework, assessment)
    table = next((p for p in portfolios if p.key == TABLE_PORTFOLIO), None)
    rows = [row for area in context["areas"] for row in area.rows]
    for row in rows:
        row.peer = _peer_cell(framework, table, row.id)
    counts = assessment.counts()
    context.update(
        {
            "cluster": cluster,
            "version": run.version,
            "generated_on": timezone.localdate(),
            "table_portfolio": table,
            "minimum_peers": framework.labels.peer_minimum,
            "portfolios": _portfolio_rows(portfolios),
            "strengths": [row for row in rows if row.status in (EXCELLENT, MET)],
            "weaknesses": [row for row in rows if row.status in (NOT_MET, UNKNOWN)],
            "roadmap": presentation.roadmap_rows(cluster.slug, framework, assessment),
            "reached": counts[EXCELLENT] + counts[MET],
            "short": counts[NOT_MET],
            "unknown": counts[UNKNOWN],
            "total": len(rows),
            "language": translation.get_language(),
        }
    )
    return context


def report_html(
    request_or_none: HttpRequest | None, cluster: Cluster, run: Run, *, language: str
) -> str:
    """The report as one standalone HTML document (styles inlined, charts inline SVG)."""
    with translation.override(language):
        return render_to_string(
            "benchmarking/report_document.html",
            report_context(cluster, run),
            request=request_or_none,
        )


def report_pdf(cluster: Cluster, run: Run, *, language: str) -> bytes:
    """The report as an A4 PDF, in ``language``."""
    from weasyprint import HTML

    html = report_html(None, cluster, run, language=language)
    return HTML(string=html, url_fetcher=no_network_fetcher()).write_pdf()


def report_filename(cluster: Cluster, run: Run) -> str:
    return f"{cluster.slug}-excellence-report-{run.assessment.as_of.isoformat()}.pdf"
