"""Running the B2B scheduler on an event: its rows turned into the engine's ``MeetingDay``, a
run queued and executed in the background, and the new schedule written in one transaction
against the day as it is when the solver is done (changes made meanwhile win; see ``_apply``).
A run left waiting or running by a crashed worker is given up when a new run is asked.

Only the placements that are not locked are replaced; the engine keeps locked meetings where
they are and, from the current placements given as ``previous``, moves as few meetings as it
can. A day with problems (``validate``) changes nothing: the problems are kept on the run."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
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
    AvailabilityWindow,
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
# a run waiting or running longer than its time limit plus this was left by a crashed worker
ABANDONED_AFTER = timedelta(minutes=10)


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
        _give_up_abandoned(event)
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
        left_out = _apply(event, schedule)
        report = _stored_report(schedule, first_free, day)
        report["changed_during_run"] = left_out
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


def _give_up_abandoned(event: Event) -> None:
    """Mark as failed the runs a crashed worker left waiting or running: those older than
    their time limit plus ``ABANDONED_AFTER``, so that they no longer block the day."""
    now = timezone.now()
    for run in SchedulerRun.objects.for_cluster(event.cluster).filter(
        event=event, status__in=ACTIVE
    ):
        since = run.started_at or run.created_at
        if since + timedelta(seconds=run.time_limit) + ABANDONED_AFTER < now:
            _finish(
                run,
                RunStatus.FAILED,
                error=_("The run never finished (the background worker stopped); it was given up."),
            )


def _apply(event: Event, schedule: Schedule) -> int:
    """Replace every placement that is not locked by the schedule's, in one transaction with
    the event's row locked, against the day as it is **now**: the solver may have worked for
    minutes while people withdrew requests and the organiser locked, moved or placed meetings.
    Every placement locked now stays; a result is left out when its request is no longer
    accepted, its meeting is locked now, its slot or table is gone, a person is no longer
    available then, or it needs a table or a person a locked placement holds. Returns how many
    results were left out because of such changes."""
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        people = {
            pk: (requester, invitee)
            for pk, requester, invitee in MeetingRequest.objects.for_cluster(event.cluster)
            .filter(
                event=event,
                status=RequestStatus.ACCEPTED,
                requester__status=RegistrationStatus.CONFIRMED,
                requester__wants_meetings=True,
                invitee__status=RegistrationStatus.CONFIRMED,
                invitee__wants_meetings=True,
            )
            .values_list("pk", "requester_id", "invitee_id")
        }
        rows = MeetingPlacement.objects.for_cluster(event.cluster).filter(request__event=event)
        locked = list(
            rows.filter(locked=True).values_list(
                "request_id", "slot_id", "table_id", "request__requester_id", "request__invitee_id"
            )
        )
        slots = {
            slot.pk: slot
            for slot in TimeSlot.objects.for_cluster(event.cluster).filter(event=event)
        }
        tables = set(
            MeetingTable.objects.for_cluster(event.cluster)
            .filter(event=event)
            .values_list("pk", flat=True)
        )
        windows: dict[int, list[AvailabilityWindow]] = defaultdict(list)
        for window in AvailabilityWindow.objects.for_cluster(event.cluster).filter(
            registration__event=event
        ):
            windows[window.registration_id].append(window)

        def available(person: int, slot: TimeSlot) -> bool:
            return not windows[person] or any(
                w.starts_at <= slot.starts_at and slot.ends_at <= w.ends_at for w in windows[person]
            )

        fixed = {meeting: (slot, table) for meeting, slot, table, *_people in locked}
        taken = {(slot, table) for _meeting, slot, table, *_people in locked}
        busy = {(person, slot) for _m, slot, _t, *pair in locked for person in pair}
        kept, left_out = [], 0
        for placement in schedule.placements:
            pair = people.get(placement.meeting)
            slot = slots.get(placement.slot)
            if placement.meeting in fixed:
                # locked now: it stays where the organiser put it (a lock the run knew about
                # is where the schedule has it already)
                left_out += fixed[placement.meeting] != (placement.slot, placement.table)
                continue
            if (
                pair is None
                or slot is None
                or placement.table not in tables
                or (placement.slot, placement.table) in taken
                or any((person, placement.slot) in busy for person in pair)
                or not all(available(person, slot) for person in pair)
            ):
                left_out += 1
                continue
            kept.append(placement)
        rows.exclude(locked=True).delete()
        MeetingPlacement.objects.bulk_create(
            MeetingPlacement(
                cluster=event.cluster,
                request_id=placement.meeting,
                slot_id=placement.slot,
                table_id=placement.table,
            )
            for placement in kept
        )
    return left_out


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
