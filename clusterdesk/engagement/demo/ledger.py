"""The demo ledger's plan as plain data: what the planner is given of each participant, and the
contacts, tasks, working groups and their outputs, activities and involvements it draws.

Participants are referred to by their position in the list the plan is given, and the people
met by their position among their organisation's contacts, so the plan is the same whatever
ids the database hands out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .organisation import OrganisationPlan


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
    staff: tuple[str, ...]  # contacts.MANAGER, contacts.STAFF
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
