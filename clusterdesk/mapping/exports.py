"""A mapping's results as files people open: CSV written by Polars straight from the Parquet
scan (never held as Python objects, however many rows) and XLSX written row by row in
openpyxl's write-only mode, refused beyond what a worksheet holds. Headers are in plain
words."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from html import escape
from typing import Any

import polars as pl
from django.http import FileResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ResultTable

XLSX_MAX_ROWS = 1_048_575
"""A worksheet holds 1,048,576 rows, the header one of them."""
XLSX_CHUNK = 10_000
TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

COMMON_HEADERS: dict[str, Promise] = {
    "year": _("Year"),
    "region_code": _("Region code"),
    "region_name": _("Region"),
    "region_type": _("Region type"),
    "is_reference": _("Reference region"),
    "source": _("Figures (own, or summed from the regions inside)"),
    "employment": _("Employment"),
    "employment_reported": _("Employment as published (withheld cells as 0)"),
    "establishments": _("Establishments"),
    "annual_payroll": _("Annual payroll"),
    "average_wage": _("Average wage (payroll per employee)"),
    "previous_year": _("Previous year"),
    "employment_change": _("Employment change since the previous year"),
    "growth_rate": _("Employment growth since the previous year"),
}
HEADERS: dict[str, dict[str, Promise]] = {
    ResultTable.CLUSTERS: COMMON_HEADERS
    | {
        "cluster_code": _("Cluster code"),
        "cluster_name": _("Cluster"),
        "traded": _("Traded cluster"),
        "region_share": _("Share of the region's traded (or local) employment"),
        "national_share": _("Share of the reference region's employment in the cluster"),
        "total_share": _("Share of the region's total employment"),
        "lq": _("Location quotient"),
        "lq_total": _("Location quotient against total employment"),
        "large_enough": _("Large enough to be rated"),
        "qualifying": _("Qualifying"),
        "significant": _("Significant"),
        "strong": _("Strong"),
        "strong10": _("Strong, top 10 %"),
        "size_star": _("Size star"),
        "specialisation_star": _("Specialisation star"),
        "focus_star": _("Focus star"),
        "stars": _("Stars"),
    },
    ResultTable.REGIONS: COMMON_HEADERS
    | {
        "traded_employment": _("Traded employment"),
        "local_employment": _("Local employment"),
        "clusters_present": _("Clusters present"),
        "strong_clusters": _("Strong clusters"),
        "strong_employment": _("Employment in strong clusters"),
        "cluster_strength": _("Cluster strength (share of traded employment in strong clusters)"),
    },
}
EXPORTED_TABLES = (ResultTable.CLUSTERS, ResultTable.REGIONS)


def headed(frame: pl.LazyFrame, table: str) -> pl.LazyFrame:
    """The table with its columns named in the reader's language."""
    headers = HEADERS[table]
    return frame.rename(
        {name: str(headers[name]) for name in frame.collect_schema().names() if name in headers}
    )


def row_count(frame: pl.LazyFrame) -> int:
    return int(frame.select(pl.len()).collect().item())


def file_name(*parts: Any) -> str:
    """A safe attachment name from its parts ("tfc-mapping-3-clusters-2016-state")."""
    text = "-".join(str(part) for part in parts if part not in (None, ""))
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[:150]


