"""Demo data for `manage.py seed_demo`: two invented clusters, the same on every run.

The Tuscany Fashion Cluster (about 480 participants in Prato, Florence, Santa Croce, Lucca,
the Valdinievole and Arezzo) and İSİM, an Ankara construction-machinery cluster (144).
Every organisation, person, VAT number and phone number is invented; websites and e-mail
addresses live under ``.example`` domains. Each cluster is drawn from its own seeded
``random.Random`` and dated against ``REFERENCE_DATE``, so a cluster comes out identical
whether it is created alone or with the other one, today or next year.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from clusterdesk.tenancy.models import Cluster, Membership, Role, User
from clusterdesk.tenancy.services import cluster_create

from .matching import Known, OrganisationIndex, name_key
from .models import (
    Category,
    Commitment,
    Contact,
    Organisation,
    OrganisationSector,
    TurnoverBand,
    ValueChainPosition,
)

DEMO_PASSWORD = "clusterdesk-demo"
SIGN_IN_URL = "http://127.0.0.1:8000/"
OPERATOR_EMAIL = "operator@clusterdesk.example"
# The registry as it stood at the close of 2025: no date in the demo lies after it.
REFERENCE_DATE = date(2025, 12, 31)

VC = ValueChainPosition


# --- What a cluster is made of ---------------------------------------------------------------


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
class Person:
    first: str
    last: str
    female: bool


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


def _activity(nouns: str, goods: str, codes: str, position: str, description: str, tags: str,
              technologies: str, export: tuple[int, int], weight: int) -> Activity:
    return Activity(tuple(nouns.split(";")), goods, tuple(codes.split()), position, description,
                    tuple(tags.split(";")), tuple(t for t in technologies.split(";") if t),
                    export, weight)


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split(","))


# --- Tuscany Fashion Cluster -------------------------------------------------------------------

_TUSCANY_PHONES = {
    city: (prefix, region)
    for prefix, region, cities in [
        ("0574", "Toscana", "Prato,Montemurlo,Vaiano,Vernio,Carmignano,Agliana"),
        ("055", "Toscana", "Firenze,Scandicci,Sesto Fiorentino,Bagno a Ripoli,Signa,Lastra a Signa,"
                           "Pontassieve,Impruneta,Campi Bisenzio,Calenzano,Poggio a Caiano"),
        ("0573", "Toscana", "Montale,Quarrata,Lamporecchio,Larciano,Pistoia"),
        ("0571", "Toscana", "Santa Croce sull'Arno,Castelfranco di Sotto,San Miniato,Fucecchio,"
                            "Montopoli in Val d'Arno,Empoli"),
        ("0587", "Toscana", "Santa Maria a Monte"),
        ("0572", "Toscana", "Monsummano Terme,Montecatini Terme,Ponte Buggianese,Pieve a Nievole,"
                            "Pescia"),
        ("0583", "Toscana", "Lucca,Capannori,Porcari,Altopascio"),
        ("0575", "Toscana", "Arezzo,Civitella in Val di Chiana,Monte San Savino,"
                            "Castiglion Fibocchi,Capolona,Subbiano,Lucignano,Sansepolcro"),
        ("015", "Piemonte", "Biella"),
        ("0131", "Piemonte", "Valenza"),
        ("0444", "Veneto", "Arzignano"),
        ("0381", "Lombardia", "Vigevano"),
    ]
    for city in cities.split(",")
}

_TUSCANY_SERVICES = (
    _activity("Informatica/f;Sistemi Informativi/p", "Software", "62.01 62.02", VC.SERVICES,
              "Software gestionali e PLM per aziende della moda, dal campionario alla produzione.",
              "ERP for fashion;PLM;traceability", "cloud ERP;blockchain traceability;"
              "computer vision quality control", (0, 15), 8),
    _activity("Logistica/f;Spedizioni/p", "Trasporti", "52.29 49.41", VC.DISTRIBUTION,
              "Spedizioni nazionali e internazionali e magazzino conto terzi per il sistema moda.",
              "logistics;e-commerce fulfilment", "warehouse management system", (0, 10), 5),
    _activity("Laboratorio Analisi/m;Laboratorio Prove/m", "Test", "71.20", VC.SERVICES,
              "Prove chimiche e fisiche su tessuti, pelli e accessori; supporto REACH.",
              "testing;certification;REACH", "REACH testing;colour fastness testing", (0, 20), 4),
    _activity("Consulenze/p;Studio Tecnico/m", "Consulting", "70.22", VC.SERVICES,
              "Consulenza su organizzazione, qualità e bilanci di sostenibilità per le PMI.",
              "sustainability reporting;lean manufacturing;ESG", "life-cycle assessment",
              (0, 10), 5),
    _activity("Scatolificio/m;Cartotecnica/f", "Packaging", "17.21", VC.COMPONENTS,
              "Scatole, shopper e packaging di lusso per abbigliamento, pelletteria e gioielli.",
              "packaging;FSC certified", "digital printing;die cutting", (5, 30), 3),
    _activity("Etichettificio/m;Cartellini/p", "Etichette", "18.12 13.96", VC.COMPONENTS,
              "Etichette tessute e stampate, cartellini e accessori di confezione.",
              "labels;RFID tags", "RFID;digital printing", (10, 40), 3),
)

_TUSCANY_DISTRICTS = (
    District(  # textile and clothing, Prato
        places=(("Prato", 30), ("Montemurlo", 12), ("Vaiano", 5), ("Vernio", 3), ("Carmignano", 3),
                ("Agliana", 4), ("Montale", 4), ("Quarrata", 3), ("Campi Bisenzio", 5),
                ("Calenzano", 3), ("Poggio a Caiano", 2), ("Biella", 1)),
        count=190,
        fantasy=_names("Il Bisenzio,Valbisenzio,Monteferrato,La Rocca,Tre Ponti,Il Cardato,"
                       "San Martino,La Spola,Il Telaio,La Gora,Filo d'Oro,Il Mulino"),
        adjectives=(("Pratese", "Pratese"), ("Toscano", "Toscana")),
        activities=(
            _activity("Lanificio/m", "Tessuti", "13.20 13.10", VC.COMPONENTS,
                      "Lanificio a ciclo completo: tessuti cardati e pettinati per abbigliamento.",
                      "woollens;made in Italy;recycled wool;luxury fabrics", "jacquard weaving;"
                      "digital fabric design;energy recovery", (25, 75), 30),
            _activity("Filatura/f", "Filati", "13.10", VC.COMPONENTS,
                      "Filatura di filati cardati, rigenerati e fantasia per maglieria e "
                      "tessitura.",
                      "fancy yarns;recycled fibres;knitting yarns", "carded spinning;"
                      "open-end spinning", (20, 70), 20),
            _activity("Tessitura/f", "Tessuti", "13.20", VC.COMPONENTS,
                      "Tessitura conto terzi di tessuti per abbigliamento e arredamento.",
                      "weaving;subcontracting", "rapier looms;jacquard weaving", (0, 40), 18),
            _activity("Tintoria/f", "Tinture", "13.30", VC.SERVICES,
                      "Tintoria di fiocco, filati e pezze conto terzi.",
                      "dyeing;low-impact dyeing;water recycling", "low-liquor-ratio dyeing;"
                      "digital colour matching;plasma finishing", (0, 15), 16),
            _activity("Rifinizione/f;Finissaggio/m", "Finissaggi", "13.30", VC.SERVICES,
                      "Nobilitazione e finissaggio di tessuti: garzatura, follatura, spalmatura.",
                      "finishing;PFC-free finishes", "plasma finishing;laser finishing;"
                      "PFC-free water repellency", (0, 20), 10),
            _activity("Stamperia/f", "Stampa Tessile", "13.30", VC.SERVICES,
                      "Stampa tessile a quadro e digitale su tessuti e maglieria.",
                      "textile printing;small runs", "digital printing;pigment inkjet printing",
                      (5, 35), 6),
            _activity("Maglificio/m", "Maglieria", "14.39 13.91", VC.MANUFACTURING,
                      "Maglificio: capi in maglia per donna e uomo, anche per grandi marchi.",
                      "knitwear;private label;made in Italy", "seamless knitting;3D knitting",
                      (20, 70), 15),
            _activity("Confezioni/p;Pronto Moda/m", "Abbigliamento", "14.13 14.19",
                      VC.MANUFACTURING, "Confezione conto terzi e pronto moda donna.",
                      "ready-to-wear;fast fashion;private label", "CAD pattern making;"
                      "automatic cutting", (10, 60), 16),
            _activity("Carbonizzo/m;Fibre Rigenerate/p", "Lane Rigenerate", "13.10 38.32",
                      VC.RAW_MATERIALS, "Selezione di abiti usati e ritagli e rigenerazione in "
                      "fibre di lana riciclata.",
                      "circular fashion;recycled wool;textile recycling",
                      "NIR fibre sorting;mechanical recycling", (30, 80), 8),
            _activity("Tessuti Tecnici/p;Nontessuti/p", "Tecnotessili", "13.96 13.95",
                      VC.COMPONENTS, "Tessili tecnici e nontessuti per moda, arredo e industria.",
                      "technical textiles;nonwovens", "coating;lamination;nanofibre spinning",
                      (20, 60), 6),
            _activity("Meccanotessile/p;Officine Meccaniche/p", "Macchine Tessili", "28.94 33.12",
                      VC.EQUIPMENT, "Costruzione, revisione e ammodernamento di macchine tessili.",
                      "textile machinery;retrofitting", "IoT retrofit;industrial automation;"
                      "energy recovery", (30, 80), 10),
            _activity("Tessuti/p;Stock Tessuti/p", "Tessuti", "46.41", VC.DISTRIBUTION,
                      "Commercio all'ingrosso di tessuti, fine serie e stock per confezionisti.",
                      "textile trading;stock fabrics", "", (10, 50), 8),
            _activity("Nastrificio/m;Ricamificio/m", "Nastri", "13.96 13.99", VC.COMPONENTS,
                      "Nastri, passamanerie e ricami per abbigliamento e accessori.",
                      "trimmings;embroidery", "computerised embroidery", (10, 50), 6),
            *_TUSCANY_SERVICES[:3],
        ),
    ),
    District(  # leather goods and fashion, Florence
        places=(("Firenze", 14), ("Scandicci", 14), ("Sesto Fiorentino", 4), ("Bagno a Ripoli", 3),
                ("Signa", 3), ("Lastra a Signa", 3), ("Pontassieve", 2), ("Impruneta", 2),
                ("Empoli", 2), ("Calenzano", 2)),
        count=92,
        fantasy=_names("Il Giglio,Oltrarno,Santo Spirito,Il Bargello,Arno,San Frediano,"
                       "La Loggia,Il Porcellino,Le Cascine,Il Fiorino"),
        adjectives=(("Fiorentino", "Fiorentina"), ("Toscano", "Toscana")),
        activities=(
            _activity("Pelletteria/f", "Pelletterie", "15.12", VC.MANUFACTURING,
                      "Pelletteria: borse, piccola pelletteria e cinture per marchi del lusso.",
                      "leather goods;luxury;handbags;made in Italy", "CAD pattern making;"
                      "automatic leather cutting;laser engraving", (30, 85), 35),
            _activity("Sartoria/f;Atelier/b;Confezioni/p", "Abbigliamento", "14.13 14.19",
                      VC.MANUFACTURING, "Confezione di capispalla e abiti per prêt-à-porter.",
                      "tailoring;luxury;ready-to-wear", "3D garment simulation;CAD pattern making",
                      (25, 75), 15),
            _activity("Maglificio/m", "Maglieria", "14.39", VC.MANUFACTURING,
                      "Maglieria fine in cashmere e seta per marchi della moda.",
                      "knitwear;cashmere;luxury", "seamless knitting", (30, 80), 6),
            _activity("Minuterie Metalliche/p;Galvanica/f;Fonderia/f", "Accessori Metallici",
                      "25.99 25.61", VC.COMPONENTS, "Accessori metallici per pelletteria: "
                      "fibbie, chiusure, catene e minuterie.", "metal accessories;nickel-free",
                      "galvanic plating;CNC machining;3D printing", (20, 60), 10),
            _activity("Cappellificio/m;Guanteria/f", "Accessori", "14.19", VC.MANUFACTURING,
                      "Cappelli e guanti in paglia, feltro e pelle.", "accessories;hats;gloves",
                      "", (40, 85), 5),
            _activity("Modelleria/f;Studio Prototipi/m", "Prototipi", "74.10", VC.SERVICES,
                      "Modelli, prototipi e campionari per pelletteria e abbigliamento.",
                      "prototyping;pattern making", "CAD pattern making;3D printing", (0, 20), 5),
            _activity("Maison/b", "Moda", "14.13 46.42", VC.MANUFACTURING,
                      "Marchio di moda donna con collezioni proprie e rete di negozi.",
                      "fashion brand;luxury;retail", "e-commerce;digital product passport",
                      (40, 80), 3),
            *_TUSCANY_SERVICES,
        ),
    ),
    District(  # tanning, Santa Croce sull'Arno
        places=(("Santa Croce sull'Arno", 14), ("Castelfranco di Sotto", 6), ("San Miniato", 6),
                ("Fucecchio", 4), ("Santa Maria a Monte", 2), ("Montopoli in Val d'Arno", 2),
                ("Arzignano", 1)),
        count=52,
        fantasy=_names("La Rosa,Arno,San Genesio,Il Ponte,Egola,La Lupa,Il Cerro,La Querce,"
                       "San Donato,Le Vedute"),
        adjectives=(("Santacrocese", "Santacrocese"), ("Valdarnese", "Valdarnese")),
        activities=(
            _activity("Conceria/f", "Pellami", "15.11", VC.COMPONENTS,
                      "Conceria: pelli di vitello e bovino per calzatura e pelletteria.",
                      "vegetable-tanned leather;chrome-free leather;leather", "chrome-free tanning;"
                      "wastewater recycling;enzymatic processes", (40, 85), 30),
            _activity("Rifinizione Pelli/p;Tinteggio Pelli/m", "Rifinizioni", "15.11", VC.SERVICES,
                      "Rifinizione e tintura di pelli conto terzi.", "leather finishing;"
                      "subcontracting", "water-based finishes;roller coating", (0, 20), 6),
            _activity("Chimica/f;Prodotti Chimici/p", "Chimica", "20.59 46.75", VC.RAW_MATERIALS,
                      "Prodotti chimici per concia, riconcia e rifinizione.", "tanning chemicals;"
                      "ZDHC", "bio-based retanning agents", (30, 70), 6),
            _activity("Pelli/p;Commercio Pelli/m", "Pelli", "46.24", VC.DISTRIBUTION,
                      "Commercio di pelli grezze e semilavorate wet-blue e crust.",
                      "hides;leather trading", "", (20, 60), 4),
            _activity("Officina Meccanica/f", "Macchine per Conceria", "28.94 33.12", VC.EQUIPMENT,
                      "Macchine e impianti per conceria, nuovi e revisionati.",
                      "tannery machinery", "industrial automation", (30, 70), 3),
            _activity("Recupero Scarti/p", "Ecologia", "38.32 20.15", VC.RAW_MATERIALS,
                      "Recupero di carniccio e rasature in fertilizzanti e gelatine.",
                      "circular economy;by-products", "hydrolysis", (10, 40), 1),
        ),
    ),
    District(  # footwear, Lucca and the Valdinievole
        places=(("Lucca", 4), ("Capannori", 6), ("Porcari", 3), ("Altopascio", 2),
                ("Monsummano Terme", 8), ("Lamporecchio", 4), ("Larciano", 3),
                ("Ponte Buggianese", 3), ("Montecatini Terme", 2), ("Pieve a Nievole", 2),
                ("Vigevano", 1)),
        count=52,
        fantasy=_names("Le Cerbaie,Valdinievole,Nievole,Montalbano,Le Pizzorne,San Colombano,"
                       "Il Padule,La Querceta,Le Colline"),
        adjectives=(("Lucchese", "Lucchese"), ("Toscano", "Toscana")),
        activities=(
            _activity("Calzaturificio/m", "Calzature", "15.20", VC.MANUFACTURING,
                      "Calzaturificio: scarpe da donna e da uomo per marchi propri e del lusso.",
                      "women's footwear;men's footwear;luxury footwear;made in Italy",
                      "Goodyear welting;3D foot scanning;automated lasting", (35, 85), 25),
            _activity("Tomaificio/m", "Tomaie", "15.20", VC.COMPONENTS,
                      "Taglio e orlatura di tomaie conto terzi.", "uppers;subcontracting",
                      "automatic leather cutting", (0, 20), 10),
            _activity("Suolificio/m", "Suole", "22.19 15.20", VC.COMPONENTS,
                      "Suole in gomma, cuoio e microporosa.", "soles;recycled rubber",
                      "injection moulding", (15, 50), 7),
            _activity("Tacchificio/m;Formificio/m", "Componenti Calzatura", "22.29", VC.COMPONENTS,
                      "Tacchi, forme e componenti in plastica per calzature.",
                      "heels;shoe lasts", "3D printing;CNC milling", (15, 50), 5),
            _activity("Pantofolificio/m", "Pantofole", "15.20", VC.MANUFACTURING,
                      "Pantofole e calzature da casa in feltro e lana.", "slippers;felt",
                      "", (30, 70), 3),
        ),
    ),
    District(  # gold and jewellery, Arezzo
        places=(("Arezzo", 16), ("Civitella in Val di Chiana", 5), ("Monte San Savino", 3),
                ("Castiglion Fibocchi", 2), ("Capolona", 2), ("Subbiano", 2), ("Lucignano", 1),
                ("Sansepolcro", 1), ("Valenza", 1)),
        count=42,
        fantasy=_names("Chimera,Casentino,Valdichiana,Etruria,Il Saracino,San Donato,Petrarca,"
                       "Aurea,Il Prato,Le Logge"),
        adjectives=(("Aretino", "Aretina"), ("Etrusco", "Etrusca")),
        activities=(
            _activity("Oreficeria/f", "Gioielli", "32.12", VC.MANUFACTURING,
                      "Oreficeria: gioielli in oro e argento per grossisti e marchi.",
                      "fine jewellery;gold;made in Italy", "lost-wax casting;laser welding;"
                      "3D wax printing", (50, 90), 20),
            _activity("Catenificio/m", "Catene", "32.12", VC.MANUFACTURING,
                      "Catene in oro e argento a macchina e a mano.", "chains;gold",
                      "automatic chain making;diamond cutting", (55, 90), 8),
            _activity("Affineria/f;Banco Metalli/m", "Metalli Preziosi", "24.41", VC.RAW_MATERIALS,
                      "Affinazione e recupero di metalli preziosi; semilavorati in oro e argento.",
                      "gold recycling;responsible gold", "electrolytic refining", (20, 60), 3),
            _activity("Bigiotteria/f", "Bijoux", "32.13", VC.MANUFACTURING,
                      "Bigiotteria e accessori moda in ottone e argento.",
                      "costume jewellery;fashion accessories", "galvanic plating", (30, 70), 3),
            _activity("Meccanica Orafa/f", "Macchine Orafe", "28.49", VC.EQUIPMENT,
                      "Macchine per catene, trafile e laminatoi per l'oreficeria.",
                      "jewellery machinery", "industrial automation", (40, 80), 2),
            _activity("Galvanica/f", "Trattamenti", "25.61", VC.SERVICES,
                      "Trattamenti galvanici, rodiatura e doratura conto terzi.",
                      "plating;rhodium", "galvanic plating", (0, 20), 3),
            _activity("Argenteria/f", "Argenti", "32.12", VC.MANUFACTURING,
                      "Argenteria e oggetti da regalo in argento lavorato a mano.",
                      "silverware;gifts", "", (30, 70), 1),
        ),
    ),
)

RES, EDU, PUB, INT, FIN, MED, OTH = (
    Category.RESEARCH, Category.EDUCATION, Category.PUBLIC_BODY, Category.INTERMEDIARY,
    Category.FINANCE, Category.MARKETING_MEDIA, Category.OTHER,
)


def _institutions(rows: Sequence[tuple[str, str, str, str, int, int, str]]) -> tuple[
        Institution, ...]:
    return tuple(Institution(c, n, city, tuple(codes.split()), emp, year, dom)
                 for c, n, city, codes, emp, year, dom in rows)


_TUSCANY_INSTITUTIONS = _institutions([
    (RES, "Centro Ricerche Tessili Pratese", "Prato", "72.19 71.20", 38, 1978, "crtp"),
    (RES, "Laboratorio Toscano Analisi Cuoio e Pelli", "Santa Croce sull'Arno", "71.20 72.19",
     22, 1985, "ltacp"),
    (RES, "Istituto per l'Innovazione Calzaturiera della Valdinievole", "Monsummano Terme", "72.19",
     14, 1999, "iicv"),
    (RES, "Centro Sperimentale per i Metalli Preziosi", "Arezzo", "72.19 71.20", 17, 1991, "csmp"),
    (RES, "Fondazione Ricerca Moda Sostenibile", "Firenze", "72.20", 11, 2014, "frms"),
    (RES, "Laboratorio Fibre e Polimeri del Bisenzio", "Vaiano", "72.19", 19, 2003, "lfpb"),
    (RES, "Centro di Ricerca sul Colore e la Nobilitazione", "Montemurlo", "72.19", 9, 2009,
     "crcn"),
    (RES, "Centro Tecnologico per la Concia Sostenibile", "San Miniato", "72.19", 24, 2001, "ctcs"),
    (EDU, "Università Toscana di Design e Moda", "Firenze", "85.42", 640, 1968, "utdm"),
    (EDU, "Politecnico del Tessile di Prato", "Prato", "85.42", 180, 1990, "politessile"),
    (EDU, "Istituto Tecnico Superiore Moda e Calzatura Toscana", "Capannori", "85.41", 26, 2011,
     "its-moda-calzatura"),
    (EDU, "Scuola Artigiana di Pelletteria di Scandicci", "Scandicci", "85.59", 18, 1994, "sapsc"),
    (EDU, "Accademia Orafa Aretina", "Arezzo", "85.59", 12, 1987, "accademia-orafa"),
    (EDU, "Istituto Tecnico Tessile e Chimico di Prato", "Prato", "85.32", 95, 1886, "ittc-prato"),
    (EDU, "Centro di Formazione Professionale Cuoio e Calzatura", "Santa Croce sull'Arno", "85.59",
     15, 1979, "cfp-cuoio"),
    (PUB, "Agenzia Regionale per lo Sviluppo del Sistema Moda", "Firenze", "84.13", 48, 2004,
     "arssm"),
    (PUB, "Osservatorio Pubblico del Distretto Tessile Pratese", "Prato", "84.13", 9, 1998,
     "opdtp"),
    (PUB, "Consorzio Pubblico Depurazione Acque del Comprensorio del Cuoio",
     "Santa Croce sull'Arno", "37.00 84.13", 62, 1982, "depurazione-cuoio"),
    (PUB, "Agenzia per l'Innovazione della Valdinievole", "Pescia", "84.13", 7, 2012, "aiv"),
    (PUB, "Agenzia Toscana per l'Internazionalizzazione della Moda", "Firenze", "84.13", 21, 2008,
     "atim"),
    (PUB, "Servizio Regionale Attività Produttive – Sede di Arezzo", "Arezzo", "84.13", 14, 1995,
     "srap-arezzo"),
    (PUB, "Ufficio Intercomunale Attività Produttive della Val di Bisenzio", "Vaiano", "84.11", 6,
     2010, "uiap-bisenzio"),
    (PUB, "Sportello Unico Imprese del Valdarno Inferiore", "Fucecchio", "84.11", 5, 2006, "suivi"),
    (INT, "Associazione Imprese Tessili del Bisenzio", "Prato", "94.11", 16, 1946, "aitb"),
    (INT, "Consorzio Export Moda Toscana", "Firenze", "94.11 82.99", 8, 2002, "cemt"),
    (INT, "Centro Servizi Calzaturiero Valdinievole", "Monsummano Terme", "82.99 94.11", 10, 1984,
     "cscv"),
    (INT, "Consorzio Orafo Aretino per l'Export", "Arezzo", "94.11", 6, 1976, "coae"),
    (INT, "Associazione Conciatori del Valdarno", "Santa Croce sull'Arno", "94.11", 11, 1952,
     "acv"),
    (INT, "Incubatore Moda e Tecnologia di Firenze", "Firenze", "70.22", 7, 2016, "imtf"),
    (INT, "Consorzio Filiera Pelle Toscana", "Scandicci", "94.11", 5, 2010, "cfpt"),
    (INT, "Agenzia per il Trasferimento Tecnologico della Moda", "Prato", "70.22 72.19", 9, 2013,
     "attm"),
    (INT, "Rete d'Imprese Lana Rigenerata", "Prato", "94.11", 3, 2018, "rete-lana-rigenerata"),
    (INT, "Mostra Tessile di Prato S.r.l.", "Prato", "82.30", 12, 1999, "mostra-tessile"),
    (INT, "Centro Servizi Orafi di Arezzo", "Arezzo", "82.99", 8, 1981, "csoa"),
    (INT, "Associazione Artigiani Moda della Piana", "Campi Bisenzio", "94.11", 4, 1971, "aamp"),
    (FIN, "Banca di Credito Cooperativo del Bisenzio", "Prato", "64.19", 185, 1905, "bcc-bisenzio"),
    (FIN, "Cassa Rurale del Valdarno Inferiore", "Santa Croce sull'Arno", "64.19", 120, 1911,
     "cassa-rurale-valdarno"),
    (FIN, "Confidi Moda Toscana", "Firenze", "64.92", 14, 1979, "confidi-moda"),
    (FIN, "Fondo Toscano Innovazione Moda SGR S.p.A.", "Firenze", "66.30", 9, 2017, "ftim"),
    (MED, "Studio Fotografico Lumen Moda", "Firenze", "74.20", 6, 2005, "lumen-moda"),
    (MED, "Agenzia di Comunicazione Filo Rosso S.r.l.", "Prato", "73.11", 11, 2001, "filo-rosso"),
    (MED, "Tessere Magazine", "Prato", "58.14", 5, 1997, "tessere-magazine"),
    (MED, "Vetrina Orafa Edizioni S.r.l.", "Arezzo", "58.14 73.12", 4, 1993, "vetrina-orafa"),
    (MED, "Passerella Eventi S.r.l.", "Firenze", "82.30", 13, 2008, "passerella-eventi"),
    (MED, "Digitale Moda Marketing S.r.l.", "Firenze", "73.11 62.01", 17, 2015, "digitale-moda"),
    (MED, "Studio Grafico Trama & Ordito", "Prato", "74.10", 3, 2011, "trama-ordito"),
    (MED, "Cuoio Press Agenzia Stampa", "Santa Croce sull'Arno", "73.11 63.91", 3, 2009,
     "cuoio-press"),
    (OTH, "Studio Legale Marchi e Brevetti Bellandi", "Firenze", "69.10", 8, 1988,
     "studio-bellandi"),
    (OTH, "Cooperativa Sociale Il Telaio", "Prato", "88.99", 34, 1993, "coop-il-telaio"),
    (OTH, "Studio Commercialisti Associati Puggelli", "Prato", "69.20", 12, 1980,
     "studio-puggelli"),
    (OTH, "Fondazione Archivio Storico della Calzatura", "Lucca", "91.02", 4, 2007, "fasc"),
    (OTH, "Consorzio Energia Distretti Toscani", "Empoli", "35.14", 5, 2012, "cedt"),
])

_TUSCANY = ClusterSpec(
    seed=20110701,
    cluster={
        "name": "Tuscany Fashion Cluster", "slug": "tuscany-fashion", "country": "IT",
        "region": "Toscana", "sector": "Textile, clothing, leather and fashion",
        "founded_on": date(2011, 7, 1), "local_languages": ["it"],
        "target_market_languages": ["en", "de", "fr", "zh"],
    },
    language="it",
    country="IT",
    phones=_TUSCANY_PHONES,
    mobiles=_names("320,328,329,333,335,338,339,340,347,348,349,366,380,389,392"),
    domain_suffix="example.it",
    districts=_TUSCANY_DISTRICTS,
    institutions=_TUSCANY_INSTITUTIONS,
    committed=80,
    former=18,
    fees={"micro": 250, "small": 500, "medium": 1000, "large": 2500, RES: 500, EDU: 500, PUB: 1000,
          INT: 500, FIN: 2500, MED: 300, OTH: 300},
    turnover_per_head=(110, 260),
    founded=(1890, 2022),
    users=(
        DemoUser("manager@tuscany-fashion.example", "Chiara Lenzi", Role.MANAGER),
        DemoUser("staff@tuscany-fashion.example", "Duccio Magni", Role.STAFF),
        DemoUser("board@tuscany-fashion.example", "Roberto Bellandi", Role.BOARD),
        DemoUser("member@tuscany-fashion.example", "", Role.MEMBER),
    ),
    lead_titles={
        "company": _names("Titolare,Amministratore delegato|Amministratrice delegata,"
                          "Direttore generale|Direttrice generale,Presidente"),
        RES: _names("Direttore|Direttrice"), EDU: _names("Direttore|Direttrice,Rettore|Rettrice"),
        PUB: _names("Dirigente,Direttore|Direttrice"),
        INT: _names("Presidente,Segretario generale|Segretaria generale"),
        FIN: _names("Direttore generale|Direttrice generale"), MED: _names("Titolare,Socio|Socia"),
        OTH: _names("Titolare,Presidente,Socio|Socia"),
    },
    titles={
        "company": _names("Responsabile commerciale,Export manager,Responsabile produzione,"
                          "Responsabile qualità,Responsabile sostenibilità,Ufficio acquisti,"
                          "Responsabile amministrativo|Responsabile amministrativa,"
                          "Responsabile R&S,Product manager,Responsabile marketing"),
        RES: _names("Ricercatore senior|Ricercatrice senior,Responsabile trasferimento tecnologico,"
                  "Responsabile di laboratorio"),
        EDU: _names("Delegato ai rapporti con le imprese|Delegata ai rapporti con le imprese,"
                  "Professore ordinario|Professoressa ordinaria,Ufficio placement"),
        PUB: _names("Funzionario sviluppo economico|Funzionaria sviluppo economico,"
                  "Responsabile progetti europei"),
        INT: _names("Responsabile servizi alle imprese,Project manager,"
                    "Responsabile internazionalizzazione"),
        FIN: _names("Responsabile imprese corporate,Direttore di filiale|Direttrice di filiale,"
                  "Analista crediti"),
        MED: _names("Art director,Account manager,Caporedattore|Caporedattrice"),
        OTH: _names("Consulente,Responsabile amministrativo|Responsabile amministrativa"),
    },
    category_tags={
        RES: ("applied research", "testing", "sustainability", "European projects"),
        EDU: ("training", "skills", "internships"),
        PUB: ("regional policy", "funding", "district policy"),
        INT: ("internationalisation", "business services", "networking", "trade fairs"),
        FIN: ("credit", "investment", "guarantees"),
        MED: ("communication", "trade press", "fashion shows"),
        OTH: ("legal services", "accounting", "social economy", "energy"),
    },
    category_text={
        RES: "Ricerca applicata e prove di laboratorio per le imprese del distretto.",
        EDU: "Formazione tecnica e universitaria per il sistema moda toscano.",
        PUB: "Ente pubblico che sostiene lo sviluppo economico e l'innovazione del territorio.",
        INT: "Servizi alle imprese, reti e promozione sui mercati esteri.",
        FIN: "Credito, garanzie e investimenti per le imprese della filiera.",
        MED: "Comunicazione, editoria ed eventi per la moda.",
        OTH: "Servizi professionali per le imprese e la comunità del distretto.",
    },
)

# --- İSİM, Ankara ------------------------------------------------------------------------------

_ISIM_PHONES = {
    **{city: ("312", "Ankara") for city in (
        "Yenimahalle", "Sincan", "Etimesgut", "Kahramankazan", "Polatlı", "Gölbaşı", "Elmadağ",
        "Akyurt", "Çankaya", "Keçiören")},
    "Kırıkkale": ("318", "Kırıkkale"), "Eskişehir": ("222", "Eskişehir"),
    "Konya": ("332", "Konya"),
}


def _tr(words: str, codes: str, position: str, description: str, tags: str, technologies: str,
        export: tuple[int, int], weight: int) -> Activity:
    return _activity(words, "", codes, position, description, tags, technologies, export, weight)


_ISIM_DISTRICTS = (
    District(
        places=(("Yenimahalle", 40), ("Sincan", 18), ("Etimesgut", 8), ("Kahramankazan", 6),
                ("Polatlı", 2), ("Gölbaşı", 3), ("Elmadağ", 2), ("Akyurt", 2), ("Kırıkkale", 1),
                ("Eskişehir", 1), ("Konya", 2)),
        count=130,
        fantasy=_names("Öncü,Güçlü,Atlas,Toros,Kartal,Doruk,Akın,Birlik,Çağdaş,Dinamik,Anadolu,"
                       "Başkent,Ostim,İvedik,Erciyes,Kızılırmak,Hitit,Selçuklu,Ekin,Güven,Işık,"
                       "Tekno,Akdağ,Yücel,Özgür,Ilgaz,Saray,Gökçe,Umut,Ulus"),
        activities=(
            _tr("İş Makinaları;Kepçe Ataşman;Kırıcı Makine;Delici Ekipman;Beton Makinaları;"
                "Maden Makinaları;Asfalt Makinaları", "28.92 33.12", VC.MANUFACTURING,
                "İş makineleri, ataşmanlar ve hidrolik kırıcılar üretimi.",
                "construction machinery;attachments;export", "hydraulic breakers;telematics;"
                "robotic welding;CNC machining", (15, 60), 30),
            _tr("Vinç;Kaldırma Sistemleri;Forklift;Platform Makinaları", "28.22", VC.MANUFACTURING,
                "Vinç, kaldırma ve istifleme ekipmanları üretimi.",
                "lifting equipment;cranes", "load monitoring;remote diagnostics", (10, 50), 14),
            _tr("Hidrolik;Hidrolik Silindir;Hidrolik Makine", "28.12", VC.COMPONENTS,
                "Hidrolik silindir, valf ve güç üniteleri üretimi.",
                "hydraulics;cylinders", "hydraulic testing;CNC machining", (10, 50), 16),
            _tr("Dişli;Şanzıman;Güç Aktarma", "28.15", VC.COMPONENTS,
                "Dişli, şanzıman ve güç aktarma organları üretimi.", "gears;powertrain",
                "gear grinding;heat treatment", (10, 40), 6),
            _tr("Talaşlı İmalat;Makine Parça;Hassas İşleme", "25.62", VC.COMPONENTS,
                "Fason talaşlı imalat ve hassas işleme.", "machining;subcontracting",
                "5-axis CNC machining;CMM inspection", (0, 30), 14),
            _tr("Çelik Konstrüksiyon;Metal Yapı;Sac Metal", "25.11 25.99", VC.COMPONENTS,
                "Kaynaklı çelik konstrüksiyon, şase ve sac metal parçalar.",
                "steel structures;welding", "robotic welding;laser cutting", (5, 35), 10),
            _tr("Dövme;Bağlantı Elemanları;Yüzey Kaplama", "25.50 25.94 25.61", VC.COMPONENTS,
                "Dövme parçalar, bağlantı elemanları ve yüzey kaplama.",
                "forging;fasteners;coating", "induction hardening;powder coating", (5, 40), 6),
            _tr("Döküm;Çelik Döküm", "24.52 24.51", VC.RAW_MATERIALS,
                "Çelik ve pik döküm parçalar; aşınma parçaları.", "casting;wear parts",
                "simulation of casting;3D sand printing", (10, 45), 5),
            _tr("Damper;Römork;Üstyapı", "29.20", VC.MANUFACTURING,
                "Damper, römork ve kamyon üstyapıları üretimi.", "tippers;trailers",
                "robotic welding", (10, 50), 7),
            _tr("Otomotiv Yan Sanayi;Araç Parçaları", "29.32", VC.COMPONENTS,
                "İş makinesi ve ticari araçlar için yedek parça üretimi.",
                "spare parts;aftermarket", "CNC machining", (10, 45), 5),
            _tr("Kauçuk;Conta;Hortum;Plastik Enjeksiyon", "22.19 22.29", VC.COMPONENTS,
                "Kauçuk conta, hidrolik hortum ve plastik enjeksiyon parçalar.",
                "rubber parts;seals;plastics", "injection moulding", (5, 40), 8),
            _tr("Elektrik Motor;Elektrik Pano;Otomasyon;Kablo Demeti;Aydınlatma",
                "27.11 27.12 27.33", VC.COMPONENTS,
                "Elektrik motorları, kumanda panoları ve kablo demetleri.",
                "electrical equipment;automation", "PLC programming;electrification",
                (5, 35), 8),
            _tr("Yazılım;Bilişim", "62.01", VC.SERVICES,
                "Makine imalatçıları için ERP, filo takip ve telematik yazılımları.",
                "software;telematics;ERP", "IoT platforms;digital twin", (0, 20), 3),
            _tr("Mühendislik;Test ve Belgelendirme", "71.12 71.20", VC.SERVICES,
                "Tasarım, analiz, test ve CE belgelendirme hizmetleri.",
                "engineering;CE marking", "finite element analysis;fatigue testing", (0, 15), 4),
            _tr("Bakım Onarım;Makine Pazarlama;Dış Ticaret", "33.12 46.63", VC.DISTRIBUTION,
                "İş makineleri satış, kiralama ve servis hizmetleri.",
                "sales;after-sales service;export", "remote diagnostics", (5, 60), 4),
        ),
    ),
)

_ISIM_INSTITUTIONS = _institutions([
    (EDU, "Ankara Teknik Üniversitesi", "Çankaya", "85.42", 1450, 1998, "ankarateknik"),
    (EDU, "Sincan Meslek Yüksekokulu", "Sincan", "85.42", 85, 2006, "sincanmyo"),
    (EDU, "Yenimahalle Makine Teknolojileri Meslek Lisesi", "Yenimahalle", "85.32", 60, 1988,
     "ymtml"),
    (RES, "İş Makineleri Test ve Araştırma Merkezi", "Sincan", "72.19 71.20", 42, 2015, "imtam"),
    (RES, "Hidrolik ve Pnömatik Uygulama ve Araştırma Merkezi", "Çankaya", "72.19", 18, 2010,
     "hipam"),
    (PUB, "Başkent Bölgesel Kalkınma Ajansı", "Çankaya", "84.13", 70, 2009, "bbka"),
    (PUB, "Başkent Sanayi Bölgeleri Koordinasyon Müdürlüğü", "Yenimahalle", "84.13", 25, 2001,
     "bsbkm"),
    (INT, "Ankara Makine Sanayicileri Odası", "Yenimahalle", "94.11", 55, 1967, "amso"),
    (INT, "İş Makinesi İmalatçıları ve İhracatçıları Derneği", "Yenimahalle", "94.11", 8, 2004,
     "imid"),
    (INT, "Anadolu Teknokent Yönetici A.Ş.", "Çankaya", "70.22 68.20", 30, 2007,
     "anadoluteknokent"),
    (FIN, "Anadolu Sanayi Yatırım Bankası A.Ş.", "Çankaya", "64.19", 420, 1975, "asyb"),
    (MED, "Ağır Sanayi Gündemi Yayıncılık Ltd. Şti.", "Çankaya", "58.14 73.12", 9, 2003,
     "agirsanayigundemi"),
    (OTH, "Özdemir Hukuk ve Patent Danışmanlık", "Çankaya", "69.10", 7, 2000, "ozdemirhukuk"),
    (OTH, "Sanayi İş Güvenliği Eğitim Vakfı", "Sincan", "85.59 94.99", 12, 1996, "sigev"),
])

_ISIM = ClusterSpec(
    seed=20130301,
    cluster={
        "name": "İş ve İnşaat Makineleri Kümelenme Derneği", "slug": "isim", "country": "TR",
        "region": "Ankara", "sector": "Construction and mining machinery",
        "founded_on": date(2013, 3, 1), "local_languages": ["tr"],
        "target_market_languages": ["en", "ar", "ru"],
    },
    language="tr",
    country="TR",
    phones=_ISIM_PHONES,
    mobiles=_names("505,506,530,532,533,535,536,538,541,542,544,546,552,555"),
    domain_suffix="example.com.tr",
    districts=_ISIM_DISTRICTS,
    institutions=_ISIM_INSTITUTIONS,
    committed=100,
    former=8,
    fees={"micro": 150, "small": 300, "medium": 600, "large": 1500, RES: 300, EDU: 300, PUB: 300,
          INT: 300, FIN: 1500, MED: 150, OTH: 150},
    turnover_per_head=(60, 170),
    founded=(1965, 2022),
    users=(
        DemoUser("manager@isim.example", "Elif Şahin", Role.MANAGER),
        DemoUser("staff@isim.example", "Burak Aydın", Role.STAFF),
        DemoUser("board@isim.example", "Cengiz Karakaya", Role.BOARD),
        DemoUser("member@isim.example", "", Role.MEMBER),
    ),
    lead_titles={
        "company": _names("Genel Müdür,Şirket Sahibi,Yönetim Kurulu Başkanı"),
        RES: _names("Merkez Müdürü"), EDU: _names("Rektör Yardımcısı,Müdür,Dekan"),
        PUB: _names("Genel Sekreter,Birim Başkanı"), INT: _names("Başkan,Genel Sekreter"),
        FIN: _names("Kurumsal Bankacılık Müdürü,Şube Müdürü"), MED: _names("Genel Yayın Yönetmeni"),
        OTH: _names("Kurucu Ortak,Genel Müdür"),
    },
    titles={
        "company": _names("Satış Müdürü,Dış Ticaret Uzmanı,Üretim Müdürü,Kalite Müdürü,"
                          "Ar-Ge Mühendisi,Satın Alma Sorumlusu,Fabrika Müdürü,Muhasebe Müdürü"),
        RES: _names("Araştırmacı,Laboratuvar Sorumlusu"),
        EDU: _names("Sanayi İşbirliği Koordinatörü,Öğretim Üyesi"),
        PUB: _names("Uzman,Proje Koordinatörü"),
        INT: _names("Proje Uzmanı,Üye İlişkileri Sorumlusu"),
        FIN: _names("Kredi Analisti,Müşteri Temsilcisi"), MED: _names("Reklam Müdürü,Editör"),
        OTH: _names("Avukat,Danışman,Eğitim Koordinatörü"),
    },
    category_tags={
        RES: ("applied research", "testing", "certification"),
        EDU: ("training", "engineering education", "internships"),
        PUB: ("regional development", "grants", "industrial zones"),
        INT: ("export promotion", "networking", "business services"),
        FIN: ("investment credit", "export finance"),
        MED: ("trade press", "advertising"),
        OTH: ("legal services", "patents", "occupational safety"),
    },
    category_text={
        RES: "Sanayiye yönelik uygulamalı araştırma, test ve analiz hizmetleri.",
        EDU: "Makine ve imalat alanında mühendislik ve mesleki eğitim.",
        PUB: "Bölgenin sanayi ve yatırım ortamını destekleyen kamu kurumu.",
        INT: "Üyelerine ihracat, işbirliği ve iş geliştirme hizmetleri sunar.",
        FIN: "Sanayi yatırımları ve ihracat için finansman.",
        MED: "İş ve inşaat makineleri sektörüne yönelik yayın ve tanıtım.",
        OTH: "Sanayi firmalarına profesyonel hizmetler.",
    },
)

DEMO_CLUSTERS = (_TUSCANY, _ISIM)

# --- People ------------------------------------------------------------------------------------

_IT_MEN = _names("Niccolò,Lorenzo,Andrea,Matteo,Francesco,Marco,Alessandro,Giovanni,Tommaso,"
                 "Filippo,Leonardo,Simone,Stefano,Riccardo,Paolo,Jacopo,Duccio,Gabriele,Federico,"
                 "Luca,Massimo,Roberto,Fabrizio,Daniele,Gianni,Piero,Emanuele,Mattia,Cosimo,Guido,"
                 "Nicolò,Sandro,Vasco,Alberto,Enrico")
_IT_WOMEN = _names("Giulia,Chiara,Francesca,Sara,Elena,Martina,Alessia,Benedetta,Caterina,"
                   "Beatrice,Ilaria,Lucia,Silvia,Valentina,Federica,Elisa,Laura,Irene,Marta,"
                   "Camilla,Costanza,Ginevra,Letizia,Serena,Monica,Cristina,Annalisa,Gemma,Noemi,"
                   "Agnese,Lucrezia,Margherita")
_IT_SURNAMES = _names(
    "Bartolini,Cecchi,Nardini,Bettini,Ciampi,Lazzerini,Magni,Giovannelli,Paoletti,Pieraccini,"
    "Mazzoni,Baldi,Bini,Innocenti,Mugnai,Vannucci,Tognetti,Landini,Fantechi,Lenzi,Guarducci,"
    "Parenti,Nesti,Bruni,Giusti,Biagini,Fiaschi,Santini,Martelli,Ceccarelli,Bellandi,Puggelli,"
    "Bardazzi,Calamai,Benelli,Meoni,Ciardi,Ballerini,Frosini,Corsi,Chiti,Gori,Bagni,Tempesti,"
    "Marchi,Sacchetti,Cappellini,Niccolai,Papini,Tofani,Bonacchi,Matteini,Nocentini,Benvenuti,"
    "Lapini,Cioni,Bencini,Fabbri,Del Bino,Dell'Agnello,Dell'Innocenti,Del Lungo,Dal Canto,"
    "D'Angelo,Cantù,Pellicanò,Bigagli,Vestri,Ulivi,Fondelli,Pacini,Borchi,Mannucci,Salvadori,"
    "Becheri,Giachetti,Rinaldi,Franchini,Bacci,Sodi,Lotti,Nucci,Batistoni,Cipriani,Gelli,"
    "Nuti,Orlandini,Scarselli,Taddei,Valori,Zoppi,Mariotti,Bindi,Ermini,Ghelli")
_TR_MEN = _names("Mehmet,Ahmet,Mustafa,Ali,Hüseyin,Hasan,İbrahim,Murat,Emre,Burak,Serkan,Oğuz,"
                 "Barış,Çağlar,Gökhan,Tolga,Volkan,Kerem,Uğur,Erdem,Onur,Selçuk,Doğan,Cengiz,"
                 "Ümit,İsmail,Şükrü,Yiğit,Görkem,Eren")
_TR_WOMEN = _names("Ayşe,Fatma,Zeynep,Elif,Emine,Merve,Özlem,Gülşen,Şule,Derya,Esra,Büşra,"
                   "Seda,Tuğba,Çiğdem,Nurcan,Sevgi,Gizem,Aslı,Pınar,Ebru,Dilek,Songül,İlknur,"
                   "Hülya,Burcu,Ece,Ilgın,Müge,Şebnem")
_TR_SURNAMES = _names(
    "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,"
    "Aslan,Çetin,Kara,Koç,Kurt,Özkan,Şimşek,Polat,Özcan,Korkmaz,Çakır,Erdoğan,Güneş,Aksoy,"
    "Turan,Taş,Bulut,Uçar,Tekin,Acar,Güler,Sarı,Keskin,Ünal,Özer,Karakaya,Başaran,Ekinci,"
    "Toprak,Işık,Gök,Erol,Altun,Bozkurt,Tunç,Kaplan,Ateş")

_TRANSLITERATE = str.maketrans({"ı": "i", "İ": "i", "'": "", " ": "", "’": ""})


def _ascii(text: str) -> str:
    """Lower-case ASCII for e-mail: "Niccolò" → "niccolo", "Dell'Agnello" → "dellagnello"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE).lower())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


