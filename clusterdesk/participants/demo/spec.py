"""What a demo cluster is made of: the shapes of the tables that `tables` reads from `data/`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Category, ValueChainPosition

VC = ValueChainPosition

RES, EDU, PUB, INT, FIN, MED, OTH = (
    Category.RESEARCH,
    Category.EDUCATION,
    Category.PUBLIC_BODY,
    Category.INTERMEDIARY,
    Category.FINANCE,
    Category.MARKETING_MEDIA,
    Category.OTHER,
)


@dataclass(frozen=True)
class Activity:
    """A kind of firm: how it is named, classified and described."""

    # How a name opens, with the noun's gender: "Lanificio/m", "Tintoria/f", "Confezioni/p";
    # "Maison/b" marks a brand-like word that takes neither "F.lli" nor an adjective.
    nouns: tuple[str, ...]
    goods: str  # "Tessuti", for names such as "Bartolini Tessuti S.r.l."
    codes: tuple[str, ...]  # NACE Rev. 2; the first always, the others now and then
    position: str
    description: str
    tags: tuple[str, ...]
    technologies: tuple[str, ...]
    export: tuple[int, int]
    weight: int


@dataclass(frozen=True)
class District:
    places: tuple[tuple[str, int], ...]  # city, weight
    activities: tuple[Activity, ...]
    count: int
    fantasy: tuple[str, ...] = ()  # "La Rosa", "Valbisenzio"
    adjectives: tuple[tuple[str, str], ...] = ()  # masculine, feminine: "Aretino", "Aretina"


@dataclass(frozen=True)
class Institution:
    category: str
    name: str
    city: str
    codes: tuple[str, ...]
    employees: int
    founded: int
    domain: str


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str  # a Role, or "operator"


@dataclass(frozen=True)
class ClusterSpec:
    seed: int
    cluster: dict[str, Any]
    language: str
    country: str
    phones: dict[str, tuple[str, str]]  # city → (dialling prefix, region)
    mobiles: tuple[str, ...]
    domain_suffix: str
    districts: tuple[District, ...]
    institutions: tuple[Institution, ...]
    committed: int
    former: int
    fees: dict[str, int]  # size class or category → annual fee in €
    turnover_per_head: tuple[int, int]  # thousand €
    founded: tuple[int, int]
    users: tuple[DemoUser, ...]
    lead_titles: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    category_tags: dict[str, tuple[str, ...]]
    category_text: dict[str, str]

    @property
    def slug(self) -> str:
        return str(self.cluster["slug"])


def size_class(employees: int) -> str:
    """The size class that keys fees and legal forms: "micro", "small", "medium" or "large"."""
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    return "medium" if employees < 250 else "large"
