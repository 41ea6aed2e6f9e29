"""Indicators C1–E4 and minimum requirements M1–M4 of the default framework at and beside
their thresholds, exactly as the SPEC words them, and each one's unknown case. The assessment
date is 15 June 2026: the last closed year is 2025, this year's plan is 2026's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clusterdesk.benchmarking.engine import (
    EXCELLENT,
    MET,
    NOT_MET,
    UNKNOWN,
    DeliveryFact,
    SurveyFact,
)

from .engine_builders import (
    AS_OF,
    SURVEY_QUESTION,
    YEAR_BEFORE,
    YESTERDAY,
    activity,
    answers,
    assert_unknown,
    budget_line,
    cluster,
    commitment,
    counted_labels,
    gap_codes,
    member,
    members,
    minimum,
    plan_action,
    result,
    service_answers,
    site,
    staff_member,
    story,
    strategy,
)

# --------------------------------------------------------------------------- C1 ≥ 24 months


@pytest.mark.parametrize(
    ("runs_to", "months", "status"),
    [(date(2028, 6, 14), 24, MET), (date(2028, 6, 13), 23, NOT_MET), (date(2030, 1, 1), 42, MET)],
)
def test_c1_needs_24_months_secured_ahead(runs_to, months, status):
    outcome = result("C1", cluster(commitments=[commitment(date(2026, 1, 1), runs_to)]))
    assert (outcome.value, outcome.status) == (months, status)


def test_c1_follows_a_renewal_without_a_gap_and_stops_at_a_gap_of_one_day():
    first = commitment(date(2025, 1, 1), date(2026, 12, 31))
    follows = commitment(date(2027, 1, 1), date(2028, 12, 31))
    late = commitment(date(2027, 1, 2), date(2028, 12, 31))
    assert result("C1", cluster(commitments=[first, follows])).value == 30
    assert result("C1", cluster(commitments=[first, late])).value == 6


def test_c1_is_zero_months_not_unknown_when_every_commitment_has_ended():
    outcome = result("C1", cluster(commitments=[commitment(date(2024, 1, 1), date(2025, 12, 31))]))
    assert (outcome.value, outcome.status) == (0, NOT_MET)


def test_c1_without_any_commitment_is_unknown():
    assert_unknown(result("C1", cluster()), "no_commitments", "finance")


# --------------------------------------------------------------------------- C2 > 20 %, > 50 %


def private_share(private: str, public: str, *more):
    lines = [budget_line(private, private=True), budget_line(public, private=False), *more]
    return result("C2", cluster(budget_lines=lines))


@pytest.mark.parametrize(
    ("private", "public", "status"),
    [
        ("20", "80", NOT_MET),  # 20 % is not more than 20 %
        ("201", "799", MET),  # 20.1 %
        ("50", "50", MET),  # 50 % is not more than 50 %
        ("51", "49", EXCELLENT),
        ("0", "100", NOT_MET),
    ],
)
def test_c2_is_met_above_20_percent_private_and_excellent_above_50(private, public, status):
    outcome = private_share(private, public)
    assert outcome.value == int(private) / (int(private) + int(public))
    assert outcome.status == status


def test_c2_reads_only_the_last_closed_year():
    outcome = private_share("20", "80", budget_line("1000", private=True, year=2026))
    assert (outcome.value, outcome.parts["year"]) == (0.2, 2025)


def test_c2_is_unknown_when_a_private_line_lacking_its_actual_could_lift_it():
    outcome = private_share("10", "90", budget_line(None, private=True, source="sponsors"))
    assert outcome.status == UNKNOWN
    assert outcome.value == 0.1
    assert gap_codes(outcome) == ["actual_missing"]
    assert outcome.gaps[0].params["year"] == 2025
    assert "sponsors" in outcome.gaps[0].params["line"]


def test_c2_stays_met_when_a_private_line_lacks_its_actual():
    outcome = private_share("30", "70", budget_line(None, private=True))
    assert (outcome.status, outcome.earned) == (MET, 1)
    assert gap_codes(outcome) == ["actual_missing"]


def test_c2_is_unknown_without_a_budget_for_the_closed_year_or_without_actuals():
    assert_unknown(result("C2", cluster()), "no_budget", "finance")
    planned = [budget_line(None, private=True), budget_line(None, private=False)]
    assert_unknown(result("C2", cluster(budget_lines=planned)), "no_actuals", "finance")
    assert result("C2", cluster(budget_lines=planned)).gaps[0].params == {"year": 2025}


# --------------------------------------------------------------------------- C3 ≥ 3 kinds


def kinds(*lines):
    return result("C3", cluster(budget_lines=list(lines)))


def line(source: str, actual: str | None = "100"):
    return budget_line(actual, private=False, source=source)


def test_c3_is_met_with_three_kinds_of_source_and_not_with_two():
    assert kinds(line("eu_public"), line("membership_fees"), line("events")).status == MET
    outcome = kinds(line("eu_public"), line("membership_fees"), line("membership_fees"))
    assert (outcome.value, outcome.status) == (2, NOT_MET)


def test_c3_does_not_count_a_source_that_brought_nothing():
    outcome = kinds(line("eu_public"), line("membership_fees"), line("events", "0"))
    assert (outcome.value, outcome.status) == (2, NOT_MET)


def test_c3_is_unknown_when_a_line_lacking_its_actual_could_be_the_third_kind():
    outcome = kinds(line("eu_public"), line("membership_fees"), line("events", None))
    assert outcome.status == UNKNOWN
    assert gap_codes(outcome) == ["actual_missing"]
    same = kinds(line("eu_public"), line("membership_fees"), line("eu_public", None))
    assert same.status == NOT_MET


def test_c3_without_a_budget_is_unknown():
    assert_unknown(result("C3", cluster()), "no_budget", "finance")


# --------------------------------------------------------------------------- D1 ≤ 24, ≤ 12


@pytest.mark.parametrize(
    ("updated_on", "months", "status"),
    [
        (date(2024, 6, 15), 24, MET),
        (date(2024, 5, 16), 24, MET),
        (date(2024, 5, 15), 25, NOT_MET),
        (date(2025, 6, 15), 12, EXCELLENT),
        (date(2025, 5, 15), 13, MET),
        (AS_OF, 0, EXCELLENT),
    ],
)
def test_d1_is_met_within_24_months_and_excellent_within_12(updated_on, months, status):
    outcome = result("D1", cluster(strategies=[strategy(updated_on)]))
    assert (outcome.value, outcome.status) == (months, status)


def test_d1_reads_the_latest_update_on_or_before_the_assessment_date():
    old, new = strategy(date(2023, 1, 1)), strategy(date(2025, 6, 15))
    assert result("D1", cluster(strategies=[old, new])).value == 12
    future = [old, strategy(date(2026, 7, 1))]
    assert result("D1", cluster(strategies=future)).status == NOT_MET


def test_d1_without_a_strategy_is_unknown():
    assert_unknown(result("D1", cluster()), "no_strategy", "strategy")
    later = cluster(strategies=[strategy(date(2026, 7, 1))])
    assert_unknown(result("D1", later), "no_strategy", "strategy")


# --------------------------------------------------------------------------- D2 ≥ 80 %


@pytest.mark.parametrize(
    ("measurable", "total", "status"),
    [(4, 5, MET), (5, 5, MET), (3, 4, NOT_MET), (15, 19, NOT_MET)],
)
def test_d2_is_met_when_80_percent_of_this_years_actions_are_measurable(measurable, total, status):
    actions = [plan_action(2026, measurable=number < measurable) for number in range(total)]
    actions.append(plan_action(2025, measurable=False))  # last year's plan does not count
    outcome = result("D2", cluster(plan_actions=actions))
    assert (outcome.value, outcome.status) == (measurable / total, status)


def test_d2_without_this_years_plan_is_unknown():
    outcome = result("D2", cluster(plan_actions=[plan_action(2025)]))
    assert_unknown(outcome, "no_plan", "plan")
    assert outcome.gaps[0].params == {"year": 2026}


# --------------------------------------------------------------------------- D3 > 80 %


def fulfilment(*achieved: bool | None, **fields):
    actions = [plan_action(2025, achieved=done, **fields) for done in achieved]
    return result("D3", cluster(plan_actions=actions))


@pytest.mark.parametrize(
    ("achieved", "status"),
    [((True,) * 4 + (False,), NOT_MET), ((True,) * 5 + (False,), MET), ((True,) * 5, MET)],
)
def test_d3_needs_more_than_80_percent_of_last_years_targets_achieved(achieved, status):
    outcome = fulfilment(*achieved)
    assert (outcome.value, outcome.status) == (sum(achieved) / len(achieved), status)


def test_d3_counts_only_actions_with_a_target_and_a_cancelled_one_as_not_achieved():
    actions = [
        *(plan_action(2025) for _ in range(5)),
        plan_action(2025, has_target=False, achieved=None),
        plan_action(2025, achieved=None, cancelled=True),
    ]
    outcome = result("D3", cluster(plan_actions=actions))
    assert outcome.value == 5 / 6
    assert (outcome.status, outcome.gaps) == (MET, ())


def test_d3_is_unknown_when_unreported_achievements_could_lift_it_over_80_percent():
    outcome = fulfilment(True, True, True, True, None)
    assert (outcome.value, outcome.status) == (0.8, UNKNOWN)
    assert gap_codes(outcome) == ["achievement_missing"]
    assert fulfilment(True, True, True, False, None).status == NOT_MET  # 80 % at best


def test_d3_without_last_years_targets_is_unknown():
    outcome = result("D3", cluster(plan_actions=[plan_action(2026)]))
    assert_unknown(outcome, "no_plan_targets", "plan")
    assert outcome.gaps[0].params == {"year": 2025}


# --------------------------------------------------------------------------- D4 all 4 areas

RECENT = date(2026, 5, 1)


def areas(*delivered_on):
    return result("D4", cluster(answers=service_answers(*delivered_on)))


def test_d4_is_met_with_a_service_in_each_of_the_four_areas_in_the_last_12_months():
    assert (areas(RECENT, RECENT, RECENT, date(2025, 6, 16)).status) == MET
    outcome = areas(RECENT, RECENT, RECENT, YEAR_BEFORE)
    assert (outcome.value, outcome.status) == (3, NOT_MET)


def test_d4_is_unknown_when_an_unanswered_area_could_complete_it():
    outcome = areas(RECENT, RECENT, RECENT, None)
    assert outcome.status == UNKNOWN
    assert [(gap.code, gap.params) for gap in outcome.gaps] == [
        ("service_area_unanswered", {"area": 4})
    ]
    assert areas(RECENT, RECENT, YEAR_BEFORE, None).status == NOT_MET


def test_d4_without_any_answer_is_unknown():
    assert_unknown(result("D4", cluster()), "no_service_answers", "services")


def delivered(area, on, pk=None, service="Market report"):
    return DeliveryFact(pk or area, area, service, on)


def test_d4_reads_the_delivery_log_and_an_area_it_never_saw_is_not_covered():
    logged = {1: delivered(1, RECENT), 2: delivered(2, RECENT), 3: delivered(3, YEAR_BEFORE)}
    outcome = result("D4", cluster(deliveries=logged, deliveries_recorded=True))
    # area 3's delivery is too old and area 4 never had one: both are plainly not covered
    assert (outcome.value, outcome.status, outcome.gaps) == (2, NOT_MET, ())
    [covered, not_covered] = outcome.evidence
    assert [(item.kind, item.id, item.label, item.note) for item in covered.items] == [
        ("delivery", 1, "area_1", "Market report"),
        ("delivery", 2, "area_2", "Market report"),
    ]
    assert [item.label for item in not_covered.items] == ["area_3"]


def test_d4_takes_the_later_of_the_log_and_the_questionnaire_for_each_area():
    logged = {area: delivered(area, YEAR_BEFORE) for area in (1, 2, 3, 4)}
    facts = cluster(
        deliveries=logged,
        deliveries_recorded=True,
        answers=service_answers(RECENT, RECENT, RECENT, RECENT),
    )
    outcome = result("D4", facts)
    assert (outcome.value, outcome.status) == (4, MET)
    assert {item.kind for item in outcome.evidence[0].items} == {"answer"}
    newer = {area: delivered(area, RECENT) for area in (1, 2, 3, 4)}
    outcome = result("D4", cluster(deliveries=newer, deliveries_recorded=True))
    assert {item.kind for item in outcome.evidence[0].items} == {"delivery"}


# --------------------------------------------------------------------------- D5 4 of 4 quarters

QUARTERS = [date(2025, 4, 1), date(2025, 8, 10), date(2025, 11, 10), date(2026, 3, 31)]


def regularity(*days):
    return result(
        "D5", cluster(activities=[activity(day) for day in days], activities_recorded=True)
    )


def test_d5_is_met_with_an_activity_in_each_of_the_last_four_completed_quarters():
    outcome = regularity(*QUARTERS)
    assert (outcome.value, outcome.status) == (4, MET)


def test_d5_does_not_let_this_quarter_or_an_older_one_fill_a_missing_quarter():
    outcome = regularity(date(2025, 3, 31), *QUARTERS[1:], date(2026, 4, 1))
    assert (outcome.value, outcome.status) == (3, NOT_MET)
    assert [group.counted for group in outcome.evidence] == [False, True, True, True]


def test_d5_is_unknown_when_no_activity_was_ever_recorded():
    assert_unknown(result("D5", cluster()), "no_activities", "activities")


# --------------------------------------------------------------------------- E1 ≤ 24, ≤ 12


@pytest.mark.parametrize(
    ("closed_on", "months", "status"),
    [
        (date(2024, 6, 15), 24, MET),
        (date(2024, 5, 15), 25, NOT_MET),
        (date(2025, 6, 15), 12, EXCELLENT),
        (date(2025, 5, 15), 13, MET),
    ],
)
def test_e1_is_met_within_24_months_of_the_survey_and_excellent_within_12(
    closed_on, months, status
):
    outcome = result("E1", cluster(answers=answers(**{SURVEY_QUESTION: closed_on})))
    assert (outcome.value, outcome.status) == (months, status)


def test_e1_without_an_answer_is_unknown():
    assert_unknown(result("E1", cluster()), "no_survey", "surveys")


def test_e1_reads_the_last_satisfaction_survey_run_in_clusterdesk():
    survey = SurveyFact(7, "Satisfaction 2025", date(2025, 6, 16))
    outcome = result("E1", cluster(satisfaction_survey=survey))
    # 16 June 2025 to 15 June 2026: eleven whole months
    assert (outcome.value, outcome.status) == (11, EXCELLENT)
    [item] = outcome.evidence[0].items
    assert (item.kind, item.id, item.label, item.on) == (
        "survey",
        7,
        "Satisfaction 2025",
        survey.closed_on,
    )


def test_e1_takes_the_later_of_the_survey_and_the_questionnaire_date():
    survey = SurveyFact(7, "Satisfaction 2023", date(2023, 6, 1))
    facts = cluster(satisfaction_survey=survey, answers=answers(**{SURVEY_QUESTION: "2025-09-01"}))
    outcome = result("E1", facts)
    assert outcome.status == EXCELLENT
    assert outcome.evidence[0].items[0].kind == "answer"


@pytest.mark.parametrize("value", ["last spring", "2026-07-01"])
def test_e1_is_unknown_without_a_survey_date_on_or_before_the_assessment(value):
    facts = cluster(answers=answers(**{SURVEY_QUESTION: value}))
    assert_unknown(result("E1", facts), "no_survey", "surveys")


# --------------------------------------------------------------------------- E2 ≥ 3 complete


def stories(*items):
    return result("E2", cluster(stories=list(items)))


def test_e2_needs_three_complete_stories_in_the_last_24_months():
    three = [story(date(2026, 1, 1)), story(date(2025, 1, 1)), story(date(2024, 6, 16))]
    assert stories(*three).status == MET
    outcome = stories(*three[:2], story(date(2024, 6, 15)))  # exactly 24 months ago: out
    assert (outcome.value, outcome.status) == (2, NOT_MET)


def test_e2_does_not_count_incomplete_or_unpublished_stories():
    outcome = stories(story(YESTERDAY), story(YESTERDAY, complete=False), story(None))
    assert (outcome.value, outcome.status) == (1, NOT_MET)
    assert outcome.more_needed == 2


def test_e2_without_stories_is_unknown():
    assert_unknown(result("E2", cluster()), "no_stories", "stories")


# --------------------------------------------------------------------------- E3 all, + targets


def web(*sites, local=("it",), targets=("de",)):
    facts = cluster(sites=list(sites), local_languages=local, target_languages=targets)
    return result("E3", facts)


def test_e3_is_met_with_a_current_site_in_the_local_language_and_english_with_a_contact():
    outcome = web(site("it", "en"))
    assert (outcome.value, outcome.status) == (3, MET)
    assert web(site("it"), site("en")).status == MET


def test_e3_excellent_needs_the_target_markets_languages():
    assert web(site("it", "en", "de")).status == EXCELLENT
    assert web(site("it", "en"), site("de", contact=False)).status == MET
    assert web(site("it", "en", "de"), targets=()).status == MET
    assert web(site("it", "en"), targets=("en",)).status == MET  # English is not a target


@pytest.mark.parametrize(
    ("sites", "points"),
    [
        ([site("it")], 0),  # no English
        ([site("it", "en", updated_on=AS_OF - timedelta(days=90))], 3),
        ([site("it", "en", updated_on=AS_OF - timedelta(days=91))], 1),
        ([site("it", "en", updated_on=None)], 1),
        ([site("it", "en", contact=False)], 2),
    ],
)
def test_e3_loses_points_for_a_missing_language_an_old_update_or_no_contact(sites, points):
    outcome = web(*sites)
    assert (outcome.value, outcome.status) == (points, MET if points == 3 else NOT_MET)


def test_e3_is_unknown_without_a_site_or_without_the_local_languages():
    assert_unknown(web(), "no_site", "web_presence")
    assert_unknown(web(site("it", "en"), local=()), "no_local_languages", "cluster_settings")


# --------------------------------------------------------------------------- E4 ≥ 10 %, ≥ 25 %


def international(involved: int, committed: int, *others):
    people = members(involved, international=True) + members(committed - involved)
    return result("E4", cluster(participants=[*people, *others], activities_recorded=True))


@pytest.mark.parametrize(
    ("involved", "committed", "status"),
    [(1, 10, MET), (1, 11, NOT_MET), (24, 100, MET), (1, 4, EXCELLENT), (0, 4, NOT_MET)],
)
def test_e4_is_met_at_10_percent_of_committed_abroad_and_excellent_at_25(
    involved, committed, status
):
    outcome = international(involved, committed)
    assert (outcome.value, outcome.status) == (involved / committed, status)


def test_e4_counts_only_committed_participants():
    outcome = international(1, 11, *members(10, committed=False, international=True))
    assert outcome.value == 1 / 11
    assert len(counted_labels(outcome)) == 1


def test_e4_is_unknown_without_committed_participants_or_recorded_activities():
    uncommitted = cluster(participants=members(3, committed=False), activities_recorded=True)
    assert_unknown(result("E4", uncommitted), "no_committed", "participants")
    no_activity = cluster(participants=members(3))
    assert_unknown(result("E4", no_activity), "no_activities", "activities")


# --------------------------------------------------------------------------- minimums


@pytest.mark.parametrize(("committed", "met"), [(15, True), (14, False)])
def test_m1_needs_15_committed_participants(committed, met):
    outcome = minimum("M1", cluster(participants=members(committed) + members(9, committed=False)))
    assert (outcome.value, outcome.met) == (committed, met)


def test_m2_needs_two_participant_categories():
    assert minimum("M2", cluster(participants=members(5) + [member("research")])).met
    one = minimum("M2", cluster(participants=members(5)))
    assert (one.value, one.met) == (1, False)


@pytest.mark.parametrize(("fte", "met"), [("0.5", True), ("0.4", False)])
def test_m3_needs_half_a_full_time_equivalent_in_post(fte, met):
    staff = [staff_member(fte=fte), staff_member(fte="1", ended_on=date(2026, 5, 31))]
    outcome = minimum("M3", cluster(staff=staff))
    assert (outcome.value, outcome.met) == (float(fte), met)


def test_m4_needs_a_site_in_english():
    assert minimum("M4", cluster(sites=[site("it", "en")])).met
    assert not minimum("M4", cluster(sites=[site("it")])).met


@pytest.mark.parametrize(
    ("minimum_id", "code"),
    [("M1", "no_participants"), ("M2", "no_participants"), ("M3", "no_staff"), ("M4", "no_site")],
)
def test_a_minimum_without_its_data_is_unknown_and_not_met(minimum_id, code):
    outcome = minimum(minimum_id, cluster())
    assert (outcome.value, outcome.met) == (None, False)
    assert gap_codes(outcome) == [code]
