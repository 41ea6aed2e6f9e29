"""The plan of a demo cluster's engagement ledger: contacts, follow-up tasks, working groups,
activities and involvements as plain data, drawn from one seeded random source and dated
against a fixed reference day. No database: `writer` turns the plan into rows.

The two figures a cluster manager looks at first are set rather than left to chance: the
share of participants with a personal contact in each of the two 12-month periods before the
reference day (B4) and the share actively involved two days or more (B5). Who is reached and
who is actively involved is drawn by each participant's propensity (committed members, support
bodies and bigger firms more); the activities' involvements then respect those sets: an
organisation outside the active set never passes two active days in the period, and one inside
it that falls short is added to further activities until it reaches them.

The parts: `ledger` (the plan as plain data), `draw` (the seeded source and the draws every
part shares), `activities` (working groups, activities and involvements), `contacts` (personal
contacts and follow-up tasks) and `dates` (working days and months). This module runs them in
their fixed order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .activities import ActivityDraw
from .contacts import ContactDraw
from .draw import Window
from .ledger import (
    LedgerPlan,
    Participant,
    PlannedActivity,
    PlannedContact,
    PlannedGroup,
    PlannedInvolvement,
    PlannedOutput,
    PlannedTask,
)
from .organisation import organisation_plan

__all__ = [
    "LedgerPlan",
    "Participant",
    "PlannedActivity",
    "PlannedContact",
    "PlannedGroup",
    "PlannedInvolvement",
    "PlannedOutput",
    "PlannedTask",
    "ledger_plan",
    "ledger_table",
]

DATA = Path(__file__).resolve().parent / "data"


@cache
def ledger_table(slug: str) -> dict[str, Any] | None:
    """The table ``data/<slug>.json`` a demo cluster's ledger is drawn from (None: the
    cluster has no ledger)."""
    path = DATA / f"{slug}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


class _Planner(ActivityDraw, ContactDraw):
    def build(self) -> LedgerPlan:
        scale = self.table["scale"]
        earlier, recent = self.periods
        windows = [
            Window(earlier, self._active_set(scale["active_before"], include_former=True)),
            Window(recent, self._active_set(scale["active"], include_former=False)),
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