# --- The plan: plain data, no database ---------------------------------------------------------


@dataclass
class DemoOrganisation:
    fields: dict[str, Any]  # Organisation field → value
    codes: list[str]  # NACE Rev. 2
    phone_prefix: str
    contacts: list[dict[str, Any]] = field(default_factory=list)  # Contact field → value


class _Generator:
    """Draws one cluster's registry from its own seeded random source."""

    def __init__(self, spec: ClusterSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.index = OrganisationIndex()  # the import's duplicate rules keep names distinct
        self.vat_numbers: set[str] = set()
        self.italian = spec.language == "it"

    def plan(self) -> list[DemoOrganisation]:
        organisations = [self._institution(item) for item in self.spec.institutions]
        for district in self.spec.districts:
            organisations += [self._firm(district) for _ in range(district.count)]
        self.rng.shuffle(organisations)  # so that records are not grouped by kind in id order
        self._commit(organisations)
        return organisations

    # Organisations

    def _firm(self, district: District) -> DemoOrganisation:
        rng = self.rng
        activity = rng.choices(district.activities, [a.weight for a in district.activities])[0]
        city = rng.choices([p for p, _ in district.places], [w for _, w in district.places])[0]
        employees = self._employees()
        surname = ""
        for _ in range(200):
            if self.italian:
                name, surname = self._italian_name(district, activity, employees)
            else:
                name, surname = self._turkish_name(district, activity, employees)
            domain = self._domain(name_key(name))
            if self.index.find(name=name, website=domain) is None:
                break
        else:  # pragma: no cover - the name lists are far larger than any cluster
            raise RuntimeError("The demo name lists ran out of distinct names.")
        founded = self._founding_year()
        share = rng.randint(*activity.export)
        codes = [activity.codes[0]] + [c for c in activity.codes[1:] if rng.random() < 0.5]
        tags = rng.sample(activity.tags, k=min(len(activity.tags), rng.randint(1, 3)))
        if not self.italian and share > 30 and "export" not in tags:
            tags.append("export")
        most = min(len(activity.technologies), 1 + (employees >= 10) + (employees >= 50))
        technologies = rng.sample(activity.technologies, k=rng.randint(0, most))
        category = Category.INDUSTRY_LARGE if employees >= 250 else Category.INDUSTRY_SME
        organisation = self._organisation(
            name=name, category=category, city=city, domain=domain, codes=codes,
            employees=employees, founded=founded, position=activity.position,
            description=self._description(activity.description, founded, share),
            tags=tags, technologies=technologies, export_share=Decimal(share),
        )
        organisation.contacts = self._contacts(organisation, "company", domain, surname)
        return organisation

    def _institution(self, item: Institution) -> DemoOrganisation:
        domain = f"{item.domain}.{self.spec.domain_suffix}"
        tags = self.rng.sample(self.spec.category_tags[item.category], k=2)
        position = {RES: VC.RESEARCH, EDU: VC.RESEARCH, MED: VC.SERVICES, OTH: VC.SERVICES}.get(
            item.category, VC.SUPPORT)
        organisation = self._organisation(
            name=item.name, category=item.category, city=item.city, domain=domain,
            codes=list(item.codes), employees=item.employees, founded=item.founded,
            position=position, description=self.spec.category_text[item.category], tags=tags,
            technologies=[], export_share=None,
        )
        organisation.contacts = self._contacts(organisation, item.category, domain, "")
        return organisation

    def _organisation(self, *, name: str, category: str, city: str, domain: str,
                      codes: list[str], employees: int, founded: int, position: str,
                      description: str, tags: list[str], technologies: list[str],
                      export_share: Decimal | None) -> DemoOrganisation:
        prefix, region = self.spec.phones[city]
        vat_number = self._vat_number()
        self.index.add(Known(len(self.vat_numbers), name, vat_number, domain))
        turnover = ""
        if category not in (Category.PUBLIC_BODY, Category.EDUCATION):
            turnover = _turnover_band(employees * self.rng.randint(*self.spec.turnover_per_head))
        fields = {
            "name": name, "legal_name": name, "vat_number": vat_number,
            "category": category, "country": self.spec.country, "region": region,
            "city": city, "website": f"https://{domain}", "tags": tags,
            "technologies": technologies, "employees": employees, "turnover_band": turnover,
            "export_share": export_share, "founding_year": founded,
            "value_chain_position": position, "description": description,
            "commitment": Commitment.NOT_COMMITTED,
        }
        return DemoOrganisation(fields, sorted(codes), prefix)

    def _employees(self) -> int:
        low, high = self.rng.choices(((3, 9), (10, 49), (50, 249), (250, 600)), (44, 43, 11, 2))[0]
        return round(self.rng.triangular(low, high, low))  # firms crowd at the small end

    def _founding_year(self) -> int:
        low, high = self.spec.founded
        return int(self.rng.triangular(low, high, high - (high - low) // 4))

    def _description(self, text: str, founded: int, share: int) -> str:
        if self.italian:
            market = (f"esporta il {share}% del fatturato" if share
                      else "lavora per il mercato italiano")
            return f"{text} Attiva dal {founded}; {market}."
        market = f"İhracat payı: %{share}." if share else "Yurt içi pazara çalışıyor."
        return f"{text} {founded} yılında kuruldu. {market}"

    def _domain(self, key: str) -> str:
        words = [word for word in key.split() if len(word) > 1]
        label = "-".join(words)[:50].rstrip("-")
        return f"{label}.{self.spec.domain_suffix}"

    def _vat_number(self) -> str:
        while True:
            if self.italian:
                # Eleven digits whose last is the Luhn check digit, as in Italian VAT numbers.
                body = f"0{self.rng.randrange(10**9):09d}"
                number = f"IT{body}{_luhn_check_digit(body)}"
            else:
                number = str(self.rng.randrange(10**9, 10**10))  # a Turkish 10-digit tax number
            if number not in self.vat_numbers:
                self.vat_numbers.add(number)
                return number

    # Names

    def _italian_name(self, district: District, activity: Activity, employees: int) -> tuple[
            str, str]:
        rng = self.rng
        noun, gender = rng.choice(activity.nouns).split("/")
        surname = rng.choice(_IT_SURNAMES)
        form = rng.choices(*_ITALIAN_FORMS[_size_class(employees)])[0]
        pattern = rng.random()
        if pattern < 0.42:
            base = f"{noun} {surname}"
        elif pattern < 0.55:
            base = f"{noun} {surname}" if gender == "b" else f"{noun} F.lli {surname}"
        elif pattern < 0.72:
            base = f"{surname} {activity.goods}"
        elif pattern < 0.88 or gender in ("p", "b"):
            base, surname = f"{noun} {rng.choice(district.fantasy)}", ""
        else:
            masculine, feminine = rng.choice(district.adjectives)
            adjective = feminine if gender == "f" else masculine
            new = ("Nuova " if gender == "f" else "Nuovo ") if rng.random() < 0.25 else ""
            base, surname = f"{new}{noun} {adjective}", ""
        if surname and form in ("S.n.c.", "S.a.s.") and rng.random() < 0.6:
            base += " & C."
        return f"{base} {form}", surname

    def _turkish_name(self, district: District, activity: Activity, employees: int) -> tuple[
            str, str]:
        rng = self.rng
        surname = ""
        pattern = rng.random()
        if pattern < 0.35:
            surname = rng.choice(_TR_SURNAMES)
            brand = _plural(surname) if rng.random() < 0.3 else surname
        elif pattern < 0.85:
            brand = rng.choice(district.fantasy)
        else:
            brand = "".join(rng.choice("ABCDEFGHKMNOPRSTUYZ") for _ in range(3))
        form = rng.choices(*_TURKISH_FORMS[_size_class(employees)])[0]
        return f"{brand} {rng.choice(activity.nouns)} {form}", surname

    # People

    def _person(self) -> Person:
        female = self.rng.random() < (0.45 if self.italian else 0.3)
        if self.italian:
            first = self.rng.choice(_IT_WOMEN if female else _IT_MEN)
            return Person(first, self.rng.choice(_IT_SURNAMES), female)
        first = self.rng.choice(_TR_WOMEN if female else _TR_MEN)
        return Person(first, self.rng.choice(_TR_SURNAMES), female)

    def _contacts(self, organisation: DemoOrganisation, kind: str, domain: str,
                  family: str) -> list[dict[str, Any]]:
        rng = self.rng
        prefix = organisation.phone_prefix
        count = rng.choices((1, 2, 3), (35, 40, 25))[0]
        titles = [rng.choice(self.spec.lead_titles[kind])]
        titles += rng.sample(self.spec.titles[kind], k=min(count - 1, len(self.spec.titles[kind])))
        contacts: list[dict[str, Any]] = []
        emails: set[str] = set()
        for position, title_pair in enumerate(titles):
            person = self._person()
            if position == 0 and family and rng.random() < 0.7:
                person = Person(person.first, family, person.female)  # the family firm's owner
            title = title_pair.split("|")
            local = (f"{_ascii(person.first)}.{_ascii(person.last)}" if rng.random() < 0.75
                     else f"{_ascii(person.first)[0]}.{_ascii(person.last)}")
            email = f"{local}@{domain}" if rng.random() < 0.95 and local not in emails else ""
            emails.add(local)
            newsletter = bool(email) and rng.random() < 0.65
            contacts.append({
                "first_name": person.first,
                "last_name": person.last,
                "job_title": title[-1] if person.female else title[0],
                "email": email,
                "phone": self._phone(prefix) if rng.random() < 0.85 else "",
                "language": self.spec.language,
                "consent_newsletter": newsletter,
                "consent_publication": rng.random() < 0.4,
            })
        return contacts

    def _phone(self, prefix: str) -> str:
        rng = self.rng
        if self.italian:
            if rng.random() < 0.3:
                return f"+39 {rng.choice(self.spec.mobiles)} {rng.randrange(10**6, 10**7)}"
            digits = 10 - len(prefix)
            return f"+39 {prefix} {rng.randrange(10 ** (digits - 1), 10**digits)}"
        lead = rng.choice(self.spec.mobiles) if rng.random() < 0.4 else prefix
        number = f"{rng.randrange(2000000, 10**7)}"
        return f"+90 {lead} {number[:3]} {number[3:5]} {number[5:]}"

    # Commitment

    def _commit(self, organisations: list[DemoOrganisation]) -> None:
        """Mark the committed and former participants: support bodies and bigger firms first."""
        rng = self.rng
        ordered = sorted(
            range(len(organisations)),
            key=lambda i: rng.random() ** (1 / _commitment_weight(organisations[i].fields)),
            reverse=True,
        )
        committed = ordered[: self.spec.committed]
        former = ordered[self.spec.committed: self.spec.committed + self.spec.former]
        founded: date = self.spec.cluster["founded_on"]
        for i in sorted(committed):
            fields = organisations[i].fields
            earliest = max(founded, date(fields["founding_year"], 1, 1))
            signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=40))
            fields.update(
                commitment=Commitment.COMMITTED, agreement_signed_on=signed,
                membership_start=_next_month(signed),
                membership_fee=Decimal(self._fee(fields)),
            )
        for i in sorted(former):
            fields = organisations[i].fields
            earliest = max(founded, date(fields["founding_year"], 1, 1))
            signed = _day_between(rng, earliest, REFERENCE_DATE - timedelta(days=3 * 365))
            start = _next_month(signed)
            end_year = min(REFERENCE_DATE.year - 1, start.year + rng.randint(1, 5))
            fields.update(
                commitment=Commitment.FORMER, agreement_signed_on=signed, membership_start=start,
                membership_end=date(end_year, 12, 31), membership_fee=Decimal(self._fee(fields)),
            )

    def _fee(self, fields: dict[str, Any]) -> int:
        category = fields["category"]
        if category in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
            return self.spec.fees[_size_class(fields["employees"])]
        return self.spec.fees[category]


_ITALIAN_FORMS = {
    "micro": (("S.n.c.", "S.a.s.", "S.r.l.", "S.r.l.s."), (30, 20, 35, 15)),
    "small": (("S.r.l.", "S.n.c.", "S.a.s.", "S.p.A."), (80, 8, 5, 7)),
    "medium": (("S.r.l.", "S.p.A."), (55, 45)),
    "large": (("S.p.A.", "S.r.l."), (85, 15)),
}
_TURKISH_FORMS = {
    "micro": (("San. ve Tic. Ltd. Şti.", "Ltd. Şti.", "San. Tic. Ltd. Şti."), (60, 25, 15)),
    "small": (("San. ve Tic. Ltd. Şti.", "San. Tic. Ltd. Şti.", "San. ve Tic. A.Ş."),
              (65, 15, 20)),
    "medium": (("San. ve Tic. Ltd. Şti.", "San. ve Tic. A.Ş."), (45, 55)),
    "large": (("San. ve Tic. A.Ş.", "A.Ş."), (80, 20)),
}


def _size_class(employees: int) -> str:
    if employees < 10:
        return "micro"
    if employees < 50:
        return "small"
    return "medium" if employees < 250 else "large"


def _turnover_band(thousand_euros: int) -> str:
    if thousand_euros <= 2_000:
        return TurnoverBand.UP_TO_2M
    if thousand_euros <= 10_000:
        return TurnoverBand.UP_TO_10M
    return TurnoverBand.UP_TO_50M if thousand_euros <= 50_000 else TurnoverBand.OVER_50M


def _commitment_weight(fields: dict[str, Any]) -> float:
    if fields["category"] not in (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE):
        return 6.0
    return {"micro": 0.6, "small": 1.2, "medium": 2.5, "large": 4.0}[
        _size_class(fields["employees"])]


def _plural(word: str) -> str:
    """Turkish plural by vowel harmony: "Yılmaz" → "Yılmazlar", "Demir" → "Demirler"."""
    vowels = [ch for ch in word.lower() if ch in "aıoueiöü"]
    return word + ("lar" if vowels and vowels[-1] in "aıou" else "ler")


def _luhn_check_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return (10 - total % 10) % 10


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def demo_plan(spec: ClusterSpec) -> list[DemoOrganisation]:
    """The organisations and contacts of one demo cluster, without touching the database."""
    return _Generator(spec).plan()


# --- Writing it ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    cluster: str = ""
    organisation: str = ""


@dataclass
class SeedReport:
    created: list[tuple[str, int, int]] = field(default_factory=list)  # name, orgs, committed
    kept: list[tuple[str, int]] = field(default_factory=list)  # name, organisations
    sign_ins: list[SignIn] = field(default_factory=list)


def demo_seed(*, reset: bool = False) -> SeedReport:
    """Create the demo clusters, their registry and their users.

    A demo cluster that is already there is left alone, unless ``reset``: then it is deleted
    and created again, identical. The demo users' passwords are set to ``DEMO_PASSWORD``.
    """
    report = SeedReport()
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        slugs = [spec.slug for spec in DEMO_CLUSTERS]
        existing = {c.slug: c for c in Cluster.objects.filter(slug__in=slugs)}
        to_create = []
        for spec in DEMO_CLUSTERS:
            cluster = existing.get(spec.slug)
            if cluster is not None and not reset:
                report.kept.append((cluster.name, cluster.organisations.count()))
                continue
            if cluster is not None:
                cluster.delete()
            to_create.append(spec)
        if to_create:
            users = _demo_users_upsert(to_create, password)
            for spec in to_create:
                organisations = _cluster_create(spec, users)
                committed = sum(o.commitment == Commitment.COMMITTED for o in organisations)
                report.created.append((spec.cluster["name"], len(organisations), committed))
    report.sign_ins = demo_sign_ins()
    return report


def _demo_users_upsert(specs: list[ClusterSpec], password: str) -> dict[str, User]:
    wanted = {OPERATOR_EMAIL: "ClusterDesk Operator"}
    for spec in specs:
        wanted.update({user.email: user.full_name for user in spec.users})
    users = {u.email: u for u in User.objects.filter(email__in=list(wanted))}
    for user in users.values():
        user.password, user.is_active = password, True
        if user.email == OPERATOR_EMAIL:
            user.is_staff = user.is_superuser = True
    User.objects.bulk_update(
        list(users.values()), ["password", "is_active", "is_staff", "is_superuser"]
    )
    User.objects.bulk_create([
        User(email=email, full_name=name, password=password, is_staff=email == OPERATOR_EMAIL,
             is_superuser=email == OPERATOR_EMAIL)
        for email, name in wanted.items() if email not in users
    ])
    return {u.email: u for u in User.objects.filter(email__in=list(wanted))}


def _cluster_create(spec: ClusterSpec, users: dict[str, User]) -> list[Organisation]:
    cluster = cluster_create(**spec.cluster)
    plan = demo_plan(spec)
    organisations = Organisation.objects.bulk_create([
        Organisation(cluster=cluster, name_key=name_key(item.fields["name"]), **item.fields)
        for item in plan
    ])
    OrganisationSector.objects.bulk_create([
        OrganisationSector(organisation=organisation, code=code, division=code[:2])
        for organisation, item in zip(organisations, plan, strict=True) for code in item.codes
    ])
    Contact.objects.bulk_create([
        Contact(cluster=cluster, organisation=organisation, **contact)
        for organisation, item in zip(organisations, plan, strict=True)
        for contact in item.contacts
    ])
    represented, representative = next(
        (organisation, item.contacts[0])
        for organisation, item in zip(organisations, plan, strict=True)
        if organisation.commitment == Commitment.COMMITTED
        and organisation.category == Category.INDUSTRY_SME
        and organisation.value_chain_position in (VC.MANUFACTURING, VC.COMPONENTS)
    )
    memberships = []
    for demo_user in spec.users:
        user = users[demo_user.email]
        organisation = represented if demo_user.role == Role.MEMBER else None
        if demo_user.role == Role.MEMBER:
            full_name = f"{representative['first_name']} {representative['last_name']}"
            if user.full_name != full_name:
                user.full_name = full_name
                user.save(update_fields=["full_name"])
        memberships.append(Membership(cluster=cluster, user=user, role=demo_user.role,
                                      organisation=organisation))
    Membership.objects.bulk_create(memberships)
    return organisations


_ROLE_NAMES = {
    Role.MANAGER: "manager", Role.STAFF: "staff", Role.BOARD: "board viewer",
    Role.MEMBER: "member representative",
}


def demo_sign_ins() -> list[SignIn]:
    """The demo accounts as they are in the database, the operator first."""
    sign_ins = []
    if User.objects.filter(email=OPERATOR_EMAIL, is_superuser=True).exists():
        sign_ins.append(SignIn(OPERATOR_EMAIL, "platform operator"))
    emails = [user.email for spec in DEMO_CLUSTERS for user in spec.users]
    memberships = Membership.objects.filter(
        user__email__in=emails, cluster__slug__in=[spec.slug for spec in DEMO_CLUSTERS]
    ).select_related("user", "cluster", "organisation")
    by_email = {m.user.email: m for m in memberships}
    for email in emails:
        if membership := by_email.get(email):
            sign_ins.append(SignIn(
                email, _ROLE_NAMES[membership.role], membership.cluster.name,
                membership.organisation.name if membership.organisation else "",
            ))
    return sign_ins
