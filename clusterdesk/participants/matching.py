"""Duplicate detection for organisations: pure computation, no Django.

Two records are the same organisation when they share a VAT number, a website domain, or a
name that is equal once legal forms, case, accents and punctuation are set aside
("Tecnotessile S.r.l." = "TECNOTESSILE SRL"), or that matches closely (a typo).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
from rapidfuzz import fuzz, process

# Legal-form words dropped from the end of a name (Italian, Spanish, Turkish, English, others).
_LEGAL_FORMS = {
    "srl",
    "srls",
    "spa",
    "snc",
    "sas",
    "sapa",
    "scarl",
    "scrl",
    "soc",
    "coop",
    "societa",
    "cooperativa",
    "consortile",
    "arl",
    "rl",
    "sl",
    "slu",
    "sa",
    "sau",
    "sll",
    "scoop",
    "cb",
    "as",
    "ltd",
    "sti",
    "ltdsti",
    "tic",
    "san",
    "ve",
    "anonim",
    "sirketi",
    "limited",
    "plc",
    "llc",
    "inc",
    "co",
    "corp",
    "gmbh",
    "ag",
    "kg",
    "bv",
    "nv",
    "sarl",
    "eurl",
    "oy",
    "ab",
}
_TRANSLITERATE = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

SIMILAR_NAME_SCORE = 92.0


def name_key(name: str) -> str:
    """The comparable form of an organisation's name."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_TRANSLITERATE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # "S.r.l." → "srl", "A.Ş." → "as": join dotted abbreviations before splitting on punctuation.
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text)
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)
    words = [word for word in _NON_WORD.split(text.replace(".", "")) if word]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def website_key(url: str) -> str:
    url = url.strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def vat_key(vat: str) -> str:
    text = re.sub(r"[^A-Z0-9]", "", vat.upper())
    if len(text) > 2 and text[:2].isalpha() and text[2:].isdigit():
        text = text[2:]
    return text


@dataclass(frozen=True)
class Known:
    """An organisation already in the registry, as the matcher sees it."""

    id: int
    name: str
    vat: str = ""
    website: str = ""


@dataclass(frozen=True)
class Match:
    id: int
    name: str
    reason: str  # "vat", "website", "name" or "similar_name"
    score: float = 100.0


@dataclass
class OrganisationIndex:
    """Lookup of known organisations by VAT, website, exact and similar name."""

    by_vat: dict[str, Known] = field(default_factory=dict)
    by_website: dict[str, Known] = field(default_factory=dict)
    by_name: dict[str, Known] = field(default_factory=dict)
    _keys: list[str] = field(default_factory=list)
    _known_for_key: list[Known] = field(default_factory=list)
    _similar: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    @classmethod
    def build(cls, known: list[Known]) -> OrganisationIndex:
        index = cls()
        for item in known:
            index.add(item)
        return index

    def add(self, item: Known) -> None:
        if key := vat_key(item.vat):
            self.by_vat.setdefault(key, item)
        if key := website_key(item.website):
            self.by_website.setdefault(key, item)
        key = name_key(item.name)
        if key and key not in self.by_name:
            self.by_name[key] = item
            self._keys.append(key)
            self._known_for_key.append(item)

    def prepare_similar(self, names: list[str], chunk: int = 1000) -> None:
        """Find the close names of many incoming names at once (one matrix per chunk, in C++),
        instead of one scan of the registry per row. Names that match exactly are skipped."""
        keys = sorted({k for k in map(name_key, names) if len(k) >= 5 and k not in self.by_name})
        if not keys or not self._keys:
            return
        for start in range(0, len(keys), chunk):
            block = keys[start : start + chunk]
            scores = process.cdist(
                block,
                self._keys,
                scorer=fuzz.ratio,
                score_cutoff=SIMILAR_NAME_SCORE,
                dtype=np.uint8,
                workers=-1,
            )
            for row, key in enumerate(block):
                positions = np.flatnonzero(scores[row])
                ranked = sorted(
                    ((int(p), float(scores[row, p])) for p in positions), key=lambda item: -item[1]
                )
                self._similar[key] = ranked[:5]

    def _close_names(self, key: str) -> list[tuple[int, float]]:
        if key in self._similar:
            return self._similar[key]
        return [
            (position, score)
            for _choice, score, position in process.extract(
                key, self._keys, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME_SCORE, limit=5
            )
        ]

    def find(
        self, *, name: str, vat: str = "", website: str = "", similar: bool = True
    ) -> Match | None:
        vat = vat_key(vat)
        if vat and (hit := self.by_vat.get(vat)):
            return Match(hit.id, hit.name, "vat")
        if (key := website_key(website)) and (hit := self.by_website.get(key)):
            return Match(hit.id, hit.name, "website")
        key = name_key(name)
        if not key:
            return None
        if (hit := self.by_name.get(key)) and _compatible(hit, vat):
            return Match(hit.id, hit.name, "name")
        if not similar or len(key) < 5 or not self._keys:
            return None
        digits = _DIGITS.findall(key)
        for position, score in self._close_names(key):
            hit = self._known_for_key[position]
            # "Filatura 2000" is not "Filatura 2001"; two different VAT numbers are two firms.
            if _DIGITS.findall(self._keys[position]) == digits and _compatible(hit, vat):
                return Match(hit.id, hit.name, "similar_name", round(score, 1))
        return None


_DIGITS = re.compile(r"\d+")


def _compatible(known: Known, vat: str) -> bool:
    other = vat_key(known.vat)
    return not (vat and other and vat != other)
