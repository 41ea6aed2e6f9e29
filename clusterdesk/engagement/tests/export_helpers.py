"""Reading back the ledger's CSV and XLSX downloads, and the checks every export shares."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import openpyxl
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

FORMATS = ("csv", "xlsx")


def _cell(value: Any) -> str:
    """A cell as text, the same whichever format it came in."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_of(response: HttpResponse) -> list[list[str]]:
    """The header row and the rows of a download, as text, from either format."""
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")  # the BOM by which Excel reads UTF-8
        return [list(row) for row in csv.reader(io.StringIO(text[1:], newline=""))]
    assert response.content.startswith(b"PK")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    try:
        return [
            [_cell(value) for value in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def tables(client: Client, address: Callable[[str], str]) -> list[list[str]]:
    """The table of the CSV download, after checking the XLSX one holds the same."""
    as_csv, as_xlsx = (table_of(client.get(address(file_format))) for file_format in FORMATS)
    assert as_csv == as_xlsx
    return as_csv


def query_count(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)
