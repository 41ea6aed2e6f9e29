"""From indicator results to the score, the area scores, the minimum requirements and the label
readiness, by the SPEC's rules; what is missing for each level; and the snapshot's JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from clusterdesk.benchmarking.engine import (
    EXCELLENT,
    MET,
    NOT_MET,
    NOT_READY,
    READY,
    UNKNOWN,
    PastAssessment,
    assess,
    assessment_from_dict,
    assessment_to_dict,
    load_framework,
)

from .engine_builders import (
    SURVEY_QUESTION,
    YESTERDAY,
    answers,
    budget_line,
    changed,
    cluster,
    commitment,
    default_text,
    excellent_cluster,
    framework,
    governance,
    members,
    plan_action,
    result,
    service_answers,
    staff_member,
    story,
    strategy,
    with_indicator_line,
)

AREAS = (
    "structure",
    "management",
    "governance",
    "cooperation",
    "financing",
    "strategy",
    "services",
    "recognition",
)


def short(*indicator_ids: str, **more):
    """The excellent cluster with the named indicators made short (not met or unknown) without
    touching a minimum requirement."""
    breaks = {
        "A5": {"founded_on": date(2024, 1, 1)},  # two years old: not met
        "B6": {"working_groups": []},  # unknown
        "C1": {"commitments": [commitment(date(2026, 1, 1), date(2026, 12, 31))]},  # not met
        "D1": {"strategies": [strategy(date(2020, 1, 1))]},  # not met
        "D2": {"plan_actions": [plan_action(2026, measurable=False), plan_action(2025)]},
        "E2": {"stories": []},  # unknown
    }
    fields = {key: value for name in indicator_ids for key, value in breaks[name].items()}
    return changed(excellent_cluster(), **fields, **more)


SURVEY = answers(**{SURVEY_QUESTION: date(2026, 3, 1)})


def run(facts, *, earlier=(), using=None):
    return assess(using or framework(), facts, earlier=earlier)


# --------------------------------------------------------------------------- the score


def test_a_cluster_reaching_every_indicator_scores_one():
    assessment = run(excellent_cluster())
    assert (assessment.earned, assessment.total_weight, assessment.score) == (23, 23, 1.0)
    assert assessment.counts() == {EXCELLENT: 8, MET: 15, NOT_MET: 0, UNKNOWN: 0}


def test_the_score_is_the_earned_weight_over_the_total_weight():
    assessment = run(short("A5", "D1", "B6"))
    assert assessment.earned == 20
    assert assessment.score == 20 / 23
    assert [row.earned for row in assessment.indicators if not row.is_reached] == [0, 0, 0]


def test_an_unknown_indicator_earns_nothing_and_is_counted():
    assessment = run(short("B6", "E2", "D1"))
    assert assessment.unknown == 2
    assert assessment.counts()[UNKNOWN] == 2
    assert assessment.counts()[NOT_MET] == 1
    assert assessment.indicator("B6").earned == 0
    assert assessment.score == 20 / 23
    assert assessment_to_dict(assessment)["unknown"] == 2


def test_weights_from_the_framework_are_respected():
    heavier = load_framework(with_indicator_line(default_text(), "D1", "weight", "weight = 2.5"))
    assessment = run(short("D1"), using=heavier)
    assert assessment.total_weight == 24.5
    assert assessment.earned == 22
    assert assessment.score == 22 / 24.5
    assert run(excellent_cluster(), using=heavier).earned == 24.5


def test_area_scores_count_earned_total_and_unknown_per_area():
    facts = short("B6", participants=excellent_cluster().participants, contacts_recorded=False)
    areas = {area.area: area for area in run(facts).areas}
    assert tuple(areas) == AREAS
    cooperation = areas["cooperation"]
    assert (cooperation.earned, cooperation.total, cooperation.unknown) == (1, 3, 2)
    assert cooperation.score == 1 / 3
    assert areas["structure"].score == 1.0
    assert run(facts).area_scores()["cooperation"] == 1 / 3


def test_an_assessment_with_no_facts_scores_zero_with_every_indicator_unknown():
    assessment = run(cluster())
    assert (assessment.score, assessment.unknown) == (0.0, 23)
    assert all(area.unknown == area.total for area in assessment.areas)


# --------------------------------------------------------------------------- best case


@pytest.mark.parametrize(
    ("indicator_id", "fields", "gap"),
    [
        ("B3", {"governance": governance(4, 1, 1)}, "governance_point_unrecorded"),
        (
            "D3",
            {  # last year: 4 of 5 achieved (80 %), one unreported
                "plan_actions": [
                    plan_action(2026),
                    *(plan_action(2025) for _ in range(4)),
                    plan_action(2025, achieved=None),
                ]
            },
            "achievement_missing",
        ),
        (
            "D4",
            {"answers": {**service_answers(*[YESTERDAY] * 3), **SURVEY}},
            "service_area_unanswered",
        ),
        (
            "C2",
            {
                "budget_lines": [
                    budget_line("10", private=True),
                    budget_line("90", private=False, source="eu_public"),
                    budget_line("5", private=False, source="national_public"),
                    budget_line(None, private=True, source="sponsors"),
                ]
            },
            "actual_missing",
        ),
    ],
)
def test_gaps_that_could_lift_a_short_indicator_make_it_unknown(indicator_id, fields, gap):
    assessment = run(changed(excellent_cluster(), **fields))
    row = assessment.indicator(indicator_id)
    assert row.status == UNKNOWN
    assert row.value is not None  # the known part is shown…
    assert row.earned == 0  # …but earns nothing
    assert gap in [item.code for item in row.gaps]
    assert assessment.unknown == 1
    assert assessment.earned == 22


def test_gaps_that_cannot_change_the_verdict_leave_it_as_it_is():
    facts = changed(excellent_cluster(), governance=governance(5, 0, 1))
    assert result("B3", facts).status == MET
    facts = changed(excellent_cluster(), governance=governance(3, 2, 1))
    assert result("B3", facts).status == NOT_MET


# --------------------------------------------------------------------------- minimums, labels


def test_all_minimums_met_make_a_cluster_bronze_eligible():
    readiness = run(short("A5", "D1", "C1", "D2", "B6")).readiness
    assert readiness.bronze_eligible
    assert readiness.missing_bronze == ()
    assert readiness.level == "bronze"


def test_a_minimum_not_met_or_unknown_blocks_bronze_and_says_which():
    staff = [staff_member(fte="0.4")]
    readiness = run(changed(excellent_cluster(), staff=staff)).readiness
    assert not readiness.bronze_eligible
    assert [(m.code, m.params) for m in readiness.missing_bronze] == [
        ("minimum_not_met", {"id": "M3"})
    ]
    readiness = run(changed(excellent_cluster(), sites=[])).readiness
    assert [(m.code, m.params) for m in readiness.missing_bronze] == [
        ("minimum_unknown", {"id": "M4"})
    ]
    assert readiness.level == "none"


def test_gold_needs_a_score_of_80_percent_and_every_minimum():
    gold = run(short("A5", "D1", "C1", "D2")).readiness  # 19 of 23: 82.6 %
    assert gold.gold_ready and gold.level == "gold" and gold.missing_gold == ()
    short_of_it = run(short("A5", "D1", "C1", "D2", "B6"))  # 18 of 23: 78.3 %
    assert not short_of_it.readiness.gold_ready
    assert [m.code for m in short_of_it.readiness.missing_gold] == ["score_short"]
    params = short_of_it.readiness.missing_gold[0].params
    assert params["weight_more"] == 1
    assert params["short"] == ["A5", "B6", "C1", "D1", "D2"]
    assert params["needed_score"] == 0.80


def test_gold_is_ready_at_exactly_80_percent():
    heavier = load_framework(with_indicator_line(default_text(), "A1", "weight", "weight = 3"))
    exactly = run(short("A5", "D1", "C1", "D2", "B6"), using=heavier)  # 20 of 25
    assert exactly.score == 0.80
    assert exactly.readiness.gold_ready
    below = run(short("A5", "D1", "C1", "D2", "B6", "E2"), using=heavier)  # 19 of 25
    assert below.score == 0.76
    assert not below.readiness.gold_ready


def test_a_perfect_score_without_the_minimums_is_not_gold():
    readiness = run(changed(excellent_cluster(), staff=[staff_member(fte="0.4")])).readiness
    assert not readiness.gold_ready
    assert [m.code for m in readiness.missing_gold] == ["minimums_first"]


# --------------------------------------------------------------------------- silver

EVERY_AREA_HALF = dict.fromkeys(AREAS, 0.5)


def silver(*earlier, facts=None):
    return run(facts or excellent_cluster(), earlier=earlier).readiness


@pytest.mark.parametrize(
    "earlier_on",
    [date(2024, 12, 15), date(2024, 6, 15), date(2024, 9, 1)],  # 18 and 24 months: both in
)
def test_silver_compares_with_an_assessment_18_to_24_months_earlier(earlier_on):
    past = PastAssessment(7, earlier_on, EVERY_AREA_HALF)
    readiness = silver(past)
    assert readiness.silver == READY and readiness.silver_ready
    assert readiness.compared_with == past
    assert readiness.improved_areas == AREAS
    assert readiness.missing_silver == ()


@pytest.mark.parametrize(
    "earlier_on",
    [date(2025, 1, 15), date(2024, 12, 16), date(2024, 6, 14), date(2024, 5, 15)],
)
def test_silver_ignores_an_assessment_17_months_or_25_months_earlier(earlier_on):
    readiness = silver(PastAssessment(7, earlier_on, EVERY_AREA_HALF))
    assert readiness.silver == UNKNOWN
    assert readiness.compared_with is None
    assert [(m.code, m.params) for m in readiness.missing_silver] == [
        ("no_earlier_assessment", {"from": "2024-06-15", "to": "2024-12-15"})
    ]


def test_silver_is_unknown_without_an_earlier_assessment():
    readiness = silver()
    assert readiness.silver == UNKNOWN
    assert readiness.level == "gold"  # Gold does not wait for Silver


@pytest.mark.parametrize(("lower", "silver_status"), [(2, NOT_READY), (3, READY)])
def test_silver_needs_three_areas_strictly_improved(lower, silver_status):
    areas = {area: 0.5 if number < lower else 1.0 for number, area in enumerate(AREAS)}
    readiness = silver(PastAssessment("s1", date(2024, 10, 1), areas))
    assert readiness.silver == silver_status
    assert readiness.improved_areas == AREAS[:lower]
    if silver_status == NOT_READY:
        assert [(m.code, m.params) for m in readiness.missing_silver] == [
            ("areas_to_improve", {"improved": 2, "needed": 3, "more": 1})
        ]


def test_silver_takes_the_earlier_assessment_against_which_most_areas_improved():
    few = PastAssessment(1, date(2024, 11, 1), {**dict.fromkeys(AREAS, 1.0), "strategy": 0.2})
    many = PastAssessment(2, date(2024, 7, 1), EVERY_AREA_HALF)
    assert silver(few, many).compared_with == many


def test_silver_does_not_count_an_area_the_earlier_assessment_did_not_have():
    past = PastAssessment(1, date(2024, 10, 1), {"structure": 0.5, "strategy": 0.5})
    readiness = silver(past)
    assert readiness.improved_areas == ("structure", "strategy")
    assert readiness.silver == NOT_READY


def test_silver_needs_bronze_first():
    facts = changed(excellent_cluster(), staff=[staff_member(fte="0.4")])
    readiness = silver(PastAssessment(1, date(2024, 10, 1), EVERY_AREA_HALF), facts=facts)
    assert readiness.silver == NOT_READY
    assert [m.code for m in readiness.missing_silver] == ["bronze_first"]
    assert [m.code for m in silver(facts=facts).missing_silver] == [
        "bronze_first",
        "no_earlier_assessment",
    ]


def test_silver_without_gold_is_the_level_reached():
    past = PastAssessment(1, date(2024, 10, 1), dict.fromkeys(AREAS, 0.0))
    readiness = silver(past, facts=short("A5", "D1", "C1", "D2", "B6"))
    assert (readiness.silver, readiness.gold_ready, readiness.level) == (READY, False, "silver")


# --------------------------------------------------------------------------- more needed


def test_more_needed_counts_whole_participants_for_a_share():
    reach = changed(
        excellent_cluster(), participants=[*members(8, contact=YESTERDAY), *members(12)]
    )  # 8 of 20 reached: 40 %
    assert result("B4", reach).more_needed == 1  # 9 of 20 is 45 %
    committed = changed(
        excellent_cluster(), participants=[*members(7), *members(13, committed=False)]
    )  # 7 of 20 committed: 35 %
    assert result("A2", committed).more_needed == 9  # 16 of 20 is 80 %


def test_more_needed_for_the_industry_share_counts_companies_joining_the_committed():
    people = [*members(5), *members(5, "research")]  # 5 of 10 committed are companies: 50 %
    # 7 more committed companies make 12 of 17 (70.6 %); 6 more would make 11 of 16 (68.75 %).
    assert result("A3", cluster(participants=people)).more_needed == 7


@pytest.mark.parametrize(
    ("indicator_id", "fields", "more"),
    [
        ("A1", {"participants": members(31)}, 9),
        ("E2", {"stories": [story(YESTERDAY)]}, 2),
        ("D1", {"strategies": [strategy(date(2023, 6, 15))]}, 12),  # 36 months: 12 too old
        ("B1", {"staff": [staff_member(training_days="1.5")]}, 1),  # 2.5 days > 2
        ("B1", {"staff": [staff_member(training_days="2")]}, 0.5),
    ],
)
def test_more_needed_says_how_far_a_count_is_from_its_threshold(indicator_id, fields, more):
    assert result(indicator_id, cluster(**fields)).more_needed == more


def test_more_needed_is_none_when_met_or_when_it_cannot_be_said():
    assert result("A1", excellent_cluster()).more_needed is None
    assert result("B4", excellent_cluster()).more_needed is None  # excellent
    lines = [budget_line("10", private=True), budget_line("90", private=False)]
    assert result("C2", cluster(budget_lines=lines)).more_needed is None  # money, not heads


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    "facts",
    [
        excellent_cluster(),
        cluster(),
        short("B6", "D1", governance=governance(4, 1, 1), answers=service_answers(YESTERDAY)),
    ],
)
def test_an_assessment_survives_a_json_round_trip(facts):
    past = PastAssessment(3, date(2024, 9, 30), EVERY_AREA_HALF)
    assessment = run(facts, earlier=[past])
    data = json.loads(json.dumps(assessment_to_dict(assessment)))
    assert assessment_from_dict(data) == assessment
    assert data["score"] == assessment.score
    assert data["as_of"] == "2026-06-15"


def test_the_saved_json_keeps_the_framework_the_evidence_and_the_gaps():
    data = assessment_to_dict(run(short("E2")))
    assert (data["framework_id"], data["framework_version"]) == ("clusterdesk-default", "2026.1")
    b4 = next(row for row in data["indicators"] if row["id"] == "B4")
    assert b4["evidence"][0]["key"] == "reached"
    assert b4["evidence"][0]["items"][0]["on"] == YESTERDAY.isoformat()
    e2 = next(row for row in data["indicators"] if row["id"] == "E2")
    assert e2["gaps"] == [{"code": "no_stories", "where": "stories", "params": {}}]
