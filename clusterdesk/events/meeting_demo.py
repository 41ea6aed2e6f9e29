"""The demo's B2B meeting days set up and requested, for ``manage.py seed_demo``.

``meetings_demo_seed`` finds each demo cluster's B2B day (``kind="b2b_day"``,
``has_meetings=True``, made by the events demo with its registrations) and, through the same
services as the pages (``source="demo"``, no e-mail), adds a morning (09:30–12:30) and an
afternoon (14:00–17:00) session of 20-minute meetings with 5-minute pauses, 8 tables, a few
people's availability; then about five requests per person — mostly accepted, some waiting, a
few declined — with messages in the cluster's language, written in one insert. Deterministic;
a day already set up or already requested is left as it is."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from clusterdesk.lib.errors import DomainError
from clusterdesk.matchmaking.models import Listing
from clusterdesk.tenancy.models import Cluster

from .models import Event, EventKind, MeetingRequest, RegistrationStatus, RequestStatus
from .services import meeting_setup as setup

SOURCE = "demo"
SESSIONS = (("Morning", time(9, 30), time(12, 30)), ("Afternoon", time(14, 0), time(17, 0)))
TABLES = 8
OFFSETS = (1, 3, 7)  # whom each person asks: the next, the third and (every other) the seventh

MESSAGES = {
    "en": [
        "We are looking for a supplier of recycled yarns for our 2027 collection.",
        "Your finishing process could fit our product line: can we talk for 20 minutes?",
        "We would like to hear about your export experience in the DACH markets.",
        "We develop digital printing on technical fabrics and look for industrial partners.",
        "Interested in a joint application to the next Horizon Europe call.",
        "We need extra production capacity from March: could you take small batches?",
    ],
    "it": [
        "Cerchiamo un fornitore di filati riciclati per la collezione 2027.",
        "Il vostro processo di finissaggio potrebbe interessarci: ne parliamo 20 minuti?",
        "Vorremmo conoscere la vostra esperienza di export nei mercati di lingua tedesca.",
        "Sviluppiamo stampa digitale su tessuti tecnici e cerchiamo partner industriali.",
        "Ci interessa un progetto comune per il prossimo bando Horizon Europe.",
        "Da marzo ci serve capacità produttiva in più: lavorate anche piccoli lotti?",
    ],
    "tr": [
        "Hidrolik bileşenler için yeni bir tedarikçi arıyoruz.",
        "Kaynak robotu uygulamalarınız hakkında 20 dakika konuşabilir miyiz?",
        "Orta Doğu pazarlarındaki ihracat deneyiminizi dinlemek isteriz.",
        "Telematik çözümümüz için iş makinesi üreticileriyle ortaklık arıyoruz.",
        "Bir sonraki Horizon Europe çağrısına ortak başvuru ile ilgileniyoruz.",
        "Mart ayından itibaren ek üretim kapasitesine ihtiyacımız var.",
    ],
}
ANSWERS = {"en": "Gladly, see you there.", "it": "Volentieri, a presto.", "tr": "Memnuniyetle."}


def _at(event: Event, moment: time) -> datetime:
    day = timezone.localtime(event.starts_at).date()
    return timezone.make_aware(datetime.combine(day, moment))


def _language(cluster: Cluster) -> str:
    for code in cluster.local_languages or []:
        if code in MESSAGES:
            return code
    return "en"


def _set_up(event: Event) -> None:
    if event.sessions.exists():
        return
    for name, start, end in SESSIONS:
        try:
            setup.session_create(
                event=event,
                actor=None,
                data={"name": name, "starts_at": _at(event, start), "ends_at": _at(event, end)},
                source=SOURCE,
            )
        except DomainError:  # a day shorter than the demo's sessions keeps those that fit
            continue
    if not event.tables.exists():
        setup.tables_add(event=event, actor=None, count=TABLES, source=SOURCE)


def _request(event: Event, as_of: date) -> int:
    """About five requests per person; returns how many were accepted."""
    people = list(
        event.registrations.filter(wants_meetings=True, status=RegistrationStatus.CONFIRMED)
        .select_related("contact", "organisation", "event__cluster", "cluster")
        .order_by("pk")
    )
    if len(people) < 2 or MeetingRequest.objects.filter(event=event).exists():
        return 0
    sessions = list(event.sessions.order_by("starts_at"))
    for index, person in enumerate(people):
        if len(sessions) == 2 and index % 6 == 5:  # some can meet only in one session
            only = sessions[index % 12 == 5]
            setup.availability_replace(
                registration=person,
                actor=None,
                windows=[(only.starts_at, only.ends_at)],
                source=SOURCE,
            )
    language = _language(event.cluster)
    messages, answer = MESSAGES[language], ANSWERS[language]
    listings: dict[int, Listing] = {}
    for listing in (
        Listing.objects.for_cluster(event.cluster)
        .active_on(as_of)
        .select_related("profile")
        .order_by("pk")
    ):
        listings.setdefault(listing.profile.organisation_id, listing)
    now = timezone.make_aware(datetime.combine(as_of, time(0, 0)))
    # The requests a person would make (never to their own organisation), then the answers:
    # seven in ten accepted while both sides are under the day's quota, one declined, the rest
    # waiting. The demo's day has fewer meetings per person than slots, and the services'
    # other rules cannot be broken by these pairs; they are written in one insert.
    quota = event.meeting_quota
    accepted_of: dict[int, int] = {}
    made: list[MeetingRequest] = []
    for index, requester in enumerate(people):
        for offset in OFFSETS if index % 2 == 0 else OFFSETS[:2]:
            invitee = people[(index + offset) % len(people)]
            if invitee.organisation_id == requester.organisation_id:
                continue
            number = len(made)
            decision = number % 10
            status = RequestStatus.PENDING
            if decision < 7 and all(
                accepted_of.get(person.pk, 0) < quota for person in (requester, invitee)
            ):
                status = RequestStatus.ACCEPTED
                for person in (requester, invitee):
                    accepted_of[person.pk] = accepted_of.get(person.pk, 0) + 1
            elif decision == 7:
                status = RequestStatus.DECLINED
            made.append(
                MeetingRequest(
                    cluster=event.cluster,
                    event=event,
                    requester=requester,
                    invitee=invitee,
                    message=messages[number % len(messages)],
                    listing=listings.get(invitee.organisation_id) if number % 3 == 0 else None,
                    status=status,
                    answer=answer if status == RequestStatus.ACCEPTED and number % 4 == 0 else "",
                    answered_at=now if status != RequestStatus.PENDING else None,
                )
            )
    MeetingRequest.objects.bulk_create(made)
    return sum(1 for meeting in made if meeting.status == RequestStatus.ACCEPTED)


def meetings_demo_seed(*, slugs: list[str], as_of: date) -> int:
    """Set up and request the demo clusters' B2B days; the number of accepted requests."""
    accepted = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        days = Event.objects.for_cluster(cluster).filter(kind=EventKind.B2B_DAY, has_meetings=True)
        for event in days.select_related("cluster").order_by("starts_at", "pk"):
            if timezone.localtime(event.starts_at).date() <= as_of:
                continue  # a day already held keeps what it had
            _set_up(event)
            accepted += _request(event, as_of)
    return accepted
