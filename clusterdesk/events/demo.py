"""The demo clusters' coming events, for ``manage.py seed_demo``.

``events_demo_seed`` gives each demo cluster (events through the same services as the pages,
``source="demo"``; registrations as those services make them, written in one insert, without
e-mail): a seminar and a workshop for members, a public BarCamp that is
full (contacts and guests, and guests on the waiting list), and one B2B meeting day
(``kind="b2b_day"``, 09:00–17:00 three weeks after the ledger's day) with a confirmed
registration, taking part in the meetings, of one contact of each of 40 participants (the
meeting-day demo adds sessions, tables and requests to it).

Everything starts after ``as_of``: nobody is checked in and no involvement is written, so the
excellence indicators of the demo's ledger stay as they are. Deterministic: participants and
contacts are taken in a fixed order; a cluster that already has events is left as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from clusterdesk.participants.models import Commitment, Contact
from clusterdesk.tenancy.models import Cluster

from . import services
from .models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationRole,
    RegistrationStatus,
    Visibility,
)
from .services.registrations import registration_language

SOURCE = "demo"
B2B_PEOPLE = 40


@dataclass(frozen=True)
class DemoEvent:
    kind: str
    days_ahead: int
    starts: time
    ends: time
    visibility: str
    capacity: int | None
    titles: dict[str, tuple[str, str]]  # language → (title, description)
    members: int  # contacts registered
    guests: int = 0
    waiting_guests: int = 0


EVENTS = (
    DemoEvent(
        EventKind.SEMINAR,
        10,
        time(14, 30),
        time(17, 30),
        Visibility.MEMBERS,
        60,
        {
            "en": (
                "Circular economy rules for SMEs",
                "What the new EU rules on eco-design and "
                "extended producer responsibility mean for small firms.",
            ),
            "it": (
                "Le nuove regole dell'economia circolare per le PMI",
                "Cosa cambiano per le "
                "piccole imprese l'ecodesign e la responsabilità estesa del produttore.",
            ),
            "tr": (
                "KOBİ'ler için döngüsel ekonomi kuralları",
                "Yeni AB ekotasarım kurallarının küçük işletmeler için anlamı.",
            ),
        },
        members=12,
    ),
    DemoEvent(
        EventKind.WORKSHOP,
        17,
        time(9, 30),
        time(13, 0),
        Visibility.MEMBERS,
        20,
        {
            "en": (
                "Workshop: digital product passports",
                "Hands-on: the data a product passport asks for, and where each firm finds it.",
            ),
            "it": (
                "Laboratorio: il passaporto digitale di prodotto",
                "Pratico: quali dati chiede il passaporto e dove ogni impresa li trova.",
            ),
            "tr": (
                "Atölye: dijital ürün pasaportu",
                "Uygulamalı: ürün pasaportunun istediği veriler ve bunların nerede bulunacağı.",
            ),
        },
        members=9,
    ),
    DemoEvent(
        EventKind.BARCAMP,
        30,
        time(9, 0),
        time(18, 0),
        Visibility.PUBLIC,
        25,
        {
            "en": (
                "Open BarCamp: the factory of the future",
                "An open day of sessions proposed by the participants themselves.",
            ),
            "it": (
                "BarCamp aperto: la fabbrica del futuro",
                "Una giornata aperta di sessioni proposte dai partecipanti stessi.",
            ),
            "tr": (
                "Açık BarCamp: geleceğin fabrikası",
                "Katılımcıların kendi önerdiği oturumlardan oluşan açık bir gün.",
            ),
        },
        members=15,
        guests=10,
        waiting_guests=6,
    ),
)
B2B_TITLES = {
    "en": ("B2B meeting day", "Twenty-minute meetings between participants, booked in advance."),
    "it": (
        "Giornata di incontri B2B",
        "Incontri di venti minuti tra i partecipanti, prenotati in anticipo.",
    ),
    "tr": ("B2B görüşme günü", "Önceden ayarlanan yirmi dakikalık ikili görüşmeler."),
}
GUESTS = (
    ("Maria López", "Textil Export S.L.", "es"),
    ("Jonas Weber", "Weber Maschinen GmbH", "en"),
    ("Claire Dubois", "Atelier Dubois", "en"),
    ("Ahmet Kaya", "Kaya Makina A.Ş.", "tr"),
    ("Giulia Conti", "Politecnico di Milano", "it"),
    ("Elena García", "Universidad de Valencia", "es"),
    ("Tom Baker", "Baker Consulting Ltd", "en"),
    ("Zeynep Arslan", "Arslan Tekstil", "tr"),
    ("Luca Moretti", "Moretti Design", "it"),
    ("Sofia Rossi", "Studio Rossi", "it"),
    ("Pablo Ruiz", "Ruiz Logística", "es"),
    ("Anna Novak", "Novak Textiles s.r.o.", "en"),
    ("Mehmet Demir", "Demir Hidrolik", "tr"),
    ("Laura Bianco", "Bianco Filati", "it"),
    ("Hugo Martin", "Martin & Fils", "en"),
    ("Irene Vidal", "Vidal Moda", "es"),
)


def _moment(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _texts(language: str, titles: dict[str, tuple[str, str]]) -> tuple[str, str, dict]:
    title, description = titles.get(language, titles["en"])
    translations = {
        code: {"title": text[0], "description": text[1]}
        for code, text in titles.items()
        if code != language
    }
    return title, description, translations


def _people(cluster: Cluster) -> list[Contact]:
    """One contact per participant, committed participants first, in a fixed order."""
    contacts = (
        Contact.objects.for_cluster(cluster)
        .exclude(organisation__commitment=Commitment.FORMER)
        .select_related("organisation")
        .order_by("organisation__commitment", "organisation__name", "organisation_id", "pk")
    )
    chosen: dict[int, Contact] = {}
    for contact in contacts.iterator(chunk_size=2000):
        chosen.setdefault(contact.organisation_id, contact)
    committed = [c for c in chosen.values() if c.organisation.commitment == Commitment.COMMITTED]
    others = [c for c in chosen.values() if c.organisation.commitment != Commitment.COMMITTED]
    return committed + others


def _event(cluster: Cluster, language: str, spec: DemoEvent, as_of: date) -> Event:
    day = as_of + timedelta(days=spec.days_ahead)
    title, description, translations = _texts(language, spec.titles)
    starts_at, ends_at = _moment(day, spec.starts), _moment(day, spec.ends)
    return services.event_create(
        cluster=cluster,
        actor=None,
        source=SOURCE,
        data={
            "kind": spec.kind,
            "title": title,
            "description": description,
            "translations": translations,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": cluster.region or cluster.name,
            "capacity": spec.capacity,
            "registration_deadline": starts_at - timedelta(days=2),
            "visibility": spec.visibility,
            "is_international": spec.kind == EventKind.BARCAMP,
            "status": EventStatus.PUBLISHED,
        },
    )


def _registrations(
    event: Event,
    people: list[tuple[Contact | None, tuple[str, str, str] | None, str]],
    clock: datetime,
) -> list[Registration]:
    """The rows a registration through the services would give these people, in order: the
    first ``capacity`` confirmed, the rest on the waiting list (made in one insert)."""
    rows = []
    for number, (contact, guest, role) in enumerate(people):
        name, organisation, language = guest or ("", "", "")
        confirmed = event.capacity is None or number < event.capacity
        rows.append(
            Registration(
                cluster=event.cluster,
                event=event,
                contact=contact,
                organisation=contact.organisation if contact else None,
                guest_name=name,
                guest_email=_guest_email(name) if guest else "",
                guest_organisation=organisation,
                language=registration_language(event, contact, language),
                role=role,
                wants_meetings=event.has_meetings and contact is not None,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                registered_at=clock + timedelta(minutes=7 * (number + 1)),
            )
        )
    return rows


def _guest_email(name: str) -> str:
    return name.lower().replace(" ", ".").encode("ascii", "ignore").decode() + "@example.net"


def _seed_cluster(cluster: Cluster, as_of: date) -> int:
    language = services.cluster_language(cluster)
    people = _people(cluster)
    clock = _moment(as_of, time(8, 0))
    rows: list[Registration] = []
    offset = 0
    for spec in EVENTS:
        event = _event(cluster, language, spec, as_of)
        members = [
            (contact, None, RegistrationRole.SPEAKER if number < 2 else RegistrationRole.ATTENDEE)
            for number, contact in enumerate(people[offset : offset + spec.members])
        ]
        offset += spec.members // 2
        guests = [
            (None, guest, RegistrationRole.ATTENDEE)
            for guest in GUESTS[: spec.guests + spec.waiting_guests]
        ]
        rows += _registrations(event, members + guests, clock)
    day = as_of + timedelta(days=21)
    title, description, translations = _texts(language, B2B_TITLES)
    b2b = services.event_create(
        cluster=cluster,
        actor=None,
        source=SOURCE,
        data={
            "kind": EventKind.B2B_DAY,
            "title": title,
            "description": description,
            "translations": translations,
            "starts_at": _moment(day, time(9, 0)),
            "ends_at": _moment(day, time(17, 0)),
            "place": cluster.region or cluster.name,
            "capacity": 80,
            "visibility": Visibility.MEMBERS,
            "has_meetings": True,
            "meeting_quota": 8,
            "involvement_days": Decimal("1"),
            "status": EventStatus.PUBLISHED,
        },
    )
    rows += _registrations(
        b2b, [(contact, None, RegistrationRole.ATTENDEE) for contact in people[:B2B_PEOPLE]], clock
    )
    Registration.objects.bulk_create(rows)
    return len(rows)


def events_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """The coming events of the clusters ``slugs``; returns how many registrations were made.
    A cluster that already has events is left as it is."""
    made = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        if Event.objects.for_cluster(cluster).exists():
            continue
        with transaction.atomic():
            made += _seed_cluster(cluster, as_of)
    return made
