"""Checks of a meeting day before scheduling, and the day in the engine's own terms.

``validate`` lists every problem at once, so the organiser fixes them in one go; ``prepare``
refuses a day with problems (``SchedulingInputError``) and otherwise numbers slots, tables,
participants and meetings for the schedulers. More accepted meetings than a person has slots
is not a problem of the input: the schedulers place what they can and say why the rest was not
placed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .inputs import Key, MeetingDay, MeetingRequest, Participant, Slot, SolverSettings, Table
from .problems import Problem, SchedulingInputError, listing, plural


@dataclass(frozen=True)
class PreparedDay:
    """The day with everything numbered: slots in time order, the rest in the caller's order."""

    day: MeetingDay
    slots: tuple[Slot, ...]
    runs: tuple[int, ...]
    """Per slot, the number of its run of consecutive slots in one session: idle gaps are
    counted within a run only."""
    tables: tuple[Table, ...]
    people: tuple[Participant, ...]
    available: tuple[frozenset[int], ...]
    """Per person, the slots (numbers) they can attend."""
    meetings: tuple[MeetingRequest, ...]
    pairs: tuple[tuple[int, int], ...]
    """Per meeting, its two people (numbers)."""
    common: tuple[tuple[int, ...], ...]
    """Per meeting, the slots in which it can take place (both free to attend; the locked slot
    alone for a locked meeting)."""
    locked: Mapping[int, tuple[int, int]]
    """Locked meeting → (slot, table)."""
    previous: Mapping[int, tuple[int | None, int | None]]
    """Meeting placed in the previous schedule → (slot, table); None where that slot or table
    no longer exists."""
    meetings_of: tuple[tuple[int, ...], ...]
    """Per person, their accepted meetings."""

    def demand(self, person: int) -> int:
        return len(self.meetings_of[person])


def slot_words(slot: Slot) -> str:
    try:
        return f"{slot.start:%H:%M}–{slot.end:%H:%M}"
    except (TypeError, ValueError):
        return f"slot {slot.id}"


def validate(day: MeetingDay) -> tuple[Problem, ...]:
    """Every problem of the day; empty when it can be scheduled."""
    problems: list[Problem] = []
    problems += duplicate_ids("slot", "slots", (slot.id for slot in day.slots))
    problems += duplicate_ids("table", "tables", (table.id for table in day.tables))
    problems += duplicate_ids(
        "participant", "participants", (person.id for person in day.participants)
    )
    problems += duplicate_ids("meeting request", "requests", (r.id for r in day.requests))
    problems += slot_problems(day.slots)
    if day.requests and not day.slots:
        problems.append(Problem("no_slots", "The day has meeting requests but no time slots."))
    if day.requests and not day.tables:
        problems.append(Problem("no_tables", "The day has meeting requests but no tables."))
    slot_ids = {slot.id for slot in day.slots}
    people = {person.id: person for person in day.participants}
    for person in day.participants:
        outside = [key for key in sorted(person.available or (), key=str) if key not in slot_ids]
        if outside:
            problems.append(
                Problem(
                    "availability_outside_day",
                    f"{person.display_name}'s availability names "
                    f"{plural(len(outside), 'slot')} that the day does not have: "
                    f"{listing(outside)}.",
                    {"participant": person.id, "slots": outside},
                )
            )
    problems += request_problems(day.requests, people)
    problems += locked_problems(day, people)
    return tuple(problems)


def settings_problems(settings: SolverSettings) -> tuple[Problem, ...]:
    problems = []
    if not settings.time_limit > 0:
        problems.append(
            Problem(
                "time_limit",
                f"The time limit must be more than 0 seconds (it is {settings.time_limit}).",
                {"time_limit": settings.time_limit},
            )
        )
    if settings.workers < 0:
        problems.append(
            Problem(
                "workers",
                f"The number of workers cannot be negative (it is {settings.workers}).",
                {"workers": settings.workers},
            )
        )
    return tuple(problems)


