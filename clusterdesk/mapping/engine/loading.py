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
    return pl.read_parquet(content)


def naics2012_classification() -> pl.DataFrame:
    """The 978 six-digit NAICS 2012 codes → 67 clusters (51 traded, 16 local)."""
    return load_csv(NAICS2012_CLASSIFICATION, rename=NAICS2012_COLUMNS)
