"""Matchmaking for the demo clusters, for `manage.py seed_demo`.

`matchmaking_demo_seed` gives about four in five participants of each demo cluster a profile:
competences in the cluster's language and in English after its value-chain position or
category, the registry's technologies, the markets it serves and its languages, and a summary
(the registry's description and an English sentence). Each profile has one or two offers or
requests of the kinds its position suggests; some expired or were withdrawn before the day
the demo runs to, and stay as history. A few profiles are visible to other clusters. A
handful of pairs the TF-IDF engine recommends are followed up, with steps dated before that
day. Nothing goes into the engagement ledger (no activities, no involvements).

Everything is drawn with a fixed seed from the registry in its stored order: the same
registry and day always give the same matchmaking.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch

from clusterdesk.participants.models import Category, Organisation
from clusterdesk.tenancy.models import Cluster

from . import engine
from .index_store import engine_profile, index_mark_stale
from .models import STAGE_ORDER, Listing, ListingKind, Match, MatchOutcome, MatchProfile

SEED = 7
PROFILE_SHARE = 0.8
VISIBLE_SHARE = 0.06
MATCHES_PER_CLUSTER = 6

K = ListingKind

# Competences per value-chain position (or category): (Italian, Turkish, English).
COMPETENCES: dict[str, list[tuple[str, str, str]]] = {
    "raw_materials": [
        ("fibre rigenerate", "geri dönüştürülmüş hammadde", "recycled fibres"),
        ("selezione della lana", "çelik tedariki", "raw material sourcing"),
    ],
    "components": [
        ("tessitura jacquard", "hidrolik silindir üretimi", "component manufacturing"),
        ("finissaggio tessile", "talaşlı imalat", "precision machining"),
        ("controllo qualità", "kalite kontrol", "quality control"),
    ],
    "manufacturing": [
        ("confezione capi", "iş makinesi üretimi", "final assembly"),
        ("prototipazione", "prototip geliştirme", "prototyping"),
        ("produzione su commessa", "siparişe göre üretim", "made-to-order production"),
    ],
    "equipment": [
        ("macchine tessili", "CNC tezgahları", "industrial machinery"),
        ("automazione", "otomasyon", "automation"),
    ],
    "services": [
        ("tintura a basso impatto", "ısıl işlem", "low-impact finishing"),
        ("logistica", "lojistik", "logistics"),
        ("certificazioni ambientali", "çevre sertifikaları", "environmental certification"),
    ],
    "distribution": [
        ("vendita all'ingrosso", "toptan satış", "wholesale"),
        ("e-commerce", "e-ticaret", "e-commerce"),
    ],
    "research": [
        ("prove di laboratorio", "laboratuvar testleri", "laboratory testing"),
        ("progetti europei", "Avrupa projeleri", "European projects"),
    ],
    "support": [
        ("formazione", "eğitim", "training"),
        ("finanza agevolata", "teşvik danışmanlığı", "grant consulting"),
    ],
}

# Offers and requests per position: (kind, Italian title, Turkish title, English text).
LISTINGS: dict[str, list[tuple[str, str, str, str]]] = {
    "raw_materials": [
        (
            K.BUSINESS_OFFER,
            "Lana rigenerata certificata",
            "Sertifikalı yassı çelik tedariki",
            "Certified recycled raw materials in small and large lots.",
        ),
    ],
    "components": [
        (
            K.BUSINESS_OFFER,
            "Tessuti in lana riciclata per collezioni moda",
            "Hidrolik silindir ve valf tedariki",
            "Components made to the customer's drawings, short lead times.",
        ),
        (
            K.TECHNOLOGY_REQUEST,
            "Tracciabilità digitale della filiera",
            "Üretim hattı için dijital izlenebilirlik",
            "We look for a digital traceability system for our supply chain.",
        ),
    ],
    "manufacturing": [
        (
            K.BUSINESS_REQUEST,
            "Cerchiamo fornitori di tessuti certificati GOTS",
            "Hidrolik bileşen tedarikçisi arıyoruz",
            "We look for certified suppliers of components for our products.",
        ),
        (
            K.TECHNOLOGY_REQUEST,
            "Automazione del taglio e della saldatura",
            "Robotik kaynak hücresi entegrasyonu arıyoruz",
            "We look for robotic cutting and welding cells for our production line.",
        ),
    ],
    "equipment": [
        (
            K.TECHNOLOGY_OFFER,
            "Telai jacquard con monitoraggio IoT",
            "Telematik ve uzaktan arıza teşhisi çözümleri",
            "Machines with remote monitoring and predictive maintenance.",
        ),
    ],
    "services": [
        (
            K.TECHNOLOGY_OFFER,
            "Tintura a basso impatto con recupero dell'acqua",
            "Isıl işlem ve yüzey kaplama hizmeti",
            "Finishing services with low energy and water use.",
        ),
    ],
    "distribution": [
        (
            K.BUSINESS_REQUEST,
            "Nuovi marchi da distribuire in Germania e Francia",
            "Orta Asya ve Afrika pazarları için ürün arıyoruz",
            "We look for new products to distribute in our export markets.",
        ),
    ],
    "research": [
        (
            K.RD_PARTNER_REQUEST,
            "Partner industriali per un progetto sulle fibre riciclate",
            "Elektrikli iş makineleri için batarya yönetimi AR-GE ortağı",
            "We look for companies to join a European research project.",
        ),
        (
            K.TECHNOLOGY_OFFER,
            "Prove di laboratorio su solidità e sostenibilità",
            "Dayanıklılık ve yorulma testleri",
            "Accredited laboratory tests for materials and products.",
        ),
    ],
    "support": [
        (
            K.FINANCE_OFFER,
            "Finanziamenti agevolati per la transizione digitale",
            "İhracat kredisi ve hibe desteği danışmanlığı",
            "Help to apply for grants and soft loans for digital and green investment.",
        ),
    ],
}
FINANCE_REQUEST = (
    K.FINANCE_REQUEST,
    "Cerchiamo investitori per ampliare la produzione",
    "Kapasite artışı için yatırımcı arıyoruz",
    "We look for an investor or a soft loan to grow our production capacity.",
)
CATEGORY_POSITION = {
    Category.RESEARCH: "research",
    Category.EDUCATION: "research",
    Category.FINANCE: "support",
    Category.PUBLIC_BODY: "support",
    Category.INTERMEDIARY: "support",
    Category.MARKETING_MEDIA: "services",
}
MARKETS = {"it": ["DE", "FR", "US", "CN", "GB", "ES"], "tr": ["DE", "AZ", "IQ", "SA", "RU", "DZ"]}
SUMMARIES = {
    "it": "Cerchiamo partner per crescere insieme sui mercati esteri.",
    "tr": "Dış pazarlarda birlikte büyüyeceğimiz ortaklar arıyoruz.",
}


def _position(organisation: Organisation) -> str:
    return (
        CATEGORY_POSITION.get(organisation.category)
        or organisation.value_chain_position
        or "manufacturing"
    )


def _language(cluster: Cluster) -> str:
    languages = cluster.local_languages or ["en"]
    return "tr" if languages[0] == "tr" else "it"


def _profile(
    cluster: Cluster, organisation: Organisation, language: str, draw: random.Random
) -> MatchProfile:
    position = _position(organisation)
    local = 0 if language == "it" else 1
    pairs = COMPETENCES.get(position, COMPETENCES["manufacturing"])
    chosen = draw.sample(pairs, k=min(len(pairs), draw.randint(1, 3)))
    competences = [pair[local] for pair in chosen] + [pair[2] for pair in chosen]
    competences += [tag for tag in (organisation.tags or [])[:3] if tag not in competences]
    markets = [organisation.country.code or cluster.country.code]
    markets += draw.sample(MARKETS[language], k=draw.randint(1, 3))
    summary = " ".join(
        part for part in (organisation.description, SUMMARIES[language], _english(position)) if part
    )
    return MatchProfile(
        cluster=cluster,
        organisation=organisation,
        competences=competences,
        technologies=list(organisation.technologies or []),
        markets=markets,
        languages=[language, "en"] + (["de"] if draw.random() < 0.15 else []),
        summary=summary,
        visible_to_other_clusters=draw.random() < VISIBLE_SHARE,
    )


def _english(position: str) -> str:
    pairs = COMPETENCES.get(position, [])
    return f"We work in {', '.join(pair[2] for pair in pairs)}." if pairs else ""


def _listings(
    profile: MatchProfile, language: str, draw: random.Random, as_of: date
) -> list[Listing]:
    choices = list(LISTINGS.get(_position(profile.organisation), LISTINGS["manufacturing"]))
    if profile.organisation.category in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
        choices.append(FINANCE_REQUEST)
    picked = draw.sample(choices, k=min(len(choices), draw.randint(1, 2)))
    listings = []
    for kind, italian, turkish, english in picked:
        listing = Listing(
            cluster=profile.cluster,
            profile=profile,
            kind=kind,
            title=italian if language == "it" else turkish,
            text=english,
        )
        fate = draw.random()
        if fate < 0.1:  # expired before the demo's day: history
            listing.expires_on = as_of - timedelta(days=draw.randint(10, 200))
        elif fate < 0.15:  # withdrawn by its owner
            listing.withdrawn_on = as_of - timedelta(days=draw.randint(5, 120))
        elif fate < 0.45:
            listing.expires_on = as_of + timedelta(days=draw.randint(60, 365))
        listings.append(listing)
    return listings


def _follow_ups(cluster: Cluster, draw: random.Random, as_of: date) -> None:
    """Follow up a handful of pairs the TF-IDF engine recommends within the cluster."""
    rows = (
        MatchProfile.objects.for_cluster(cluster)
        .select_related("organisation")
        .prefetch_related(
            "organisation__sectors",
            Prefetch(
                "listings",
                queryset=Listing.objects.active_on(as_of).order_by("id"),
                to_attr="active_listings",
            ),
        )
        .order_by("organisation__name", "organisation_id")
    )
    profiles = [engine_profile(row) for row in rows]
    if len(profiles) < 2:
        return
    index = engine.build_index(profiles, engine="tfidf")
    subjects = draw.sample(profiles, k=min(len(profiles), MATCHES_PER_CLUSTER * 3))
    taken: set[frozenset[int]] = set()
    made = 0
    for subject in subjects:
        if made == MATCHES_PER_CLUSTER:
            break
        found = engine.recommend_partners(index, subject.id, limit=1)
        if not found or frozenset({subject.id, found[0].participant_id}) in taken:
            continue
        best = found[0]
        taken.add(frozenset({subject.id, best.participant_id}))
        match = Match.objects.create(
            cluster=cluster,
            organisation_id=subject.id,
            partner_id=best.participant_id,
            score=best.score,
            reasons=[reason.to_dict() for reason in best.reasons],
        )
        steps = STAGE_ORDER[: draw.randint(1, len(STAGE_ORDER) - 1)]
        day = as_of - timedelta(days=draw.randint(60, 300))
        for stage in steps:
            MatchOutcome.objects.create(cluster=cluster, match=match, stage=stage, date=day)
            day = min(as_of - timedelta(days=1), day + timedelta(days=draw.randint(7, 45)))
        match.stage = steps[-1]
        match.save(update_fields=["stage"])
        made += 1


def matchmaking_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """Profiles, offers and requests and follow-ups for the demo clusters named; how many
    profiles were made. A cluster that has profiles already is left alone."""
    made = 0
    with transaction.atomic():
        for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
            if MatchProfile.objects.for_cluster(cluster).exists():
                continue
            draw = random.Random(f"{SEED}-{cluster.slug}")
            language = _language(cluster)
            organisations = list(Organisation.objects.for_cluster(cluster).order_by("name", "id"))
            profiles = [
                _profile(cluster, organisation, language, draw)
                for organisation in organisations
                if draw.random() < PROFILE_SHARE
            ]
            MatchProfile.objects.bulk_create(profiles)
            Listing.objects.bulk_create(
                [
                    listing
                    for profile in profiles
                    for listing in _listings(profile, language, draw, as_of)
                ]
            )
            _follow_ups(cluster, draw, as_of)
            index_mark_stale(cluster, everywhere=True)
            made += len(profiles)
    return made
