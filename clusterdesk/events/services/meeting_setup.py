"""Setting up a B2B meeting day: sessions cut into time slots, tables and quotas (each
person's availability: ``meeting_availability``, re-exported here). Every rule is written
here once, for the pages, the API and the demo."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.tenancy.audit import snapshot
from clusterdesk.tenancy.models import AuditAction

from ..models import (
    Event,
    MeetingPlacement,
    MeetingTable,
    Registration,
    Session,
    TimeSlot,
)
from .meeting_availability import availability_problems, availability_replace
from .meeting_common import audit, hhmm, require_meetings, span

__all__ = [
    "MAX_TABLES",
    "SESSION_FIELDS",
    "availability_problems",
    "availability_replace",
    "hhmm",
    "meeting_quota_set",
    "registration_quota_set",
    "session_create",
    "session_delete",
    "session_problems",
    "session_update",
    "slot_times",
    "span",
    "split_labels",
    "table_delete",
    "table_rename",
    "tables_add",
]

SESSION_FIELDS = ["name", "starts_at", "ends_at", "slot_minutes", "break_minutes"]
MAX_TABLES = 500


def slot_times(
    starts_at: datetime, ends_at: datetime, slot_minutes: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    """A slot every length + pause minutes from the start, the last one ending by the end."""
    length, step = timedelta(minutes=slot_minutes), timedelta(minutes=slot_minutes + break_minutes)
    times, start = [], starts_at
    while slot_minutes > 0 and start + length <= ends_at:
        times.append((start, start + length))
        start += step
    return times


# --------------------------------------------------------------------------- sessions


def session_problems(event: Event, data: Mapping[str, Any], *, session: Session | None) -> Problems:
    """What is wrong with a session's times: inside the event, long enough for one meeting,
    and overlapping no other session of the day."""
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if not (data.get("name") or "").strip():
        return [("name", _("Give the session a name, e.g. Morning."))]
    if starts_at is None or ends_at is None:
        return [("starts_at", _("Give the session's start and end."))]
    if ends_at <= starts_at:
        return [("ends_at", _("The session must end after it starts."))]
    if starts_at < event.starts_at or ends_at > event.ends_at:
        return [
            (
                "starts_at",
                _("The session (%(session)s) must lie inside the event (%(event)s).")
                % {
                    "session": span(starts_at, ends_at),
                    "event": span(event.starts_at, event.ends_at),
                },
            )
        ]
    slot_minutes, break_minutes = data.get("slot_minutes") or 0, data.get("break_minutes") or 0
    if not 5 <= slot_minutes <= 240:
        return [("slot_minutes", _("A meeting lasts between 5 and 240 minutes."))]
    if not 0 <= break_minutes <= 120:
        return [("break_minutes", _("A pause lasts between 0 and 120 minutes."))]
    if not slot_times(starts_at, ends_at, slot_minutes, break_minutes):
        return [
            (
                "ends_at",
                _("A %(minutes)s-minute meeting does not fit between %(start)s and %(end)s.")
                % {"minutes": slot_minutes, "start": hhmm(starts_at), "end": hhmm(ends_at)},
            )
        ]
    others = Session.objects.filter(event=event, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if session is not None and session.pk:
        others = others.exclude(pk=session.pk)
    other = others.order_by("starts_at").first()
    if other is not None:
        return [
            (
                "starts_at",
                _(
                    "“%(name)s” (%(times)s) overlaps “%(other)s” (%(other_times)s): sessions "
                    "must not overlap."
                )
                % {
                    "name": data["name"].strip(),
                    "times": span(starts_at, ends_at),
                    "other": other.name,
                    "other_times": span(other.starts_at, other.ends_at),
                },
            )
        ]
    return []


def _placements_in(slots: Iterable[TimeSlot]) -> int:
    return MeetingPlacement.objects.filter(slot__in=list(slots)).count()


def _refuse_dropping(count: int) -> None:
    raise DomainError(
        _(
            "%(count)s placed meeting(s) sit in slots this change removes. Confirm that they "
            "leave the schedule, or keep the times."
        )
        % {"count": count},
        field="drop_placements",
        code="placements",
    )


def _write_slots(session: Session) -> None:
    """Make the session's slots match its times; slots whose times stay keep their meetings."""
    wanted = slot_times(
        session.starts_at, session.ends_at, session.slot_minutes, session.break_minutes
    )
    existing = {(slot.starts_at, slot.ends_at): slot for slot in session.slots.all()}
    TimeSlot.objects.filter(
        pk__in=[slot.pk for times, slot in existing.items() if times not in wanted]
    ).delete()
    TimeSlot.objects.bulk_create(
        TimeSlot(
            cluster_id=session.cluster_id,
            event_id=session.event_id,
            session=session,
            starts_at=start,
            ends_at=end,
        )
        for start, end in wanted
        if (start, end) not in existing
    )


