"""The plan of a demo cluster's engagement ledger: contacts, follow-up tasks, working groups,
activities and involvements as plain data, drawn from one seeded random source and dated
against a fixed reference day. No database: `writer` turns the plan into rows.

Participants are referred to by their position in the list the plan is given, and the people
met by their position among their organisation's contacts, so the plan is the same whatever
ids the database hands out.

The two figures a cluster manager looks at first are set rather than left to chance: the
share of participants with a personal contact in each of the two 12-month periods before the
reference day (B4) and the share actively involved two days or more (B5). Who is reached and
who is actively involved is drawn by each participant's propensity (committed members, support
bodies and bigger firms more); the activities' involvements then respect those sets: an
organisation outside the active set never passes two active days in the period, and one inside
it that falls short is added to further activities until it reaches them.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from clusterdesk.engagement.models import ActivityKind, ContactKind, InvolvementRole
from clusterdesk.engagement.queries import ACTIVE_DAYS
from clusterdesk.lib.periods import (
    Period,
    add_months,
    last_12_months,
    month_of,
    months_before,
    quarters_before,
)
from clusterdesk.participants.models import Category, Commitment

from .organisation import OrganisationPlan, organisation_plan

ACTIVE, PASSIVE = InvolvementRole.ACTIVE.value, InvolvementRole.PASSIVE.value
HALF = Decimal("0.5")
ONE_DAY = timedelta(days=1)
MANAGER, STAFF = "manager", "staff"  # the team's users, by their role in the cluster
# Kinds an active participant may also just attend (anyone at a meeting, a fair, a delegation
# or a project takes part in it).
MAY_ATTEND = {
    ActivityKind.TRAINING,
    ActivityKind.LECTURE,
    ActivityKind.BARCAMP,
    ActivityKind.SEMINAR,
    ActivityKind.WORKSHOP,
    ActivityKind.NETWORKING,
}
# Where an actively involved participant that falls short of two days is added; a project
# takes it only when it has been to all of these already.
TOP_UP_KINDS = (
    ActivityKind.TRAINING,
    ActivityKind.WORKSHOP,
    ActivityKind.BARCAMP,
    ActivityKind.JOINT_TRADE_FAIR,
    ActivityKind.COLLABORATIVE_PROJECT,
)
QUIET_DAYS = ((8, 1, 8, 31), (12, 22, 12, 31), (1, 1, 1, 6))  # August and the holidays
DATA = Path(__file__).resolve().parent / "data"


@cache
def ledger_table(slug: str) -> dict[str, Any] | None:
    """The table ``data/<slug>.json`` a demo cluster's ledger is drawn from (None: the
    cluster has no ledger)."""
    path = DATA / f"{slug}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Participant:
    """What the plan needs to know of one organisation of the registry."""

    category: str
    commitment: str
    employees: int
    city: str
    people: tuple[str, ...]  # its contacts' names, in the order they were written
    represented: bool = False  # the demo member representative's organisation


@dataclass(frozen=True)
class PlannedContact:
    participant: int
    kind: str
    date: date
    staff: tuple[str, ...]  # MANAGER, STAFF
    people_met: tuple[int, ...]  # positions among the participant's people
    notes: str


@dataclass(frozen=True)
class PlannedTask:
    title: str
    contact: int  # position in LedgerPlan.contacts
    assignee: str
    due_on: date
    done_on: date | None


@dataclass(frozen=True)
class PlannedGroup:
    name: str
    theme: str
    description: str
    chair: int
    members: tuple[int, ...]
    started_on: date


@dataclass(frozen=True)
class PlannedOutput:
    group: int
    title: str
    date: date
    description: str


@dataclass(frozen=True)
class PlannedActivity:
    kind: str
    title: str
    starts_on: date
    ends_on: date
    place: str
    is_international: bool = False
    group: int | None = None
    description: str = ""

    @property
    def span(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


@dataclass(frozen=True)
class PlannedInvolvement:
    activity: int
    participant: int
    role: str
    days: Decimal


@dataclass
class LedgerPlan:
    reference_date: date
    contacts: list[PlannedContact] = field(default_factory=list)
    tasks: list[PlannedTask] = field(default_factory=list)
    groups: list[PlannedGroup] = field(default_factory=list)
    outputs: list[PlannedOutput] = field(default_factory=list)
    activities: list[PlannedActivity] = field(default_factory=list)
    involvements: list[PlannedInvolvement] = field(default_factory=list)
    organisation: OrganisationPlan | None = None


@dataclass
class _Window:
    """One of the two 12-month periods of the ledger, with who is actively involved in it and
    the active days each participant has so far."""

    period: Period
    active_set: set[int]
    active_days: dict[int, Decimal] = field(default_factory=dict)


class _Planner:
    def __init__(
        self,
        table: dict[str, Any],
        participants: Sequence[Participant],
        reference_date: date,
        team: dict[str, str],
    ) -> None:
        self.table = table
        self.participants = participants
        self.today = reference_date
        self.team = team
        self.rng = random.Random(table["seed"])
        self.plan = LedgerPlan(reference_date)
        recent = last_12_months(reference_date)
        earlier = last_12_months(recent.first - timedelta(days=1))
        self.periods = (earlier, recent)
        self.current = [i for i, p in enumerate(participants) if p.commitment != Commitment.FORMER]
        self.represented = [i for i, p in enumerate(participants) if p.represented]
        self.propensity = [self._propensity(p) for p in participants]

    def build(self) -> LedgerPlan:
        scale = self.table["scale"]
        earlier, recent = self.periods
        windows = [
            _Window(earlier, self._active_set(scale["active_before"], include_former=True)),
            _Window(recent, self._active_set(scale["active"], include_former=False)),
        ]
        self._working_groups(windows)
        self._projects(windows)
        for window, later in zip(windows, (False, True), strict=True):
            self._calendar(window, later)
            self._series(window, later)
        self._keep_regular(windows)
        for window in windows:
            self._top_up(window)
        self._contacts(windows)
        self._tasks()
        self._sort_activities()
        self.plan.organisation = organisation_plan(
            self.table,
            self.participants,
            self.propensity,
            self.plan,
            reference_date=self.today,
            team=self.team,
            rng=self.rng,
        )
        return self.plan

    # Who -----------------------------------------------------------------------------------

    def _propensity(self, participant: Participant) -> float:
        """How much of the team's attention an organisation draws: committed members, support
        bodies and bigger firms more, with a personal factor that stays across the years."""
        base = {Commitment.COMMITTED: 5.0, Commitment.FORMER: 0.3}.get(participant.commitment, 1.0)
        if participant.category == Category.INDUSTRY_SME:
            employees = participant.employees
            kind = 0.6 if employees < 10 else 1.0 if employees < 50 else 1.4
        else:
            kind = {
                Category.INDUSTRY_LARGE: 1.6,
                Category.RESEARCH: 1.8,
                Category.INTERMEDIARY: 1.8,
                Category.EDUCATION: 1.5,
                Category.PUBLIC_BODY: 1.4,
            }.get(participant.category, 0.8)
        return base * kind * self.rng.lognormvariate(0, 0.5)

    def _sample(self, candidates: Sequence[int], weights: Sequence[float], k: int) -> list[int]:
        """``k`` of the candidates drawn without replacement, each by its weight."""
        keyed = sorted(
            candidates, key=lambda i: self.rng.random() ** (1 / weights[i]), reverse=True
        )
        return keyed[:k]

    def _active_set(self, share: float, *, include_former: bool) -> set[int]:
        eligible = list(range(len(self.participants))) if include_former else self.current
        chosen = [i for i in self.represented if i in eligible]
        target = round(share * len(self.current))
        others = [i for i in eligible if i not in chosen]
        return set(chosen + self._sample(others, self.propensity, target - len(chosen)))

    def _eligible(self, window: _Window) -> list[int]:
        if window.period == self.periods[-1]:
            return self.current
        return list(range(len(self.participants)))

    # When ----------------------------------------------------------------------------------

    def _window_of(self, windows: list[_Window], day: date) -> _Window:
        return windows[1] if day >= windows[1].period.first else windows[0]

    def _day_in(self, first: date, last: date, *, span: int = 1) -> date:
        """A working day from ``first`` to ``last`` on which an activity of ``span`` days can
        start and end by ``last``, away from August and the holidays when possible."""
        last = min(last, self.today) - timedelta(days=span - 1)
        return self.rng.choice(_working_days(first, last) or (first,))

    def _month_in(self, period: Period, month: int) -> tuple[date, date]:
        """The part of ``period`` in the given calendar month."""
        year = period.first.year if month >= period.first.month else period.last.year
        first = max(period.first, date(year, month, 1))
        last = min(period.last, month_of(date(year, month, 1)).last)
        return first, last

    # Working groups ------------------------------------------------------------------------

    def _working_groups(self, windows: list[_Window]) -> None:
        recent = windows[1]
        for entry in self.table["working_groups"]:
            active = entry.get("active", True)
            weights = [
                w
                * (4.0 if active and i in recent.active_set else 1.0)
                * (2.0 if self.participants[i].category in entry.get("prefer", ()) else 1.0)
                for i, w in enumerate(self.propensity)
            ]
            size = self.rng.randint(*entry["members"])
            members = self._sample(self.current, weights, size)
            committed = [
                i for i in members if self.participants[i].commitment == Commitment.COMMITTED
            ]
            if not committed:
                members[-1] = self._sample(
                    [
                        i
                        for i in self.current
                        if self.participants[i].commitment == Commitment.COMMITTED
                        and i not in members
                    ],
                    weights,
                    1,
                )[0]
                committed = [members[-1]]
            chair = committed[0]
            if active and not self.plan.groups:
                members += [i for i in self.represented if i not in members]
            group = len(self.plan.groups)
            self.plan.groups.append(
                PlannedGroup(
                    name=entry["name"],
                    theme=entry["theme"],
                    description=entry["description"],
                    chair=chair,
                    members=tuple(sorted(members)),
                    started_on=months_before(self.today, entry["started_months_before"]),
                )
            )
            last = self.today if active else months_before(self.today, entry["quiet_months"])
            meetings = self._meetings(group, entry, windows, last)
            self._outputs(group, entry, meetings)

    def _meetings(
        self, group: int, entry: dict[str, Any], windows: list[_Window], last: date
    ) -> list[int]:
        planned = self.plan.groups[group]
        every = entry["every_months"]
        days = Decimal(str(entry["meeting_days"]))
        agenda = entry["agenda"]
        meetings = []
        month = self.periods[0].first  # a group meets from the start of the ledger to ``last``
        number = 0
        while month <= last:
            first = max(date(month.year, month.month, 1), self.periods[0].first)
            end = min(month_of(month).last, last)
            if month.month != 8 and first <= end:
                day = self._day_in(first, end)
                window = self._window_of(windows, day)
                title = self.table["meeting_title"].format(
                    group=planned.name, agenda=agenda[number % len(agenda)]
                )
                number += 1
                index = self._add_activity(
                    PlannedActivity(
                        kind=ActivityKind.WORKING_GROUP_MEETING,
                        title=title,
                        starts_on=day,
                        ends_on=day,
                        place=self.participants[planned.chair].city,
                        group=group,
                    )
                )
                meetings.append(index)
                for member in planned.members:
                    likely = 0.9 if member in window.active_set else 0.5
                    if member == planned.chair or self.rng.random() < likely:
                        self._involve(window, index, member, ACTIVE, days, may_attend=False)
            month = add_months(month, every)
        return meetings

    def _outputs(self, group: int, entry: dict[str, Any], meetings: list[int]) -> None:
        outputs = entry["outputs"]
        for number, output in enumerate(outputs):
            meeting = self.plan.activities[
                meetings[(number + 1) * len(meetings) // (len(outputs) + 1)]
            ]
            self.plan.outputs.append(
                PlannedOutput(
                    group=group,
                    title=output["title"],
                    date=min(self.today, meeting.starts_on + timedelta(self.rng.randint(10, 40))),
                    description=output.get("description", ""),
                )
            )

    # Activities ----------------------------------------------------------------------------

    def _add_activity(self, activity: PlannedActivity) -> int:
        self.plan.activities.append(activity)
        return len(self.plan.activities) - 1

    def _projects(self, windows: list[_Window]) -> None:
        for entry in self.table["projects"]:
            starts_on = self._day_in(
                *self._month_in_window(months_before(self.today, entry["started_months_before"]))
            )
            ends_on = month_of(add_months(starts_on, entry["months"] - 1)).last
            index = self._add_activity(
                PlannedActivity(
                    kind=ActivityKind.COLLABORATIVE_PROJECT,
                    title=entry["title"],
                    starts_on=starts_on,
                    ends_on=ends_on,
                    place=entry["place"],
                    is_international=entry.get("international", False),
                    description=entry["description"],
                )
            )
            window = self._window_of(windows, starts_on)
            partners = self.rng.randint(*entry["partners"])
            slots = [(ACTIVE, _half_days(self.rng, 3, 12)) for _ in range(partners)]
            self._fill(window, index, slots, prefer=entry.get("prefer", ()))

    def _month_in_window(self, day: date) -> tuple[date, date]:
        first = max(date(day.year, day.month, 1), self.periods[0].first)
        return first, max(first, min(month_of(day).last, self.today))

    def _calendar(self, window: _Window, later: bool) -> None:
        """The fairs and delegations that come back each year in the same month."""
        for entry in self.table["calendar"]:
            if entry.get("only") == ("earlier" if later else "later"):
                continue
            first, last = self._month_in(window.period, entry["month"])
            span = entry["days"]
            starts_on = self._day_in(first, last, span=span)
            self._event(window, entry, starts_on, span)

    def _series(self, window: _Window, later: bool) -> None:
        """Training, lectures, seminars, workshops and the like, spread over the period."""
        for kind, entry in self.table["series"].items():
            count = (entry["count"] + later) // 2
            titles = entry["titles"]
            offset = 0 if later else len(titles) // 2
            for number in range(count):
                span = self.rng.randint(*entry.get("days", (1, 1)))
                starts_on = self._day_in(window.period.first, window.period.last, span=span)
                title = titles[(offset + number) % len(titles)]
                self._event(window, {**entry, "kind": kind, "title": title}, starts_on, span)

    def _event(self, window: _Window, entry: dict[str, Any], starts_on: date, span: int) -> None:
        kind = ActivityKind(entry["kind"])
        index = self._add_activity(
            PlannedActivity(
                kind=kind,
                title=entry["title"].format(year=starts_on.year),
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=span - 1),
                place=self.rng.choice(entry["places"]) if "places" in entry else entry["place"],
                is_international=entry.get("international", False),
                description=entry.get("description", ""),
            )
        )
        size = self.rng.randint(*entry["size"])
        self._fill(
            window, index, _slots(self.rng, kind, size, span), prefer=entry.get("prefer", ())
        )

    def _keep_regular(self, windows: list[_Window]) -> None:
        """Each of the four quarters before the reference day's own has an activity (D5)."""
        for quarter in quarters_before(self.today, 4, include_current=False):
            if not any(quarter.first <= a.starts_on <= quarter.last for a in self.plan.activities):
                entry = self.table["series"]["networking"]
                starts_on = self._day_in(quarter.first, quarter.last)
                self._event(
                    self._window_of(windows, starts_on),
                    {**entry, "kind": "networking", "title": entry["titles"][0]},
                    starts_on,
                    1,
                )

    # Involvements --------------------------------------------------------------------------

    def _involved(self, activity: int) -> set[int]:
        return {i.participant for i in self.plan.involvements if i.activity == activity}

    def _involve(
        self,
        window: _Window,
        activity: int,
        participant: int,
        role: str,
        days: Decimal,
        *,
        may_attend: bool,
    ) -> bool:
        """Add one involvement, keeping an organisation outside the period's active set below
        two active days (it attends instead, or stays away). True when it was added."""
        if role == ACTIVE:
            so_far = window.active_days.get(participant, Decimal(0))
            if participant not in window.active_set and so_far + days >= ACTIVE_DAYS:
                if not may_attend:
                    return False
                role, days = PASSIVE, HALF
            else:
                window.active_days[participant] = so_far + days
        self.plan.involvements.append(PlannedInvolvement(activity, participant, role, days))
        return True

    def _fill(
        self,
        window: _Window,
        activity: int,
        slots: list[tuple[str, Decimal]],
        *,
        prefer: Sequence[str] = (),
    ) -> None:
        kind = self.plan.activities[activity].kind
        eligible = self._eligible(window)
        boost = [
            w
            * (5.0 if i in window.active_set else 1.0)
            * (2.0 if self.participants[i].category in prefer else 1.0)
            for i, w in enumerate(self.propensity)
        ]
        active_order = self._sample(eligible, boost, len(eligible))
        passive_order = self._sample(eligible, self.propensity, len(eligible))
        taken: set[int] = set()
        for role, days in sorted(slots, key=lambda slot: slot[0] != ACTIVE):
            order = active_order if role == ACTIVE else passive_order
            for participant in order:
                if participant in taken:
                    continue
                if self._involve(
                    window, activity, participant, role, days, may_attend=kind in MAY_ATTEND
                ):
                    taken.add(participant)
                    break

    def _top_up(self, window: _Window) -> None:
        """Add the actively involved participants that fall short of two days to further
        activities of the period, as contributors."""
        period = window.period
        candidates = [
            index
            for index, activity in enumerate(self.plan.activities)
            if activity.kind in TOP_UP_KINDS
            and period.first <= activity.starts_on <= period.last
            and activity.ends_on <= self.today
        ]
        involved = {index: self._involved(index) for index in candidates}
        for participant in sorted(window.active_set):
            while window.active_days.get(participant, Decimal(0)) < ACTIVE_DAYS:
                free = [index for index in candidates if participant not in involved[index]]
                events = [
                    index
                    for index in free
                    if self.plan.activities[index].kind != ActivityKind.COLLABORATIVE_PROJECT
                ]
                if not free:  # pragma: no cover - the tables hold far more activities
                    raise RuntimeError("The demo ledger has too few activities to involve.")
                index = self.rng.choice(events or free)
                activity = self.plan.activities[index]
                needed = ACTIVE_DAYS - window.active_days.get(participant, Decimal(0))
                if activity.kind == ActivityKind.COLLABORATIVE_PROJECT:
                    days = max(needed, _half_days(self.rng, 3, 8))
                else:
                    days = Decimal(min(activity.span, 2))
                self._involve(window, index, participant, ACTIVE, days, may_attend=False)
                involved[index].add(participant)

    def _sort_activities(self) -> None:
        """Activities in the order they happened, their involvements following them."""
        order = sorted(
            range(len(self.plan.activities)),
            key=lambda i: (self.plan.activities[i].starts_on, self.plan.activities[i].title),
        )
        position = {old: new for new, old in enumerate(order)}
        self.plan.activities = [self.plan.activities[i] for i in order]
        self.plan.involvements = sorted(
            (
                PlannedInvolvement(position[i.activity], i.participant, i.role, i.days)
                for i in self.plan.involvements
            ),
            key=lambda i: (i.activity, i.participant),
        )

    # Contacts and tasks --------------------------------------------------------------------

    def _contacts(self, windows: list[_Window]) -> None:
        scale = self.table["scale"]
        texts = self.table["contacts"]
        kinds = list(texts["kinds"])
        kind_weights = [texts["kinds"][kind] for kind in kinds]
        planned: list[PlannedContact] = []
        for window, reach, total in zip(
            windows,
            (scale["reach_before"], scale["reach"]),
            scale["contacts"],
            strict=True,
        ):
            eligible = self._eligible(window)
            weights = [
                w * (2.5 if i in window.active_set else 1.0) for i, w in enumerate(self.propensity)
            ]
            chosen = [i for i in self.represented if i in eligible]
            target = round(reach * len(self.current))
            others = [i for i in eligible if i not in chosen]
            reached = chosen + self._sample(others, weights, target - len(chosen))
            counts = dict.fromkeys(reached, 1)
            for participant in self.rng.choices(
                reached, weights=[weights[i] ** 1.3 for i in reached], k=total - len(reached)
            ):
                counts[participant] += 1
            for participant in sorted(counts):
                for _ in range(counts[participant]):
                    kind = self.rng.choices(kinds, kind_weights)[0]
                    planned.append(self._contact(participant, kind, window.period, texts))
        self.plan.contacts = sorted(planned, key=lambda c: (c.date, c.participant, c.kind))

    def _contact(
        self, participant: int, kind: str, period: Period, texts: dict[str, Any]
    ) -> PlannedContact:
        rng = self.rng
        staff = rng.choices(((MANAGER,), (STAFF,), (MANAGER, STAFF)), (55, 35, 10))[0]
        people = self.participants[participant].people
        in_person = kind in (ContactKind.VISIT, ContactKind.MEETING, ContactKind.VIDEO)
        met: tuple[int, ...] = ()
        if people and rng.random() < (0.75 if in_person else 0.55):
            count = min(len(people), rng.choice((1, 1, 2)) if in_person else 1)
            met = tuple(sorted(rng.sample(range(len(people)), count)))
        notes = ""
        if rng.random() < 0.8:
            notes = rng.choice(texts["notes"][kind]).format(topic=rng.choice(texts["topics"]))
        return PlannedContact(
            participant=participant,
            kind=kind,
            date=self._day_in(period.first, period.last),
            staff=staff,
            people_met=met,
            notes=notes,
        )

    def _tasks(self) -> None:
        """Follow-ups: most done in their time, a handful still open, some of them overdue."""
        rng = self.rng
        titles = self.table["contacts"]["tasks"]
        followed = (ContactKind.VISIT, ContactKind.MEETING, ContactKind.VIDEO)
        settled = self.today - timedelta(days=60)
        for number, contact in enumerate(self.plan.contacts):
            if contact.kind in followed and contact.date <= settled and rng.random() < 0.08:
                due_on = contact.date + timedelta(days=rng.randint(7, 30))
                done_on = min(self.today, due_on + timedelta(days=rng.randint(-5, 6)))
                self.plan.tasks.append(
                    PlannedTask(
                        title=rng.choice(titles),
                        contact=number,
                        assignee=contact.staff[0],
                        due_on=due_on,
                        done_on=max(contact.date, done_on),
                    )
                )
        recent = [
            number
            for number, contact in enumerate(self.plan.contacts)
            if contact.kind in followed and contact.date > settled
        ]
        chosen = sorted(rng.sample(recent, self.table["scale"]["open_tasks"]))
        for position, number in enumerate(chosen):
            contact = self.plan.contacts[number]
            if position < len(chosen) // 2:  # the older half is overdue
                due_on = contact.date + timedelta(days=rng.randint(10, 21))
                due_on = max(contact.date + timedelta(days=1), min(due_on, self.today - ONE_DAY))
            else:
                due_on = self.today + timedelta(days=rng.randint(5, 30))
            # The manager and the staff member each have some; then whoever made the contact.
            assignee = (MANAGER, STAFF)[position] if position < 2 else contact.staff[0]
            self.plan.tasks.append(
                PlannedTask(
                    title=titles[position % len(titles)],
                    contact=number,
                    assignee=assignee,
                    due_on=due_on,
                    done_on=None,
                )
            )


