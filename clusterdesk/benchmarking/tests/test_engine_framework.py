"""The indicator framework is data: the default file reads as the SPEC's table, a bad file is
refused with every problem in plain words, and a changed copy changes the results."""

from __future__ import annotations

import pytest

from clusterdesk.benchmarking.engine import (
    COMPUTATIONS,
    MET,
    NOT_MET,
    UNKNOWN,
    FrameworkError,
    assess,
    default_framework,
    load_framework,
    parse_framework,
)
from clusterdesk.benchmarking.engine.framework import Clause, parse_condition

from .engine_builders import (
    YESTERDAY,
    changed,
    cluster,
    default_text,
    excellent_cluster,
    members,
    result,
    with_indicator_line,
    without_indicator,
)

# The SPEC's table, "met when" and "excellent when", as conditions on the computed value.
SPEC_THRESHOLDS = {
    "A1": ("value >= 40", None),
    "A2": ("value >= 0.80", None),
    "A3": ("value > 0.70", None),
    "A4": ("value >= 3", None),
    "A5": ("value >= 4", None),
    "B1": ("value > 2", None),
    "B2": ("value >= 2", None),
    "B3": ("value >= 5", "value >= 6"),
    "B4": ("value > 0.40", "value >= 0.60"),
    "B5": ("value > 0.30 and sme_active >= 1", None),
    "B6": ("value >= 2", "value >= 4"),
    "C1": ("value >= 24", None),
    "C2": ("value > 0.20", "value > 0.50"),
    "C3": ("value >= 3", None),
    "D1": ("value <= 24", "value <= 12"),
    "D2": ("value >= 0.80", None),
    "D3": ("value > 0.80", None),
    "D4": ("value >= 4", None),
    "D5": ("value >= 4", None),
    "E1": ("value <= 24", "value <= 12"),
    "E2": ("value >= 3", None),
    "E3": ("value >= 3", "value >= 3 and target_languages >= 1"),
    "E4": ("value >= 0.10", "value >= 0.25"),
}
SPEC_AREAS = {
    "A1": "structure",
    "B1": "management",
    "B2": "management",
    "B3": "governance",
    "B4": "cooperation",
    "C1": "financing",
    "D1": "strategy",
    "D4": "services",
    "D5": "services",
    "E1": "recognition",
}

TINY = """
[framework]
id = "tiny"
version = "1"
name = "Tiny"

[areas]
structure = "Structure"

[[indicator]]
id = "A1"
area = "structure"
name = "Committed participants"
computation = "committed_participants"
met = "value >= 40"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        load_framework(text)
    assert str(caught.value) == "; ".join(caught.value.problems)
    return caught.value.problems


# --------------------------------------------------------------------------- the default file


def test_the_default_framework_has_the_23_indicators_of_the_spec_in_order():
    framework = default_framework()
    assert [indicator.id for indicator in framework.indicators] == list(SPEC_THRESHOLDS)
    assert (framework.id, framework.version) == ("clusterdesk-default", "2026.1")
    assert framework.total_weight == 23


@pytest.mark.parametrize("indicator_id", list(SPEC_THRESHOLDS))
def test_each_default_indicator_has_the_spec_thresholds_and_what_a_person_needs(indicator_id):
    indicator = default_framework().indicator(indicator_id)
    met, excellent = SPEC_THRESHOLDS[indicator_id]
    assert indicator.met.text == met
    assert (indicator.excellent.text if indicator.excellent else None) == excellent
    assert indicator.weight == 1
    assert indicator.effort in (1, 2, 3)
    assert indicator.area in default_framework().areas
    assert indicator.name and indicator.definition and indicator.recommendation
    assert indicator.where
    if indicator_id in SPEC_AREAS:
        assert indicator.area == SPEC_AREAS[indicator_id]


def test_the_default_framework_has_the_four_minimum_requirements():
    minimums = {minimum.id: minimum.met.text for minimum in default_framework().minimums}
    assert minimums == {
        "M1": "value >= 15",
        "M2": "value >= 2",
        "M3": "value >= 0.5",
        "M4": "value >= 1",
    }


def test_the_default_framework_asks_what_no_record_answers():
    framework = default_framework()
    questions = {question.id: question for question in framework.questions}
    assert set(questions) == {
        "satisfaction_survey_closed_on",
        "service_area_1_last_delivery",
        "service_area_2_last_delivery",
        "service_area_3_last_delivery",
        "service_area_4_last_delivery",
        "label_held",
    }
    assert questions["satisfaction_survey_closed_on"].indicator == "E1"
    assert {questions[f"service_area_{n}_last_delivery"].indicator for n in range(1, 5)} == {"D4"}
    assert questions["label_held"].choices == ("none", "bronze", "silver", "gold")
    assert all(question.text for question in framework.questions)


def test_the_default_label_rules_are_the_spec_s():
    labels = default_framework().labels
    assert labels.gold_score == 0.80
    assert labels.silver_window_months == (18, 24)
    assert labels.silver_areas_improved == 3
    assert labels.peer_minimum == 5


def test_two_loads_of_one_file_have_one_digest_and_a_changed_file_another():
    first, second = default_framework(), default_framework()
    assert first == second
    assert len(first.digest) == 64
    assert load_framework(default_text() + "\n# a comment\n").digest != first.digest


# --------------------------------------------------------------------------- bad files


def test_a_file_that_is_not_toml_says_so():
    problems = problems_of('[framework\nid = "x"')
    assert len(problems) == 1
    assert problems[0].startswith("The file is not valid TOML: ")


def test_a_bad_file_lists_every_problem_at_once_in_plain_words():
    text = (
        TINY.replace("[areas]", "[labels]\npeer_minimum = 3\n\n[areas]")
        + """
