"""Running the B2B scheduler on an event: its rows turned into the engine's ``MeetingDay``, a
run queued and executed in the background, and the new schedule written in one transaction.

Only the placements that are not locked are replaced; the engine keeps locked meetings where
they are and, from the current placements given as ``previous``, moves as few meetings as it
can. A day with problems (``validate``) changes nothing: the problems are kept on the run."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction

from ..engine import (
    MeetingDay,
    Participant,
    Placement,
    Problem,
    Schedule,
    SchedulingInputError,
    Slot,
    SolverSettings,
    Table,
    schedule_first_free,
    schedule_meetings,
    validate,
)
from ..engine import (
    MeetingRequest as EngineRequest,
)
from ..models import (
    Event,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    Registration,
    RegistrationStatus,
    RequestStatus,
    RunStatus,
    SchedulerRun,
    TimeSlot,
)

logger = logging.getLogger(__name__)

ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
MAX_TIME_LIMIT = 600


def person_words(registration: Registration) -> str:
    """How the schedule names someone: "Anna Rossi (Lanificio Rossi)"."""
    organisation = registration.organisation_name
    name = registration.display_name
    return f"{name} ({organisation})" if organisation else name


def meeting_participants(event: Event) -> list[Registration]:
    """Confirmed registrations that take part in the meetings, with their availability."""
    return list(
        Registration.objects.for_cluster(event.cluster)
        .filter(event=event, status=RegistrationStatus.CONFIRMED, wants_meetings=True)
        .select_related("contact", "organisation")
        .prefetch_related("availability")
        .order_by("registered_at", "id")
    )


def accepted_requests(event: Event) -> list[MeetingRequest]:
    """Accepted requests between two people who take part in the meetings."""
    return list(
        MeetingRequest.objects.for_cluster(event.cluster)
        .filter(
            event=event,
            status=RequestStatus.ACCEPTED,
            requester__status=RegistrationStatus.CONFIRMED,
            requester__wants_meetings=True,
            invitee__status=RegistrationStatus.CONFIRMED,
            invitee__wants_meetings=True,
        )
        .order_by("created_at", "id")
    )


def available_slots(registration: Registration, slots: list[TimeSlot]) -> frozenset[int] | None:
    """The slots entirely inside one of the person's windows; None when they gave none."""
    windows = list(registration.availability.all())
    if not windows:
        return None
    return frozenset(
        slot.pk
        for slot in slots
        if any(w.starts_at <= slot.starts_at and slot.ends_at <= w.ends_at for w in windows)
    )


def meeting_day_for(event: Event) -> MeetingDay:
    """The event's rows as the engine's input, in five queries whatever the day's size."""
    slots = list(
        TimeSlot.objects.for_cluster(event.cluster)
        .filter(event=event)
        .select_related("session")
        .order_by("starts_at", "id")
    )
    tables = list(MeetingTable.objects.for_cluster(event.cluster).filter(event=event))
    people = meeting_participants(event)
    requests = accepted_requests(event)
    current = list(
        MeetingPlacement.objects.for_cluster(event.cluster)
        .filter(request__event=event)
        .only("request_id", "slot_id", "table_id", "locked")
    )
    accepted = {request.pk for request in requests}
    return MeetingDay(
        slots=tuple(
            Slot(slot.pk, slot.starts_at, slot.ends_at, f"{slot.session_id}:{slot.session.name}")
            for slot in slots
        ),
        tables=tuple(Table(table.pk, table.label) for table in tables),
        participants=tuple(
            Participant(person.pk, person_words(person), available_slots(person, slots))
            for person in people
        ),
        requests=tuple(
            EngineRequest(
                request.pk, request.requester_id, request.invitee_id, request.priority or 1
            )
            for request in requests
        ),
        locked=tuple(
            Placement(p.request_id, p.slot_id, p.table_id)
            for p in current
            if p.locked and p.request_id in accepted
        ),
        previous=tuple(Placement(p.request_id, p.slot_id, p.table_id) for p in current),
    )


# --------------------------------------------------------------------------- starting a run


def scheduler_run_start(
    *, event: Event, actor: Any, time_limit: int | None = None, source: str = "web"
) -> SchedulerRun:
    """Queue a run of the scheduler; refused while another run of the event is not over."""
    if not event.has_meetings:
        raise DomainError(_("This event has no B2B meetings to schedule."))
    limit = time_limit if time_limit is not None else settings.SCHEDULER_TIME_LIMIT
    if not 1 <= int(limit) <= MAX_TIME_LIMIT:
        raise DomainError(
            _("The time limit must be between 1 and %(most)s seconds.") % {"most": MAX_TIME_LIMIT},
            field="time_limit",
        )
    with transaction.atomic():
        # the event's row is the lock: two clicks at once cannot both start a run
        Event.objects.select_for_update().filter(pk=event.pk).first()
        if (
            SchedulerRun.objects.for_cluster(event.cluster)
            .filter(event=event, status__in=ACTIVE)
            .exists()
        ):
            raise DomainError(
                _("The scheduler is already working on this day; wait until it is done.")
            )
        run = SchedulerRun.objects.create(
            cluster=event.cluster,
            event=event,
            time_limit=int(limit),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            cluster=event.cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=run,
            changes={"time_limit": run.time_limit},
            source=source,
        )
        from ..tasks_schedule import scheduler_run_task

        transaction.on_commit(lambda: scheduler_run_task.enqueue(run_id=run.pk))
    return run