def duplicate_ids(kind: str, kinds: str, keys: Iterable[Key]) -> list[Problem]:
    repeated = [key for key, count in Counter(keys).items() if count > 1]
    if not repeated:
        return []
    return [
        Problem(
            f"duplicate_{kinds}",
            f"Each {kind} needs an id of its own; "
            f"{'this id is' if len(repeated) == 1 else 'these ids are'} used more than once: "
            f"{listing(repeated)}.",
            {"ids": repeated},
        )
    ]


def slot_problems(slots: Iterable[Slot]) -> list[Problem]:
    problems = []
    ordered = []
    for slot in slots:
        if not slot.end > slot.start:
            problems.append(
                Problem(
                    "slot_ends_before_it_starts",
                    f"The slot {slot_words(slot)} (id {slot.id}) does not end after it starts.",
                    {"slot": slot.id},
                )
            )
        else:
            ordered.append(slot)
    ordered.sort(key=lambda slot: slot.start)
    for index, slot in enumerate(ordered):
        for later in ordered[index + 1 :]:
            if later.start >= slot.end:
                break
            problems.append(
                Problem(
                    "overlapping_slots",
                    f"The slots {slot_words(slot)} (id {slot.id}) and {slot_words(later)} "
                    f"(id {later.id}) overlap: a person cannot be in both.",
                    {"slots": [slot.id, later.id]},
                )
            )
    return problems


def request_problems(
    requests: Iterable[MeetingRequest], people: Mapping[Key, Participant]
) -> list[Problem]:
    problems = []
    for request in requests:
        unknown = [key for key in (request.first, request.second) if key not in people]
        for key in dict.fromkeys(unknown):
            problems.append(
                Problem(
                    "unknown_participant",
                    f"Meeting request {request.id} names participant {key}, "
                    "who is not among the day's participants.",
                    {"request": request.id, "participant": key},
                )
            )
        if request.first == request.second:
            name = people[request.first].display_name if request.first in people else None
            problems.append(
                Problem(
                    "request_to_oneself",
                    f"Meeting request {request.id} asks {name or request.first} to meet "
                    "themselves.",
                    {"request": request.id, "participant": request.first},
                )
            )
        priority = request.priority
        if isinstance(priority, bool) or not isinstance(priority, int) or priority < 1:
            problems.append(
                Problem(
                    "priority",
                    f"Meeting request {request.id} has the priority {priority!r}; a priority is "
                    "a whole number of 1 or more.",
                    {"request": request.id, "priority": priority},
                )
            )
    return problems


