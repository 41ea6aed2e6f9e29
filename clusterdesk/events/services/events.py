"""Creating, changing, publishing, cancelling and deleting events. Each event extends an
activity of the engagement ledger, written through the ledger's own services so that its
rules (dates, days, the involvements' copy of the start) hold here too."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement import rules
from clusterdesk.engagement.models import Activity
from clusterdesk.engagement.services.activities import (
    activity_create,
    activity_delete,
    activity_update,
)
from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.tenancy.audit import audit_record, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, Cluster

from ..models import Event, EventKind, EventStatus, Registration, RegistrationRole, Session
from ..models.events import ACTIVITY_KIND, DEFAULT_ACTIVE_ROLES, Visibility

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "language",
    "translations",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
    "registration_deadline",
    "visibility",
    "is_international",
    "active_roles",
    "involvement_days",
    "has_meetings",
    "meeting_quota",
)
ACTIVITY_SOURCE = "events"
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# Up to this long an event is half a day of involvement.
HALF_DAY_HOURS = 4.5


def cluster_language(cluster: Cluster) -> str:
    """The cluster's first local language the interface speaks, else English."""
    for code in cluster.local_languages or ():
        code = str(code).split("-")[0].lower()
        if code in LANGUAGE_CODES:
            return code
    return "en"


def event_span_days(starts_at: datetime, ends_at: datetime) -> int:
    """Calendar days the event touches, in the cluster's time zone."""
    return (timezone.localdate(ends_at) - timezone.localdate(starts_at)).days + 1


def default_involvement_days(starts_at: datetime | None, ends_at: datetime | None) -> Decimal:
    """Half a day for a short event, else one day per calendar day it spans."""
    if not starts_at or not ends_at or ends_at <= starts_at:
        return Decimal("1")
    if (ends_at - starts_at).total_seconds() <= HALF_DAY_HOURS * 3600:
        return Decimal("0.5")
    return Decimal(event_span_days(starts_at, ends_at))


def event_problems(*, cluster: Cluster, **values: Any) -> Problems:
    """What is wrong with an event's fields, as (field, message) in plain words."""
    problems: Problems = []
    if values.get("kind") not in EventKind.values:
        problems.append(("kind", _("Choose what kind of event it is.")))
    if not (values.get("title") or "").strip():
        problems.append(("title", _("Give the event a title.")))
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at is None:
        problems.append(("starts_at", _("Give the day and time the event starts.")))
    if ends_at is None:
        problems.append(("ends_at", _("Give the day and time the event ends.")))
    if starts_at and ends_at and ends_at <= starts_at:
        problems.append(("ends_at", _("The event ends before it starts: check the times.")))
    if not (values.get("place") or "").strip() and not (values.get("online_url") or "").strip():
        problems.append(("place", _("Give a place, an online link, or both.")))
    capacity = values.get("capacity")
    if capacity is not None and capacity < 1:
        problems.append(
            ("capacity", _("The capacity must be at least 1; leave it empty for no limit."))
        )
    deadline = values.get("registration_deadline")
    if deadline and ends_at and deadline >= ends_at:
        problems.append(
            ("registration_deadline", _("The registration deadline must be before the end."))
        )
    if values.get("visibility", Visibility.MEMBERS) not in Visibility.values:
        problems.append(("visibility", _("Say who may register.")))
    roles = values.get("active_roles") or []
    if any(role not in RegistrationRole.values for role in roles):
        problems.append(("active_roles", _("Choose roles from the list.")))
    problems += _days_problems(values.get("involvement_days"), starts_at, ends_at)
    if values.get("has_meetings") and not (values.get("meeting_quota") or 0) >= 1:
        problems.append(("meeting_quota", _("Allow at least one meeting per participant.")))
    for language, text in (values.get("translations") or {}).items():
        if language not in LANGUAGE_CODES or not isinstance(text, dict):
            problems.append(("translations", _("Translations are given per interface language.")))
            break
    return problems


def _days_problems(days: Any, starts_at: datetime | None, ends_at: datetime | None) -> Problems:
    if days is None or days == "":
        return [("involvement_days", _("Give the days of involvement per attendance."))]
    try:
        value = Decimal(str(days))
    except (InvalidOperation, ValueError):
        return [("involvement_days", _("Give the days as a number, e.g. 0.5, 1 or 2.5."))]
    if value < Decimal("0.5"):
        return [("involvement_days", _("Count at least half a day per attendance."))]
    span = (None, None)
    if starts_at and ends_at and ends_at > starts_at:
        span = (timezone.localdate(starts_at), timezone.localdate(ends_at))
    return rules.days_problems(value, field="involvement_days", starts_on=span[0], ends_on=span[1])


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    for name in ("title", "description", "place", "online_url"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    translations = {}
    for language, text in (values.get("translations") or {}).items():
        if isinstance(text, dict):
            title = (text.get("title") or "").strip()
            description = (text.get("description") or "").strip()
            if title or description:
                translations[language] = {"title": title, "description": description}
        else:
            translations[language] = text  # refused by event_problems
    values["translations"] = translations
    values["active_roles"] = sorted(set(values.get("active_roles") or []))
    if values.get("involvement_days") in (None, ""):
        values["involvement_days"] = default_involvement_days(
            values.get("starts_at"), values.get("ends_at")
        )
    return values


def _activity_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": ACTIVITY_KIND[EventKind(values["kind"])],
        "title": values["title"],
        "starts_on": timezone.localdate(values["starts_at"]),
        "ends_on": timezone.localdate(values["ends_at"]),
        "place": values["place"] or values["online_url"][:255],
        "is_international": bool(values.get("is_international")),
        "description": values.get("description") or "",
    }