def _slots(rng: random.Random, kind: str, size: int, span: int) -> list[tuple[str, Decimal]]:
    """The roles and days of an event's participants, by kind: everyone contributes to a fair,
    a delegation or a training; a seminar, a lecture or a networking evening has a speaker or
    two and an audience."""
    whole = Decimal(span)
    if kind in (ActivityKind.DELEGATION, ActivityKind.JOINT_TRADE_FAIR):
        return [
            (ACTIVE, whole if rng.random() < 0.8 or span < 2 else whole - 1) for _ in range(size)
        ]
    if kind == ActivityKind.TRAINING:
        return [(ACTIVE, whole) if rng.random() < 0.75 else (PASSIVE, HALF) for _ in range(size)]
    if kind in (ActivityKind.WORKSHOP, ActivityKind.BARCAMP):
        share = 0.5 if kind == ActivityKind.WORKSHOP else 0.35
        return [(ACTIVE, whole) if rng.random() < share else (PASSIVE, HALF) for _ in range(size)]
    speakers = 1 if kind == ActivityKind.LECTURE else rng.randint(1, 2)
    return [(ACTIVE, HALF)] * speakers + [(PASSIVE, HALF)] * max(0, size - speakers)


@cache
def _working_days(first: date, last: date) -> tuple[date, ...]:
    """The working days from ``first`` to ``last`` outside August and the holidays, or all
    the working days when none is left."""
    days = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if (first + timedelta(days=n)).weekday() < 5
    ]
    return tuple(day for day in days if not _quiet(day)) or tuple(days)


def _half_days(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(2 * low, 2 * high)) / 2


def _quiet(day: date) -> bool:
    return any(
        (first_month, first_day) <= (day.month, day.day) <= (last_month, last_day)
        for first_month, first_day, last_month, last_day in QUIET_DAYS
    )


def ledger_plan(
    table: dict[str, Any],
    participants: Sequence[Participant],
    *,
    reference_date: date,
    team: dict[str, str],
) -> LedgerPlan:
    """The ledger of one demo cluster (its table from ``data/``) over the 24 months up to
    ``reference_date``; ``team`` names the people of the cluster's demo accounts by role."""
    return _Planner(table, participants, reference_date, team).build()
