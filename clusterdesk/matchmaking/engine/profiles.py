"""What the matchmaking engine is given: one profile per participant with its offers and
requests, as plain frozen dataclasses.

The values of ``category`` and ``value_chain_position`` are the ones the participant registry
stores (``participants.models.Category`` and ``ValueChainPosition``); sectors are NACE Rev. 2
codes as the registry keeps them ("25.11", "2511" or the division "25"). The Django side reads
profiles from the database and hands them over; tests build them by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

# Participant categories (the registry's values).
INDUSTRY_SME = "industry_sme"
INDUSTRY_LARGE = "industry_large"
RESEARCH = "research"
EDUCATION = "education"
INTERMEDIARY = "intermediary"
PUBLIC_BODY = "public_body"
FINANCE = "finance"
MARKETING_MEDIA = "marketing_media"
OTHER = "other"
CATEGORIES = (
    INDUSTRY_SME,
    INDUSTRY_LARGE,
    RESEARCH,
    EDUCATION,
    INTERMEDIARY,
    PUBLIC_BODY,
    FINANCE,
    MARKETING_MEDIA,
    OTHER,
)
BUSINESSES = frozenset({INDUSTRY_SME, INDUSTRY_LARGE, MARKETING_MEDIA})
"""Companies: one side of B2B, R2B and F2B."""
KNOWLEDGE = frozenset({RESEARCH, EDUCATION})
"""Research institutions and education organisations: the "R" of R2B."""

# Value-chain positions (the registry's values); "" when unknown.
VALUE_CHAIN_POSITIONS = (
    "raw_materials",
    "components",
    "manufacturing",
    "equipment",
    "services",
    "distribution",
    "research",
    "support",
)

# Kinds of offers and requests, as in enterprise networks.
BUSINESS_OFFER = "business_offer"
BUSINESS_REQUEST = "business_request"
TECHNOLOGY_OFFER = "technology_offer"
TECHNOLOGY_REQUEST = "technology_request"
RD_PARTNER_REQUEST = "rd_partner_request"
FINANCE_OFFER = "finance_offer"
FINANCE_REQUEST = "finance_request"
LISTING_KINDS = (
    BUSINESS_OFFER,
    BUSINESS_REQUEST,
    TECHNOLOGY_OFFER,
    TECHNOLOGY_REQUEST,
    RD_PARTNER_REQUEST,
    FINANCE_OFFER,
    FINANCE_REQUEST,
)
OFFERS = frozenset({BUSINESS_OFFER, TECHNOLOGY_OFFER, FINANCE_OFFER})


class MatchingInputError(ValueError):
    """The profiles cannot be indexed; the message says why in plain words."""


@dataclass(frozen=True)
class Listing:
    """An offer or a request of a participant. ``active`` is False once its owner let it
    expire: it stays on the profile's history but is never matched."""

    id: int
    kind: str
    title: str
    text: str = ""
    active: bool = True

    @property
    def is_offer(self) -> bool:
        return self.kind in OFFERS

    @cached_property
    def document(self) -> str:
        """The text the similarity engines read."""
        return f"{self.title}. {self.text}" if self.text else self.title


@dataclass(frozen=True)
class Profile:
    """A participant's matchmaking profile."""

    id: int
    cluster_id: int
    name: str
    category: str
    sectors: tuple[str, ...] = ()
    value_chain_position: str = ""
    competences: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()  # ISO country codes or region names, as the caller keeps them
    languages: tuple[str, ...] = ()  # two-letter codes: "it", "es", "tr", "en"…
    description: str = ""
    listings: tuple[Listing, ...] = ()

    @cached_property
    def document(self) -> str:
        """The text the similarity engines read: what the participant can do, then what it
        says about itself."""
        parts = [", ".join(self.competences), ", ".join(self.technologies), self.description]
        return ". ".join(part for part in parts if part)

    @cached_property
    def divisions(self) -> frozenset[str]:
        """The NACE divisions (two digits) of its sectors."""
        return frozenset(division_of(code) for code in self.sectors if division_of(code))

    @property
    def active_listings(self) -> tuple[Listing, ...]:
        return tuple(listing for listing in self.listings if listing.active)


def division_of(code: str) -> str:
    """The NACE division of a code: "25.11" and "2511" are in division "25"."""
    digits = "".join(character for character in code if character.isdigit())
    return digits[:2] if len(digits) >= 2 else ""


def check_profiles(profiles: Iterable[Profile]) -> None:
    """Raise ``MatchingInputError`` naming the first thing the engine cannot work with."""
    seen_profiles: set[int] = set()
    seen_listings: dict[int, str] = {}
    for profile in profiles:
        if profile.id in seen_profiles:
            raise MatchingInputError(f"Participant {profile.id} is given twice.")
        seen_profiles.add(profile.id)
        if profile.category not in CATEGORIES:
            raise MatchingInputError(
                f"{profile.name}: the category {profile.category!r} is not one of "
                f"{', '.join(CATEGORIES)}."
            )
        if profile.value_chain_position and (
            profile.value_chain_position not in VALUE_CHAIN_POSITIONS
        ):
            raise MatchingInputError(
                f"{profile.name}: the value-chain position {profile.value_chain_position!r} "
                f"is not one of {', '.join(VALUE_CHAIN_POSITIONS)}."
            )
        for listing in profile.listings:
            if listing.kind not in LISTING_KINDS:
                raise MatchingInputError(
                    f"{profile.name}: {listing.title!r} is of the kind {listing.kind!r}, which "
                    f"is not one of {', '.join(LISTING_KINDS)}."
                )
            if listing.id in seen_listings:
                raise MatchingInputError(
                    f"The offer or request {listing.id} is given twice "
                    f"({seen_listings[listing.id]} and {profile.name})."
                )
            seen_listings[listing.id] = profile.name
