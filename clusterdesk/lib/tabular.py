"""Reading and writing the tables people exchange: CSV (any of the usual encodings and
separators) and XLSX. Shared by every import and export of the product."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
import tablib
from django.utils.translation import gettext as _

from .errors import DomainError

XLSX_MAGIC = b"PK\x03\x04"
CSV_SEPARATORS = ",;\t|"


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as the person sees it, cells)
    encoding: str = ""
    separator: str = ""


def decode_text(content: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when it is valid, else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"


def guess_separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_SEPARATORS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(CSV_SEPARATORS, key=first.count) if first else ","


def _clean_headers(cells: list[Any]) -> list[str]:
    return [str(cell).strip() if cell is not None else "" for cell in cells]


def _is_blank(cells: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def read_table(content: bytes, filename: str) -> Table:
    """Read a CSV or XLSX file into headers and numbered rows; blank rows are skipped."""
    if not content.strip():
        raise DomainError(_("The file is empty."))
    if content.startswith(XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content)
    if filename.lower().endswith(".xls"):
        raise DomainError(
            _("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV.")
        )
    return _read_csv(content)


def _read_csv(content: bytes) -> Table:
    text, encoding = decode_text(content)
    separator = guess_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        headers = _clean_headers(next(reader))
    except StopIteration:
        raise DomainError(_("The file is empty.")) from None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(reader, start=2):
        if _is_blank(cells):
            continue
        rows.append((number, cells))
    return Table(headers=headers, rows=rows, encoding=encoding, separator=separator)


def _read_xlsx(content: bytes) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise DomainError(_("The file could not be opened as an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        lines: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
        try:
            headers = _clean_headers(list(next(lines)))
        except StopIteration:
            raise DomainError(_("The first sheet of the workbook is empty.")) from None
        while headers and not headers[-1]:
            headers.pop()
        rows: list[tuple[int, list[Any]]] = []
        for number, cells in enumerate(lines, start=2):
            values = list(cells[: len(headers)])
            if _is_blank(values):
                continue
            rows.append((number, values))
    finally:
        workbook.close()
    return Table(headers=headers, rows=rows, encoding="xlsx")


def write_table(headers: list[str], rows: list[list[Any]], file_format: str) -> bytes:
    """Export rows as CSV (UTF-8 with BOM, which Excel opens correctly) or XLSX."""
    dataset = tablib.Dataset(*rows, headers=headers)
    if file_format == "xlsx":
        return dataset.export("xlsx")
    if file_format == "csv":
        return ("\ufeff" + dataset.export("csv")).encode("utf-8")
    raise ValueError(file_format)
