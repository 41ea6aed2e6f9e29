"""NACE Rev. 2 sector codes: parsing and checking against the 88 divisions (data/)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

_CODE = re.compile(r"^(?:[A-U]\s*)?(\d{2})(?:\.?(\d)(\d)?)?$")


@cache
def divisions() -> dict[str, str]:
    """Division code ("13") → English name."""
    path = Path(__file__).parent / "data" / "nace_rev2_divisions.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["division"]: row["name"] for row in csv.DictReader(handle)}


def normalise_code(raw: str) -> str | None:
    """Return a code as "13", "13.9" or "13.96", or None when it is not a NACE Rev. 2 code.

    Accepts what people type: "13.96", "1396", "C13.96", "13.9", "13".
    """
    match = _CODE.match(raw.strip().upper())
    if not match:
        return None
    division, group, klass = match.groups()
    if division not in divisions():
        return None
    if group is None:
        return division
    return f"{division}.{group}{klass or ''}"


def parse_codes(raw: str | list[str] | None) -> tuple[list[str], list[str]]:
    """Split a list of codes ("13.10; 14.13, 15") into (valid normalised codes, rejected)."""
    if raw is None:
        return [], []
    parts = raw if isinstance(raw, list) else re.split(r"[;,|\s]+", raw)
    valid: list[str] = []
    rejected: list[str] = []
    for part in parts:
        part = str(part).strip()
        if not part:
            continue
        code = normalise_code(part)
        if code is None:
            rejected.append(part)
        elif code not in valid:
            valid.append(code)
    return sorted(valid), rejected
