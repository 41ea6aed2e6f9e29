"""The organiser's changes to the schedule by hand: lock or unlock a meeting, move one to a
free slot and table, place an accepted meeting that has no slot. A meeting moved or placed by
hand is locked, so that the next run of the scheduler leaves it there."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, Problems
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction

from ..models import (
    Event,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    Registration,
    RequestStatus,
    TimeSlot,
)


def _time(slot: TimeSlot) -> str:
    return f"{timezone.localtime(slot.starts_at):%H:%M}"


def placement_problems(
    *,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable,
    moving: MeetingPlacement | None = None,
) -> Problems:
    """What stops the meeting from taking place in this slot at this table."""
    event_id = request.event_id
    if slot.event_id != event_id:
        return [("slot", _("Choose a time slot of this event."))]
    if table.event_id != event_id:
        return [("table", _("Choose a table of this event."))]
    if request.status != RequestStatus.ACCEPTED:
        return [("request", _("Only an accepted meeting request can be placed."))]
    others = MeetingPlacement.objects.filter(slot=slot).select_related(
        "table", "request__requester__contact", "request__invitee__contact"
    )
    if moving is not None:
        others = others.exclude(pk=moving.pk)
    problems: Problems = []
    people = [request.requester, request.invitee]
    for other in others:
        if other.table_id == table.pk:
            problems.append(
                (
                    "table",
                    _("Table %(table)s is already taken at %(time)s.")
                    % {"table": table.label, "time": _time(slot)},
                )
            )
        for person in people:
            if person.pk in (other.request.requester_id, other.request.invitee_id):
                problems.append(
                    (
                        "slot",
                        _("%(name)s already has a meeting at %(time)s.")
                        % {"name": person.display_name, "time": _time(slot)},
                    )
                )
    for person in people:
        if not _available(person, slot):
            problems.append(
                (
                    "slot",
                    _("%(name)s is not available at %(time)s.")
                    % {"name": person.display_name, "time": _time(slot)},
                )
            )
    return problems


def _refuse(problems: Problems) -> None:
    """Every reason at once, so the organiser sees the whole picture in one go."""
    if problems:
        message = " ".join(dict.fromkeys(message for _field, message in problems))
        raise DomainError(message, field=problems[0][0])


def _available(person: Registration, slot: TimeSlot) -> bool:
    windows = list(person.availability.all())
    return not windows or any(
        w.starts_at <= slot.starts_at and slot.ends_at <= w.ends_at for w in windows
    )


def _request_with_people(request_id: int) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_related("requester__contact", "invitee__contact")
        .prefetch_related("requester__availability", "invitee__availability")
        .get(pk=request_id)
    )


def _lock_event(event_id: int) -> None:
    """Hand changes of one day are checked and written one at a time: the event's row is the
    lock (on SQLite the transaction itself is, being IMMEDIATE)."""
    Event.objects.select_for_update().filter(pk=event_id).first()


def _event_of(placement: MeetingPlacement) -> int | None:
    return (
        MeetingRequest.objects.filter(pk=placement.request_id)
        .values_list("event_id", flat=True)
        .first()
    )


@transaction.atomic
def placement_move(
    *,
    placement: MeetingPlacement,
    slot: TimeSlot,
    table: MeetingTable,
    actor: Any,
    source: str = "web",
) -> MeetingPlacement:
    """Move a meeting to a free table in a slot where both people are free; it is locked."""
    _lock_event(_event_of(placement))
    if not MeetingPlacement.objects.filter(pk=placement.pk).exists():
        raise DomainError(_("This meeting is no longer in the schedule."))
    request = _request_with_people(placement.request_id)
    _refuse(placement_problems(request=request, slot=slot, table=table, moving=placement))
    before = [placement.slot_id, placement.table_id, placement.locked]
    placement.slot, placement.table, placement.locked = slot, table, True
    placement.save(update_fields=["slot", "table", "locked", "updated_at"])
    audit_record(
        cluster=placement.cluster,
        actor=actor,
        action=AuditAction.CHANGED,
        instance=placement,
        changes={"slot, table, locked": [before, [slot.pk, table.pk, True]]},
        source=source,
    )
    return placement


@transaction.atomic
def placement_create(
    *,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable,
    actor: Any,
    source: str = "web",
) -> MeetingPlacement:
    """Place by hand an accepted meeting that has no slot; it is locked."""
    _lock_event(request.event_id)
    if MeetingPlacement.objects.filter(request=request).exists():
        raise DomainError(_("This meeting already has a slot; move it instead."))
    full = _request_with_people(request.pk)
    _refuse(placement_problems(request=full, slot=slot, table=table))
    placement = MeetingPlacement.objects.create(
        cluster=request.cluster, request=request, slot=slot, table=table, locked=True
    )
    audit_record(
        cluster=request.cluster,
        actor=actor,
        action=AuditAction.CREATED,
        instance=placement,
        source=source,
    )
    return placement


def placement_lock(
    *, placement: MeetingPlacement, locked: bool, actor: Any, source: str = "web"
) -> MeetingPlacement:
    """Lock a meeting where it is (the scheduler leaves it there) or free it again."""
    if placement.locked == locked:
        return placement
    placement.locked = locked
    with transaction.atomic():
        _lock_event(_event_of(placement))  # not in the middle of a scheduler run's writing
        if not MeetingPlacement.objects.filter(pk=placement.pk).exists():
            raise DomainError(_("This meeting is no longer in the schedule."))
        placement.save(update_fields=["locked", "updated_at"])
        audit_record(
            cluster=placement.cluster,
            actor=actor,
            action=AuditAction.CHANGED,
            instance=placement,
            changes={"locked": [not locked, locked]},
            source=source,
        )
    return placement
