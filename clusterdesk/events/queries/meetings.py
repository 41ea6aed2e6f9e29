"""Reads of a B2B meeting day: who takes part, their counts against their quota, the attendee
list and the marketplace to request meetings from, the requests, and the set-up's summary with
its warnings. A fixed number of queries whatever the number of rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from clusterdesk.matchmaking.models import Listing

from ..models import (
    AvailabilityWindow,
    Event,
    EventStatus,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
    TimeSlot,
)

OPEN = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


def days_open_to(events: QuerySet[Event], organisation_id: int) -> QuerySet[Event]:
    """The B2B days a member representative may open: published ones where their organisation
    has someone confirmed who takes part in the meetings (no drafts, nobody else's day)."""
    taking_part = Registration.objects.filter(
        event=OuterRef("pk"),
        organisation_id=organisation_id,
        status=RegistrationStatus.CONFIRMED,
        wants_meetings=True,
    )
    return events.filter(status=EventStatus.PUBLISHED).filter(Exists(taking_part))


def quota_of(registration: Registration, event: Event | None = None) -> int:
    if registration.meeting_quota is not None:
        return registration.meeting_quota
    return (event or registration.event).meeting_quota


def participants(event: Event) -> QuerySet[Registration]:
    """Confirmed registrations taking part in the meetings, with what the lists show."""
    return (
        Registration.objects.filter(
            event=event, wants_meetings=True, status=RegistrationStatus.CONFIRMED
        )
        .select_related("contact", "organisation")
        .order_by(
            "organisation__name", "guest_organisation", "contact__last_name", "guest_name", "pk"
        )
    )


@dataclass
class Counts:
    accepted: int = 0
    pending_sent: int = 0
    pending_received: int = 0
    declined: int = 0


def counts_by_registration(event: Event) -> dict[int, Counts]:
    """Each person's accepted meetings, requests waiting (sent and received) and declined."""
    counts: dict[int, Counts] = {}
    rows = (
        MeetingRequest.objects.filter(event=event)
        .values("requester_id", "invitee_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        sent = counts.setdefault(row["requester_id"], Counts())
        received = counts.setdefault(row["invitee_id"], Counts())
        if row["status"] == RequestStatus.ACCEPTED:
            sent.accepted += row["n"]
            received.accepted += row["n"]
        elif row["status"] == RequestStatus.PENDING:
            sent.pending_sent += row["n"]
            received.pending_received += row["n"]
        elif row["status"] == RequestStatus.DECLINED:
            sent.declined += row["n"]
    return counts


def registration_counts(registration: Registration) -> Counts:
    rows = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(invitee=registration)
    ).values_list("requester_id", "status")
    counts = Counts()
    for requester_id, status in rows:
        mine = requester_id == registration.pk
        if status == RequestStatus.ACCEPTED:
            counts.accepted += 1
        elif status == RequestStatus.PENDING and mine:
            counts.pending_sent += 1
        elif status == RequestStatus.PENDING:
            counts.pending_received += 1
        elif status == RequestStatus.DECLINED and mine:
            counts.declined += 1
    return counts


def available_slot_counts(event: Event, registration_ids: list[int]) -> dict[int, int]:
    """How many of the day's slots each person can meet in (no windows: every slot)."""
    slots = list(TimeSlot.objects.filter(event=event).values_list("starts_at", "ends_at"))
    windows: dict[int, list[tuple]] = {}
    for row in AvailabilityWindow.objects.filter(registration_id__in=registration_ids).values_list(
        "registration_id", "starts_at", "ends_at"
    ):
        windows.setdefault(row[0], []).append(row[1:])
    result = {}
    for pk in registration_ids:
        mine = windows.get(pk)
        if not mine:
            result[pk] = len(slots)
        else:
            result[pk] = sum(
                1 for start, end in slots if any(w0 <= start and end <= w1 for w0, w1 in mine)
            )
    return result


@dataclass
class DaySummary:
    sessions: list
    slots: int
    tables: int
    capacity: int
    participants: int
    by_status: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.by_status.get(RequestStatus.ACCEPTED, 0)

    @property
    def pending(self) -> int:
        return self.by_status.get(RequestStatus.PENDING, 0)

    @property
    def declined(self) -> int:
        return self.by_status.get(RequestStatus.DECLINED, 0)


def day_summary(event: Event, *, with_people: bool = True) -> DaySummary:
    """Slots, tables, capacity (slots × tables), requests by status, and the warnings: more
    accepted meetings than the day can hold, or a person with more meetings than slots."""
    sessions = list(event.sessions.annotate(slot_count=Count("slots")).order_by("starts_at"))
    slots = sum(s.slot_count for s in sessions)
    tables = event.tables.count()
    by_status = dict(
        MeetingRequest.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    people = list(participants(event)) if with_people else []
    summary = DaySummary(
        sessions=sessions,
        slots=slots,
        tables=tables,
        capacity=slots * tables,
        participants=len(people) if with_people else participants(event).count(),
        by_status=by_status,
    )
    if summary.accepted > summary.capacity and slots:
        summary.warnings.append(
            _(
                "%(accepted)s meetings are accepted but %(slots)s slots × %(tables)s tables hold "
                "%(capacity)s: more meetings than slots. Add tables or slots."
            )
            % {
                "accepted": summary.accepted,
                "slots": slots,
                "tables": tables,
                "capacity": summary.capacity,
            }
        )
    if with_people and slots:
        counts = counts_by_registration(event)
        free = available_slot_counts(event, [p.pk for p in people])
        for person in people:
            accepted = counts.get(person.pk, Counts()).accepted
            if accepted > free[person.pk]:
                summary.warnings.append(
                    _(
                        "%(name)s has %(accepted)s accepted meetings but is available for "
                        "%(free)s slots: more meetings than slots."
                    )
                    % {"name": person.display_name, "accepted": accepted, "free": free[person.pk]}
                )
    return summary


# --------------------------------------------------------------------------- lists


def attendee_list(event: Event, day: date, *, q: str = "") -> list[Registration]:
    """The people taking part, with their organisation's profile and active offers/requests."""
    rows = (
        participants(event)
        .select_related("organisation__match_profile")
        .prefetch_related(
            Prefetch(
                "organisation__match_profile__listings",
                queryset=Listing.objects.active_on(day).order_by("kind", "title"),
                to_attr="active_listings",
            )
        )
    )
    if q:
        rows = rows.filter(
            Q(organisation__name__icontains=q)
            | Q(guest_organisation__icontains=q)
            | Q(contact__last_name__icontains=q)
            | Q(contact__first_name__icontains=q)
            | Q(guest_name__icontains=q)
        )
    people = list(rows)
    for person in people:
        profile = (
            getattr(person.organisation, "match_profile", None) if person.organisation else None
        )
        person.profile = profile
        person.listings = getattr(profile, "active_listings", []) if profile else []
    return people


def marketplace(event: Event, day: date, *, kind: str = "") -> list[Listing]:
    """The active offers and requests of the organisations taking part; each listing carries
    ``people``, the registrations of its organisation to ask for a meeting."""
    people = list(participants(event).filter(organisation__isnull=False))
    by_organisation: dict[int, list[Registration]] = {}
    for person in people:
        by_organisation.setdefault(person.organisation_id, []).append(person)
    listings = (
        Listing.objects.for_cluster(event.cluster)
        .active_on(day)
        .filter(profile__organisation_id__in=list(by_organisation))
        .select_related("profile__organisation")
        .order_by("kind", "profile__organisation__name", "title")
    )
    if kind:
        listings = listings.filter(kind=kind)
    found = list(listings)
    for listing in found:
        listing.people = by_organisation.get(listing.profile.organisation_id, [])
    return found


def request_of(event: Event, pk: int) -> MeetingRequest | None:
    """One request of the day, with both people and their organisations and clusters (what
    answering it and its e-mails read)."""
    return (
        MeetingRequest.objects.for_cluster(event.cluster)
        .select_related(
            "event__cluster",
            "requester__contact",
            "invitee__contact",
            "requester__organisation",
            "invitee__organisation",
            "requester__cluster",
            "invitee__cluster",
        )
        .filter(pk=pk, event=event)
        .first()
    )


def requests_of(event: Event, *, status: str = "", organisation_id: int | None = None):
    """The day's requests, newest first; a member representative's: their organisation's."""
    rows = MeetingRequest.objects.filter(event=event).select_related(
        "requester__contact",
        "requester__organisation",
        "invitee__contact",
        "invitee__organisation",
        "listing",
    )
    if organisation_id is not None:
        rows = rows.filter(
            Q(requester__organisation_id=organisation_id)
            | Q(invitee__organisation_id=organisation_id)
        )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-pk")


def status_counts(event: Event, *, organisation_id: int | None = None) -> Counter:
    rows = MeetingRequest.objects.filter(event=event)
    if organisation_id is not None:
        rows = rows.filter(
            Q(requester__organisation_id=organisation_id)
            | Q(invitee__organisation_id=organisation_id)
        )
    return Counter(
        dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    )


def participant_rows(event: Event) -> list[dict]:
    """Per person: accepted, waiting, quota, and whether they are over it."""
    counts = counts_by_registration(event)
    rows = []
    for person in participants(event):
        mine = counts.get(person.pk, Counts())
        quota = quota_of(person, event)
        rows.append(
            {"person": person, "counts": mine, "quota": quota, "full": mine.accepted >= quota}
        )
    return rows


def requests_with(registration: Registration) -> dict[int, MeetingRequest]:
    """The other person's id → the request between them and ``registration`` (latest open
    first), to show “asked”, “accepted” beside each attendee."""
    found: dict[int, MeetingRequest] = {}
    rows = MeetingRequest.objects.filter(
        Q(requester=registration) | Q(invitee=registration)
    ).order_by("created_at")
    for row in rows:
        other = row.invitee_id if row.requester_id == registration.pk else row.requester_id
        if other not in found or row.status in OPEN:
            found[other] = row
    return found
