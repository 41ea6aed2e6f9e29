"""Reads of a B2B day's schedule: the grid of slots × tables, the meetings without a slot, the
scheduler's runs and their report in plain words, and the table cards. A page costs a fixed
number of queries whatever the day's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusterdesk.lib.charts import Bar, bar_chart_svg

from ..models import (
    Event,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    RegistrationStatus,
    RequestStatus,
    SchedulerRun,
    TimeSlot,
)

PEOPLE = (
    "request__requester__contact",
    "request__requester__organisation",
    "request__invitee__contact",
    "request__invitee__organisation",
)


def placements_of(event: Event) -> QuerySet[MeetingPlacement]:
    """The day's placed meetings that still take place: accepted, both people confirmed."""
    return MeetingPlacement.objects.for_cluster(event.cluster).filter(
        request__event=event,
        request__status=RequestStatus.ACCEPTED,
        request__requester__status=RegistrationStatus.CONFIRMED,
        request__invitee__status=RegistrationStatus.CONFIRMED,
    )


@dataclass(frozen=True, slots=True)
class Person:
    """One side of a meeting as the grid and the table cards show it."""

    pk: int
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class Cell:
    """A placed meeting in the grid or on a table card: no model instances, only what is shown
    (a big day has thousands; full placements with both people cost ten objects each)."""

    pk: int
    slot_id: int
    table_id: int
    locked: bool
    first: Person
    second: Person


SIDE_COLUMNS = (
    "id",
    "contact_id",
    "contact__first_name",
    "contact__last_name",
    "guest_name",
    "organisation_id",
    "organisation__name",
    "guest_organisation",
)


def _person(row: tuple, people: dict[int, Person]) -> Person:
    """``Registration.display_name`` and ``organisation_name`` from the columns of
    ``SIDE_COLUMNS``; each person made once."""
    pk, contact_id, first_name, last_name, guest_name, org_id, org_name, guest_org = row
    person = people.get(pk)
    if person is None:
        name = f"{first_name} {last_name}".strip() if contact_id else guest_name
        person = people[pk] = Person(pk, name, org_name if org_id else guest_org)
    return person


def cells_of(event: Event) -> list[Cell]:
    """The day's placed meetings (those of ``placements_of``) as cells; one query reading only
    the shown columns."""
    sides = len(SIDE_COLUMNS)
    columns = (
        "id",
        "slot_id",
        "table_id",
        "locked",
        *(f"request__requester__{column}" for column in SIDE_COLUMNS),
        *(f"request__invitee__{column}" for column in SIDE_COLUMNS),
    )
    people: dict[int, Person] = {}
    return [
        Cell(
            row[0],
            row[1],
            row[2],
            row[3],
            _person(row[4 : 4 + sides], people),
            _person(row[4 + sides :], people),
        )
        for row in placements_of(event).values_list(*columns)
    ]


def slots_of(event: Event) -> list[TimeSlot]:
    return list(
        TimeSlot.objects.for_cluster(event.cluster)
        .filter(event=event)
        .select_related("session")
        .order_by("starts_at", "id")
    )


def tables_of(event: Event) -> list[MeetingTable]:
    return list(MeetingTable.objects.for_cluster(event.cluster).filter(event=event))


# --------------------------------------------------------------------------- the grid


@dataclass
class GridRow:
    slot: TimeSlot
    cells: list[Cell | None]


@dataclass
class GridSession:
    name: str
    rows: list[GridRow] = field(default_factory=list)


@dataclass
class Grid:
    tables: list[MeetingTable]
    sessions: list[GridSession]
    placed: int
    locked: int


def schedule_grid(event: Event) -> Grid:
    """Rows = slots grouped by session, columns = tables; three queries."""
    slots = slots_of(event)
    tables = tables_of(event)
    at: dict[tuple[int, int], Cell] = {}
    locked = 0
    for cell in cells_of(event):
        at[(cell.slot_id, cell.table_id)] = cell
        locked += cell.locked
    sessions: list[GridSession] = []
    for slot in slots:
        if not sessions or sessions[-1].name != slot.session.name:
            sessions.append(GridSession(slot.session.name))
        sessions[-1].rows.append(GridRow(slot, [at.get((slot.pk, t.pk)) for t in tables]))
    return Grid(tables, sessions, placed=len(at), locked=locked)


def unplaced_requests(event: Event) -> list[MeetingRequest]:
    """Accepted meetings between two confirmed participants that have no slot."""
    return list(
        MeetingRequest.objects.for_cluster(event.cluster)
        .filter(
            event=event,
            status=RequestStatus.ACCEPTED,
            placement__isnull=True,
            requester__status=RegistrationStatus.CONFIRMED,
            invitee__status=RegistrationStatus.CONFIRMED,
        )
        .select_related(
            "requester__contact",
            "requester__organisation",
            "invitee__contact",
            "invitee__organisation",
        )
        .order_by("created_at", "id")
    )