def _activity_for(event: Event, actor: Any, source: str) -> Activity:
    values = {name: getattr(event, name) for name in EVENT_FIELDS}
    activity = activity_create(
        cluster=event.cluster, actor=actor, source=source, **_activity_values(values)
    )
    Activity.objects.filter(pk=activity.pk).update(source=ACTIVITY_SOURCE)
    activity.source = ACTIVITY_SOURCE
    return activity


def event_activity(*, event: Event, actor: Any, source: str = "web") -> Activity:
    """The event's activity in the ledger, made now if the event has none."""
    if event.activity_id is None:
        with transaction.atomic():
            event.activity = _activity_for(event, actor, source)
            event.save(update_fields=["activity", "updated_at"])
    return event.activity


def event_create(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> Event:
    """A new event (a draft unless ``data`` says otherwise) with its activity in the ledger."""
    values = {name: data[name] for name in EVENT_FIELDS if name in data}
    values.setdefault("language", cluster_language(cluster))
    values.setdefault("active_roles", list(DEFAULT_ACTIVE_ROLES))
    values.setdefault("online_url", "")
    values.setdefault("place", "")
    values = _clean(values)
    raise_first(event_problems(cluster=cluster, **values))
    status = data.get("status", EventStatus.DRAFT)
    with transaction.atomic():
        event = Event(cluster=cluster, status=status, created_by=_user(actor), **values)
        event.activity = _activity_for(event, actor, source)
        event.save()
        audit_record(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=event,
            changes=diff({}, snapshot(event, (*EVENT_FIELDS, "status"))),
            source=source,
        )
    return event


def event_update(*, event: Event, actor: Any, data: dict[str, Any], source: str = "web") -> Event:
    """Change an event; its activity follows, and its involvements are worked out again from
    the check-ins with the event's (new) active roles and days. Raising the capacity confirms
    as many waiting people as now fit."""
    from .attendance import wanted_involvements
    from .registrations import waiting_promote

    before = snapshot(event, EVENT_FIELDS)
    values = {name: getattr(event, name) for name in EVENT_FIELDS}
    values.update({name: data[name] for name in EVENT_FIELDS if name in data})
    values = _clean(values)
    raise_first(event_problems(cluster=event.cluster, **values))
    raise_first(_sessions_problems(event, values["starts_at"], values["ends_at"]))
    with transaction.atomic():
        for name, value in values.items():
            setattr(event, name, value)
        if event.activity_id is None:
            event.activity = _activity_for(event, actor, source)
        else:
            activity_update(
                activity=event.activity,
                actor=actor,
                data=_activity_values(values),
                involvements=wanted_involvements(event),
                source=source,
            )
        changes = diff(before, snapshot(event, EVENT_FIELDS))
        if changes:
            event.save()
            audit_record(
                cluster=event.cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=event,
                changes=changes,
                source=source,
            )
        if "capacity" in changes:
            waiting_promote(event=event, actor=actor, source=source)
    return event


def _sessions_problems(event: Event, starts_at: datetime, ends_at: datetime) -> Problems:
    """A B2B day's sessions (their slots, the meetings placed in them) stay where they are:
    new dates that leave a session outside the event are refused, the organiser moves the
    sessions first."""
    if event.pk is None or (starts_at, ends_at) == (event.starts_at, event.ends_at):
        return []
    outside = list(
        Session.objects.filter(event=event)
        .exclude(starts_at__gte=starts_at, ends_at__lte=ends_at)
        .order_by("starts_at", "pk")
        .values_list("name", flat=True)
    )
    if not outside:
        return []
    return [
        (
            "starts_at",
            _(
                "The B2B sessions %(sessions)s would fall outside the new dates: change or "
                "delete those sessions first, then the event's dates."
            )
            % {"sessions": ", ".join(f"“{name}”" for name in outside)},
        )
    ]


def _set_status(event: Event, status: str, actor: Any, source: str) -> Event:
    before = event.status
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    audit_record(
        cluster=event.cluster,
        actor=actor,
        action=AuditAction.CHANGED,
        instance=event,
        changes={"status": [before, status]},
        source=source,
    )
    return event


def event_publish(*, event: Event, actor: Any, source: str = "web") -> Event:
    """Open a draft for registration: members see it, and the public too if it is public."""
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("A cancelled event cannot be published again."))
    if event.status == EventStatus.PUBLISHED:
        raise DomainError(_("The event is already published."))
    return _set_status(event, EventStatus.PUBLISHED, actor, source)


def event_cancel(*, event: Event, actor: Any, source: str = "web") -> Event:
    """Call an event off: registration closes and calendars show it as cancelled. Its activity
    leaves the ledger unless someone was already checked in."""
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event is already cancelled."))
    with transaction.atomic():
        _set_status(event, EventStatus.CANCELLED, actor, source)
        activity = event.activity
        if activity is not None and not activity.involvements.exists():
            event.activity = None
            event.save(update_fields=["activity", "updated_at"])
            activity_delete(activity=activity, actor=actor, source=source)
    return event


def event_delete(*, event: Event, actor: Any, source: str = "web") -> None:
    """Delete an event nobody attended, with its registrations and its activity."""
    if Registration.objects.filter(event=event, checked_in_at__isnull=False).exists():
        raise DomainError(
            _(
                "People were checked in at this event: their attendance is part of the "
                "engagement ledger. Cancel the event instead of deleting it."
            )
        )
    with transaction.atomic():
        activity = event.activity
        audit_record(
            cluster=event.cluster,
            actor=actor,
            action=AuditAction.DELETED,
            instance=event,
            changes={"registrations": [event.registrations.count(), 0]},
            source=source,
        )
        event.delete()
        if activity is not None:
            activity_delete(activity=activity, actor=actor, source=source)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