[[indicator]]
id = "A1"
area = "finance"
name = "Again"
computation = "magic"
met = "value >> 3"
weight = 0

[[indicator]]
id = "A3"
area = "structure"
name = "Negative"
computation = "industry_share"
met = "value > 0.70"
weight = -2
effort = 5

[[minimum]]
id = "M1"
name = "Fifteen"
computation = "nothing"
met = "value >= 15"

[[question]]
id = "which"
kind = "choice"
text = "Which?"
"""
    )
    assert problems_of(text) == [
        "indicator A1: the id is used twice.",
        "indicator A1: the area “finance” is not one of [areas].",
        "indicator A1: the engine does not know the computation “magic”.",
        "indicator A1: “value >> 3” is not a condition such as “value >= 0.8”.",
        "indicator A1: the weight must be a number above zero.",
        "indicator A3: the weight must be a number above zero.",
        "indicator A3: the effort must be 1, 2 or 3.",
        "minimum requirement M1: the engine does not know the computation “nothing”.",
        "question which: a choice question needs its choices.",
        "[labels]: peer_minimum cannot be below 5 (peers must stay anonymous).",
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("met", None), "indicator A1: “met” is missing."),
        (("computation", None), "indicator A1: “computation” is missing."),
        (("unit", 'unit = "kilograms"'), "indicator A1: the unit “kilograms” is not one of"),
        (("weight", 'weight = "heavy"'), "indicator A1: the weight must be a number above zero."),
        (("weight", "weight = -0.5"), "indicator A1: the weight must be a number above zero."),
        (("met", 'met = "value > 30 %"'), "indicator A1: “value > 30 %” is not a condition"),
        (("excellent", 'excellent = "more"'), "indicator A1: “more” is not a condition"),
    ],
)
def test_a_bad_indicator_line_is_named_in_plain_words(change, problem):
    key, line = change
    problems = problems_of(with_indicator_line(TINY, "A1", key, line))
    assert len(problems) == 1
    assert problems[0].startswith(problem)


@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        ("peer_minimum = 4", "[labels]: peer_minimum cannot be below 5"),
        ("gold_score = 1.5", "[labels]: gold_score is a fraction between 0 and 1"),
        ('gold_score = "high"', "[labels]: gold_score, silver_window_months"),
        ("silver_window_months = [18]", "[labels]: gold_score, silver_window_months"),
    ],
)
def test_bad_label_rules_are_refused(labels, problem):
    problems = problems_of(TINY.replace("[areas]", f"[labels]\n{labels}\n\n[areas]"))
    assert problems[0].startswith(problem)


def test_a_file_without_a_head_areas_or_indicators_says_what_is_missing():
    assert problems_of("") == [
        "[framework]: “id” is missing.",
        "[framework]: “version” is missing.",
        "[framework]: “name” is missing.",
        "[areas]: name at least one area.",
    ]
    head_only = TINY.split("[[indicator]]")[0]
    assert problems_of(head_only) == ["The framework has no [[indicator]]."]


def test_a_peer_minimum_of_five_or_more_is_accepted():
    text = TINY.replace("[areas]", "[labels]\npeer_minimum = 7\n\n[areas]")
    assert load_framework(text).labels.peer_minimum == 7


# --------------------------------------------------------------------------- conditions


def test_a_condition_reads_clauses_joined_by_and():
    condition = parse_condition("value > 0.30 and sme_active >= 1")
    assert condition.clauses == (Clause("value", ">", 0.30), Clause("sme_active", ">=", 1.0))
    assert condition.names == ("value", "sme_active")
    assert condition.value_clause == Clause("value", ">", 0.30)
    assert condition.text == "value > 0.30 and sme_active >= 1"
    assert str(condition.value_clause) == "value > 0.3"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("value>=3", Clause("value", ">=", 3)),
        ("  value <= 24 ", Clause("value", "<=", 24)),
        ("value < 1", Clause("value", "<", 1)),
        ("value == 4", Clause("value", "==", 4)),
        ("value >= -1.5", Clause("value", ">=", -1.5)),
    ],
)
def test_a_condition_takes_every_comparison_with_or_without_spaces(text, clause):
    assert parse_condition(text).clauses == (clause,)


def test_a_condition_without_a_value_clause_has_none():
    assert parse_condition("sme_active >= 1").value_clause is None


@pytest.mark.parametrize(
    "text",
    ["value >> 3", "value >", "value > 0.3 and", "Value > 1", "value => 3", "value > 0.3 or x > 1"],
)
def test_a_condition_that_is_not_one_is_refused_in_plain_words(text):
    with pytest.raises(FrameworkError) as caught:
        parse_condition(text)
    assert caught.value.problems == [f"“{text}” is not a condition such as “value >= 0.8”."]


# --------------------------------------------------------------------------- changed copies


def test_a_stricter_threshold_in_a_copy_changes_the_verdict():
    stricter = load_framework(
        with_indicator_line(default_text(), "B4", "met", 'met = "value > 0.50"')
    )
    people = members(9, contact=YESTERDAY) + members(11)  # 45 % reached
    facts = cluster(participants=people, contacts_recorded=True)
    assert result("B4", facts).status == MET
    assert result("B4", facts, stricter).status == NOT_MET
    assert result("B4", facts, stricter).target == 0.50


def test_a_heavier_weight_in_a_copy_counts_more():
    heavier = load_framework(with_indicator_line(default_text(), "A1", "weight", "weight = 3"))
    everything = excellent_cluster()
    facts = changed(everything, participants=everything.participants[1:])  # 39 committed
    assessment = assess(heavier, facts)
    assert assessment.total_weight == 25
    assert assessment.indicator("A1").status == NOT_MET
    assert assessment.indicator("A1").weight == 3
    assert assessment.earned == assess(heavier, everything).earned - 3 == 22


def test_an_indicator_removed_from_a_copy_is_no_longer_assessed():
    shorter = load_framework(without_indicator(default_text(), "A5"))
    assessment = assess(shorter, cluster())  # A5 would be unknown: no founding date
    assert len(assessment.indicators) == 22
    assert "A5" not in [row.id for row in assessment.indicators]
    assert assessment.total_weight == 22
    assert assessment.unknown == 22


def test_a_new_version_is_recorded_in_the_assessment():
    text = default_text().replace('version = "2026.1"', 'version = "2027.1"')
    newer = load_framework(text)
    assessment = assess(newer, excellent_cluster())
    assert (assessment.framework_id, assessment.framework_version) == (
        "clusterdesk-default",
        "2027.1",
    )
    assert assessment.framework_digest == newer.digest != default_framework().digest
    assert newer.label == "clusterdesk-default 2027.1"


def test_a_condition_naming_a_part_the_computation_lacks_is_refused():
    text = with_indicator_line(default_text(), "B5", "met", 'met = "value > 0.30 and smes >= 1"')
    with pytest.raises(FrameworkError) as refused:
        load_framework(text)
    assert refused.value.problems == [
        "indicator B5: “smes” is not something “active_involvement” gives (it gives: "
        "denominator, numerator, sme_active, value)."
    ]
    # Parsed without the engine's knowledge of parts (as a bare reader would), the same typo
    # leaves the indicator unknown rather than met by accident.
    typo = parse_framework(text, known_computations=COMPUTATIONS)
    assert result("B5", excellent_cluster(), typo).status == UNKNOWN
    assert result("B5", excellent_cluster()).status == MET


def test_duplicate_minimum_and_question_ids_and_questions_on_unknown_indicators_are_refused():
    text = (
        default_text()
        + """
[[minimum]]
id = "M1"
name = "Again"
computation = "committed_participants"
met = "value >= 1"

[[question]]
id = "label_held"
kind = "yes_no"
text = "Again?"

[[question]]
id = "new_question"
kind = "yes_no"
indicator = "Z9"
text = "About nothing?"
"""
    )
    with pytest.raises(FrameworkError) as refused:
        load_framework(text)
    assert refused.value.problems == [
        "minimum requirement M1: the id is used twice.",
        "question label_held: the id is used twice.",
        "question new_question: the indicator “Z9” is not in the framework.",
    ]