# --------------------------------------------------------------------------- the runs


def runs_of(event: Event, *, limit: int = 10) -> list[SchedulerRun]:
    return list(
        SchedulerRun.objects.for_cluster(event.cluster)
        .filter(event=event)
        .select_related("requested_by")[:limit]
    )


UNPLACED_WORDS = {
    "no_common_slot": lambda p: (
        _("%(first)s and %(second)s are never available at the same time.") % p
    ),
    "over_booked": lambda p: (
        _("%(name)s has %(meetings)s accepted meetings and is available for %(slots)s slots.") % p
    ),
    "slots_taken": lambda p: (
        _(
            "Every slot in which %(first)s and %(second)s are both available is taken by another "
            "of their meetings."
        )
        % p
    ),
    "tables_full": lambda p: (
        _("%(first)s and %(second)s are both free only when every table is taken.") % p
    ),
    "not_found": lambda p: (
        _("No slot was found for the meeting of %(first)s and %(second)s within the time limit.")
        % p
    ),
}

PROBLEM_WORDS = {
    "no_slots": lambda p: _("The day has meeting requests but no time slots."),
    "no_tables": lambda p: _("The day has meeting requests but no tables."),
    "overlapping_slots": lambda p: (
        _("Two time slots overlap (%(slots)s): a person cannot be in both.") % p
    ),
    "slot_ends_before_it_starts": lambda p: (
        _("The slot at %(slot)s does not end after it starts.") % p
    ),
    "locked_outside_availability": lambda p: (
        _("A locked meeting is in the slot at %(slot)s, when %(participant)s is not available.") % p
    ),
    "locked_double_booking": lambda p: (
        _("%(participant)s has more than one locked meeting at %(slot)s.") % p
    ),
    "locked_same_table": lambda p: _("Two locked meetings share table %(table)s at %(slot)s.") % p,
}


def unplaced_reason(entry: dict[str, Any]) -> str:
    """The reason of an unplaced meeting in the reader's language (the engine's English when
    the reason has no translation)."""
    details = entry.get("details") or {}
    names = list(details.get("names") or []) + ["", ""]
    params = {"first": names[0], "second": names[1], **details}
    try:
        return UNPLACED_WORDS[entry["code"]](params)
    except (KeyError, TypeError, ValueError):
        return str(entry.get("reason", ""))


def problem_text(problem: dict[str, Any]) -> str:
    try:
        return PROBLEM_WORDS[problem["code"]](problem.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return str(problem.get("message", ""))


@dataclass
class RunSummary:
    run: SchedulerRun
    report: dict[str, Any]
    problems: list[str]
    percent: int | None
    histogram_svg: str
    reasons: dict[int, str]


def run_summary(run: SchedulerRun | None) -> RunSummary | None:
    """The run's report as the page shows it."""
    if run is None:
        return None
    report = run.report or {}
    ratio = report.get("ratio")
    histogram = report.get("idle_gap_histogram") or {}
    bars = [
        Bar(ngettext("%(count)s idle gap", "%(count)s idle gaps", int(k)) % {"count": k}, v)
        for k, v in sorted(histogram.items(), key=lambda item: int(item[0]))
    ]
    return RunSummary(
        run=run,
        report=report,
        problems=[problem_text(problem) for problem in run.problems or []],
        # floored: "at least 97 %" must never round a 96.6 up
        percent=int(ratio * 100 + 1e-9) if isinstance(ratio, int | float) else None,
        histogram_svg=bar_chart_svg(bars, title=_("People by number of idle gaps")) if bars else "",
        reasons={entry["meeting"]: unplaced_reason(entry) for entry in report.get("unplaced", [])},
    )


# --------------------------------------------------------------------------- table cards


@dataclass
class TableCard:
    table: MeetingTable
    rows: list[tuple[TimeSlot, Cell | None]]

    @property
    def meetings(self) -> int:
        return sum(1 for _slot, cell in self.rows if cell is not None)


def table_cards(event: Event) -> list[TableCard]:
    """One card per table: its meetings by slot (free slots as None); three queries."""
    slots = slots_of(event)
    at = {(cell.slot_id, cell.table_id): cell for cell in cells_of(event)}
    return [
        TableCard(table, [(slot, at.get((slot.pk, table.pk))) for slot in slots])
        for table in tables_of(event)
    ]