def _temporary_response(
    write: Callable[[str], None], *, filename: str, content_type: str
) -> FileResponse:
    """Write the file to a temporary path, then stream it (the name is removed at once: the
    open handle keeps the content until the response is sent)."""
    handle, path = tempfile.mkstemp(prefix="clusterdesk-export-")
    os.close(handle)
    try:
        write(path)
        stream = open(path, "rb")  # noqa: SIM115 (closed by the response)
    finally:
        os.unlink(path)
    response = FileResponse(stream, as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    return response


def csv_response(frame: pl.LazyFrame, table: str, *, filename: str) -> FileResponse:
    """UTF-8 with a byte-order mark (Excel opens it correctly), written by Polars in batches."""
    return _temporary_response(
        lambda path: headed(frame, table).sink_csv(path, include_bom=True),
        filename=filename,
        content_type=TYPES["csv"],
    )


def xlsx_response(frame: pl.LazyFrame, table: str, *, filename: str) -> FileResponse:
    """One worksheet, the header row bold and frozen. The caller checks ``row_count``
    against ``XLSX_MAX_ROWS`` first."""
    return _temporary_response(
        lambda path: write_xlsx(headed(frame, table).collect(), path, sheet=str(_("Results"))),
        filename=filename,
        content_type=TYPES["xlsx"],
    )


# An XLSX file is a zip of XML parts. The worksheet's XML is built by Polars, a column at a
# time: openpyxl, even write-only, takes minutes for the 216,000 rows of a year of counties.

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
XLSX_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}
ILLEGAL_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"


def column_letter(index: int) -> str:
    """A, B, … Z, AA, AB…: the letter of the column at ``index`` (from 0)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escaped(text: pl.Expr) -> pl.Expr:
    return (
        text.str.replace_all(ILLEGAL_XML, "")
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
    )


def _text_cell(reference: pl.Expr, text: pl.Expr, style: str = "") -> pl.Expr:
    return pl.concat_str(
        [
            pl.lit('<c r="'),
            reference,
            pl.lit(f'"{style} t="inlineStr"><is><t xml:space="preserve">'),
            _escaped(text),
            pl.lit("</t></is></c>"),
        ]
    )


def _cell(name: str, dtype: pl.DataType, reference: pl.Expr) -> pl.Expr:
    """A column's cells as XML, empty where the value is unknown."""
    value = pl.col(name)
    if dtype == pl.Boolean:
        cell = pl.concat_str(
            [
                pl.lit('<c r="'),
                reference,
                pl.lit('" t="b"><v>'),
                value.cast(pl.UInt8).cast(pl.String),
                pl.lit("</v></c>"),
            ]
        )
    elif dtype.is_numeric():
        known = value.is_finite() if dtype.is_float() else value.is_not_null()
        number = pl.concat_str(
            [
                pl.lit('<c r="'),
                reference,
                pl.lit('"><v>'),
                value.cast(pl.String),
                pl.lit("</v></c>"),
            ]
        )
        cell = pl.when(known).then(number)
    else:
        cell = _text_cell(reference, value.cast(pl.String))
    return cell.fill_null("")


def write_xlsx(rows: pl.DataFrame, path: str, *, sheet: str, chunk: int = 50_000) -> None:
    """The table as a workbook of one sheet, its column names as a bold, frozen header."""
    letters = [column_letter(index) for index in range(len(rows.columns))]
    header = "".join(
        f'<c r="{letter}1" s="1" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
        for letter, name in zip(letters, rows.columns, strict=True)
    )
    number = pl.col("__row").cast(pl.String)
    cells = [
        _cell(name, dtype, pl.lit(letter) + number)
        for (name, dtype), letter in zip(rows.schema.items(), letters, strict=True)
    ]
    row_xml = pl.concat_str([pl.lit('<row r="'), number, pl.lit('">'), *cells, pl.lit("</row>")])
    title = escape(re.sub(r"[\\/?*\[\]:]", " ", sheet)[:31] or "Sheet1", quote=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, content in XLSX_PARTS.items():
            book.writestr(name, XML_HEAD + content)
        book.writestr(
            "xl/workbook.xml",
            XML_HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(
                (
                    XML_HEAD + f'<worksheet xmlns="{MAIN}"><sheetViews>'
                    '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
                    f'<sheetData><row r="1">{header}</row>'
                ).encode()
            )
            for offset in range(0, rows.height, chunk):
                part = rows.slice(offset, chunk).with_columns(
                    pl.int_range(offset + 2, offset + 2 + min(chunk, rows.height - offset)).alias(
                        "__row"
                    )
                )
                stream.write(part.select(row_xml.str.join("")).item().encode())
            stream.write(b"</sheetData></worksheet>")
