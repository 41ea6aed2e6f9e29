"""The demo ledger's working groups, activities and involvements: each working group's members
and monthly meetings with their outputs, the collaborative projects, the fairs and delegations
that come back each year, the series of training, seminars and the like, and who takes part
in each, actively or not.

Who is actively involved in a period is drawn beforehand (`LedgerDraw._active_set`); the
involvements respect it: an organisation outside the active set never passes two active days
in the period, and one inside it that falls short is added to further activities until it
reaches them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from clusterdesk.engagement.models import ActivityKind, InvolvementRole
from clusterdesk.engagement.queries import ACTIVE_DAYS
from clusterdesk.lib.periods import add_months, month_of, months_before, quarters_before
from clusterdesk.participants.models import Commitment

from .dates import month_in, month_until
from .draw import LedgerDraw, Window
from .ledger import PlannedActivity, PlannedGroup, PlannedInvolvement, PlannedOutput

ACTIVE, PASSIVE = InvolvementRole.ACTIVE.value, InvolvementRole.PASSIVE.value
HALF = Decimal("0.5")
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


class ActivityDraw(LedgerDraw):
    """The working groups, activities and involvements of a `LedgerDraw`."""

    # Working groups ------------------------------------------------------------------------

    def _working_groups(self, windows: list[Window]) -> None:
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
        self, group: int, entry: dict[str, Any], windows: list[Window], last: date
    ) -> list[int]:
        planned = self.plan.groups[group]
        every = entry["every_months"]
        days = Decimal(str(entry["meeting_days"]))
        agenda = entry["agenda"]
        meetings = []
        month = self.periods[0].first  # a group meets from the start of the ledger to ``last``
        number = 0
        while month <= last:
            first = max(month_of(month).first, self.periods[0].first)
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

    def _projects(self, windows: list[Window]) -> None:
        for entry in self.table["projects"]:
            started = months_before(self.today, entry["started_months_before"])
            starts_on = self._day_in(*month_until(started, self.periods[0].first, self.today))
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

    def _calendar(self, window: Window, later: bool) -> None:
        """The fairs and delegations that come back each year in the same month."""
        for entry in self.table["calendar"]:
            if entry.get("only") == ("earlier" if later else "later"):
                continue
            first, last = month_in(window.period, entry["month"])
            span = entry["days"]
            starts_on = self._day_in(first, last, span=span)
            self._event(window, entry, starts_on, span)

    def _series(self, window: Window, later: bool) -> None:
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

    def _event(self, window: Window, entry: dict[str, Any], starts_on: date, span: int) -> None:
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

    def _keep_regular(self, windows: list[Window]) -> None:
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
        window: Window,
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
        window: Window,
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

    def _top_up(self, window: Window) -> None:
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


def _half_days(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(2 * low, 2 * high)) / 2
