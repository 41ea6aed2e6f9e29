"""The demo ledger's personal contacts and their follow-up tasks: who is reached in each period
(the share a cluster manager looks at first, B4, is set by the table), how often, how and by
whom of the team, who was met, and the follow-ups: most done in their time, a handful still
open.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from clusterdesk.engagement.models import ContactKind
from clusterdesk.lib.periods import ONE_DAY, Period

from .draw import LedgerDraw, Window
from .ledger import PlannedContact, PlannedTask

MANAGER, STAFF = "manager", "staff"  # the team's users, by their role in the cluster


class ContactDraw(LedgerDraw):
    """The personal contacts and follow-up tasks of a `LedgerDraw`."""

    def _contacts(self, windows: list[Window]) -> None:
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
