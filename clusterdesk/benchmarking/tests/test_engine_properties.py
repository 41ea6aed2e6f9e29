"""Properties of the engine that hold for any facts (hypothesis): statuses move one way with
the value, the score is the earned weight over the total, a value that cannot be computed is
unknown and earns nothing, shares are counted over the records listed, and peer quartiles and
positions are ordered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from clusterdesk.benchmarking.engine import (
    COMPUTATIONS,
    EXCELLENT,
    MET,
    NOT_MET,
    UNKNOWN,
    assess,
    better,
    position,
    quartiles,
    status_of,
)
from clusterdesk.benchmarking.engine.peers import HIGHER, LOWER

from .engine_builders import (
    AS_OF,
    changed,
    cluster,
    excellent_cluster,
    framework,
    governance,
    member,
    result,
    strategy,
)

RANK = {NOT_MET: 0, MET: 1, EXCELLENT: 2}
INDICATORS = framework().indicators
CATEGORIES = ["industry_sme", "industry_large", "research", "education", "intermediary", "other"]


def thresholds() -> list[float]:
    found = {0.0, 1.0}
    for indicator in INDICATORS:
        for condition in (indicator.met, indicator.excellent):
            for clause in condition.clauses if condition else ():
                found |= {clause.threshold, clause.threshold + 0.01, clause.threshold - 0.01}
    return sorted(found)


values = st.one_of(
    st.floats(min_value=-1, max_value=200, allow_nan=False), st.sampled_from(thresholds())
)
parts = st.fixed_dictionaries(
    {"sme_active": st.integers(0, 3).map(float), "target_languages": st.sampled_from([0.0, 1.0])}
)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
past_days = st.dates(min_value=date(2019, 1, 1), max_value=AS_OF)


# --------------------------------------------------------------------------- statuses


@given(st.sampled_from(INDICATORS), values, values, parts)
def test_a_better_value_never_lowers_the_status_of_any_indicator(indicator, one, other, named):
    low, high = sorted((one, other))
    if better(indicator) == LOWER:  # months since an update: fewer is better
        low, high = high, low
    worse, improved = status_of(indicator, low, named), status_of(indicator, high, named)
    assert RANK[worse] <= RANK[improved]


@given(st.sampled_from(INDICATORS), parts)
def test_an_indicator_without_a_value_is_unknown(indicator, named):
    assert status_of(indicator, None, named) == UNKNOWN


@given(st.lists(st.booleans(), min_size=1, max_size=40), st.data())
def test_reaching_one_more_participant_never_lowers_contact_reach(reached, data):
    people = [member(contact=AS_OF if flag else None) for flag in reached]
    before = result("B4", cluster(participants=people, contacts_recorded=True))
    unreached = [number for number, flag in enumerate(reached) if not flag]
    if unreached:
        number = data.draw(st.sampled_from(unreached))
        people[number] = people[number]._replace(last_contact_on=AS_OF)
    after = result("B4", cluster(participants=people, contacts_recorded=True))
    assert RANK[before.status] <= RANK[after.status]
    assert before.value <= after.value


@given(days, days, days)
def test_a_more_recent_strategy_never_lowers_its_status(as_of, one, other):
    older, newer = sorted(min(day, as_of) for day in (one, other))
    old = result("D1", cluster(as_of, strategies=[strategy(older)]))
    new = result("D1", cluster(as_of, strategies=[strategy(newer)]))
    assert new.value <= old.value
    assert RANK[old.status] <= RANK[new.status]


# --------------------------------------------------------------------------- the score

EMPTIED = [
    "participants",
    "staff",
    "governance",
    "working_groups",
    "budget_lines",
    "commitments",
    "strategies",
    "plan_actions",
    "activities",
    "stories",
    "sites",
    "answers",
    "local_languages",
]


@st.composite
def clusters(draw):
    facts = excellent_cluster()
    cleared = draw(st.sets(st.sampled_from(EMPTIED)))
    fields = {name: {} if name == "answers" else () for name in cleared}
    met = draw(st.integers(0, 6))
    not_met = draw(st.integers(0, 6 - met))
    fields["governance"] = governance(met, not_met, 6 - met - not_met)
    fields["founded_on"] = draw(st.none() | past_days)
    fields["contacts_recorded"] = draw(st.booleans())
    if draw(st.booleans()):
        fields["strategies"] = [strategy(draw(past_days))]
    return changed(facts, **fields)


weights = st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]), min_size=23, max_size=23)


@given(clusters(), weights)
def test_the_score_is_between_0_and_1_and_is_the_earned_weight_over_the_total(facts, chosen):
    weighted = replace(
        framework(),
        indicators=tuple(
            replace(indicator, weight=weight)
            for indicator, weight in zip(INDICATORS, chosen, strict=True)
        ),
    )
    assessment = assess(weighted, facts)
    assert 0 <= assessment.score <= 1
    assert assessment.total_weight == sum(chosen)
    reached = [row.weight for row in assessment.indicators if row.status in (MET, EXCELLENT)]
    assert assessment.earned == sum(reached)
    assert assessment.score == assessment.earned / sum(chosen)
    assert sum(area.earned for area in assessment.areas) == assessment.earned
    assert assessment.readiness.gold_ready == (
        assessment.readiness.bronze_eligible and assessment.score >= 0.80
    )


@given(clusters())
def test_an_indicator_whose_value_is_none_is_unknown_and_earns_nothing(facts):
    assessment = assess(framework(), facts)
    for row in assessment.indicators:
        if row.value is None:
            assert row.status == UNKNOWN
            assert row.earned == 0
            assert row.gaps, f"{row.id} is unknown without saying what is missing"
        assert row.earned == (row.weight if row.is_reached else 0)
    assert assessment.unknown == sum(area.unknown for area in assessment.areas)


# --------------------------------------------------------------------------- shares

people = st.lists(
    st.builds(
        member,
        st.sampled_from(CATEGORIES),
        committed=st.booleans(),
        contact=st.none() | st.sampled_from([AS_OF, date(2025, 6, 15), date(2025, 6, 16)]),
        active_days=st.sampled_from(["0", "1", "1.5", "2", "3"]),
        international=st.booleans(),
    ),
    max_size=30,
)
SHARES = ["committed_share", "industry_share", "contact_reach", "active_involvement"]
SHARES.append("international_share")


@given(people, st.sampled_from(SHARES))
def test_a_share_is_the_records_counted_over_the_records_considered(participants, name):
    facts = cluster(participants=participants, contacts_recorded=True, activities_recorded=True)
    measured = COMPUTATIONS[name](facts, facts.windows)
    if measured.value is None:
        assert measured.gaps
        return
    counted = [item for group in measured.evidence if group.counted for item in group.items]
    assert measured.parts["numerator"] == len(counted)
    assert measured.value == measured.parts["numerator"] / measured.parts["denominator"]
    assert 0 <= measured.value <= 1


@given(people)
def test_each_share_counts_what_its_definition_says(participants):
    facts = cluster(participants=participants, contacts_recorded=True, activities_recorded=True)
    committed = [p for p in participants if p.committed]
    window = facts.windows.last_12_months
    expected = {
        "committed_share": (len(committed), len(participants)),
        "industry_share": (
            sum(p.category.startswith("industry") for p in committed),
            len(committed),
        ),
        "contact_reach": (
            sum(p.last_contact_on in window for p in participants),
            len(participants),
        ),
        "active_involvement": (sum(p.active_days >= 2 for p in participants), len(participants)),
        "international_share": (sum(p.international for p in committed), len(committed)),
    }
    for name, (part, whole) in expected.items():
        measured = COMPUTATIONS[name](facts, facts.windows)
        assert measured.value == (part / whole if whole else None), name


def improved(indicator_id: str, participants: list, k: int) -> list:
    """The participants after the k improvements "more needed" counts for the indicator."""
    if indicator_id == "A3":  # k more committed companies join
        return [*participants, *(member("industry_sme") for _ in range(k))]
    window = cluster().windows.last_12_months
    can_improve, change = {
        "A2": (lambda p: not p.committed, {"committed": True}),
        "B4": (lambda p: p.last_contact_on not in window, {"last_contact_on": AS_OF}),
        "B5": (lambda p: p.active_days < 2, {"active_days": Decimal(2)}),
        "E4": (lambda p: p.committed and not p.international, {"international": True}),
    }[indicator_id]
    chosen = [number for number, p in enumerate(participants) if can_improve(p)][:k]
    assert len(chosen) == k, "more needed asks for more records than there are to improve"
    return [p._replace(**change) if n in chosen else p for n, p in enumerate(participants)]


@given(people, st.sampled_from(["A2", "A3", "B4", "B5", "E4"]))
def test_more_needed_for_a_share_is_the_fewest_records_that_meet_its_threshold(
    participants, indicator_id
):
    clause = framework().indicator(indicator_id).met.value_clause

    def share_after(k: int) -> float:
        facts = cluster(
            participants=improved(indicator_id, participants, k),
            contacts_recorded=True,
            activities_recorded=True,
        )
        return result(indicator_id, facts).value

    outcome = result(
        indicator_id,
        cluster(participants=participants, contacts_recorded=True, activities_recorded=True),
    )
    if outcome.value is None or clause.holds(outcome.value):
        assert outcome.more_needed is None
        return
    k = int(outcome.more_needed)
    assert k == outcome.more_needed >= 1
    assert clause.holds(share_after(k))
    assert not clause.holds(share_after(k - 1))


@given(st.integers(1, 60), days)
def test_a_cluster_where_everyone_was_contacted_yesterday_has_full_reach(count, as_of):
    yesterday = as_of - timedelta(days=1)
    everyone = [member(contact=yesterday) for _ in range(count)]
    outcome = result("B4", cluster(as_of, participants=everyone, contacts_recorded=True))
    assert outcome.value == 1.0
    assert outcome.status == EXCELLENT


# --------------------------------------------------------------------------- peers

samples = st.lists(
    st.none() | st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), max_size=40
)


@given(samples)
def test_quartiles_are_ordered_within_the_values_and_hidden_below_the_minimum(raw):
    known = [value for value in raw if value is not None]
    stats = quartiles(raw, minimum=5)
    if len(known) < 5:
        assert stats is None
        return
    assert stats.count == len(known)
    assert min(known) <= stats.q1 <= stats.median <= stats.q3 <= max(known)


@given(
    st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=5, max_size=30),
    st.floats(min_value=-10, max_value=110, allow_nan=False),
    st.floats(min_value=-10, max_value=110, allow_nan=False),
    st.sampled_from([HIGHER, LOWER]),
)
def test_position_is_a_quarter_from_1_to_4_and_moves_with_the_value(raw, one, other, way):
    stats = quartiles(raw, minimum=5)
    low, high = sorted((one, other))
    low_quarter = position(low, stats, direction=way)
    high_quarter = position(high, stats, direction=way)
    assert low_quarter in (1, 2, 3, 4) and high_quarter in (1, 2, 3, 4)
    if way == HIGHER:
        assert low_quarter <= high_quarter
    else:
        assert low_quarter >= high_quarter
