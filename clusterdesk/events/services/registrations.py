"""Who comes: registrations by the management team, by a member representative for their
organisation's contacts, and by guests on the public page; the waiting list beyond the
capacity, promotion when a place frees up, and cancellation. Every registration and promotion
e-mails the person (in the background, once saved)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.audit import audit_entry, audit_record
from clusterdesk.tenancy.models import AuditAction, AuditEntry

from ..models import (
    Event,
    EventStatus,
    MeetingPlacement,
    MeetingRequest,
    Registration,
    RegistrationRole,
    RegistrationStatus,
    RequestStatus,
)
from .events import LANGUAGE_CODES, cluster_language


@dataclass(frozen=True)
class Guest:
    """Someone registering without an account, as they typed themselves."""

    name: str
    email: str
    organisation: str = ""
    language: str = ""


def registration_closed_reason(event: Event, *, now: datetime | None = None) -> str:
    """Why nobody may register any more, in plain words; "" while registration is open."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event was cancelled: registration is closed.")
    if event.status == EventStatus.DRAFT:
        return _("This event is not published yet.")
    if event.ends_at <= now:
        return _("This event is over: registration is closed.")
    if event.registration_deadline and event.registration_deadline <= now:
        deadline = formats.date_format(
            timezone.localtime(event.registration_deadline), "DATETIME_FORMAT"
        )
        return _("Registration closed on %(date)s.") % {"date": deadline}
    return ""


def _team_closed_reason(event: Event, now: datetime, walk_in: bool) -> str:
    """The management team may add people after the deadline and to a draft; never to a
    cancelled event, and to a finished one only as walk-ins (recording who came)."""
    if event.status == EventStatus.CANCELLED:
        return _("This event was cancelled: registration is closed.")
    if event.ends_at <= now and not walk_in:
        return _("This event is over: registration is closed.")
    return ""


