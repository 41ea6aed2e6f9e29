"""What the engine is given: the cluster's facts as of a date, as plain frozen dataclasses.

The gatherer (``clusterdesk.benchmarking.facts``) reads them from the database in a fixed
number of queries; tests build them by hand. Per-participant figures that need a sum over a
period (active days, international involvement, training days) arrive already summed over the
windows that ``Windows.of(as_of)`` defines here, so the periods are written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from clusterdesk.lib.periods import Period, last_months, quarter_of, quarters_before

# Participant categories (the values the registry stores).
INDUSTRY = frozenset({"industry_sme", "industry_large"})
SME = "industry_sme"
RESEARCH = frozenset({"research"})
EDUCATION = frozenset({"education"})
SUPPORT = frozenset({"intermediary", "public_body", "finance", "marketing_media", "other"})


@dataclass(frozen=True)
class Windows:
    """The periods the indicators count in, on the assessment date."""

    as_of: date
    last_12_months: Period
    last_24_months: Period
    quarters: tuple[Period, ...]  # the last four completed calendar quarters, oldest first
    current_quarter: Period
    last_closed_year: int

    @classmethod
    def of(cls, as_of: date) -> Windows:
        return cls(
            as_of=as_of,
            last_12_months=last_months(as_of, 12),
            last_24_months=last_months(as_of, 24),
            quarters=tuple(quarters_before(as_of, 4, include_current=False)),
            current_quarter=quarter_of(as_of),
            last_closed_year=as_of.year - 1,
        )

    @property
    def activities_from(self) -> date:
        """The first day the activity facts must cover (the oldest quarter or 12 months)."""
        return min(self.quarters[0].first, self.last_12_months.first)


class ParticipantFact(NamedTuple):
    """A current participant (former ones are not given). A named tuple, not a dataclass: an
    assessment builds 20,000 of them and a tuple is made several times faster."""

    id: int
    name: str
    category: str
    committed: bool
    last_contact_on: date | None = None  # the latest personal contact on or before as_of
    active_days: Decimal = Decimal(0)  # active days in activities starting in the last 12 months
    international: bool = False  # involved in an international activity in the last 12 months


@dataclass(frozen=True)
class StaffFact:
    id: int
    name: str
    post: str
    fte: Decimal
    started_on: date
    ended_on: date | None
    has_job_description: bool
    training_days: Decimal = Decimal(0)  # in the last 12 months

    def in_post(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


@dataclass(frozen=True)
class GovernancePoint:
    """One of the six governance points; ``met`` None when nothing recorded decides it."""

    key: str
    label: str
    met: bool | None
    detail: str = ""


@dataclass(frozen=True)
class WorkingGroupFact:
    id: int
    name: str
    members: int
    last_meeting_on: date | None  # the latest meeting on or before as_of


@dataclass(frozen=True)
class BudgetLineFact:
    id: int
    year: int
    source: str
    label: str
    actual: Decimal | None
    private: bool


@dataclass(frozen=True)
class CommitmentFact:
    id: int
    funder: str
    starts_on: date
    runs_to: date


@dataclass(frozen=True)
class StrategyFact:
    id: int
    title: str
    updated_on: date


@dataclass(frozen=True)
class PlanActionFact:
    id: int
    year: int
    title: str
    measurable: bool  # an indicator, a target value and a budget
    has_target: bool
    achieved: bool | None  # None: no achieved value recorded
    cancelled: bool = False


@dataclass(frozen=True)
class ActivityFact:
    id: int
    title: str
    kind: str
    starts_on: date
    international: bool = False


@dataclass(frozen=True)
class StoryFact:
    id: int
    title: str
    published_on: date | None
    complete: bool


@dataclass(frozen=True)
class SiteFact:
    id: int
    url: str
    languages: tuple[str, ...]
    last_updated_on: date | None
    has_contact: bool


@dataclass(frozen=True)
class DeliveryFact:
    """The latest delivery, on or before the assessment date, of a service in one of the four
    service areas of indicator D4 (from the service portfolio's delivery log)."""

    id: int
    area: int
    service: str
    delivered_on: date


@dataclass(frozen=True)
class SurveyFact:
    """The participant satisfaction survey that closed last on or before the assessment date
    (from the surveys)."""

    id: int
    title: str
    closed_on: date


@dataclass(frozen=True)
class Answer:
    """The latest questionnaire answer given on or before the assessment date."""

    id: int
    question: str
    value: str
    answered_on: date
    answered_by: str
    has_document: bool = False

    @property
    def as_date(self) -> date | None:
        try:
            return date.fromisoformat(self.value)
        except ValueError:
            return None


@dataclass(frozen=True)
class ClusterFacts:
    as_of: date
    founded_on: date | None = None
    local_languages: tuple[str, ...] = ()
    target_languages: tuple[str, ...] = ()
    participants: tuple[ParticipantFact, ...] = ()
    contacts_recorded: bool = False  # any personal contact on or before as_of
    activities_recorded: bool = False  # any activity starting on or before as_of
    staff: tuple[StaffFact, ...] = ()
    governance: tuple[GovernancePoint, ...] = ()
    working_groups: tuple[WorkingGroupFact, ...] = ()
    budget_lines: tuple[BudgetLineFact, ...] = ()
    commitments: tuple[CommitmentFact, ...] = ()
    strategies: tuple[StrategyFact, ...] = ()
    plan_actions: tuple[PlanActionFact, ...] = ()
    activities: tuple[ActivityFact, ...] = ()  # starting from Windows.activities_from to as_of
    stories: tuple[StoryFact, ...] = ()
    sites: tuple[SiteFact, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=dict)
    deliveries: Mapping[int, DeliveryFact] = field(default_factory=dict)
    """Service area (1–4) → its latest delivery; an area never delivered is absent."""
    deliveries_recorded: bool = False  # any delivery logged on or before as_of
    satisfaction_survey: SurveyFact | None = None

    @property
    def windows(self) -> Windows:
        return Windows.of(self.as_of)

    @property
    def committed(self) -> tuple[ParticipantFact, ...]:
        return tuple(participant for participant in self.participants if participant.committed)
