"""Reading the engine's tables from files as people exchange them, and the classification that
ships with ClusterDesk (U.S. NAICS 2012 → the 67 clusters of Delgado, Porter & Stern 2016)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import polars as pl

DATA = Path(__file__).resolve().parent.parent / "data"
NAICS2012_CLASSIFICATION = DATA / "naics2012_to_cluster.csv"
NAICS2012_COLUMNS = {"naics2012": "industry_code", "naics_label": "industry_name"}
SEPARATORS = ",;\t|"


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) when it is valid, else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def load_csv(
    source: str | Path | bytes, *, rename: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """A CSV file (a path or its bytes) as a table of text columns: codes keep their leading
    zeros, and the validation converts and checks the numbers. The separator (comma,
    semicolon, tab or bar) is read from the header line; headers are trimmed and lower-cased,
    then renamed with ``rename`` (the file's header → the engine's column)."""
    content = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = decode(content)
    header = text.split("\n", 1)[0]
    separator = max(SEPARATORS, key=header.count) if header else ","
    frame = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        separator=separator,
        infer_schema=False,
        truncate_ragged_lines=True,
    )
    names = {name: name.strip().lower() for name in frame.columns}
    frame = frame.rename(names)
    if rename:
        frame = frame.rename({key.lower(): value for key, value in rename.items()}, strict=False)
    return frame


def load_parquet(source: str | Path | bytes) -> pl.DataFrame:
    content = io.BytesIO(source) if isinstance(source, bytes) else source
    frame = pl.read_parquet(content)
    return frame.rename({name: name.strip().lower() for name in frame.columns})


def load_xlsx(
    source: str | Path | bytes, *, rename: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """The first sheet of an Excel workbook as a table of text columns, like ``load_csv``: the
    first non-empty row holds the headers; empty rows are left out. Whole numbers typed as
    numbers (1.0) read as "1", so a code keeps its digits."""
    from openpyxl import load_workbook

    content = io.BytesIO(source) if isinstance(source, bytes) else source
    workbook = load_workbook(content, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        headers: list[str] = []
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                headers = [str(cell or "").strip().lower() for cell in row]
                break
        width = len(headers)
        columns: list[list[str | None]] = [[] for _ in headers]
        for row in rows:
            if not any(cell not in (None, "") for cell in row):
                continue
            for index in range(width):
                cell = row[index] if index < len(row) else None
                columns[index].append(cell_text(cell))
    finally:
        workbook.close()
    unique = [name or f"column_{index + 1}" for index, name in enumerate(headers)]
    frame = pl.DataFrame(
        {
            name: pl.Series(name, values, dtype=pl.String)
            for name, values in zip(unique, columns, strict=True)
        }
    )
    if rename:
        frame = frame.rename({key.lower(): value for key, value in rename.items()}, strict=False)
    return frame


def cell_text(cell: object) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


TABLE_READERS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}


def table_format(filename: str) -> str | None:
    """ "csv", "xlsx" or "parquet" from a file's name; None for a kind the engine cannot read."""
    return TABLE_READERS.get(Path(filename).suffix.lower())


def load_table(
    source: str | Path | bytes, filename: str, *, rename: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """A CSV, XLSX or Parquet file (by its name) as a table for the engine."""
    kind = table_format(filename)
    if kind == "csv":
        return load_csv(source, rename=rename)
    if kind == "xlsx":
        return load_xlsx(source, rename=rename)
    if kind == "parquet":
        frame = load_parquet(source)
        if rename:
            frame = frame.rename(
                {key.lower(): value for key, value in rename.items()}, strict=False
            )
        return frame
    raise ValueError(f"{filename}: not a CSV, XLSX or Parquet file")


def naics2012_classification() -> pl.DataFrame:
    """The 978 six-digit NAICS 2012 codes → 67 clusters (51 traded, 16 local)."""
    return load_csv(NAICS2012_CLASSIFICATION, rename=NAICS2012_COLUMNS)
