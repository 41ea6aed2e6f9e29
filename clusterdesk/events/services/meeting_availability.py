"""Each person's availability on a B2B meeting day: the windows when they can meet, refused
outside the event or its sessions, and never silently leaving out a meeting already placed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdesk.lib.errors import DomainError, Problems, raise_first
from clusterdesk.tenancy.models import AuditAction

from ..models import (
    AvailabilityWindow,
    Event,
    MeetingPlacement,
    Registration,
    Session,
)
from .meeting_common import audit, hhmm, require_meetings, span


def availability_problems(
    event: Event, windows: list[tuple[datetime, datetime]], sessions: list[Session]
) -> Problems:
    """Each window inside the event, meeting at least one session, ending after it starts,
    and overlapping no other window of the same person."""
    problems: Problems = []
    ordered = sorted(windows)
    for starts_at, ends_at in ordered:
        times = span(starts_at, ends_at)
        if ends_at <= starts_at:
            problems.append(("windows", _("%(times)s ends before it starts.") % {"times": times}))
        elif starts_at < event.starts_at or ends_at > event.ends_at:
            problems.append(
                (
                    "windows",
                    _("%(times)s is outside the event (%(event)s).")
                    % {"times": times, "event": span(event.starts_at, event.ends_at)},
                )
            )
        elif sessions and not any(
            s.starts_at < ends_at and s.ends_at > starts_at for s in sessions
        ):
            problems.append(
                (
                    "windows",
                    _("%(times)s is outside every meeting session (%(sessions)s).")
                    % {
                        "times": times,
                        "sessions": ", ".join(span(s.starts_at, s.ends_at) for s in sessions),
                    },
                )
            )
    for (a_start, a_end), (b_start, b_end) in zip(ordered, ordered[1:], strict=False):
        if b_start < a_end:
            problems.append(
                (
                    "windows",
                    _("%(first)s and %(second)s overlap: give each time once.")
                    % {"first": span(a_start, a_end), "second": span(b_start, b_end)},
                )
            )
    return problems


def _meeting_words(placement: MeetingPlacement, registration: Registration) -> str:
    """“09:00 with Bruno Bianchi”: the meeting as the person whose availability changes
    sees it."""
    request = placement.request
    other = request.invitee if request.requester_id == registration.pk else request.requester
    return _("%(time)s with %(name)s") % {
        "time": hhmm(placement.slot.starts_at),
        "name": other.display_name,
    }


def _placements_left_out(
    registration: Registration, windows: list[tuple[datetime, datetime]]
) -> list[MeetingPlacement]:
    """The person's placed meetings in slots the new windows do not cover (none: all day)."""
    if not windows:
        return []
    placed = (
        MeetingPlacement.objects.filter(
            Q(request__requester=registration) | Q(request__invitee=registration)
        )
        .select_related("slot", "request__requester__contact", "request__invitee__contact")
        .order_by("slot__starts_at", "pk")
    )
    return [
        placement
        for placement in placed
        if not any(
            start <= placement.slot.starts_at and placement.slot.ends_at <= end
            for start, end in windows
        )
    ]


def _check_placements_left_out(
    registration: Registration, leaving: list[MeetingPlacement], *, drop_placements: bool
) -> None:
    """Meetings fixed by the organiser are never removed this way; the others only when the
    caller confirms (like a session's new times)."""
    fixed = [placement for placement in leaving if placement.locked]
    if fixed:
        raise DomainError(
            ngettext(
                "The organiser fixed the meeting at %(meetings)s: unlock or move it first.",
                "The organiser fixed the meetings at %(meetings)s: unlock or move them first.",
                len(fixed),
            )
            % {"meetings": ", ".join(_meeting_words(p, registration) for p in fixed)},
            field="windows",
        )
    if leaving and not drop_placements:
        raise DomainError(
            ngettext(
                "This availability leaves out a meeting already placed: %(meetings)s. Confirm "
                "that it leaves the schedule, or keep the times.",
                "This availability leaves out %(count)s meetings already placed: %(meetings)s. "
                "Confirm that they leave the schedule, or keep the times.",
                len(leaving),
            )
            % {
                "count": len(leaving),
                "meetings": ", ".join(_meeting_words(p, registration) for p in leaving),
            },
            field="drop_placements",
            code="placements",
        )


def availability_replace(
    *,
    registration: Registration,
    actor: Any,
    windows: Iterable[tuple[datetime, datetime]],
    drop_placements: bool = False,
    source: str = "web",
) -> list[AvailabilityWindow]:
    """Replace the person's windows; none means they can meet all day. Placed meetings the
    new windows leave out are refused unless ``drop_placements`` (they then leave the
    schedule and wait for the next run); a meeting the organiser locked is always refused."""
    event = registration.event
    require_meetings(event)
    chosen = [(start, end) for start, end in windows]
    raise_first(availability_problems(event, chosen, list(event.sessions.all())))
    before = [span(w.starts_at, w.ends_at) for w in registration.availability.all()]
    with transaction.atomic():
        # one change of the day at a time: no meeting is placed there while this is checked
        Event.objects.select_for_update().filter(pk=event.pk).first()
        leaving = _placements_left_out(registration, chosen)
        _check_placements_left_out(registration, leaving, drop_placements=drop_placements)
        MeetingPlacement.objects.filter(pk__in=[p.pk for p in leaving]).delete()
        registration.availability.all().delete()
        made = AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(
                cluster_id=registration.cluster_id,
                registration=registration,
                starts_at=start,
                ends_at=end,
            )
            for start, end in sorted(chosen)
        )
        audit(
            event.cluster,
            actor,
            AuditAction.CHANGED,
            registration,
            source,
            {"availability": [before, [span(s, e) for s, e in sorted(chosen)]]}
            | ({"placements_removed": [p.request_id for p in leaving]} if leaving else {}),
        )
    return made