def locked_problems(day: MeetingDay, people: Mapping[Key, Participant]) -> list[Problem]:
    problems = []
    requests = {request.id: request for request in day.requests}
    slots = {slot.id: slot for slot in day.slots}
    tables = {table.id for table in day.tables}
    seen_meetings: Counter[Key] = Counter(placement.meeting for placement in day.locked)
    for meeting in (key for key, count in seen_meetings.items() if count > 1):
        problems.append(
            Problem(
                "meeting_locked_twice",
                f"Meeting {meeting} is locked in more than one place.",
                {"meeting": meeting},
            )
        )
    at_table: dict[tuple[Key, Key], list[Key]] = defaultdict(list)
    person_in_slot: dict[tuple[Key, Key], list[Key]] = defaultdict(list)
    for placement in day.locked:
        request = requests.get(placement.meeting)
        slot = slots.get(placement.slot)
        if request is None:
            problems.append(
                Problem(
                    "locked_unknown_meeting",
                    f"A locked meeting names request {placement.meeting}, which is not among "
                    "the accepted requests.",
                    {"meeting": placement.meeting},
                )
            )
        if slot is None:
            problems.append(
                Problem(
                    "locked_unknown_slot",
                    f"Meeting {placement.meeting} is locked in slot {placement.slot}, which the "
                    "day does not have.",
                    {"meeting": placement.meeting, "slot": placement.slot},
                )
            )
        if placement.table not in tables:
            problems.append(
                Problem(
                    "locked_unknown_table",
                    f"Meeting {placement.meeting} is locked at table {placement.table}, which "
                    "the day does not have.",
                    {"meeting": placement.meeting, "table": placement.table},
                )
            )
        if slot is not None and placement.table in tables:
            at_table[(slot.id, placement.table)].append(placement.meeting)
        if request is None or slot is None:
            continue
        for key in dict.fromkeys((request.first, request.second)):
            person = people.get(key)
            if person is None:
                continue
            person_in_slot[(key, slot.id)].append(placement.meeting)
            if person.available is not None and slot.id not in person.available:
                problems.append(
                    Problem(
                        "locked_outside_availability",
                        f"Meeting {placement.meeting} is locked in the slot {slot_words(slot)}, "
                        f"when {person.display_name} is not available.",
                        {"meeting": placement.meeting, "slot": slot.id, "participant": key},
                    )
                )
    for (slot_id, table), meetings in at_table.items():
        if len(set(meetings)) > 1:
            problems.append(
                Problem(
                    "locked_same_table",
                    f"Meetings {listing(meetings)} are locked at the same table ({table}) in "
                    f"the same slot ({slot_words(slots[slot_id])}).",
                    {"meetings": meetings, "slot": slot_id, "table": table},
                )
            )
    for (key, slot_id), meetings in person_in_slot.items():
        if len(set(meetings)) > 1:
            problems.append(
                Problem(
                    "locked_double_booking",
                    f"{people[key].display_name} has {plural(len(meetings), 'locked meeting')} "
                    f"({listing(meetings)}) in the same slot ({slot_words(slots[slot_id])}).",
                    {"meetings": meetings, "slot": slot_id, "participant": key},
                )
            )
    return problems


def prepare(day: MeetingDay) -> PreparedDay:
    """The day numbered for the schedulers; ``SchedulingInputError`` when it has problems."""
    problems = validate(day)
    if problems:
        raise SchedulingInputError(problems)
    slots = tuple(sorted(day.slots, key=lambda slot: slot.start))
    slot_number = {slot.id: index for index, slot in enumerate(slots)}
    runs: list[int] = []
    for index, slot in enumerate(slots):
        if index == 0:
            runs.append(0)
        else:
            runs.append(runs[-1] + (slot.session != slots[index - 1].session))
    table_number = {table.id: index for index, table in enumerate(day.tables)}
    person_number = {person.id: index for index, person in enumerate(day.participants)}
    every_slot = frozenset(range(len(slots)))
    available = tuple(
        every_slot
        if person.available is None
        else frozenset(slot_number[key] for key in person.available)
        for person in day.participants
    )
    meeting_number = {request.id: index for index, request in enumerate(day.requests)}
    pairs = tuple(
        (person_number[request.first], person_number[request.second]) for request in day.requests
    )
    locked = {
        meeting_number[placement.meeting]: (
            slot_number[placement.slot],
            table_number[placement.table],
        )
        for placement in day.locked
    }
    common = tuple(
        (locked[index][0],)
        if index in locked
        else tuple(sorted(available[first] & available[second]))
        for index, (first, second) in enumerate(pairs)
    )
    previous: dict[int, tuple[int | None, int | None]] = {}
    for placement in day.previous:
        index = meeting_number.get(placement.meeting)
        if index is not None and index not in previous:
            previous[index] = (slot_number.get(placement.slot), table_number.get(placement.table))
    meetings_of: list[list[int]] = [[] for _ in day.participants]
    for index, (first, second) in enumerate(pairs):
        meetings_of[first].append(index)
        meetings_of[second].append(index)
    return PreparedDay(
        day=day,
        slots=slots,
        runs=tuple(runs),
        tables=tuple(day.tables),
        people=tuple(day.participants),
        available=available,
        meetings=tuple(day.requests),
        pairs=pairs,
        common=common,
        locked=locked,
        previous=previous,
        meetings_of=tuple(tuple(meetings) for meetings in meetings_of),
    )