def registration_language(event: Event, contact: Contact | None, chosen: str = "") -> str:
    for code in (chosen, contact.language if contact else ""):
        code = (code or "").split("-")[0].lower()
        if code in LANGUAGE_CODES:
            return code
    return cluster_language(event.cluster)


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends: two people registering at once
    cannot both take the last place."""
    return Event.objects.select_for_update().get(pk=event.pk)


def confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def _has_room(event: Event) -> bool:
    return event.capacity is None or confirmed_count(event) < event.capacity


def send_registration_mail(registration: Registration) -> None:
    from ..tasks import registration_mail_task

    registration_id = registration.pk
    transaction.on_commit(lambda: registration_mail_task.enqueue(registration_id=registration_id))


def registration_create(
    *,
    event: Event,
    actor: Any,
    contact: Contact | None = None,
    guest: Guest | None = None,
    role: str = RegistrationRole.ATTENDEE,
    wants_meetings: bool = False,
    note: str = "",
    by_team: bool = False,
    representing: Organisation | None = None,
    walk_in: bool = False,
    notify: bool = True,
    source: str = "web",
    now: datetime | None = None,
) -> Registration:
    """Register a contact of the cluster's participants, or a guest. Beyond the capacity the
    person goes on the waiting list; a walk-in is confirmed and checked in at once, whatever
    the capacity.

    ``by_team``: the management team (also after the deadline and for drafts, with any role;
    a guest whose e-mail is a contact's is linked to that contact). Anybody else registers
    attendees only, and a guest on the public page always stays a guest;
    ``representing``: a member representative, for their own organisation's contacts only
    (no guests);
    ``notify``: e-mail the person (the demo does not)."""
    now = now or timezone.now()
    reason = (
        _team_closed_reason(event, now, walk_in)
        if by_team
        else registration_closed_reason(event, now=now)
    )
    if reason:
        raise DomainError(reason)
    if role not in RegistrationRole.values:
        raise DomainError(_("Choose the person's role from the list."), field="role")
    if not by_team:
        # Only the management team gives an active role (speaker, exhibitor…).
        role = RegistrationRole.ATTENDEE
    if contact is None and guest is None:
        raise DomainError(_("Choose the person to register."), field="contact")
    if representing is not None and not by_team and contact is None:
        raise DomainError(
            _(
                "A member representative registers the contacts of their organisation; "
                "ask the management team to register guests."
            ),
            field="contact",
        )
    if guest is not None:
        name, email = guest.name.strip(), guest.email.strip()
        if not name:
            raise DomainError(_("Give your name."), field="name")
        if not email and not by_team:
            raise DomainError(
                _("Give your e-mail address: we send the confirmation there."), field="email"
            )
        if contact is None and email and by_team:
            # Only the management team links a guest to the contact with the same e-mail:
            # anyone may type an address, and a link would show them that contact's data.
            contact = (
                Contact.objects.for_cluster(event.cluster)
                .filter(email__iexact=email)
                .select_related("organisation")
                .order_by("pk")
                .first()
            )
    if contact is not None:
        if contact.cluster_id != event.cluster_id:
            raise DomainError(_("Choose a contact of this cluster."), field="contact")
        if representing is not None and contact.organisation_id != representing.pk:
            raise DomainError(_("Choose a contact of your organisation."), field="contact")
    with transaction.atomic():
        event = _locked(event)
        existing = _existing(event, contact, guest)
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            if guest is not None and not by_team:
                # Someone without an account: never name who holds the address.
                raise DomainError(
                    _("This e-mail address is already registered for this event."),
                    field="email",
                )
            raise DomainError(
                _("%(name)s is already registered for this event.")
                % {"name": existing.display_name},
                field="contact" if contact else "email",
            )
        registration = existing or Registration(cluster=event.cluster, event=event)
        registration.contact = contact
        registration.organisation = contact.organisation if contact else None
        if guest is not None:
            registration.guest_name = guest.name.strip()
            registration.guest_email = guest.email.strip()
            registration.guest_organisation = guest.organisation.strip()
        registration.language = registration_language(
            event, contact, guest.language if guest else ""
        )
        registration.role = role
        registration.wants_meetings = bool(wants_meetings and event.has_meetings)
        registration.note = (note or "").strip()[:300]
        registration.registered_at = now
        registration.checked_in_at = None
        registration.created_by = actor if getattr(actor, "is_authenticated", False) else None
        registration.status = (
            RegistrationStatus.CONFIRMED
            if walk_in or _has_room(event)
            else RegistrationStatus.WAITING
        )
        registration.save()
        audit_record(
            cluster=event.cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=registration,
            changes={
                "event": [None, event.title],
                "status": [None, registration.status],
                "role": [None, registration.role],
            },
            source=source,
        )
        if notify and not walk_in:
            send_registration_mail(registration)
    return registration


def _existing(event: Event, contact: Contact | None, guest: Guest | None) -> Registration | None:
    rows = Registration.objects.filter(event=event)
    if contact is not None:
        return rows.filter(contact=contact).first()
    if guest is not None and guest.email.strip():
        return (
            rows.filter(contact__isnull=True, guest_email__iexact=guest.email.strip())
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    return None


def registrations_add(
    *,
    event: Event,
    actor: Any,
    contacts: Iterable[Contact],
    role: str = RegistrationRole.ATTENDEE,
    wants_meetings: bool = False,
    by_team: bool = True,
    representing: Organisation | None = None,
    source: str = "web",
) -> tuple[list[Registration], list[str]]:
    """Register several contacts at once; those already registered are left out and named.
    Returns the new registrations and the names left out."""
    made: list[Registration] = []
    already: list[str] = []
    chosen = list(contacts)
    if not chosen:
        raise DomainError(_("Choose at least one person to register."), field="contacts")
    with transaction.atomic():
        for contact in chosen:
            if (
                Registration.objects.filter(event=event, contact=contact)
                .exclude(status=RegistrationStatus.CANCELLED)
                .exists()
            ):
                already.append(contact.full_name)
                continue
            made.append(
                registration_create(
                    event=event,
                    actor=actor,
                    contact=contact,
                    role=role,
                    wants_meetings=wants_meetings,
                    by_team=by_team,
                    representing=representing,
                    source=source,
                )
            )
    return made, already


def registration_cancel(
    *, registration: Registration, actor: Any, source: str = "web"
) -> Registration:
    """Cancel a registration; a confirmed place that frees up goes to the first person
    waiting. The person's meeting requests, waiting or accepted, are withdrawn and their
    meetings leave the schedule, even those the organiser fixed there: someone who no longer
    comes cannot meet."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This registration is already cancelled."))
    if registration.checked_in_at is not None:
        raise DomainError(
            _("%(name)s has been checked in: undo the check-in first.")
            % {"name": registration.display_name}
        )
    with transaction.atomic():
        event = _locked(registration.event)
        before = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        audit_record(
            cluster=registration.cluster,
            actor=actor,
            action=AuditAction.CHANGED,
            instance=registration,
            changes={"status": [before, RegistrationStatus.CANCELLED]},
            source=source,
        )
        _meetings_withdraw(registration, actor=actor, source=source)
        if before == RegistrationStatus.CONFIRMED:
            waiting_promote(event=event, actor=actor, source=source)
    return registration


