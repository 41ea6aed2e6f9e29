"""Exports of a mapping's results: CSV written by Polars with headers in plain words, XLSX in
one worksheet, narrowed by year, region type, region and cluster; an XLSX beyond what a
worksheet holds is refused with a way out."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from clusterdesk.mapping import samples
from clusterdesk.mapping.exports import XLSX_MAX_ROWS, column_letter, write_xlsx
from clusterdesk.mapping.models import DatasetStatus, MappingDataset, ResultTable

from .test_services import create, mapped

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(personas, django_capture_on_commit_callbacks) -> MappingDataset:
    dataset = mapped(personas, samples.us_states_2016(), django_capture_on_commit_callbacks)
    assert dataset.status == DatasetStatus.DONE
    return dataset


def export_url(dataset: MappingDataset, table: str, file_format: str, query: str = "") -> str:
    address = reverse("mapping:export", args=["tfc", dataset.pk, table, file_format])
    return f"{address}?{query}" if query else address


def content_of(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = content_of(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_regions_clusters_export_as_csv_with_headers_in_plain_words(states, manager_a_client):
    response = manager_a_client.get(export_url(states, "clusters", "csv", "year=2016&region=26"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="tfc-mapping-{states.pk}-clusters-2016-26.csv"'
        in response["Content-Disposition"]
    )
    raw = content_of(response)
    assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 67
    assert {"Region", "Cluster", "Location quotient", "Strong, top 10 %", "Stars"} <= set(rows[0])
    automotive = next(row for row in rows if row["Cluster code"] == "4")
    assert automotive["Region"] == "Michigan"
    assert float(automotive["Location quotient"]) == pytest.approx(5.805, abs=0.001)
    assert automotive["Strong"] == "true"


def test_one_cluster_across_the_states_exports_without_the_reference(states, manager_a_client):
    response = manager_a_client.get(
        export_url(states, "clusters", "csv", "year=2016&region_type=state&cluster=4")
    )
    rows = csv_rows(response)
    assert len(rows) == 50
    assert {row["Cluster"] for row in rows} == {"Automotive"}


def test_the_whole_regions_table_exports_as_csv(states, manager_a_client):
    rows = csv_rows(manager_a_client.get(export_url(states, "regions", "csv")))
    assert len(rows) == 51
    michigan = next(row for row in rows if row["Region code"] == "26")
    assert float(
        michigan["Cluster strength (share of traded employment in strong clusters)"]
    ) == pytest.approx(0.2554, abs=0.0001)


def test_the_states_export_as_one_xlsx_worksheet(states, manager_a_client):
    response = manager_a_client.get(export_url(states, "regions", "xlsx", "region_type=state"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content_of(response)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 51  # the header and 50 states
    assert rows[0][:3] == ("Year", "Region code", "Region")
    assert sheet.cell(row=1, column=1).font.bold
    michigan = next(row for row in rows[1:] if row[1] == "26")
    assert michigan[2] == "Michigan" and michigan[0] == 2016


def test_an_xlsx_beyond_a_worksheets_rows_is_refused_with_the_csv_offered(states, manager_a_client):
    """The results are replaced by a table one row longer than a worksheet holds."""
    rows = XLSX_MAX_ROWS + 1
    pl.DataFrame(
        {
            "year": pl.Series([2016] * rows, dtype=pl.Int32),
            "region_code": pl.Series(["26"] * rows),
            "cluster_code": pl.Series(["4"] * rows),
            "employment": pl.Series([1.0] * rows),
        }
    ).write_parquet(default_storage.path(states.result_name(ResultTable.CLUSTERS)))
    response = manager_a_client.get(export_url(states, "clusters", "xlsx", "year=2016"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This export holds 1,048,576 rows; an Excel worksheet holds at most 1,048,575." in page
    assert "Choose a year or a region type to narrow it, or download it as CSV" in page
    assert export_url(states, "clusters", "csv", "year=2016") in page
    csv_response = manager_a_client.get(export_url(states, "clusters", "csv", "year=2016"))
    assert content_of(csv_response).count(b"\n") == rows + 1


def test_unknown_tables_formats_and_years_are_404(states, manager_a_client):
    for address in (
        export_url(states, "flag_thresholds", "csv"),
        export_url(states, "clusters", "pdf"),
        export_url(states, "clusters", "csv", "year=last"),
    ):
        assert manager_a_client.get(address).status_code == 404, address


def test_a_dataset_not_mapped_yet_has_nothing_to_export(personas, manager_a_client):
    waiting = create(personas, samples.us_states_2016())
    assert manager_a_client.get(export_url(waiting, "clusters", "csv")).status_code == 404


def test_another_clusters_manager_cannot_export_a_real_dataset(states, manager_b_client):
    for slug in ("tfc", "isim"):
        address = reverse("mapping:export", args=[slug, states.pk, "clusters", "csv"])
        assert manager_b_client.get(address).status_code == 404


def test_the_workbook_keeps_types_escapes_text_and_leaves_unknown_values_empty(tmp_path):
    frame = pl.DataFrame(
        {
            "Year": [2016, None],
            "Region": ["Emilia-Romagna & <Marche>", "Bad\x01byte"],
            "Location quotient": [5.8052, float("nan")],
            "Strong": [True, None],
        }
    )
    path = tmp_path / "results.xlsx"
    write_xlsx(frame, str(path), sheet="Results: 2016/17")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet.title == "Results  2016 17"
    assert sheet.freeze_panes == "A2"
    assert list(sheet.values) == [
        ("Year", "Region", "Location quotient", "Strong"),
        (2016, "Emilia-Romagna & <Marche>", 5.8052, True),
        (None, "Badbyte", None, None),
    ]


def test_columns_are_lettered_as_a_spreadsheet_letters_them():
    assert [column_letter(index) for index in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
