"""Check-in on the day, and what it means for the engagement ledger: each organisation with
someone checked in is involved in the event's activity — actively when one of its people came
in a role the event counts as active, else passively — for the event's days of involvement.
The involvements are always worked out again from the check-ins, so undoing the last check-in
of an organisation removes its involvement and a change of the event's roles or days reaches
every organisation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import InvolvementRole
from clusterdesk.engagement.services.activities import InvolvementInput, involvement_set
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction

from ..models import Event, EventStatus, Registration, RegistrationRole, RegistrationStatus
from .events import event_activity
from .registrations import Guest, registration_create


def wanted_involvements(event: Event) -> list[InvolvementInput]:
    """One involvement per organisation with someone checked in (two queries)."""
    roles_by_organisation: dict[int, set[str]] = {}
    rows = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.CONFIRMED,
        checked_in_at__isnull=False,
        organisation__isnull=False,
    ).values_list("organisation_id", "role")
    for organisation_id, role in rows:
        roles_by_organisation.setdefault(organisation_id, set()).add(role)
    organisations = Organisation.objects.in_bulk(list(roles_by_organisation))
    active = set(event.active_roles or ())
    return [
        InvolvementInput(
            organisation=organisations[organisation_id],
            role=InvolvementRole.ACTIVE if roles & active else InvolvementRole.PASSIVE,
            days=event.involvement_days,
        )
        for organisation_id, roles in sorted(roles_by_organisation.items())
    ]


def involvements_sync(*, event: Event, actor: Any, source: str = "web") -> None:
    """Make the event's activity hold exactly the involvements its check-ins give."""
    activity = event_activity(event=event, actor=actor, source=source)
    involvement_set(
        activity=activity, actor=actor, involvements=wanted_involvements(event), source=source
    )


def _audit(registration: Registration, actor: Any, before: Any, source: str) -> None:
    audit_record(
        cluster=registration.cluster,
        actor=actor,
        action=AuditAction.CHANGED,
        instance=registration,
        changes={
            "checked_in_at": [
                before.isoformat() if before else None,
                registration.checked_in_at.isoformat() if registration.checked_in_at else None,
            ]
        },
        source=source,
    )


def registration_check_in(
    *, registration: Registration, actor: Any, source: str = "web", now: datetime | None = None
) -> Registration:
    """Mark a confirmed person as present; their organisation's involvement follows."""
    if registration.event.status == EventStatus.CANCELLED:
        raise DomainError(_("This event was cancelled: nobody can be checked in."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(
            _("%(name)s is not confirmed (waiting list or cancelled): confirm them first.")
            % {"name": registration.display_name}
        )
    if registration.checked_in_at is not None:
        return registration
    with transaction.atomic():
        registration.checked_in_at = now or timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
        _audit(registration, actor, None, source)
        if registration.organisation_id:
            involvements_sync(event=registration.event, actor=actor, source=source)
    return registration


def registration_check_in_undo(
    *, registration: Registration, actor: Any, source: str = "web"
) -> Registration:
    """Take a check-in back (a click on the wrong name)."""
    if registration.checked_in_at is None:
        return registration
    with transaction.atomic():
        before = registration.checked_in_at
        registration.checked_in_at = None
        registration.save(update_fields=["checked_in_at", "updated_at"])
        _audit(registration, actor, before, source)
        if registration.organisation_id:
            involvements_sync(event=registration.event, actor=actor, source=source)
    return registration


def walk_in_add(
    *,
    event: Event,
    actor: Any,
    contact: Contact | None = None,
    guest: Guest | None = None,
    role: str = RegistrationRole.ATTENDEE,
    source: str = "web",
) -> Registration:
    """Someone who came without registering: registered and checked in at once (a contact
    already registered is simply checked in)."""
    with transaction.atomic():
        existing = None
        if contact is not None:
            existing = (
                Registration.objects.filter(event=event, contact=contact)
                .exclude(status=RegistrationStatus.CANCELLED)
                .select_related("event", "cluster")
                .first()
            )
        if existing is not None and existing.status == RegistrationStatus.WAITING:
            existing.status = RegistrationStatus.CONFIRMED
            existing.save(update_fields=["status", "updated_at"])
        registration = existing or registration_create(
            event=event,
            actor=actor,
            contact=contact,
            guest=guest,
            role=role,
            by_team=True,
            walk_in=True,
            source=source,
        )
        return registration_check_in(registration=registration, actor=actor, source=source)
