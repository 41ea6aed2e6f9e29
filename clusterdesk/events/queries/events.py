"""Reads for the event pages: the list with its counts, one event's registrations and waiting
list, the check-in list, the export, a contact's and a participant's events. Each is a fixed
number of queries, however many people registered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster

from ..models import Event, EventStatus, Registration, RegistrationStatus

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)
CHECKED_IN = CONFIRMED & Q(registrations__checked_in_at__isnull=False)


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with ``registered`` (confirmed), ``waiting`` and ``checked_in``."""
    return events.annotate(
        registered=Count("registrations", filter=CONFIRMED),
        waiting=Count("registrations", filter=WAITING),
        checked_in=Count("registrations", filter=CHECKED_IN),
    )


@dataclass(frozen=True)
class EventFilters:
    when: str = "upcoming"  # or "past"
    kind: str = ""
    published_only: bool = False


def event_search(cluster: Cluster, filters: EventFilters) -> QuerySet[Event]:
    now = timezone.now()
    events = Event.objects.for_cluster(cluster)
    if filters.published_only:
        events = events.filter(status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return with_counts(events)


def fill_share(event: Event) -> int | None:
    """How full the event is, in percent (for the capacity bar); None without a limit."""
    if not event.capacity:
        return None
    return min(100, round(100 * getattr(event, "registered", 0) / event.capacity))


def event_with_counts(cluster: Cluster, pk: int) -> QuerySet[Event]:
    return with_counts(
        Event.objects.for_cluster(cluster).select_related("cluster", "activity", "created_by")
    ).filter(pk=pk)


def registration_rows(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related("contact", "organisation")


def registrations_of_event(
    event: Event, *, organisation: Organisation | None = None, status: str = ""
) -> QuerySet[Registration]:
    """The event's registrations in registration order (the waiting list in the order people
    will be confirmed). ``organisation``: that organisation's only; ``status``: those only."""
    rows = registration_rows(event).order_by("registered_at", "pk")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if status:
        rows = rows.filter(status=status)
    return rows


def registration_status_counts(
    event: Event, *, organisation: Organisation | None = None
) -> dict[str, int]:
    """How many registrations of each status (one query); ``organisation``: its own only."""
    rows = Registration.objects.filter(event=event)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return rows.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in RegistrationStatus.values}
    )


def checkin_rows(event: Event, query: str = "") -> QuerySet[Registration]:
    """The confirmed people of an event, by name, for the door."""
    rows = registration_rows(event).filter(status=RegistrationStatus.CONFIRMED)
    for word in query.split():
        rows = rows.filter(
            Q(contact__first_name__icontains=word)
            | Q(contact__last_name__icontains=word)
            | Q(contact__email__icontains=word)
            | Q(guest_name__icontains=word)
            | Q(guest_email__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(guest_organisation__icontains=word)
        )
    return rows.order_by("contact__last_name", "contact__first_name", "guest_name", "pk")


def checkin_totals(rows: QuerySet[Registration]) -> dict[str, int]:
    """Of the check-in rows (a search's, or all): how many, and how many are guests without an
    organisation of the cluster (one query)."""
    return rows.order_by().aggregate(
        count=Count("pk"), guests_unlinked=Count("pk", filter=Q(organisation__isnull=True))
    )


def walk_in_candidates(event: Event, query: str, *, limit: int = 10) -> list[Contact]:
    """People of the registry matching ``query`` who are not confirmed for the event yet."""
    if not query.strip():
        return []
    contacts = Contact.objects.for_cluster(event.cluster).exclude(
        pk__in=Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, contact__isnull=False
        ).values("contact_id")
    )
    for word in query.split():
        contacts = contacts.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return list(
        contacts.select_related("organisation").order_by("last_name", "first_name", "pk")[:limit]
    )


def checkin_counts(event: Event) -> dict[str, int]:
    return Registration.objects.filter(event=event).aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        checked_in=Count(
            "pk",
            filter=Q(status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False),
        ),
    )


def registration_export_rows(event: Event) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Participant of the cluster"),
        _("Role"),
        _("Status"),
        _("Registered at"),
        _("Checked in at"),
        _("Language"),
        _("B2B meetings"),
        _("Note"),
    ]
    rows = []
    for row in registration_rows(event).order_by("registered_at", "pk"):
        rows.append(
            [
                row.display_name,
                row.email,
                row.organisation_name,
                _("yes") if row.organisation_id else _("no"),
                row.get_role_display(),
                row.get_status_display(),
                _stamp(row.registered_at),
                _stamp(row.checked_in_at),
                row.language,
                _("yes") if row.wants_meetings else _("no"),
                row.note,
            ]
        )
    return headers, rows


def _stamp(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def contact_registrations(cluster: Cluster, contact: Contact) -> QuerySet[Registration]:
    return (
        Registration.objects.for_cluster(cluster)
        .filter(contact=contact)
        .select_related("event")
        .order_by("-event__starts_at", "-pk")
    )


@dataclass
class ParticipantEvents:
    registrations: list[Registration]
    count: int
    attended: int


def participant_events(
    cluster: Cluster, organisation: Organisation, *, limit: int = 10
) -> ParticipantEvents:
    """The latest registrations of an organisation's contacts (not cancelled), and how many
    events it registered for and attended (two queries)."""
    rows = (
        Registration.objects.for_cluster(cluster)
        .filter(organisation=organisation)
        .exclude(status=RegistrationStatus.CANCELLED)
    )
    totals = rows.aggregate(
        count=Count("event", distinct=True),
        attended=Count("event", distinct=True, filter=Q(checked_in_at__isnull=False)),
    )
    latest = list(
        rows.select_related("event", "contact").order_by("-event__starts_at", "-pk")[:limit]
    )
    return ParticipantEvents(latest, totals["count"], totals["attended"])
