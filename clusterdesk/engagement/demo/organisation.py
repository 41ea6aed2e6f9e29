"""The plan of the demo cluster organisation itself: its team and their training, governance,
budget and funding, strategy and implementation plan, web presence and success stories.

Everything comes from the cluster's table in ``data/``, dated in months before (or after) the
reference day so that the organisation stays in step with the ledger; who sits on the board
and which participants a story names are drawn from the registry and the ledger's projects.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from clusterdesk.engagement.models import (
    ActivityKind,
    BoardMember,
    CommitteeKind,
    FundingSource,
    PlanActionStatus,
)
from clusterdesk.lib.periods import add_months, month_of, months_before
from clusterdesk.participants.models import Category, Commitment

if TYPE_CHECKING:
    from .plan import LedgerPlan, Participant

INDUSTRY = (Category.INDUSTRY_SME, Category.INDUSTRY_LARGE)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PlannedStaff:
    full_name: str
    user: str | None  # the role of the demo account this person signs in with
    post: str
    fte: Decimal
    started_on: date
    ended_on: date | None = None
    job_description: str = ""  # the text of the job description document; "" when none


@dataclass(frozen=True)
class PlannedTraining:
    staff: int  # position in OrganisationPlan.staff
    date: date
    days: Decimal
    topic: str
    provider: str


@dataclass(frozen=True)
class PlannedGovernance:
    legal_form: str
    statutes_define_benefits_and_duties: bool
    statutes_updated_on: date
    general_manager: str
    general_manager_since: date


@dataclass(frozen=True)
class PlannedAssembly:
    date: date
    notes: str


@dataclass(frozen=True)
class PlannedBoardMember:
    full_name: str
    participant: int
    board_role: str
    appointment: str
    started_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class PlannedCommittee:
    kind: str
    name: str
    started_on: date


@dataclass(frozen=True)
class PlannedBudgetLine:
    year: int
    source: str
    planned: Decimal
    actual: Decimal | None


@dataclass(frozen=True)
class PlannedCommitment:
    funder: str
    source: str
    amount: Decimal
    starts_on: date
    runs_to: date


@dataclass(frozen=True)
class PlannedStrategy:
    title: str
    adopted_on: date
    updated_on: date


@dataclass(frozen=True)
class PlannedAction:
    year: int
    title: str
    indicator: str
    target_value: Decimal | None
    unit: str
    budget: Decimal | None
    owner: str
    due_on: date
    status: str
    achieved_value: Decimal | None


@dataclass(frozen=True)
class PlannedSite:
    url: str
    languages: tuple[str, ...]
    last_updated_on: date
    contact_page_url: str


@dataclass(frozen=True)
class PlannedStory:
    title: str
    text: str
    published_on: date
    participants: tuple[int, ...]
    complexity: str = ""
    impact_on_participants: str = ""
    objectives_achieved: str = ""
    sustainability: str = ""


@dataclass
class OrganisationPlan:
    governance: PlannedGovernance
    staff: list[PlannedStaff] = field(default_factory=list)
    training: list[PlannedTraining] = field(default_factory=list)
    assemblies: list[PlannedAssembly] = field(default_factory=list)
    board: list[PlannedBoardMember] = field(default_factory=list)
    committees: list[PlannedCommittee] = field(default_factory=list)
    budget: list[PlannedBudgetLine] = field(default_factory=list)
    commitments: list[PlannedCommitment] = field(default_factory=list)
    strategies: list[PlannedStrategy] = field(default_factory=list)
    actions: list[PlannedAction] = field(default_factory=list)
    sites: list[PlannedSite] = field(default_factory=list)
    channels: list[tuple[str, str]] = field(default_factory=list)
    stories: list[PlannedStory] = field(default_factory=list)


class _OrganisationPlanner:
    def __init__(
        self,
        table: dict[str, Any],
        participants: Sequence[Participant],
        propensity: Sequence[float],
        ledger: LedgerPlan,
        today: date,
        team: dict[str, str],
        rng: random.Random,
    ) -> None:
        self.table = table
        self.participants = participants
        self.propensity = propensity
        self.ledger = ledger
        self.today = today
        self.team = team
        self.rng = rng

    def build(self) -> OrganisationPlan:
        entry = self.table["governance"]
        plan = OrganisationPlan(
            governance=PlannedGovernance(
                legal_form=entry["legal_form"],
                statutes_define_benefits_and_duties=True,
                statutes_updated_on=self._months_ago(entry["statutes_updated_months_before"]),
                general_manager=self._name(entry["general_manager"]),
                general_manager_since=self._months_ago(entry["general_manager_months_before"]),
            )
        )
        self._team(plan)
        self._governance(plan)
        self._finance(plan)
        self._strategy(plan)
        self._recognition(plan)
        return plan

    # Helpers -------------------------------------------------------------------------------

    def _name(self, name: str) -> str:
        """A name from the table; ``@manager`` is the person behind the demo account."""
        return self.team[name[1:]] if name.startswith("@") else name

    def _months_ago(self, months: int) -> date:
        return _working_day(months_before(self.today, months))

    def _committed(self, categories: Sequence[str], taken: set[int]) -> int:
        """The committed participant of these categories most likely to sit on a board."""
        candidates = [
            i
            for i, p in enumerate(self.participants)
            if p.commitment == Commitment.COMMITTED and p.category in categories and i not in taken
        ]
        weights = {i: self.propensity[i] * (1 + self.participants[i].employees) for i in candidates}
        chosen = max(candidates, key=lambda i: self.rng.random() ** (1 / weights[i]))
        taken.add(chosen)
        return chosen

    def _person(self, participant: int) -> str:
        people = self.participants[participant].people
        return people[0] if people else ""

    # Team ----------------------------------------------------------------------------------

    def _team(self, plan: OrganisationPlan) -> None:
        for entry in self.table["team"]:
            started_on = month_of(months_before(self.today, entry["started_months_before"])).first
            before = entry.get("follows")
            if before:
                # The post stood empty ``gap_days`` days before this person took it.
                self._staff(
                    plan,
                    before,
                    post=entry["post"],
                    ended_on=started_on - timedelta(days=before["gap_days"] + 1),
                )
            self._staff(plan, entry, post=entry["post"], started_on=started_on)

    def _staff(
        self,
        plan: OrganisationPlan,
        entry: dict[str, Any],
        *,
        post: str,
        started_on: date | None = None,
        ended_on: date | None = None,
    ) -> None:
        name = entry["name"]
        plan.staff.append(
            PlannedStaff(
                full_name=self._name(name),
                user=name[1:] if name.startswith("@") else None,
                post=post,
                fte=Decimal(entry["fte"]),
                started_on=started_on
                or month_of(months_before(self.today, entry["started_months_before"])).first,
                ended_on=ended_on,
                job_description=_job_description(self._name(name), post, entry),
            )
        )
        for months, days, topic, provider in entry.get("training", ()):
            plan.training.append(
                PlannedTraining(
                    staff=len(plan.staff) - 1,
                    date=self._months_ago(months),
                    days=Decimal(str(days)),
                    topic=topic,
                    provider=provider,
                )
            )

    # Governance ----------------------------------------------------------------------------

    def _governance(self, plan: OrganisationPlan) -> None:
        entry = self.table["assemblies"]
        # The last `years` assemblies held by today: before this year's assembly date, the
        # latest one is last year's (so the board's terms below always find their assembly).
        latest = self.today.year
        if _working_day(date(latest, entry["month"], entry["day"])) > self.today:
            latest -= 1
        for years in range(entry["years"] - 1, -1, -1):
            year = latest - years
            day = _working_day(date(year, entry["month"], entry["day"]))
            notes = entry["notes"].format(year=year, previous=year - 1)
            plan.assemblies.append(PlannedAssembly(day, notes))
        board = self.table["board"]
        elected = plan.assemblies[-1 - board["elected_years_before"]].date
        previous = plan.assemblies[-1 - board["elected_years_before"] - board["term_years"]].date
        taken: set[int] = set()
        for number, seat in enumerate(board["seats"]):
            categories = INDUSTRY if seat["category"] == "industry" else (seat["category"],)
            participant = self._committed(categories, taken)
            name = self._name(seat["name"]) if "name" in seat else self._person(participant)
            plan.board.append(
                PlannedBoardMember(
                    full_name=name,
                    participant=participant,
                    board_role=seat["role"],
                    appointment=BoardMember.Appointment(seat["appointment"]),
                    started_on=elected if number else previous,  # the chair was re-elected
                )
            )
        for role in board["former_roles"]:
            participant = self._committed(INDUSTRY, taken)
            plan.board.append(
                PlannedBoardMember(
                    full_name=self._person(participant),
                    participant=participant,
                    board_role=role,
                    appointment=BoardMember.Appointment.ELECTED,
                    started_on=previous,
                    ended_on=elected - timedelta(days=1),
                )
            )
        for committee in self.table["committees"]:
            plan.committees.append(
                PlannedCommittee(
                    kind=CommitteeKind(committee["kind"]),
                    name=committee["name"],
                    started_on=self._months_ago(committee["started_months_before"]),
                )
            )

    # Finance -------------------------------------------------------------------------------

    def _finance(self, plan: OrganisationPlan) -> None:
        entry = self.table["budget"]
        growth = entry["growth"]  # one factor a year, up to the year after the reference year
        first_year = self.today.year + 2 - len(growth)
        # Sources whose actual income is not booked yet for the last closed year (and so for
        # the current one): a data gap the excellence indicators show, not a zero.
        unreported = set(entry.get("unreported", ()))
        for offset, factor in enumerate(growth):
            year = first_year + offset
            for source, amount in entry["sources"].items():
                planned = _hundreds(Decimal(amount) * Decimal(str(factor)))
                actual = None
                if year <= self.today.year:
                    actual = _hundreds(planned * Decimal(str(self.rng.uniform(0.9, 1.08))))
                    if source in unreported and year >= self.today.year - 1:
                        actual = None
                plan.budget.append(PlannedBudgetLine(year, FundingSource(source), planned, actual))
        for commitment in self.table["commitments"]:
            plan.commitments.append(
                PlannedCommitment(
                    funder=commitment["funder"],
                    source=FundingSource(commitment["source"]),
                    amount=Decimal(commitment["amount"]),
                    starts_on=month_of(
                        months_before(self.today, commitment["started_months_before"])
                    ).first,
                    runs_to=month_of(add_months(self.today, commitment["runs_months_after"])).last,
                )
            )

    # Strategy and plan ---------------------------------------------------------------------

    def _strategy(self, plan: OrganisationPlan) -> None:
        for document in self.table["strategy"]:
            plan.strategies.append(
                PlannedStrategy(
                    title=document["title"],
                    adopted_on=self._months_ago(document["adopted_months_before"]),
                    updated_on=self._months_ago(document["updated_months_before"]),
                )
            )
        for key, offset in (("before", -2), ("previous", -1), ("current", 0), ("next", 1)):
            year = self.today.year + offset
            for action in self.table["plan"].get(key, ()):
                target = action.get("target")
                achieved = action.get("achieved")
                status = action.get("status") or (
                    PlanActionStatus.PLANNED if offset > 0 else PlanActionStatus.DONE
                )
                plan.actions.append(
                    PlannedAction(
                        year=year,
                        title=action["title"],
                        indicator=action.get("indicator", ""),
                        target_value=None if target is None else Decimal(str(target)),
                        unit=action.get("unit", ""),
                        budget=None if "budget" not in action else Decimal(action["budget"]),
                        owner=action["owner"],
                        due_on=month_of(date(year, action["due"], 1)).last,
                        status=PlanActionStatus(status),
                        achieved_value=None if achieved is None else Decimal(str(achieved)),
                    )
                )

    # Recognition ---------------------------------------------------------------------------

    def _recognition(self, plan: OrganisationPlan) -> None:
        site = self.table["web"]
        plan.sites.append(
            PlannedSite(
                url=site["url"],
                languages=tuple(site["languages"]),
                last_updated_on=self.today - timedelta(days=site["updated_days_before"]),
                contact_page_url=site["contact_page"],
            )
        )
        plan.channels = [(network, url) for network, url in self.table["channels"]]
        projects = {
            activity.title: index
            for index, activity in enumerate(self.ledger.activities)
            if activity.kind == ActivityKind.COLLABORATIVE_PROJECT
        }
        for story in self.table["stories"]:
            project = projects[story["project"]]
            partners = sorted(
                i.participant for i in self.ledger.involvements if i.activity == project
            )
            plan.stories.append(
                PlannedStory(
                    title=story["title"],
                    text=story["text"],
                    published_on=self._months_ago(story["published_months_before"]),
                    participants=tuple(partners),
                    complexity=story.get("complexity", ""),
                    impact_on_participants=story.get("impact_on_participants", ""),
                    objectives_achieved=story.get("objectives_achieved", ""),
                    sustainability=story.get("sustainability", ""),
                )
            )


def _job_description(name: str, post: str, entry: dict[str, Any]) -> str:
    """The job description document of a team member whose table entry lists its duties
    (``job_description``: a list of lines), or "" for one without a job description."""
    duties = entry.get("job_description")
    if not duties:
        return ""
    lines = [post, name, "", *(f"- {duty}" for duty in duties)]
    return "\n".join(lines) + "\n"


def _working_day(day: date) -> date:
    """The day itself, or the Friday before a weekend day."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _hundreds(amount: Decimal) -> Decimal:
    return (amount / HUNDRED).quantize(Decimal(1)) * HUNDRED


def organisation_plan(
    table: dict[str, Any],
    participants: Sequence[Participant],
    propensity: Sequence[float],
    ledger: LedgerPlan,
    *,
    reference_date: date,
    team: dict[str, str],
    rng: random.Random,
) -> OrganisationPlan:
    """The cluster organisation as it stands on ``reference_date`` (see the module)."""
    return _OrganisationPlanner(
        table, participants, propensity, ledger, reference_date, team, rng
    ).build()
