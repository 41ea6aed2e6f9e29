"""Indicators A1–B6 of the default framework at and beside their thresholds, exactly as the
SPEC words them, and each one's unknown case: missing data gives status unknown with the gap
that says what is missing, never a silent zero. Facts are built by hand; no database.

C1–E4 and the minimum requirements are in ``test_engine_indicators_c_to_e.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from clusterdesk.benchmarking.engine import EXCELLENT, MET, NOT_MET, UNKNOWN

from .engine_builders import (
    AS_OF,
    YEAR_BEFORE,
    YESTERDAY,
    assert_unknown,
    cluster,
    counted_labels,
    gap_codes,
    governance,
    member,
    members,
    result,
    staff_member,
    working_group,
)

# --------------------------------------------------------------------------- A1 ≥ 40


@pytest.mark.parametrize(("committed", "status"), [(39, NOT_MET), (40, MET), (41, MET)])
def test_a1_needs_at_least_40_committed_participants(committed, status):
    facts = cluster(participants=members(committed) + members(10, committed=False))
    outcome = result("A1", facts)
    assert (outcome.value, outcome.status) == (committed, status)
    assert outcome.earned == (1 if status == MET else 0)


def test_a1_short_by_one_says_one_more_is_needed():
    assert result("A1", cluster(participants=members(39))).more_needed == 1


def test_a1_without_participants_is_unknown_not_zero():
    assert_unknown(result("A1", cluster()), "no_participants", "participants")


# --------------------------------------------------------------------------- A2 ≥ 80 %


@pytest.mark.parametrize(
    ("committed", "others", "status"),
    [(4, 1, MET), (8, 2, MET), (5, 0, MET), (319, 81, NOT_MET), (3, 1, NOT_MET)],
)
def test_a2_is_met_at_80_percent_committed_and_not_at_79_point_something(committed, others, status):
    facts = cluster(participants=members(committed) + members(others, committed=False))
    outcome = result("A2", facts)
    assert outcome.value == committed / (committed + others)
    assert outcome.status == status


def test_a2_counts_the_committed_against_every_current_participant():
    facts = cluster(participants=members(3) + members(2, "research", committed=False))
    outcome = result("A2", facts)
    assert outcome.parts["numerator"] == 3
    assert outcome.parts["denominator"] == 5
    assert len(counted_labels(outcome)) == 3
    assert outcome.more_needed == 1  # 4 of 5 is 80 %


def test_a2_without_participants_is_unknown():
    assert_unknown(result("A2", cluster()), "no_participants", "participants")


# --------------------------------------------------------------------------- A3 > 70 %


@pytest.mark.parametrize(
    ("industry", "others", "status"),
    [(7, 3, NOT_MET), (71, 29, MET), (12, 5, MET), (6, 4, NOT_MET)],
)
def test_a3_is_not_met_at_70_percent_industry_and_met_above(industry, others, status):
    people = members(industry - 2) + members(2, "industry_large") + members(others, "research")
    outcome = result("A3", cluster(participants=people))
    assert outcome.value == industry / (industry + others)
    assert outcome.status == status


def test_a3_counts_only_committed_participants():
    people = [
        *members(7),
        *members(3, "education"),
        *members(20, committed=False),  # uncommitted firms do not lift the share
    ]
    outcome = result("A3", cluster(participants=people))
    assert outcome.value == 0.7
    assert outcome.status == NOT_MET


def test_a3_is_unknown_without_committed_participants_or_without_any():
    assert_unknown(
        result("A3", cluster(participants=members(3, committed=False))),
        "no_committed",
        "participants",
    )
    assert_unknown(result("A3", cluster()), "no_participants", "participants")


# --------------------------------------------------------------------------- A4 triple helix


@pytest.mark.parametrize("support", ["intermediary", "public_body", "finance", "marketing_media"])
def test_a4_is_met_with_committed_research_education_and_support(support):
    people = [*members(5), member("research"), member("education"), member(support)]
    outcome = result("A4", cluster(participants=people))
    assert (outcome.value, outcome.status) == (3, MET)


def test_a4_misses_a_helix_whose_only_member_is_not_committed():
    people = [*members(5), member("research"), member("education", committed=False)]
    people.append(member("other"))
    outcome = result("A4", cluster(participants=people))
    assert (outcome.value, outcome.status) == (2, NOT_MET)
    assert outcome.parts == {"research": 1.0, "education": 0.0, "support": 1.0}
    assert outcome.more_needed == 1


def test_a4_without_participants_is_unknown():
    assert_unknown(result("A4", cluster()), "no_participants", "participants")


# --------------------------------------------------------------------------- A5 ≥ 4 years


@pytest.mark.parametrize(
    ("founded_on", "years", "status"),
    [(date(2022, 6, 15), 4, MET), (date(2022, 6, 16), 3, NOT_MET), (date(2010, 1, 1), 16, MET)],
)
def test_a5_is_met_on_the_fourth_anniversary_and_not_the_day_before(founded_on, years, status):
    outcome = result("A5", cluster(founded_on=founded_on))
    assert (outcome.value, outcome.status) == (years, status)


def test_a5_without_a_founding_date_is_unknown():
    assert_unknown(result("A5", cluster()), "no_founding_date", "cluster_settings")


# --------------------------------------------------------------------------- B1 every > 2 days


@pytest.mark.parametrize(
    ("days", "least", "status"),
    [
        (["3", "2.5"], 2.5, MET),
        (["2.5"], 2.5, MET),
        (["3", "2"], 2, NOT_MET),  # two days are not enough
        (["2"], 2, NOT_MET),
        (["10", "0.5"], 0.5, NOT_MET),  # one well-trained member does not cover another
    ],
)
def test_b1_needs_more_than_two_training_days_for_every_staff_member(days, least, status):
    staff = [staff_member(training_days=number) for number in days]
    outcome = result("B1", cluster(staff=staff))
    assert (outcome.value, outcome.status) == (least, status)


def test_b1_ignores_staff_who_have_left_or_not_started():
    staff = [
        staff_member(training_days=3),
        staff_member(training_days=0, ended_on=date(2026, 1, 31)),
        staff_member(training_days=0, started_on=date(2026, 7, 1)),
    ]
    outcome = result("B1", cluster(staff=staff))
    assert (outcome.value, outcome.status) == (3, MET)
    assert outcome.parts == {"numerator": 1, "denominator": 1}


def test_b1_is_unknown_without_staff_or_without_anyone_in_post():
    assert_unknown(result("B1", cluster()), "no_staff", "team")
    former = [staff_member(ended_on=date(2025, 12, 31))]
    assert_unknown(result("B1", cluster(staff=former)), "no_staff_in_post", "team")


# --------------------------------------------------------------------------- B2 both


def manager(started_on: date, ended_on: date | None = None):
    return staff_member(post="Cluster manager", started_on=started_on, ended_on=ended_on)


def test_b2_is_met_with_job_descriptions_and_no_long_vacancy():
    outcome = result("B2", cluster(staff=[manager(date(2019, 1, 1)), staff_member()]))
    assert (outcome.value, outcome.status) == (2, MET)


def test_b2_is_not_met_when_one_staff_member_has_no_job_description():
    staff = [manager(date(2019, 1, 1)), staff_member(job_description=False)]
    outcome = result("B2", cluster(staff=staff))
    assert (outcome.value, outcome.status) == (1, NOT_MET)
    assert outcome.parts == {"job_descriptions": 0.0, "no_long_vacancy": 1.0}


@pytest.mark.parametrize(
    ("successor_from", "status"),
    [(date(2025, 3, 3), MET), (date(2025, 3, 4), NOT_MET)],  # vacant 30 days, then 31
)
def test_b2_allows_a_post_vacant_30_days_but_not_31(successor_from, status):
    staff = [manager(date(2019, 1, 1), date(2025, 1, 31)), manager(successor_from)]
    assert result("B2", cluster(staff=staff)).status == status


def test_b2_forgets_a_vacancy_older_than_24_months():
    staff = [manager(date(2019, 1, 1), date(2024, 1, 31)), manager(date(2024, 6, 1))]
    assert result("B2", cluster(staff=staff)).status == MET


def test_b2_counts_a_post_left_and_still_empty():
    staff = [manager(date(2019, 1, 1), date(2026, 4, 1)), staff_member()]
    outcome = result("B2", cluster(staff=staff))
    assert outcome.status == NOT_MET
    assert [item.label for item in outcome.evidence[2].items] == ["Cluster manager"]


def test_b2_without_staff_is_unknown():
    assert_unknown(result("B2", cluster()), "no_staff", "team")


# --------------------------------------------------------------------------- B3 ≥ 5 of 6, 6


@pytest.mark.parametrize(("met", "status"), [(6, EXCELLENT), (5, MET), (4, NOT_MET), (0, NOT_MET)])
def test_b3_is_met_with_five_governance_points_and_excellent_with_six(met, status):
    outcome = result("B3", cluster(governance=governance(met, 6 - met)))
    assert (outcome.value, outcome.status) == (met, status)


def test_b3_is_unknown_when_an_unrecorded_point_could_make_it_five():
    outcome = result("B3", cluster(governance=governance(4, 1, 1)))
    assert outcome.status == UNKNOWN
    assert outcome.value == 4
    assert outcome.earned == 0
    assert gap_codes(outcome) == ["governance_point_unrecorded"]
    assert outcome.gaps[0].params == {"point": "advisory boards"}


def test_b3_is_short_when_even_the_unrecorded_point_could_not_make_it_five():
    outcome = result("B3", cluster(governance=governance(3, 2, 1)))
    assert outcome.status == NOT_MET
    assert gap_codes(outcome) == ["governance_point_unrecorded"]


def test_b3_stays_met_when_only_excellence_hangs_on_an_unrecorded_point():
    outcome = result("B3", cluster(governance=governance(5, 0, 1)))
    assert (outcome.status, outcome.earned) == (MET, 1)
    assert gap_codes(outcome) == ["governance_point_unrecorded"]


def test_b3_with_nothing_recorded_is_unknown():
    assert_unknown(result("B3", cluster()), "no_governance", "governance")


# --------------------------------------------------------------------------- B4 > 40 %, ≥ 60 %


def reach(contacted: int, total: int, **fields):
    people = members(contacted, contact=YESTERDAY) + members(total - contacted)
    return result("B4", cluster(participants=people, contacts_recorded=True, **fields))


@pytest.mark.parametrize(
    ("contacted", "total", "status"),
    [
        (2, 5, NOT_MET),  # 40 % is not more than 40 %
        (201, 500, MET),  # 40.2 %
        (41, 100, MET),
        (59, 100, MET),
        (3, 5, EXCELLENT),  # 60 %
        (5, 5, EXCELLENT),
        (0, 5, NOT_MET),
    ],
)
def test_b4_is_met_above_40_percent_reached_and_excellent_at_60(contacted, total, status):
    outcome = reach(contacted, total)
    assert outcome.value == contacted / total
    assert outcome.status == status


def test_b4_at_40_percent_needs_one_more_participant_reached():
    assert reach(2, 5).more_needed == 1  # 3 of 5
    assert reach(40, 100).more_needed == 1  # 41 of 100


@pytest.mark.parametrize(
    ("contact_on", "status"),
    [(YEAR_BEFORE, NOT_MET), (date(2025, 6, 16), EXCELLENT), (AS_OF, EXCELLENT)],
)
def test_b4_a_contact_exactly_12_months_ago_is_out_and_the_day_after_is_in(contact_on, status):
    people = [*members(2, contact=YESTERDAY), member(contact=contact_on), *members(2)]
    outcome = result("B4", cluster(participants=people, contacts_recorded=True))
    assert outcome.status == status  # 2 of 5 (40 %) or 3 of 5 (60 %)


def test_b4_window_on_29_february_starts_on_1_march():
    leap_day = date(2028, 2, 29)
    people = [member(contact=date(2027, 2, 28)), member(contact=date(2027, 3, 1))]
    facts = cluster(leap_day, participants=people, contacts_recorded=True)
    outcome = result("B4", facts)
    assert outcome.value == 0.5
    assert counted_labels(outcome) == [people[1].name]


def test_b4_lists_who_was_reached_and_who_was_not():
    seen, unseen = member(contact=YESTERDAY), member()
    outcome = result("B4", cluster(participants=[seen, unseen], contacts_recorded=True))
    groups = {group.key: [item.label for item in group.items] for group in outcome.evidence}
    assert groups == {"reached": [seen.name], "not_reached": [unseen.name]}


def test_b4_is_unknown_when_no_contact_was_ever_logged():
    assert_unknown(result("B4", cluster(participants=members(5))), "no_contacts", "contacts")
    assert_unknown(result("B4", cluster(contacts_recorded=True)), "no_participants", "participants")


# --------------------------------------------------------------------------- B5 > 30 % + SME


def involvement(people):
    return result("B5", cluster(participants=people, activities_recorded=True))


@pytest.mark.parametrize(
    ("active", "total", "status"), [(3, 10, NOT_MET), (4, 10, MET), (31, 100, MET)]
)
def test_b5_needs_more_than_30_percent_actively_involved(active, total, status):
    outcome = involvement(members(active, active_days=2) + members(total - active))
    assert (outcome.value, outcome.status) == (active / total, status)


def test_b5_counts_two_active_days_and_not_one_and_a_half():
    people = members(3, active_days=2) + members(6)
    assert involvement([*people, member(active_days="1.5")]).status == NOT_MET
    assert involvement([*people, member(active_days="2")]).status == MET


def test_b5_needs_an_sme_among_the_active():
    firms = members(4, "industry_large", active_days=5)
    outcome = involvement([*firms, member(active_days=1), *members(5)])
    assert outcome.value == 0.4
    assert outcome.parts["sme_active"] == 0
    assert outcome.status == NOT_MET
    assert outcome.more_needed is None  # the share is enough: an SME is what is missing
    assert involvement([*firms[:3], member(active_days=2), *members(6)]).status == MET


def test_b5_is_unknown_when_no_activity_was_ever_recorded():
    outcome = result("B5", cluster(participants=members(5)))
    assert_unknown(outcome, "no_activities", "activities")


# --------------------------------------------------------------------------- B6 ≥ 2, ≥ 4


@pytest.mark.parametrize(("groups", "status"), [(1, NOT_MET), (2, MET), (3, MET), (4, EXCELLENT)])
def test_b6_is_met_with_two_active_working_groups_and_excellent_with_four(groups, status):
    outcome = result("B6", cluster(working_groups=[working_group() for _ in range(groups)]))
    assert (outcome.value, outcome.status) == (groups, status)


@pytest.mark.parametrize(
    ("group", "counts"),
    [
        (working_group(members=3), True),
        (working_group(members=2), False),
        (working_group(met_on=date(2025, 6, 16)), True),
        (working_group(met_on=YEAR_BEFORE), False),
        (working_group(met_on=None), False),
    ],
)
def test_b6_counts_groups_of_three_that_met_in_the_last_12_months(group, counts):
    outcome = result("B6", cluster(working_groups=[working_group(), group]))
    assert outcome.status == (MET if counts else NOT_MET)


def test_b6_without_working_groups_is_unknown():
    assert_unknown(result("B6", cluster()), "no_working_groups", "working_groups")
