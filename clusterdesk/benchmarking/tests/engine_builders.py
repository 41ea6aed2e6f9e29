"""Small builders of the engine's facts for its tests: every fact by hand, no database.

The assessment date is Monday 15 June 2026 unless a test says otherwise: its last 12 months run
from 16 June 2025, its last 24 months from 16 June 2024, its last four completed quarters are
April 2025 to March 2026 and its last closed year is 2025.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from clusterdesk.benchmarking.engine import (
    UNKNOWN,
    ActivityFact,
    Answer,
    BudgetLineFact,
    ClusterFacts,
    CommitmentFact,
    Framework,
    GovernancePoint,
    IndicatorResult,
    ParticipantFact,
    PlanActionFact,
    SiteFact,
    StaffFact,
    StoryFact,
    StrategyFact,
    WorkingGroupFact,
    assess,
    default_framework,
    default_framework_text,
    load_framework,
)
from clusterdesk.benchmarking.engine.results import MinimumResult
from clusterdesk.benchmarking.engine.scoring import evaluate_indicator

AS_OF = date(2026, 6, 15)
YESTERDAY = AS_OF - timedelta(days=1)
YEAR_BEFORE = date(2025, 6, 15)  # exactly 12 months before AS_OF: outside the last 12 months
LAST_CLOSED_YEAR = 2025
SERVICE_QUESTIONS = tuple(f"service_area_{number}_last_delivery" for number in range(1, 5))
SURVEY_QUESTION = "satisfaction_survey_closed_on"
GOVERNANCE_KEYS = (
    "statutes",
    "legal_form",
    "general_manager",
    "general_assembly",
    "industry_board",
    "advisory_boards",
)

_ids = itertools.count(1)


@cache
def framework() -> Framework:
    return default_framework()


def member(
    category: str = "industry_sme",
    *,
    committed: bool = True,
    contact: date | None = None,
    active_days: float | str = 0,
    international: bool = False,
) -> ParticipantFact:
    number = next(_ids)
    return ParticipantFact(
        id=number,
        name=f"Participant {number}",
        category=category,
        committed=committed,
        last_contact_on=contact,
        active_days=Decimal(str(active_days)),
        international=international,
    )


def members(count: int, category: str = "industry_sme", **fields: object) -> list[ParticipantFact]:
    return [member(category, **fields) for _ in range(count)]  # type: ignore[arg-type]


def staff_member(
    *,
    training_days: float | str = 3,
    fte: str = "1",
    post: str | None = None,
    started_on: date = date(2019, 1, 1),
    ended_on: date | None = None,
    job_description: bool = True,
) -> StaffFact:
    number = next(_ids)
    return StaffFact(
        id=number,
        name=f"Staff {number}",
        post=post or f"Post {number}",
        fte=Decimal(fte),
        started_on=started_on,
        ended_on=ended_on,
        has_job_description=job_description,
        training_days=Decimal(str(training_days)),
    )


def governance(met: int = 6, not_met: int = 0, unrecorded: int = 0) -> tuple[GovernancePoint, ...]:
    """The six points in their order: ``met`` first, then ``not_met``, then ``unrecorded``."""
    decisions = [True] * met + [False] * not_met + [None] * unrecorded
    return tuple(
        GovernancePoint(key, key.replace("_", " "), decision)
        for key, decision in zip(GOVERNANCE_KEYS, decisions, strict=True)
    )


def working_group(*, members: int = 5, met_on: date | None = YESTERDAY) -> WorkingGroupFact:
    number = next(_ids)
    return WorkingGroupFact(number, f"Group {number}", members, met_on)


def budget_line(
    actual: float | str | None,
    *,
    private: bool,
    source: str | None = None,
    year: int = LAST_CLOSED_YEAR,
) -> BudgetLineFact:
    number = next(_ids)
    source = source or ("membership_fees" if private else "regional_public")
    amount = None if actual is None else Decimal(str(actual))
    return BudgetLineFact(number, year, source, f"Line {number} ({source})", amount, private)


def commitment(starts_on: date, runs_to: date) -> CommitmentFact:
    number = next(_ids)
    return CommitmentFact(number, f"Funder {number}", starts_on, runs_to)


def strategy(updated_on: date) -> StrategyFact:
    number = next(_ids)
    return StrategyFact(number, f"Strategy {number}", updated_on)


def plan_action(
    year: int,
    *,
    measurable: bool = True,
    has_target: bool = True,
    achieved: bool | None = True,
    cancelled: bool = False,
) -> PlanActionFact:
    number = next(_ids)
    return PlanActionFact(
        number, year, f"Action {number}", measurable, has_target, achieved, cancelled
    )


def activity(starts_on: date, *, international: bool = False) -> ActivityFact:
    number = next(_ids)
    return ActivityFact(number, f"Activity {number}", "working_group", starts_on, international)


def story(published_on: date | None, *, complete: bool = True) -> StoryFact:
    number = next(_ids)
    return StoryFact(number, f"Story {number}", published_on, complete)


def site(*languages: str, updated_on: date | None = YESTERDAY, contact: bool = True) -> SiteFact:
    number = next(_ids)
    return SiteFact(number, f"https://site{number}.example", languages, updated_on, contact)


def answers(**values: str | date) -> dict[str, Answer]:
    """Questionnaire answers by question id; a date is given as the questionnaire stores it."""
    return {
        question: Answer(
            next(_ids),
            question,
            value.isoformat() if isinstance(value, date) else value,
            AS_OF,
            "Maria Manager",
        )
        for question, value in values.items()
    }


def service_answers(*delivered_on: date | None) -> dict[str, Answer]:
    """The four service-area questions in order; None leaves that area unanswered."""
    given = {q: day for q, day in zip(SERVICE_QUESTIONS, delivered_on, strict=False) if day}
    return answers(**given)


def cluster(as_of: date = AS_OF, **fields: object) -> ClusterFacts:
    """Facts as of ``as_of``; lists are turned into the tuples the engine keeps."""
    plain = {
        key: tuple(value) if isinstance(value, list) else value for key, value in fields.items()
    }
    return ClusterFacts(as_of=as_of, **plain)  # type: ignore[arg-type]


def result(
    indicator_id: str, facts: ClusterFacts, using: Framework | None = None
) -> IndicatorResult:
    indicator = (using or framework()).indicator(indicator_id)
    return evaluate_indicator(indicator, facts, facts.windows)


def minimum(minimum_id: str, facts: ClusterFacts) -> MinimumResult:
    found = assess(framework(), facts).minimums
    return next(outcome for outcome in found if outcome.id == minimum_id)


def assert_unknown(outcome: IndicatorResult, code: str, where: str) -> None:
    """Unknown, not a silent zero: no value, nothing earned, and the gap that says why."""
    assert outcome.status == UNKNOWN
    assert outcome.value is None
    assert outcome.earned == 0
    assert [(gap.code, gap.where) for gap in outcome.gaps] == [(code, where)]


def gap_codes(outcome: IndicatorResult | MinimumResult) -> list[str]:
    return [gap.code for gap in outcome.gaps]


def counted_labels(outcome: IndicatorResult) -> list[str]:
    """The labels of the records counted towards the value."""
    return [item.label for group in outcome.evidence if group.counted for item in group.items]


def excellent_cluster(as_of: date = AS_OF) -> ClusterFacts:
    """A cluster that reaches every indicator (excellent where the framework has a level for
    it) and every minimum requirement on 15 June 2026."""
    people = [
        *members(34, "industry_sme", contact=YESTERDAY, active_days=3, international=True),
        *members(3, "industry_large", contact=YESTERDAY, active_days=3, international=True),
        *(
            member(category, contact=YESTERDAY, active_days=3, international=True)
            for category in ("research", "education", "intermediary")
        ),
    ]
    return cluster(
        as_of,
        founded_on=date(2015, 1, 1),
        local_languages=("it",),
        target_languages=("de",),
        participants=people,
        contacts_recorded=True,
        activities_recorded=True,
        staff=[staff_member(post="Cluster manager"), staff_member(post="Project officer")],
        governance=governance(6),
        working_groups=[working_group() for _ in range(4)],
        budget_lines=[
            budget_line(60_000, private=True, source="membership_fees"),
            budget_line(30_000, private=False, source="eu_public"),
            budget_line(10_000, private=False, source="regional_public"),
        ],
        commitments=[commitment(date(2026, 1, 1), date(2028, 12, 31))],
        strategies=[strategy(date(2026, 1, 10))],
        plan_actions=[
            *(plan_action(2026) for _ in range(5)),
            *(plan_action(2025) for _ in range(5)),
        ],
        activities=[
            activity(day, international=True)
            for day in (date(2025, 5, 10), date(2025, 8, 10), date(2025, 11, 10), date(2026, 2, 10))
        ],
        stories=[story(date(2026, 1, 1)), story(date(2025, 9, 1)), story(date(2025, 3, 1))],
        sites=[site("it", "en", "de")],
        answers={
            **service_answers(*[date(2026, 5, 1)] * 4),
            **answers(**{SURVEY_QUESTION: date(2026, 3, 1)}),
        },
    )


def changed(facts: ClusterFacts, **fields: object) -> ClusterFacts:
    plain = {
        key: tuple(value) if isinstance(value, list) else value for key, value in fields.items()
    }
    return replace(facts, **plain)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- framework copies


def indicator_block(text: str, indicator_id: str) -> tuple[int, int]:
    """Where the ``[[indicator]]`` table with this id starts and ends in the file's text."""
    starts = [match.start() for match in re.finditer(r"^\[\[", text, flags=re.MULTILINE)]
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        if re.search(rf'^id = "{indicator_id}"$', text[start:end], flags=re.MULTILINE):
            return start, end
    raise KeyError(indicator_id)


def with_indicator_line(text: str, indicator_id: str, key: str, line: str | None) -> str:
    """The text with ``key = …`` of one indicator replaced by ``line`` (removed when None;
    added when the indicator has no such key)."""
    start, end = indicator_block(text, indicator_id)
    block = text[start:end]
    pattern = rf"^{key} = .*\n"
    if re.search(pattern, block, flags=re.MULTILINE):
        block = re.sub(pattern, "" if line is None else line + "\n", block, flags=re.MULTILINE)
    elif line is not None:
        block = block.replace(f'id = "{indicator_id}"\n', f'id = "{indicator_id}"\n{line}\n')
    return text[:start] + block + text[end:]


def without_indicator(text: str, indicator_id: str) -> str:
    start, end = indicator_block(text, indicator_id)
    return text[:start] + text[end:]


def default_text() -> str:
    return default_framework_text()


def framework_from(text: str) -> Framework:
    return load_framework(text)