# --------------------------------------------------------------------------- executing it


def scheduler_run_execute(*, run: SchedulerRun) -> SchedulerRun:
    """Validate the day, schedule it and write the new placements; the run keeps the report
    or the problems or the error. Only a queued run is executed."""
    claimed = SchedulerRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run.refresh_from_db()
    if not claimed:
        return run
    event = Event.objects.select_related("cluster").get(pk=run.event_id)
    try:
        day = meeting_day_for(event)
        problems = validate(day)
        if problems:
            return _finish(run, RunStatus.FAILED, problems=_stored_problems(problems, day))
        schedule = schedule_meetings(day, SolverSettings(time_limit=float(run.time_limit)))
        first_free = schedule_first_free(day)
        _apply(event, day, schedule)
        report = _stored_report(schedule, first_free, day)
    except SchedulingInputError as refused:  # the rows changed between validation and solving
        return _finish(run, RunStatus.FAILED, problems=_stored_problems(refused.problems, day))
    except Exception as error:
        logger.exception("scheduler run %s failed", run.pk)
        return _finish(run, RunStatus.FAILED, error=f"{type(error).__name__}: {error}")
    return _finish(run, RunStatus.DONE, report=report)


def _finish(
    run: SchedulerRun,
    status: str,
    *,
    report: dict[str, Any] | None = None,
    problems: list[dict[str, Any]] | None = None,
    error: str = "",
) -> SchedulerRun:
    run.status = status
    run.report = report or {}
    run.problems = problems or []
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "report", "problems", "error", "finished_at", "updated_at"])
    return run


@transaction.atomic
def _apply(event: Event, day: MeetingDay, schedule: Schedule) -> None:
    """Replace every placement that is not a kept lock by the schedule's, in bulk."""
    locked = {placement.meeting for placement in day.locked}
    rows = MeetingPlacement.objects.for_cluster(event.cluster).filter(request__event=event)
    rows.exclude(request_id__in=locked, locked=True).delete()
    MeetingPlacement.objects.bulk_create(
        MeetingPlacement(
            cluster=event.cluster,
            request_id=placement.meeting,
            slot_id=placement.slot,
            table_id=placement.table,
        )
        for placement in schedule.placements
        if placement.meeting not in locked
    )


def _words(day: MeetingDay) -> dict[str, dict[Any, str]]:
    return {
        "participant": {person.id: person.display_name for person in day.participants},
        "slot": {slot.id: f"{timezone.localtime(slot.start):%H:%M}" for slot in day.slots},
        "table": {table.id: table.label for table in day.tables},
    }


def _stored_problems(problems: tuple[Problem, ...], day: MeetingDay) -> list[dict[str, Any]]:
    """The engine's problems, with the names and times a translated message needs."""
    words = _words(day)
    stored = []
    for problem in problems:
        details = dict(problem.details)
        params: dict[str, str] = {}
        for key in ("participant", "slot", "table"):
            if key in details and details[key] in words[key]:
                params[key] = words[key][details[key]]
        if isinstance(details.get("slots"), list):
            params["slots"] = ", ".join(str(words["slot"].get(s, s)) for s in details["slots"])
        stored.append({**problem.to_dict(), "params": params})
    return stored


def _stored_report(schedule: Schedule, first_free: Schedule, day: MeetingDay) -> dict[str, Any]:
    report = schedule.report.to_dict()
    gaps = schedule.report.idle_gaps_by_participant
    histogram: dict[int, int] = defaultdict(int)
    for count in gaps.values():
        histogram[count] += 1
    report.update(
        participants=len(day.participants),
        slots=len(day.slots),
        tables=len(day.tables),
        idle_gaps_by_participant={str(key): count for key, count in gaps.items()},
        idle_gap_histogram={str(count): people for count, people in sorted(histogram.items())},
        unplaced=[
            {
                "meeting": unplaced.meeting,
                "code": unplaced.code,
                "reason": unplaced.reason,
                "details": _plain(unplaced.details),
            }
            for unplaced in schedule.unplaced
        ],
        first_free={
            "placed": first_free.report.placed,
            "idle_gaps": first_free.report.idle_gaps,
            "idle_gaps_max": first_free.report.idle_gaps_max,
        },
    )
    return report


def _plain(details: Any) -> dict[str, Any]:
    """Details as JSON keeps them (lists for tuples, text for other keys)."""
    return {
        str(key): list(value) if isinstance(value, tuple | set | frozenset) else value
        for key, value in dict(details).items()
    }
