"""The privacy proof: nothing that cluster A's manager can open — any benchmarking page, export,
report (HTML and PDF), API answer or the CLI's output — names another cluster or gives one of
its values.

How the proof is built, and its limit, honestly: a portfolio is shown as quartiles, and a
quartile of real values is often *some* member's value (the median of an odd-sized portfolio
always is). That cannot be avoided if medians are shown at all; it is why a portfolio needs at
least five members — then neither the smallest nor the largest value is ever a quartile — and
why nothing but quartiles is given (no minimum, maximum, whisker, or count of a portfolio too
small). So the markers below are values at the extremes of every portfolio, distinctive
enough to be found in any format ("98765", "98,765", 0.123456 → "123456"), and the test
proves they never leak, nor any name or slug, while the quartiles themselves do show.
A second test proves that with only four peers no quartile appears at all.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import statistics
import subprocess
import zlib
from collections.abc import Iterator
from datetime import timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from clusterdesk.api.tests.support import token_client
from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.engine import default_framework
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.conftest import Personas
from clusterdesk.testing.factories import CommittedOrganisationFactory

from .test_peers import peer_cluster, reference_file, snapshot

pytestmark = pytest.mark.django_db

PEERS = [
    # slug, name, values, score, gold-ready — the first two carry the markers, at the top or
    # the bottom of every portfolio they are in.
    (
        "zephyrwood-robotics",
        "Zephyrwood Robotics Alliance",
        {"A1": 98765.0, "B6": 5432.0},
        0.123456,
    ),
    ("quillfeather-guild", "Quillfeather Textile Guild", {"C1": 8642.0, "B4": 0.999871}, 0.987654),
    ("marrowbeck-weavers", "Marrowbeck Weavers Network", {"A1": 10.0, "B6": 1.0}, 0.3),
    ("tallowmere-fashion", "Tallowmere Fashion Hub", {"A1": 20.0, "B6": 2.0}, 0.4),
    ("ossingrove-textiles", "Ossingrove Textiles Pole", {"A1": 30.0, "B6": 3.0}, 0.5),
    ("brackenvale-cluster", "Brackenvale Smart Fabrics", {"A1": 40.0, "B6": 4.0}, 0.6),
]
COMMON = {"C1": 12.0, "B4": 0.5, "D1": 12.0}
MARKER_NUMBERS = ["98765", "5432", "8642", "999871", "123456", "987654", "7531"]
OWN_FILE_MARKER = "4242"  # in cluster B's own reference file


def others(personas: Personas) -> list[str]:
    names = [name for _slug, name, _values, _score in PEERS]
    slugs = [slug for slug, _name, _values, _score in PEERS]
    return [*names, *slugs, personas.cluster_b.name, "/c/isim/", "Anatolian benchmark"]


def installation(personas: Personas) -> None:
    """Six other clusters with saved assessments (five Gold-ready), cluster B with one and
    with its own reference file, a shared reference file; cluster A with some records, two
    snapshots and an answer."""
    for index, (slug, name, values, score) in enumerate(PEERS):
        snapshot(
            peer_cluster(slug, name=name),
            values={**COMMON, **values},
            score=score,
            gold_ready=index < 5,
        )
    snapshot(personas.cluster_b, values={"A1": 35.0}, score=0.45)
    reference_file(
        None,
        [{"values": {"D1": 7531.0, "A1": 50.0}, "score": 0.55, "gold_ready": True}],
        name="Operator survey",
    )
    reference_file(
        personas.cluster_b,
        [{"values": {"A1": float(OWN_FILE_MARKER)}, "score": 0.42}] * 5,
        name="Anatolian benchmark",
    )
    cluster = personas.cluster_a
    for _number in range(3):
        CommittedOrganisationFactory(cluster=cluster)
    today = timezone.localdate()
    services.assessment_save(cluster=cluster, actor=None, as_of=today - timedelta(days=200))
    services.assessment_save(cluster=cluster, actor=None)
    services.answer_give(
        cluster=cluster,
        actor=personas.manager_a,
        data={"question": "label_held", "value": "bronze", "answered_on": today},
    )


# --------------------------------------------------------------------------- reading anything


def pdf_text(content: bytes) -> str:
    """The PDF's text, by poppler's pdftotext where the machine has it. Where it has not, the
    HTML report (checked beside it) is the proof: one template makes both."""
    if not shutil.which("pdftotext"):
        return ""
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def pdf_file(content: bytes) -> str:
    """The PDF itself with its compressed streams opened: metadata, anything left plain. Only
    names are looked for here: fonts and coordinates are full of digits."""
    parts = [content.decode("latin-1")]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream[1]).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(parts)


def readable(content: bytes) -> str:
    if content.startswith(b"%PDF"):
        return pdf_text(content)
    if content.startswith(b"PK\x03\x04"):  # XLSX: every cell of every sheet, and its title
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        titles = [sheet.title for sheet in workbook.worksheets]
        return "\n".join([*titles, str(workbook.properties.title or ""), *cells])
    return content.decode("utf-8", "replace")


TOKENS = re.compile(r"[A-Za-z0-9_-]{32,}")  # CSRF tokens, file tokens: random, not data
BETWEEN_DIGITS = re.compile(r"(?<=\d)[,.\u00a0\u202f' ](?=\d)")


def leaks(url: str, text: str, names: list[str], numbers: list[str]) -> list[str]:
    found = [name for name in names if name.lower() in text.lower()]
    if re.search(r"\bisim\b", text):
        found.append("isim")
    if url.endswith("(file)"):
        return found
    digits = BETWEEN_DIGITS.sub("", TOKENS.sub(" ", text))
    return found + [number for number in numbers if number in digits]


def pages(personas: Personas, client: Client) -> Iterator[tuple[str, str]]:
    """Every benchmarking page, export and report of cluster A, as its manager opens them."""
    base = "/c/tfc/excellence/"
    snapshots = list(
        SavedAssessment.objects.for_cluster(personas.cluster_a).values_list("pk", flat=True)
    )
    urls = [
        base,
        f"{base}export/csv/",
        f"{base}export/xlsx/",
        f"{base}questionnaire/",
        f"{base}history/",
        f"{base}history/compare/?a={snapshots[1]}&b={snapshots[0]}",
        *(f"{base}history/{pk}/" for pk in snapshots),
        f"{base}roadmap/",
        f"{base}report/",
        f"{base}report/pdf/",
        f"{base}peers/references/",
        *(f"{base}peers/?pool={pool}" for pool in ("installation", "own")),
        *(f"{base}peers/?portfolio={key}" for key in ("country", "technology", "all", "gold")),
    ]
    for indicator in default_framework().indicators:
        urls += [
            f"{base}indicators/{indicator.id}/",
            f"{base}indicators/{indicator.id}/export/csv/",
            f"{base}indicators/{indicator.id}/export/xlsx/",
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = b"".join(response) if response.streaming else response.content
        yield url, readable(content)
        if content.startswith(b"%PDF"):
            yield f"{url} (file)", pdf_file(content)


def api_answers(personas: Personas) -> Iterator[tuple[str, str]]:
    client = token_client(personas.manager_a)
    snapshot_id = SavedAssessment.objects.for_cluster(personas.cluster_a).first().pk
    base = "/api/v1/c/tfc/assessments/"
    for url in (
        f"{base}live/?evidence=1",
        base,
        f"{base}{snapshot_id}/",
        f"{base}peers/",
        f"{base}peers/?pool=own",
        f"{base}answers/",
        f"{base}framework/",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        yield url, response.content.decode()


def cli_outputs() -> Iterator[tuple[str, str]]:
    for file_format in ("text", "json"):
        out = io.StringIO()
        call_command("benchmark", "tfc", "--format", file_format, stdout=out)
        yield f"benchmark --format {file_format}", out.getvalue()


def everything(personas: Personas, client: Client) -> list[tuple[str, str]]:
    return [*pages(personas, client), *api_answers(personas), *cli_outputs()]


# --------------------------------------------------------------------------- the proofs


def test_no_page_export_report_api_answer_or_cli_output_reveals_another_cluster(
    personas: Personas, manager_a_client: Client
) -> None:
    installation(personas)

    outputs = everything(personas, manager_a_client)

    names, numbers = others(personas), [*MARKER_NUMBERS, OWN_FILE_MARKER]
    found = {url: leaks(url, text, names, numbers) for url, text in outputs}
    assert {url: leaked for url, leaked in found.items() if leaked} == {}
    # Not a vacuous proof: cluster A's own name is there, and the portfolios do show.
    assert all(personas.cluster_a.name in text for url, text in outputs if url.endswith("/report/"))
    peers_page = next(text for url, text in outputs if url.endswith("peers/?pool=installation"))
    assert "8 clusters" in peers_page  # six peers, cluster B, the shared file's row
    api_peers = json.loads(
        next(text for url, text in outputs if url.endswith("assessments/peers/"))
    )
    everyone = next(item for item in api_peers["portfolios"] if item["key"] == "all")
    # A1 given by seven of the eight (Quillfeather's snapshot has no participant: unknown),
    # sorted: 10, 20, 30, 35 (cluster B), 40, 50 (the shared file's row), 98765. Inclusive
    # quartiles sit at positions 1.5, 3 and 4.5: (20 + 30) / 2, 35, (40 + 50) / 2.
    assert everyone["indicators"][0]["quartiles"] == {
        "count": 7,
        "q1": 25.0,
        "median": 35.0,
        "q3": 45.0,
    }


def test_with_only_four_peers_no_quartile_appears_anywhere(
    personas: Personas, manager_a_client: Client
) -> None:
    values = [1111.0, 2222.0, 3333.0, 4444.0]
    for number, value in enumerate(values):
        snapshot(
            peer_cluster(f"small-{number}", name=f"Small Peer {number}"),
            values={"A1": value, "C1": value},
            score=0.1 + number / 100,
        )
    cluster = personas.cluster_a
    today = timezone.localdate()
    services.assessment_save(cluster=cluster, actor=None, as_of=today - timedelta(days=200))
    services.assessment_save(cluster=cluster, actor=None)

    outputs = everything(personas, manager_a_client)

    # What the quartiles would be, were a portfolio of four shown: none of it may appear.
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    numbers = ["1111", "2222", "3333", "4444"]
    for value in (q1, median, q3):  # as computed, and as a page would round them
        numbers += [f"{value:g}".replace(".", ""), f"{value:.1f}".replace(".", "")]
        numbers.append(str(round(value)))
    names = [f"Small Peer {number}" for number in range(4)] + [f"small-{n}" for n in range(4)]
    found = {url: leaks(url, text, names, numbers) for url, text in outputs}
    assert {url: leaked for url, leaked in found.items() if leaked} == {}
    peers_page = next(text for url, text in outputs if url.endswith("peers/?pool=installation"))
    assert peers_page.count("Too small to show.") == 4
    assert "Lower quartile" not in peers_page and "Median" not in peers_page
    assert "4 clusters" not in peers_page
    api_peers = json.loads(
        next(text for url, text in outputs if url.endswith("assessments/peers/"))
    )
    assert all(set(item) == {"key", "label", "shown"} for item in api_peers["portfolios"])
    assert "quartiles" not in json.dumps(api_peers)
