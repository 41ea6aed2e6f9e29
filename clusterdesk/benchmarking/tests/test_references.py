"""Anonymous peer reference files: reading (encodings, separators, shares, countries) with a
message per row and column, preview before anything is saved, all-or-nothing import, and who
sees and deletes which file."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from clusterdesk.benchmarking.engine import default_framework
from clusterdesk.benchmarking.models import ReferenceRow, ReferenceSet
from clusterdesk.benchmarking.references import (
    ReferenceFileError,
    reference_import,
    reference_read,
    reference_upload,
    reference_upload_save,
)
from clusterdesk.conftest import Personas
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "country,technology_area,gold_ready,score,A1,A2,B4,D1,B3\n"
    "IT,Textile and fashion,yes,72 %,45,0.85,45 %,10,6\n"
    "Spain,Agrifood,no,0.5,12,80%,0.3,30,4\n"
    "TUR,Construction machinery,,,40,,,,\n"
)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def read(text: str, *, encoding: str = "utf-8", filename: str = "peers.csv") -> Any:
    return reference_read(text.encode(encoding), filename, default_framework())


def messages_of(preview: Any) -> list[tuple[int, str, str]]:
    return [(problem.row, problem.column, problem.message) for problem in preview.problems]


# --------------------------------------------------------------------------- reading


def test_it_reads_codes_names_fractions_and_percentages() -> None:
    preview = read(GOOD)

    assert preview.problems == []
    assert preview.can_apply
    assert preview.indicator_columns == ["A1", "A2", "B4", "D1", "B3"]
    first, second, third = preview.entries
    assert (first.country, first.technology_area, first.gold_ready) == (
        "IT",
        "Textile and fashion",
        True,
    )
    assert first.score == pytest.approx(0.72)
    assert first.values == {
        "A1": 45.0,
        "A2": 0.85,
        "B4": pytest.approx(0.45),
        "D1": 10.0,
        "B3": 6.0,
    }
    assert (second.country, second.gold_ready, second.score) == ("ES", False, 0.5)
    assert second.values["A2"] == pytest.approx(0.80)
    assert (third.country, third.score, third.values) == ("TR", None, {"A1": 40.0})


def test_it_reads_a_windows_1252_file_with_semicolons_and_decimal_commas() -> None:
    text = (
        "Country;Technology area;Gold ready;Score;A2\r\n"
        "France;Mécanique de précision;non;0,61;0,45\r\n"
    )

    preview = read(text, encoding="cp1252")

    assert preview.problems == []
    entry = preview.entries[0]
    assert (entry.country, entry.technology_area) == ("FR", "Mécanique de précision")
    assert entry.score == pytest.approx(0.61)
    assert entry.values == {"A2": pytest.approx(0.45)}


def test_it_reads_an_excel_sheet() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["country", "technology_area", "gold_ready", "score", "A2", "C1"])
    sheet.append(["DE", "Automotive", True, 0.83, 0.9, 30])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = reference_read(buffer.getvalue(), "peers.xlsx", default_framework())

    assert preview.problems == []
    entry = preview.entries[0]
    assert (entry.country, entry.gold_ready, entry.score) == ("DE", True, 0.83)
    assert entry.values == {"A2": 0.9, "C1": 30.0}


def test_a_share_above_100_percent_is_refused_where_it_is() -> None:
    preview = read("country,technology_area,A2,B4\nIT,Textile,0.5,145 %\nIT,Textile,0.5,0.2\n")

    assert messages_of(preview) == [(2, "B4", "“145 %” is more than 100 %.")]
    assert not preview.can_apply
    assert len(preview.entries) == 1


def test_a_share_written_as_a_plain_number_above_one_is_refused() -> None:
    preview = read("country,technology_area,A2\nIT,Textile,45\n")

    assert messages_of(preview) == [
        (2, "A2", "“45” is not a share: write it as a fraction (0.45) or with % (45 %).")
    ]


def test_a_word_where_a_number_belongs_is_refused() -> None:
    preview = read("country,technology_area,A1,score\nIT,Textile,many,0.5\n")

    assert messages_of(preview) == [(2, "A1", "“many” is not a number.")]


def test_an_unknown_country_is_refused() -> None:
    preview = read("country,technology_area,A1\nAtlantis,Textile,12\n,Textile,3\n")

    assert messages_of(preview) == [
        (
            2,
            "country",
            "“Atlantis” is not a country: give its ISO code (IT) or its English name (Italy).",
        ),
        (3, "country", "Give the country, as its ISO code (IT) or its English name (Italy)."),
    ]


def test_other_values_outside_what_an_indicator_can_be_are_refused() -> None:
    preview = read(
        "country,technology_area,B3,C1,A1,gold_ready\nIT,Textile,7,-2,30 %,maybe\nIT,Textile,,,,\n"
    )

    assert messages_of(preview) == [
        (2, "B3", "“7” is more than 6, the most B3 can be."),
        (2, "C1", "“-2” is below zero."),
        (2, "A1", "“30 %” is a percentage, but A1 is not a share: give the number."),
        (2, "gold_ready", "“maybe” should be yes or no."),
        (3, "", "The row gives no score and no indicator value."),
    ]


def test_an_unknown_indicator_column_is_refused_and_other_columns_are_left_out() -> None:
    preview = read("country,technology_area,name,Z9,A1\nIT,Textile,Somebody,3,12\n")

    assert messages_of(preview) == [
        (
            0,
            "Z9",
            "The column “Z9” is not an indicator of the framework in use "
            "(clusterdesk-default 2026.1): remove it or correct its heading.",
        )
    ]
    assert preview.ignored_columns == ["name"]
    assert preview.entries == []  # the file is not read further


def test_a_file_without_the_columns_it_needs_is_refused() -> None:
    preview = read("nation,area\nIT,Textile\n")

    assert [message for _row, _column, message in messages_of(preview)] == [
        "The file has no “country” column.",
        "The file has no “technology_area” column.",
        "The file has no score column and no indicator column (A1, B4…).",
    ]


def test_a_column_given_twice_is_refused() -> None:
    preview = read("country,technology_area,A1,a1\nIT,Textile,1,2\n")

    assert messages_of(preview) == [(0, "a1", "The columns “A1” and “a1” both give A1; keep one.")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "The file is empty."),
        ("   \n\n", "The file is empty."),
        ("country,technology_area,A1\n", "The file has no row below its headings."),
    ],
)
def test_an_empty_file_is_refused(content: str, message: str) -> None:
    preview = read(content)

    assert [problem.message for problem in preview.problems] == [message]
    assert not preview.can_apply


def test_the_example_in_the_documentation_reads_without_a_problem() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "benchmarking.md"
    example = docs.read_text(encoding="utf-8").split("```csv\n", 1)[1].split("```", 1)[0]

    preview = read(example)

    assert preview.problems == []
    assert [entry.country for entry in preview.entries] == ["IT", "ES", "DE"]
    assert preview.entries[0].values["A2"] == pytest.approx(0.86)
    assert preview.entries[1].values["C2"] == pytest.approx(0.12)


# --------------------------------------------------------------------------- importing


def test_a_good_file_is_imported_whole(personas: Personas) -> None:
    reference_set = reference_import(
        cluster=None,
        actor=None,
        content=GOOD.encode(),
        filename="peers.csv",
        name="National survey 2025",
        source="Ministry",
    )

    assert (reference_set.cluster, reference_set.rows, reference_set.source) == (
        None,
        3,
        "Ministry",
    )
    rows = list(ReferenceRow.objects.filter(reference_set=reference_set).order_by("id"))
    assert [row.country.code for row in rows] == ["IT", "ES", "TR"]
    assert rows[0].values["B4"] == pytest.approx(0.45)


def test_a_file_with_one_bad_row_imports_nothing(personas: Personas) -> None:
    content = (GOOD + "IT,Textile,no,0.5,12,145 %,,,\n").encode()

    with pytest.raises(ReferenceFileError) as raised:
        reference_import(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            content=content,
            filename="peers.csv",
            name="Survey",
        )

    assert [str(problem) for problem in raised.value.preview.problems] == [
        "Row 5, column A2: “145 %” is more than 100 %."
    ]
    assert raised.value.message == "The file has 1 problem; nothing was imported."
    assert ReferenceSet.objects.count() == 0 and ReferenceRow.objects.count() == 0


def test_a_reference_file_needs_a_name(personas: Personas) -> None:
    with pytest.raises(DomainError) as raised:
        reference_import(
            cluster=None, actor=None, content=GOOD.encode(), filename="peers.csv", name="  "
        )

    assert raised.value.field == "name"
    assert ReferenceSet.objects.count() == 0


# --------------------------------------------------------------------------- the pages


def references_url(slug: str = "tfc") -> str:
    return f"/c/{slug}/excellence/peers/references/"


def upload(client: Client, content: str | bytes, *, slug: str = "tfc", name: str = "Survey") -> Any:
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        references_url(slug),
        {"name": name, "source": "Programme", "file": SimpleUploadedFile("peers.csv", data)},
    )


def token_of(response: Any) -> str:
    assert response.status_code == 302, response.content
    return response.url.rstrip("/").rsplit("/", 1)[1]


def test_a_manager_uploads_previews_and_then_applies_a_file(
    personas: Personas,
    manager_a_client: Client,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    token = token_of(upload(manager_a_client, GOOD, name="National survey"))
    folder = media / "benchmarking" / "references" / str(personas.cluster_a.pk)
    assert (folder / f"{token}.upload").exists()

    preview = manager_a_client.get(f"{references_url()}{token}/")

    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'data-testid="count-clusters">3<' in page
    assert "Import the file" in page
    assert ReferenceSet.objects.count() == 0  # nothing before the apply

    with django_capture_on_commit_callbacks(execute=True):
        applied = manager_a_client.post(f"{references_url()}{token}/apply/")

    assert applied.status_code == 302
    reference_set = ReferenceSet.objects.get()
    assert (reference_set.cluster, reference_set.name, reference_set.rows) == (
        personas.cluster_a,
        "National survey",
        3,
    )
    assert reference_set.imported_by == personas.manager_a
    assert not (folder / f"{token}.upload").exists()
    assert AuditEntry.objects.filter(
        cluster=personas.cluster_a, object_type="referenceset", action="created"
    ).exists()
    assert "National survey" in manager_a_client.get("/c/tfc/excellence/peers/").content.decode()


def test_a_bad_file_previews_its_problems_row_by_row_and_cannot_be_applied(
    manager_a_client: Client,
) -> None:
    content = (
        "country;technology_area;A2;A1;Z9\nIT;Textile;145 %;12;\nAtlantis;Textile;0.5;twelve;\n"
    )
    token = token_of(upload(manager_a_client, content))

    page = manager_a_client.get(f"{references_url()}{token}/").content.decode()

    assert "The file cannot be imported as it is" in page
    assert "The column “Z9” is not an indicator" in page
    assert "Import the file" not in page

    fixed = content.replace(";Z9", "").replace(";\n", "\n")
    token = token_of(upload(manager_a_client, fixed))
    page = manager_a_client.get(f"{references_url()}{token}/").content.decode()

    assert "“145 %” is more than 100 %." in page
    assert "“Atlantis” is not a country" in page
    assert "“twelve” is not a number." in page
    assert 'data-testid="count-problems">2<' in page
    assert "Import the file" not in page

    refused = manager_a_client.post(f"{references_url()}{token}/apply/")

    assert refused.status_code == 302 and refused.url.endswith(f"/{token}/")
    assert ReferenceSet.objects.count() == 0


def test_the_upload_form_refuses_what_is_not_a_sheet(manager_a_client: Client) -> None:
    response = manager_a_client.post(
        references_url(),
        {"name": "Survey", "file": SimpleUploadedFile("peers.pdf", b"%PDF-1.4")},
    )

    assert response.status_code == 200
    assert "Upload a CSV or an Excel (.xlsx) file." in response.content.decode()


def test_an_abandoned_upload_is_set_aside(
    personas: Personas, manager_a_client: Client, media: Path
) -> None:
    token = token_of(upload(manager_a_client, GOOD))

    response = manager_a_client.post(f"{references_url()}{token}/")

    assert response.status_code == 302
    assert manager_a_client.get(f"{references_url()}{token}/").status_code == 404
    assert ReferenceSet.objects.count() == 0


def test_an_upload_left_waiting_for_days_is_cleared_at_the_next(
    personas: Personas, media: Path
) -> None:
    cluster = personas.cluster_a
    old = reference_upload_save(
        cluster=cluster, upload=SimpleUploadedFile("a.csv", GOOD.encode()), name="Old"
    )
    folder = media / "benchmarking" / "references" / str(cluster.pk)
    three_days_ago = time.time() - 3 * 24 * 3600
    for path in folder.iterdir():
        os.utime(path, (three_days_ago, three_days_ago))

    new = reference_upload_save(
        cluster=cluster, upload=SimpleUploadedFile("b.csv", GOOD.encode()), name="New"
    )

    assert reference_upload(cluster=cluster, token=old) is None
    assert reference_upload(cluster=cluster, token=new) is not None


def test_the_board_may_not_upload(personas: Personas) -> None:
    client = personas.client_for(personas.board_a)

    assert client.get(references_url()).status_code == 403
    assert upload(client, GOOD).status_code == 403


def test_another_cluster_never_reaches_a_waiting_upload(
    personas: Personas, manager_a_client: Client, manager_b_client: Client
) -> None:
    token = token_of(upload(manager_a_client, GOOD))

    for slug in ("tfc", "isim"):
        assert manager_b_client.get(f"{references_url(slug)}{token}/").status_code == 404
        assert manager_b_client.post(f"{references_url(slug)}{token}/").status_code == 404
        assert manager_b_client.post(f"{references_url(slug)}{token}/apply/").status_code == 404
    assert ReferenceSet.objects.count() == 0
    assert reference_upload(cluster=personas.cluster_a, token=token) is not None


def test_shared_files_are_listed_for_every_cluster_and_own_files_for_their_cluster(
    personas: Personas, manager_a_client: Client, manager_b_client: Client
) -> None:
    ReferenceSet.objects.create(cluster=None, name="Operator survey", rows=40)
    ReferenceSet.objects.create(cluster=personas.cluster_a, name="Tuscan benchmark", rows=6)
    ReferenceSet.objects.create(cluster=personas.cluster_b, name="Anatolian benchmark", rows=8)

    page_a = manager_a_client.get("/c/tfc/excellence/peers/").content.decode()
    page_b = manager_b_client.get("/c/isim/excellence/peers/").content.decode()

    assert "Operator survey" in page_a and "Operator survey" in page_b
    assert "Tuscan benchmark" in page_a and "Tuscan benchmark" not in page_b
    assert "Anatolian benchmark" in page_b and "Anatolian benchmark" not in page_a


def delete_url(pk: int, slug: str = "tfc") -> str:
    return f"{references_url(slug)}{pk}/delete/"


def test_a_manager_deletes_an_own_file_with_its_rows(
    personas: Personas, manager_a_client: Client
) -> None:
    own = reference_import(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        content=GOOD.encode(),
        filename="peers.csv",
        name="Tuscan benchmark",
    )

    assert "Delete Tuscan benchmark?" in manager_a_client.get(delete_url(own.pk)).content.decode()
    response = manager_a_client.post(delete_url(own.pk))

    assert response.status_code == 302
    assert ReferenceSet.objects.count() == 0 and ReferenceRow.objects.count() == 0
    assert AuditEntry.objects.filter(
        cluster=personas.cluster_a, object_type="referenceset", action="deleted"
    ).exists()


def test_a_shared_file_cannot_be_deleted_from_a_cluster(
    personas: Personas, manager_a_client: Client
) -> None:
    shared = ReferenceSet.objects.create(cluster=None, name="Operator survey", rows=40)

    assert manager_a_client.get(delete_url(shared.pk)).status_code == 404
    assert manager_a_client.post(delete_url(shared.pk)).status_code == 404
    assert ReferenceSet.objects.filter(pk=shared.pk).exists()
    page = manager_a_client.get("/c/tfc/excellence/peers/").content.decode()
    assert delete_url(shared.pk) not in page


def test_another_clusters_manager_cannot_delete_an_own_file(
    personas: Personas, manager_b_client: Client
) -> None:
    own = ReferenceSet.objects.create(cluster=personas.cluster_a, name="Tuscan", rows=6)

    for slug in ("tfc", "isim"):
        assert manager_b_client.get(delete_url(own.pk, slug)).status_code == 404
        assert manager_b_client.post(delete_url(own.pk, slug)).status_code == 404
    assert ReferenceSet.objects.filter(pk=own.pk).exists()


def test_the_board_may_not_delete_a_file(personas: Personas) -> None:
    own = ReferenceSet.objects.create(cluster=personas.cluster_a, name="Tuscan", rows=6)
    client = personas.client_for(personas.board_a)

    assert client.post(delete_url(own.pk)).status_code == 403
    assert ReferenceSet.objects.filter(pk=own.pk).exists()


def test_the_operators_admin_lists_shared_files_only(personas: Personas, client: Client) -> None:
    operator = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    shared = ReferenceSet.objects.create(cluster=None, name="Operator survey", rows=40)
    own = ReferenceSet.objects.create(cluster=personas.cluster_a, name="Tuscan benchmark", rows=6)
    client.force_login(operator)

    page = client.get("/admin/benchmarking/referenceset/").content.decode()

    assert "Operator survey" in page and "Tuscan benchmark" not in page
    assert client.get(f"/admin/benchmarking/referenceset/{shared.pk}/change/").status_code == 200
    assert client.get(f"/admin/benchmarking/referenceset/{own.pk}/change/").status_code == 302
    assert client.get("/admin/benchmarking/assessment/").status_code == 404
