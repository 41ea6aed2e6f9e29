"""The excellence report: the HTML page, the PDF (no network, in the reader's language) and
peers shown only as quartiles of portfolios of at least five clusters."""

import re
import zlib

import pytest
from django.utils import translation

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.report import no_network_fetcher, report_html, report_pdf
from clusterdesk.testing.factories import ClusterFactory, CommittedOrganisationFactory

from .page_helpers import records_for, text_of, url

pytestmark = pytest.mark.django_db

PEER_COMMITTED = (10, 20, 30, 40, 50)


@pytest.fixture
def cluster_a(personas):
    records_for(personas.cluster_a)
    return personas.cluster_a


def pdf_strings(pdf: bytes) -> str:
    """The text strings held in a PDF's compressed objects (its bookmarks, made from the
    headings), decoded: enough to see what the PDF is about without a PDF library."""
    found = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            data = zlib.decompressobj().decompress(pdf[match.end() :])
        except zlib.error:
            continue
        for hexadecimal in re.findall(rb"<feff([0-9a-fA-F]+)>", data):
            found.append(bytes.fromhex(hexadecimal.decode()).decode("utf-16-be"))
        found.extend(
            text.decode("latin-1") for text in re.findall(rb"/(?:Title|Lang) ?\(([^)]*)\)", data)
        )
    return "\n".join(found)


def five_peers():
    """Five other clusters with a saved assessment: 10, 20, 30, 40 and 50 committed."""
    for number, committed in enumerate(PEER_COMMITTED):
        peer = ClusterFactory(name=f"Peer Cluster {number}", slug=f"peer-{number}")
        for index in range(committed):
            CommittedOrganisationFactory(cluster=peer, name=f"Peer {number} member {index}")
        services.assessment_save(cluster=peer, actor=None)


def indicator_row(page: str, indicator_id: str) -> str:
    match = re.search(
        rf'<tr>\s*<td><span class="rp-id">{indicator_id}</span>.*?</tr>', page, re.DOTALL
    )
    assert match, indicator_id
    return match.group(0)


def test_the_report_page_shows_summary_readiness_indicators_and_roadmap(
    cluster_a, manager_a_client
):
    run = services.assessment_run(cluster=cluster_a)
    response = manager_a_client.get(url("report"))
    assert response.status_code == 200
    page = text_of(response)
    assert "Excellence report · Tuscany Fashion Cluster" in page
    assert f'data-testid="report-score">{round(run.assessment.score * 100)} %<' in page
    for heading in (
        "Summary",
        "Readiness by area",
        "Minimum requirements",
        "Indicators",
        "Peer portfolios",
        "Strengths",
        "Weaknesses",
        "Recommendations and roadmap",
    ):
        assert f">{heading}</h" in page, heading
    assert "contact 3 more participants" in page
    assert "Ask every active participant to sign the membership agreement" in page
    assert url("report_pdf") in page
    assert 'role="img"' in page


def test_without_five_peers_the_report_shows_no_comparison(cluster_a, manager_a_client):
    page = text_of(manager_a_client.get(url("report")))
    assert "portfolio below 5 clusters" in page
    row = indicator_row(page, "A1")
    assert row.count("<td>—</td>") == 2


def test_peers_are_shown_as_quartiles_only(cluster_a, manager_a_client):
    five_peers()
    page = text_of(manager_a_client.get(url("report")))
    row = indicator_row(page, "A1")
    # 10, 20, 30, 40, 50 committed: median 30, quartiles 20 and 40; A has 24.
    assert re.search(r"<td>30(\.0)?<br>", row)
    assert re.search(r"20(\.0)? – 40(\.0)?", row)
    assert "second quarter" in row
    for single in ("10", "50"):  # the smallest and largest peer never show
        assert not re.search(rf"\b{single}(\.0)?\b", row.split("</td>", 3)[-1]), single
    assert "Peer Cluster" not in page


def test_the_pdf_is_a_pdf_about_the_cluster(cluster_a):
    run = services.assessment_run(cluster=cluster_a)
    pdf = report_pdf(cluster_a, run, language="en")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000
    strings = pdf_strings(pdf)
    assert "Excellence report · Tuscany Fashion Cluster" in strings
    assert "\nen\n" in f"\n{strings}\n"
    assert "Recommendations and roadmap" in strings


def test_the_report_is_written_in_the_language_asked_for(cluster_a):
    run = services.assessment_run(cluster=cluster_a)
    with translation.override("en"):
        english = report_html(None, cluster_a, run, language="en")
        italian = report_html(None, cluster_a, run, language="it")
        assert translation.get_language() == "en"  # the report's language does not leak
    assert '<html lang="en">' in english and "Excellent" in english
    assert '<html lang="it">' in italian and "Eccellente" in italian
    assert "Tuscany Fashion Cluster" in english and "Tuscany Fashion Cluster" in italian


def test_the_pdf_download_follows_the_readers_language(cluster_a, manager_a_client):
    response = manager_a_client.get(url("report_pdf"), HTTP_ACCEPT_LANGUAGE="it")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="tfc-excellence-report-' in response["Content-Disposition"]
    assert "\nit\n" in f"\n{pdf_strings(response.content)}\n"  # the PDF's language: /Lang (it)


def test_the_pdf_never_reaches_the_network():
    fetcher = no_network_fetcher()
    for address in (
        "https://example.org/style.css",
        "http://example.org/a.png",
        "file:///etc/hosts",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(address)
    assert fetcher.fetch("data:text/plain,ok") is not None


def test_a_bad_date_gives_no_pdf(cluster_a, manager_a_client):
    response = manager_a_client.get(url("report_pdf", query="as_of=2999-01-01"))
    assert response.status_code == 400
    response = manager_a_client.get(url("report", query="as_of=nope"))
    assert response.status_code == 400


def test_a_board_viewer_reads_the_report(cluster_a, personas):
    board = personas.client_for(personas.board_a)
    assert board.get(url("report")).status_code == 200
    assert board.get(url("report_pdf")).content.startswith(b"%PDF")


def test_the_report_is_for_the_clusters_team_only(cluster_a, personas, manager_b_client):
    member = personas.client_for(personas.member_a)
    for address in (url("report"), url("report_pdf")):
        assert member.get(address).status_code == 403, address
        assert manager_b_client.get(address).status_code == 404, address


def test_the_charts_are_images_with_their_figures_in_words():
    from clusterdesk.benchmarking.charts import (
        Line,
        RadarSeries,
        history_svg,
        radar_svg,
        score_gauge_svg,
    )

    gauge = score_gauge_svg(
        0.7, line=0.8, title="Score", description="Score 70 %; Gold needs 80 %.", line_label="Gold"
    )
    assert 'role="img"' in gauge and "Score 70 %; Gold needs 80 %." in gauge
    radar = radar_svg(
        ["Structure", "Achievements and recognition", "Cooperation"],
        [RadarSeries("Score", [0.8, 0.5, 1.0])],
        title="Score by area",
    )
    assert "Structure 80 %, Achievements and recognition 50 %, Cooperation 100 %" in radar
    assert "<tspan" in radar  # a long area name on two lines
    history = history_svg(
        ["01/01/2025", "01/01/2026"],
        [Line("Score", [0.5, 0.7], "#000", bold=True), Line("Services", [None, 0.5], "#111")],
        title="Over time",
        gold_line=0.8,
        gold_label="Gold 80 %",
    )
    assert "01/01/2025: Score 50 %; 01/01/2026: Score 70 %, Services 50 %" in history
    assert history.count("<polyline") == 1  # one known point of Services draws no line