def _session_data(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: data[name] for name in SESSION_FIELDS if name in data}
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
    return cleaned


def session_create(
    *, event: Event, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Session:
    """Add a session to the day and cut it into slots."""
    require_meetings(event)
    cleaned = {"slot_minutes": 20, "break_minutes": 5, **_session_data(data)}
    raise_first(session_problems(event, cleaned, session=None))
    with transaction.atomic():
        session = Session.objects.create(cluster_id=event.cluster_id, event=event, **cleaned)
        _write_slots(session)
        audit(
            event.cluster,
            actor,
            AuditAction.CREATED,
            session,
            source,
            snapshot(session, SESSION_FIELDS),
        )
    return session


def session_update(
    *,
    session: Session,
    actor: Any,
    data: Mapping[str, Any],
    drop_placements: bool = False,
    source: str = "web",
) -> Session:
    """Change a session; its slots are cut again. Placed meetings in slots that disappear are
    refused unless ``drop_placements`` (they then leave the schedule)."""
    event = session.event
    before = snapshot(session, SESSION_FIELDS)
    merged = {name: getattr(session, name) for name in SESSION_FIELDS} | _session_data(data)
    raise_first(session_problems(event, merged, session=session))
    wanted = set(
        slot_times(
            merged["starts_at"], merged["ends_at"], merged["slot_minutes"], merged["break_minutes"]
        )
    )
    leaving = [s for s in session.slots.all() if (s.starts_at, s.ends_at) not in wanted]
    placed = _placements_in(leaving)
    if placed and not drop_placements:
        _refuse_dropping(placed)
    with transaction.atomic():
        for name, value in merged.items():
            setattr(session, name, value)
        session.save()
        _write_slots(session)
        audit(
            event.cluster,
            actor,
            AuditAction.CHANGED,
            session,
            source,
            {
                k: [before[k], v]
                for k, v in snapshot(session, SESSION_FIELDS).items()
                if before[k] != v
            },
        )
    return session


def session_delete(
    *, session: Session, actor: Any, drop_placements: bool = False, source: str = "web"
) -> None:
    placed = _placements_in(session.slots.all())
    if placed and not drop_placements:
        _refuse_dropping(placed)
    with transaction.atomic():
        audit(session.event.cluster, actor, AuditAction.DELETED, session, source)
        session.delete()


# --------------------------------------------------------------------------- tables


def _label_problem(event: Event, label: str, *, table: MeetingTable | None = None) -> str:
    if not label:
        return _("Give the table a label, e.g. T1.")
    if len(label) > 40:
        return _("A table's label has 40 characters at most.")
    taken = MeetingTable.objects.filter(event=event, label__iexact=label)
    if table is not None:
        taken = taken.exclude(pk=table.pk)
    if taken.exists():
        return _("“%(label)s” is already a table's label: each table needs its own.") % {
            "label": label
        }
    return ""


def split_labels(text: str) -> list[str]:
    """Labels typed one a line or separated by commas."""
    return [part.strip() for part in re.split(r"[,\n;]", text or "") if part.strip()]


def tables_add(
    *,
    event: Event,
    actor: Any,
    count: int | None = None,
    labels: Iterable[str] = (),
    source: str = "web",
) -> list[MeetingTable]:
    """Add tables: the labels given, or ``count`` tables numbered on from the last T-number."""
    require_meetings(event)
    existing = list(MeetingTable.objects.filter(event=event).values_list("label", "position"))
    chosen = [label.strip() for label in labels if label.strip()]
    if not chosen:
        if not count or count < 1:
            raise DomainError(_("Say how many tables to add."), field="count")
        numbers = [
            int(m.group(1)) for label, _p in existing if (m := re.fullmatch(r"T(\d+)", label))
        ]
        first = max(numbers, default=0) + 1
        chosen = [f"T{number}" for number in range(first, first + count)]
    if len(existing) + len(chosen) > MAX_TABLES:
        raise DomainError(_("A meeting day has %(max)s tables at most.") % {"max": MAX_TABLES})
    lowered = [label.lower() for label in chosen]
    for index, label in enumerate(chosen):
        problem = _label_problem(event, label)
        if not problem and label.lower() in lowered[:index]:
            problem = _("“%(label)s” is given twice: each table needs its own label.") % {
                "label": label
            }
        if problem:
            raise DomainError(problem, field="labels")
    position = max((p for _l, p in existing), default=0)
    with transaction.atomic():
        tables = MeetingTable.objects.bulk_create(
            MeetingTable(
                cluster_id=event.cluster_id, event=event, label=label, position=position + i + 1
            )
            for i, label in enumerate(chosen)
        )
        audit(event.cluster, actor, AuditAction.CHANGED, event, source, {"tables": [None, chosen]})
    return tables


def table_rename(
    *, table: MeetingTable, actor: Any, label: str, source: str = "web"
) -> MeetingTable:
    label = (label or "").strip()
    problem = _label_problem(table.event, label, table=table)
    if problem:
        raise DomainError(problem, field="label")
    before = table.label
    table.label = label
    with transaction.atomic():
        table.save(update_fields=["label", "updated_at"])
        audit(
            table.event.cluster,
            actor,
            AuditAction.CHANGED,
            table,
            source,
            {"label": [before, label]},
        )
    return table


def table_delete(*, table: MeetingTable, actor: Any, source: str = "web") -> None:
    """Remove a table; meetings placed there (not locked) leave the schedule with it."""
    if table.placements.filter(locked=True).exists():
        raise DomainError(
            _("A meeting fixed by the organiser takes place at %(label)s: unlock or move it first.")
            % {"label": table.label}
        )
    with transaction.atomic():
        audit(table.event.cluster, actor, AuditAction.DELETED, table, source)
        table.delete()


# --------------------------------------------------------------------------- quotas


def _check_quota(value: int | None, field: str) -> None:
    if value is not None and not 1 <= value <= 100:
        raise DomainError(_("A quota is between 1 and 100 meetings."), field=field)


def meeting_quota_set(*, event: Event, actor: Any, quota: int, source: str = "web") -> Event:
    """The event's quota: how many meetings each participant may have at most."""
    require_meetings(event)
    _check_quota(quota, "meeting_quota")
    before = event.meeting_quota
    event.meeting_quota = quota
    with transaction.atomic():
        event.save(update_fields=["meeting_quota", "updated_at"])
        audit(
            event.cluster,
            actor,
            AuditAction.CHANGED,
            event,
            source,
            {"meeting_quota": [before, quota]},
        )
    return event


def registration_quota_set(
    *, registration: Registration, actor: Any, quota: int | None, source: str = "web"
) -> Registration:
    """One person's own quota; None gives them the event's."""
    _check_quota(quota, "meeting_quota")
    before = registration.meeting_quota
    registration.meeting_quota = quota
    with transaction.atomic():
        registration.save(update_fields=["meeting_quota", "updated_at"])
        audit(
            registration.event.cluster,
            actor,
            AuditAction.CHANGED,
            registration,
            source,
            {"meeting_quota": [before, quota]},
        )
    return registration
