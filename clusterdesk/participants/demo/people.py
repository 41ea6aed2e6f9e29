"""The people of the demo: who a contact is, and how their name is spelt in an e-mail address.

The first names, surnames and job titles themselves are in ``data/names.json`` and
``data/job_titles.json``; `tables` reads them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool


@dataclass(frozen=True)
class Names:
    """The names people are given in one language."""

    men: tuple[str, ...]
    women: tuple[str, ...]
    surnames: tuple[str, ...]


_TRANSLITERATE = str.maketrans({"ı": "i", "İ": "i", "'": "", " ": "", "’": ""})


def to_ascii(text: str) -> str:
    """Lower-case ASCII for e-mail: "Niccolò" → "niccolo", "Dell'Agnello" → "dellagnello"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE).lower())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())