def _meetings_withdraw(registration: Registration, *, actor: Any, source: str) -> None:
    """Withdraw the open meeting requests to and from a cancelled registration, and take their
    meetings out of the schedule (locked ones too, said so in the audit log)."""
    meetings = list(
        MeetingRequest.objects.filter(
            Q(requester=registration) | Q(invitee=registration),
            event_id=registration.event_id,
            status__in=(RequestStatus.PENDING, RequestStatus.ACCEPTED),
        ).select_related("requester__contact", "invitee__contact")
    )
    if not meetings:
        return
    cluster = registration.cluster
    now = timezone.now()
    answer = (
        _("Withdrawn: the registration of %(name)s was cancelled.")
        % {"name": registration.display_name}
    )[:300]
    entries = []
    placements = list(
        MeetingPlacement.objects.filter(request__in=meetings).select_related(
            "request__requester__contact", "request__invitee__contact", "slot", "table"
        )
    )
    for placement in placements:
        entries.append(
            audit_entry(
                cluster=cluster,
                actor=actor,
                action=AuditAction.DELETED,
                instance=placement,
                changes={
                    "locked": [placement.locked, None],
                    "reason": [None, "registration cancelled"],
                },
                source=source,
            )
        )
    MeetingPlacement.objects.filter(pk__in=[placement.pk for placement in placements]).delete()
    for meeting in meetings:
        entries.append(
            audit_entry(
                cluster=cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=meeting,
                changes={
                    "status": [meeting.status, RequestStatus.CANCELLED],
                    "reason": [None, "registration cancelled"],
                },
                source=source,
            )
        )
        meeting.status, meeting.answer, meeting.answered_at = RequestStatus.CANCELLED, answer, now
        meeting.updated_at = now
    MeetingRequest.objects.bulk_update(meetings, ["status", "answer", "answered_at", "updated_at"])
    AuditEntry.objects.bulk_create(entries)


def waiting_promote(*, event: Event, actor: Any, source: str = "web") -> list[Registration]:
    """Confirm the people waiting, first come first served, as far as the capacity allows;
    each gets the confirmation e-mail."""
    if event.status == EventStatus.CANCELLED:
        return []
    with transaction.atomic():
        event = _locked(event)
        waiting = Registration.objects.filter(
            event=event, status=RegistrationStatus.WAITING
        ).order_by("registered_at", "pk")
        if event.capacity is not None:
            free = max(event.capacity - confirmed_count(event), 0)
            waiting = waiting[:free]
        promoted = list(waiting)
        for registration in promoted:
            registration.status = RegistrationStatus.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            audit_record(
                cluster=event.cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=registration,
                changes={"status": [RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED]},
                source=source,
            )
            send_registration_mail(registration)
    return promoted
