"""Structured fit between two participants: which offers meet which requests, which value-chain
positions supply which, which categories make an R2B or F2B pair, and what each mode admits.

Every relation is also a small numpy table indexed by code (the row of a category, position or
kind in the tuples of ``profiles``), so that one subject is compared with 20,000 candidates in
a few vector operations.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .profiles import (
    BUSINESS_OFFER,
    BUSINESS_REQUEST,
    BUSINESSES,
    CATEGORIES,
    FINANCE,
    FINANCE_OFFER,
    FINANCE_REQUEST,
    KNOWLEDGE,
    LISTING_KINDS,
    RD_PARTNER_REQUEST,
    TECHNOLOGY_OFFER,
    TECHNOLOGY_REQUEST,
    VALUE_CHAIN_POSITIONS,
)

MODES = ("any", "b2b", "r2b", "f2b")
"""any: every category; b2b: company ↔ company; r2b: company ↔ research or education;
f2b: company ↔ finance. A subject outside both sides of a mode has no partners in it."""

MEETS: dict[str, frozenset[str]] = {
    BUSINESS_OFFER: frozenset({BUSINESS_REQUEST}),
    BUSINESS_REQUEST: frozenset({BUSINESS_OFFER}),
    TECHNOLOGY_OFFER: frozenset({TECHNOLOGY_REQUEST}),
    TECHNOLOGY_REQUEST: frozenset({TECHNOLOGY_OFFER}),
    FINANCE_OFFER: frozenset({FINANCE_REQUEST}),
    FINANCE_REQUEST: frozenset({FINANCE_OFFER}),
    RD_PARTNER_REQUEST: frozenset({RD_PARTNER_REQUEST}),
}
"""Which kinds of listing answer which. An R&D partner request is also answered by the profile
of a research institution or education organisation (see ``recommend``)."""

SUPPLIES: frozenset[tuple[str, str]] = frozenset(
    {
        ("raw_materials", "components"),
        ("raw_materials", "manufacturing"),
        ("components", "manufacturing"),
        ("components", "equipment"),
        ("equipment", "components"),
        ("equipment", "manufacturing"),
        ("equipment", "raw_materials"),
        ("manufacturing", "distribution"),
        ("services", "raw_materials"),
        ("services", "components"),
        ("services", "manufacturing"),
        ("services", "equipment"),
        ("services", "distribution"),
        ("research", "raw_materials"),
        ("research", "components"),
        ("research", "manufacturing"),
        ("research", "equipment"),
        ("research", "services"),
    }
)
"""(upstream, downstream): the first position sells to, or works for, the second."""

RESEARCH_BUSINESS = "research_business"
FINANCE_BUSINESS = "finance_business"
BUSINESS_BUSINESS = "business_business"
CATEGORY_FIT = {RESEARCH_BUSINESS: 1.0, FINANCE_BUSINESS: 1.0, BUSINESS_BUSINESS: 0.5}

UNKNOWN_POSITION = len(VALUE_CHAIN_POSITIONS)


def category_code(category: str) -> int:
    return CATEGORIES.index(category)


def position_code(position: str) -> int:
    return VALUE_CHAIN_POSITIONS.index(position) if position else UNKNOWN_POSITION


def kind_code(kind: str) -> int:
    return LISTING_KINDS.index(kind)


def category_relation(first: str, second: str) -> str | None:
    """RESEARCH_BUSINESS, FINANCE_BUSINESS or BUSINESS_BUSINESS, in either order, or None."""
    pair = {first, second}
    if first in BUSINESSES and second in BUSINESSES:
        return BUSINESS_BUSINESS
    if pair & BUSINESSES and pair & KNOWLEDGE:
        return RESEARCH_BUSINESS
    if pair & BUSINESSES and FINANCE in pair:
        return FINANCE_BUSINESS
    return None


def in_mode(mode: str, subject: str, candidate: str) -> bool:
    if mode == "any":
        return True
    if mode == "b2b":
        return subject in BUSINESSES and candidate in BUSINESSES
    if mode == "r2b":
        return (subject in BUSINESSES and candidate in KNOWLEDGE) or (
            subject in KNOWLEDGE and candidate in BUSINESSES
        )
    if mode == "f2b":
        return (subject in BUSINESSES and candidate == FINANCE) or (
            subject == FINANCE and candidate in BUSINESSES
        )
    raise ValueError(f"There is no mode {mode!r}: use one of {', '.join(MODES)}.")


def supply_relation(first: str, second: str) -> tuple[str, str] | None:
    """(upstream, downstream) when one position supplies the other, preferring the first as
    the supplier; None otherwise."""
    if (first, second) in SUPPLIES:
        return first, second
    if (second, first) in SUPPLIES:
        return second, first
    return None


def _table(size_a: int, size_b: int, value: Callable[[int, int], object]) -> np.ndarray:
    return np.array([[value(a, b) for b in range(size_b)] for a in range(size_a)])


POSITIONS_WITH_UNKNOWN = (*VALUE_CHAIN_POSITIONS, "")

MODE_TABLES: dict[str, np.ndarray] = {
    mode: _table(
        len(CATEGORIES),
        len(CATEGORIES),
        lambda a, b, mode=mode: in_mode(mode, CATEGORIES[a], CATEGORIES[b]),
    ).astype(bool)
    for mode in MODES
}
"""``MODE_TABLES[mode][subject category][candidate category]``: does the mode admit the pair."""

CATEGORY_FIT_TABLE = _table(
    len(CATEGORIES),
    len(CATEGORIES),
    lambda a, b: CATEGORY_FIT.get(category_relation(CATEGORIES[a], CATEGORIES[b]) or "", 0.0),
).astype(np.float64)

VALUE_CHAIN_TABLE = _table(
    len(POSITIONS_WITH_UNKNOWN),
    len(POSITIONS_WITH_UNKNOWN),
    lambda a, b: float(
        bool(POSITIONS_WITH_UNKNOWN[a] and POSITIONS_WITH_UNKNOWN[b])
        and supply_relation(POSITIONS_WITH_UNKNOWN[a], POSITIONS_WITH_UNKNOWN[b]) is not None
    ),
).astype(np.float64)

MEETS_TABLE = _table(
    len(LISTING_KINDS),
    len(LISTING_KINDS),
    lambda a, b: LISTING_KINDS[b] in MEETS[LISTING_KINDS[a]],
).astype(bool)
"""``MEETS_TABLE[subject kind][candidate kind]``."""

KNOWLEDGE_CATEGORIES = np.array([category in KNOWLEDGE for category in CATEGORIES])
RD_KIND = kind_code(RD_PARTNER_REQUEST)
