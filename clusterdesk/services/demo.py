"""The service portfolio of the demo's Tuscany Fashion Cluster, for `manage.py seed_demo`.

`services_demo_seed` gives the cluster (İSİM gets none: its excellence demo shows two service
areas never answered) a catalogue of ten services in Italian, after the guide's portfolio
tables, and a delivery log of the past three years to the cluster's own participants, with the
fees invoiced, the participants' ratings and the outcomes.

The log tells the same story as the excellence questionnaire (``benchmarking.demo.stories``):
each date the questionnaire gives for an area's last delivery is a delivery of the log, and
no delivery of an area falls later than what the questionnaire said next about that area — so
that the later of the two, which the excellence indicator D4 counts, is what the questionnaire
says, and every assessment of the demo's history keeps its D4 (see ``_fits_the_story``).

The fees: the finance records' "Service fees" actual amount of each year already holds what
the cluster invoiced, in the log or outside it, so the log's fees are taken out of that
figure rather than added to it (the amount stays as the ledger has it, the finance figures of
the excellence history with it). Should a year's fees in the log exceed it, the amount is
raised to the log's sum, the rule the delivery log keeps.

Everything is in whole months before the ledger's day, drawn with a fixed seed: the same day
always gives the same portfolio.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from clusterdesk.benchmarking.demo.stories import STORIES, area
from clusterdesk.engagement.models import BudgetLine, FundingSource, StaffMember
from clusterdesk.lib.periods import last_12_months, months_before
from clusterdesk.participants.models import Commitment, Organisation
from clusterdesk.tenancy.models import Cluster

from .models import (
    CORE_AREAS,
    Delivery,
    DeliveryRecipient,
    DeliveryUnit,
    Service,
    ServiceAreaLink,
    ServiceStatus,
)

__all__ = [
    "CATALOGUE",
    "PORTFOLIOS",
    "services_demo_seed",
    "story_rounds",
]

SEED = 5
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DemoService:
    code: str
    name: str
    description: str
    areas: tuple[int, ...]
    targeted_companies: str
    methodology: str
    timing: str
    status: str = ServiceStatus.IN_PLACE
    member_price: int | None = None  # € per participant; None with free, or not priced yet
    non_member_price: int | None = None
    price_unit: str = ""
    free: bool = False
    # Who of the team runs it: a word of their post (else the cluster manager).
    post: str = ""
    provider: str = ""
    quantity: tuple[str, str] = ("1", DeliveryUnit.DAYS)
    # Further deliveries, in months before the ledger's day (the questionnaire's dates of the
    # service's area come on top): those that would contradict the questionnaire are left out.
    months: tuple[int, ...] = ()
    recipients: tuple[int, int] = (1, 3)
    outcomes: tuple[str, ...] = ()

    @property
    def is_offered(self) -> bool:
        return self.status in (ServiceStatus.IN_PLACE, ServiceStatus.NEW)


CATALOGUE: tuple[DemoService, ...] = (
    DemoService(
        code="1",
        name="Rapporto congiunturale del distretto moda",
        description="Analisi semestrale di produzione, export, ordini e occupazione del "
        "distretto, con i dati ISTAT e l'indagine presso le imprese socie.",
        areas=(1,),
        targeted_companies="Tutte le imprese della filiera tessile, abbigliamento, pelle e "
        "calzatura",
        methodology="Indagine online presso i soci, elaborazione dei dati statistici, "
        "presentazione pubblica e rapporto scaricabile",
        timing="Due volte l'anno (marzo e ottobre)",
        member_price=0,
        non_member_price=250,
        price_unit="per copia del rapporto completo",
        months=(34, 29, 28, 22, 21, 10, 9),
        recipients=(4, 9),
        outcomes=(
            "Rapporto presentato alla Camera di Commercio; ripreso dalla stampa locale.",
            "Dati sugli ordini usati dalle imprese per il budget dell'anno.",
            "Focus sull'export verso il Giappone e la Corea su richiesta dei soci.",
        ),
    ),
    DemoService(
        code="2",
        name="Giornate di incontri B2B con i buyer",
        description="Incontri prenotati tra le imprese socie e buyer italiani ed esteri, "
        "selezionati sui profili delle imprese.",
        areas=(1,),
        targeted_companies="PMI di tessitura, confezione e pelletteria con una collezione propria",
        methodology="Profilo dell'impresa, selezione dei buyer, agenda di incontri di 30 "
        "minuti, follow-up a tre mesi",
        timing="Due giornate l'anno, a Firenze e a Prato",
        member_price=180,
        non_member_price=400,
        price_unit="per impresa partecipante",
        post="internazionalizzazione",
        months=(31, 30, 24, 17, 16, 12, 3, 2),
        recipients=(5, 12),
        outcomes=(
            "Circa 140 incontri; 11 imprese hanno ricevuto richieste di campionario.",
            "Due nuovi clienti in Germania per i lanifici partecipanti.",
            "Buyer scandinavi interessati ai tessuti riciclati pratesi.",
        ),
    ),
    DemoService(
        code="3",
        name="Costruzione di consorzi per bandi R&S regionali e Horizon Europe",
        description="Ricerca dei partner, idea progettuale e scrittura della proposta con le "
        "imprese e le università, per i bandi della Regione Toscana e di Horizon Europe.",
        areas=(2,),
        targeted_companies="Imprese con un'idea di innovazione di prodotto o di processo; "
        "università e centri di ricerca soci",
        methodology="Workshop di idea, ricerca dei partner nelle reti europee, scrittura "
        "della proposta, revisione prima dell'invio",
        timing="Secondo le scadenze dei bandi",
        member_price=500,
        non_member_price=1000,
        price_unit="per impresa, per proposta presentata",
        post="innovazione",
        quantity=("6", DeliveryUnit.DAYS),
        months=(33, 27, 26, 21, 20, 19, 13, 11, 5, 4),
        recipients=(2, 4),
        outcomes=(
            "Proposta presentata al bando regionale R&S: finanziata.",
            "Proposta Horizon Europe con 9 partner in 5 Paesi: in valutazione.",
            "Proposta sul riciclo delle fibre presentata; punteggio sotto la soglia.",
            "Progetto di filiera sulla tracciabilità finanziato dalla Regione Toscana.",
        ),
    ),
    DemoService(
        code="4",
        name="Stand collettivo alle fiere internazionali",
        description="Uno spazio comune del cluster alle fiere di settore, con allestimento, "
        "catalogo e promozione verso i visitatori.",
        areas=(3,),
        targeted_companies="PMI che espongono per la prima volta o non hanno uno stand proprio",
        methodology="Prenotazione dell'area, allestimento comune, agenda di appuntamenti, "
        "comunicazione prima e durante la fiera",
        timing="Première Vision Parigi (febbraio e settembre), Texworld, Lineapelle",
        member_price=750,
        non_member_price=1400,
        price_unit="per modulo espositivo",
        post="internazionalizzazione",
        quantity=("3", DeliveryUnit.DAYS),
        months=(35, 29, 23, 22, 17, 15, 11, 8, 5, 2),
        recipients=(3, 6),
        outcomes=(
            "Première Vision Parigi: 8 imprese, oltre 300 contatti registrati.",
            "Lineapelle: stand di 5 concerie, due nuovi clienti francesi.",
            "Texworld: prima presenza per tre lanifici pratesi.",
        ),
    ),
    DemoService(
        code="5",
        name="Missioni imprenditoriali all'estero",
        description="Missioni di imprese socie sui mercati esteri, con incontri con "
        "distributori, marchi e agenti.",
        areas=(3,),
        targeted_companies="PMI con una strategia di export, anche non socie",
        methodology="Scelta del mercato con i soci, agenda di incontri con l'Agenzia ICE, "
        "accompagnamento e follow-up",
        timing="Una o due missioni l'anno (Francoforte, Tokyo, New York)",
        member_price=450,
        non_member_price=900,
        price_unit="per impresa partecipante",
        post="internazionalizzazione",
        quantity=("4", DeliveryUnit.DAYS),
        months=(32, 26, 20, 15, 9, 8),
        recipients=(4, 7),
        outcomes=(
            "Missione a Tokyo: 34 incontri, un accordo di distribuzione.",
            "Missione a Francoforte: tre imprese in trattativa con catene tedesche.",
            "Missione a New York con l'Agenzia ICE: due ordini di prova.",
        ),
    ),
    DemoService(
        code="6",
        name="Corsi per tecnici e addetti delle imprese",
        description="Corsi brevi su tessuti tecnici, modellistica digitale, qualità e "
        "sostenibilità, tenuti da docenti delle università e degli istituti tecnici.",
        areas=(4,),
        targeted_companies="Tecnici, modellisti e addetti alla qualità delle imprese socie",
        methodology="Corso in aula e in laboratorio, attestato di frequenza",
        timing="Da ottobre a maggio",
        member_price=150,
        non_member_price=320,
        price_unit="per partecipante",
        quantity=("2", DeliveryUnit.DAYS),
        months=(38, 37, 13, 12, 7, 6, 4),
        recipients=(5, 12),
        outcomes=(
            "Corso di modellistica digitale (CAD 3D): 12 tecnici formati.",
            "Corso sulla certificazione dei tessuti riciclati: valutazione media 4,5 su 5.",
            "Corso sulla concia senza cromo con l'istituto tecnico di Santa Croce.",
        ),
    ),
    DemoService(
        code="7",
        name="Prove di laboratorio su tessuti e pelli",
        description="Prove di resistenza, solidità del colore e sostanze chimiche a prezzo "
        "convenzionato, con un laboratorio accreditato.",
        areas=(5,),
        targeted_companies="Imprese che devono certificare i materiali per i marchi del lusso",
        methodology="Raccolta dei campioni presso il cluster, prove in laboratorio, "
        "rapporto di prova",
        timing="Su richiesta, rapporto entro dieci giorni",
        status=ServiceStatus.NEW,
        member_price=90,
        non_member_price=150,
        price_unit="per prova",
        provider="Laboratorio convenzionato di Prato",
        quantity=("3", DeliveryUnit.UNITS),
        months=(7, 6, 5, 4, 3, 2, 1, 0),
        recipients=(1, 2),
        outcomes=(
            "Prove di solidità del colore superate; rapporto inviato al marchio.",
            "Sostanze chimiche sotto i limiti della lista del cliente.",
        ),
    ),
    DemoService(
        code="8",
        name="Sportello bandi e finanziamenti",
        description="Segnalazione dei bandi aperti e colloqui di orientamento per le imprese "
        "che vogliono candidarsi.",
        areas=(6,),
        targeted_companies="Tutte le imprese socie",
        methodology="Newsletter dei bandi, colloquio di un'ora, verifica dei requisiti",
        timing="Ogni martedì, su appuntamento",
        free=True,
        months=(30, 24, 18, 14, 10, 6, 3, 1),
        recipients=(1, 3),
        quantity=("1", DeliveryUnit.HOURS),
        outcomes=(
            "Requisiti verificati per il bando regionale sull'internazionalizzazione.",
            "Impresa indirizzata al voucher per la digitalizzazione.",
        ),
    ),
    DemoService(
        code="9",
        name="Passaporto digitale di prodotto",
        description="Accompagnamento delle imprese verso il passaporto digitale dei prodotti "
        "tessili previsto dal regolamento europeo sull'ecodesign.",
        areas=(2, 4),
        targeted_companies="Imprese che forniscono i marchi del lusso",
        methodology="Da definire con il questionario ai soci",
        timing="",
        status=ServiceStatus.IDEA,
    ),
    DemoService(
        code="10",
        name="Catalogo cartaceo delle imprese del distretto",
        description="Catalogo stampato delle imprese socie distribuito in fiera; sostituito "
        "dalle pagine delle imprese sul sito del cluster.",
        areas=(3,),
        targeted_companies="Imprese socie",
        methodology="Raccolta delle schede, impaginazione, stampa",
        timing="Annuale",
        status=ServiceStatus.RETIRED,
        member_price=100,
        non_member_price=200,
        price_unit="per scheda",
        months=(36, 33, 30),
        recipients=(6, 10),
        outcomes=("Catalogo distribuito alle fiere della stagione.",),
    ),
)

# The clusters that have a portfolio in the demo, and their catalogue.
PORTFOLIOS: dict[str, tuple[DemoService, ...]] = {"tuscany-fashion": CATALOGUE}
RATINGS = (3, 4, 4, 4, 5, 5, 5)


@dataclass(frozen=True)
class _Round:
    answered_on: date
    value: date


def story_rounds(slug: str, as_of: date) -> dict[int, list[_Round]]:
    """Per service area 1–4, what the questionnaire said and when, oldest first."""
    story = STORIES[slug]
    rounds: dict[int, list[_Round]] = {}
    for number in CORE_AREAS:
        rounds[number] = sorted(
            (
                _Round(
                    months_before(as_of, answer.answered_months_before),
                    months_before(as_of, answer.months_before),
                )
                for answer in story.answers
                if answer.question == area(number) and answer.months_before is not None
            ),
            key=lambda item: item.answered_on,
        )
    return rounds


def _fits_the_story(rounds: list[_Round], day: date) -> bool:
    """Whether a delivery of the area on ``day`` keeps what the questionnaire says: the
    next answer about the area (else the last one) gives a last delivery on or after
    ``day``, and the answer in effect until then still counts the area as covered, so that
    the delivery does not make an area covered that the questionnaire left uncovered."""
    if not rounds:
        return True
    after = [item for item in rounds if item.answered_on >= day]
    said = after[0].value if after else rounds[-1].value
    if day > said:
        return False
    before = [item for item in rounds if item.answered_on < day]
    if before and after:
        return before[-1].value in last_12_months(after[0].answered_on - ONE_DAY)
    return True


def delivery_days(spec: DemoService, rounds: dict[int, list[_Round]], as_of: date) -> list[date]:
    """The service's delivery days: the questionnaire's dates of its areas (every second one
    when two services share an area) and its further months, those that fit the story."""
    days = {months_before(as_of, months) for months in spec.months}
    for number in spec.areas:
        sharing = [item for item in CATALOGUE if number in item.areas and item.is_offered]
        if spec not in sharing:
            continue
        for index, said in enumerate(rounds.get(number, [])):
            if index % len(sharing) == sharing.index(spec):
                days.add(said.value)
    return sorted(
        day
        for day in days
        if day <= as_of
        and all(_fits_the_story(rounds.get(number, []), day) for number in spec.areas)
    )


def services_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """The portfolio of the demo clusters ``slugs`` that have one (the Tuscany Fashion
    Cluster), their ledger running up to ``as_of``; returns how many deliveries were logged.
    A cluster that already has services is left as it is."""
    logged = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        if cluster.slug not in PORTFOLIOS or Service.objects.for_cluster(cluster).exists():
            continue
        with transaction.atomic():
            logged += _portfolio(cluster, PORTFOLIOS[cluster.slug], as_of)
    return logged


def _staff_for(staff: list[StaffMember], post: str, day: date) -> StaffMember | None:
    in_post = [
        member
        for member in staff
        if member.started_on <= day and (member.ended_on is None or member.ended_on >= day)
    ]
    matching = [member for member in in_post if post and post in member.post.lower()]
    return (matching or in_post or [None])[0]


def _portfolio(cluster: Cluster, catalogue: tuple[DemoService, ...], as_of: date) -> int:
    rng = random.Random(f"{SEED}-{cluster.slug}-{as_of.isoformat()}")
    rounds = story_rounds(cluster.slug, as_of)
    staff = list(StaffMember.objects.for_cluster(cluster).order_by("started_on", "pk"))
    manager = staff[0] if staff else None
    organisations = list(
        Organisation.objects.for_cluster(cluster)
        .exclude(commitment=Commitment.FORMER)
        .order_by("name", "pk")
        .values_list("pk", "commitment")
    )
    members = [pk for pk, commitment in organisations if commitment == Commitment.COMMITTED]
    others = [pk for pk, commitment in organisations if commitment != Commitment.COMMITTED]
    services = Service.objects.bulk_create(
        Service(
            cluster=cluster,
            code=spec.code,
            name=spec.name,
            description=spec.description,
            targeted_companies=spec.targeted_companies,
            methodology=spec.methodology,
            timing=spec.timing,
            status=spec.status,
            free=spec.free,
            member_price=None if spec.member_price is None else Decimal(spec.member_price),
            non_member_price=(
                None if spec.non_member_price is None else Decimal(spec.non_member_price)
            ),
            price_unit=spec.price_unit,
            owner=_staff_for(staff, spec.post, as_of) or manager,
        )
        for spec in catalogue
    )
    ServiceAreaLink.objects.bulk_create(
        ServiceAreaLink(service=service, area=number)
        for service, spec in zip(services, catalogue, strict=True)
        for number in spec.areas
    )
    deliveries: list[Delivery] = []
    recipients: list[list[int]] = []
    for service, spec in zip(services, catalogue, strict=True):
        if spec.status == ServiceStatus.IDEA:
            continue
        for day in delivery_days(spec, rounds, as_of):
            low, high = spec.recipients
            count = rng.randint(low, high)
            chosen = rng.sample(members, min(len(members), count - count // 4)) + rng.sample(
                others, min(len(others), count // 4)
            )
            fee = Decimal(0)
            if not spec.free:
                fee = sum(
                    (
                        Decimal(spec.member_price or 0)
                        if pk in members
                        else Decimal(spec.non_member_price or 0)
                        for pk in chosen
                    ),
                    Decimal(0),
                )
            amount, unit = spec.quantity
            deliveries.append(
                Delivery(
                    cluster=cluster,
                    service=service,
                    delivered_on=day,
                    delivered_by=None if spec.provider else _staff_for(staff, spec.post, day),
                    provider=spec.provider,
                    quantity=Decimal(amount),
                    unit=unit,
                    fee_invoiced=fee,
                    outcome=rng.choice(spec.outcomes) if spec.outcomes else "",
                    rating=rng.choice(RATINGS),
                )
            )
            recipients.append(chosen)
    Delivery.objects.bulk_create(deliveries)
    DeliveryRecipient.objects.bulk_create(
        DeliveryRecipient(delivery=delivery, organisation_id=pk)
        for delivery, chosen in zip(deliveries, recipients, strict=True)
        for pk in chosen
    )
    _fees_within_the_budget(cluster, deliveries)
    return len(deliveries)


def _fees_within_the_budget(cluster: Cluster, deliveries: list[Delivery]) -> None:
    """Each year's "Service fees" actual amount is at least the log's fees of that year."""
    years = {delivery.delivered_on.year for delivery in deliveries}
    logged = {
        year: sum((d.fee_invoiced for d in deliveries if d.delivered_on.year == year), Decimal(0))
        for year in years
    }
    lines = {
        line.year: line
        for line in BudgetLine.objects.for_cluster(cluster).filter(
            year__in=years, source=FundingSource.SERVICE_FEES
        )
    }
    for year, amount in sorted(logged.items()):
        if not amount:
            continue
        line = lines.get(year)
        if line is None:
            BudgetLine.objects.create(
                cluster=cluster,
                year=year,
                source=FundingSource.SERVICE_FEES,
                planned=Decimal(0),
                actual=amount,
            )
        elif line.actual is None or line.actual < amount:
            line.actual = amount
            line.save(update_fields=["actual", "updated_at"])
