"""What the service portfolio and the excellence benchmarking rely on: the service-interest
questionnaire made from a shortlist, its scores per candidate and segment, and the last
satisfaction survey closed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Category
from clusterdesk.surveys.models import (
    QuestionKind,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from clusterdesk.surveys.queries import (
    InterestScore,
    interest_scores,
    last_satisfaction_survey_closed,
)
from clusterdesk.surveys.services import (
    InterestCandidate,
    interest_survey_create,
    survey_close,
    survey_create,
)

from .factories import answer, open_survey, organisation

pytestmark = pytest.mark.django_db

CANDIDATES = [
    InterestCandidate("candidate-1", "Export training", "Training on export and IP."),
    InterestCandidate("candidate-2", "Cross-sector matchmaking", ""),
]


def shortlist_survey(personas) -> Survey:  # type: ignore[no-untyped-def]
    return interest_survey_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        title="New services 2026",
        candidates=CANDIDATES,
    )


def test_the_interest_questionnaire_asks_three_questions_per_candidate_and_who_answers(
    personas,
):
    survey = shortlist_survey(personas)

    assert survey.kind == SurveyKind.SERVICE_INTEREST
    assert survey.status == SurveyStatus.DRAFT
    assert survey.title_in(survey.default_language) == "New services 2026"
    blocks = {}
    for question in survey.questions.order_by("section__position", "position"):
        blocks.setdefault(question.block, []).append((question.measure, question.kind))
    assert blocks["candidate-1"] == [
        ("interest", QuestionKind.LIKERT),
        ("benefit", QuestionKind.LIKERT),
        ("pay", QuestionKind.SINGLE),
    ]
    assert blocks["candidate-2"] == blocks["candidate-1"]
    profile = survey.questions.exclude(profile="").values_list("profile", flat=True)
    assert sorted(profile) == ["category", "size"]
    pay = survey.questions.get(key="candidate-1-pay")
    assert list(pay.options.values_list("value", flat=True)) == [
        "would_not_pay",
        "member_price",
        "full_price",
    ]
    section = pay.section
    assert section.title_in("en") == "Export training"
    assert section.intro_in("en") == "Training on export and IP."


def test_the_candidate_names_appear_in_every_language_offered(personas):
    survey = shortlist_survey(personas)

    assert survey.languages[0] == "it"  # the cluster's own language first
    interest = survey.questions.get(key="candidate-2-interest")
    assert interest.text_in("it").startswith("Cross-sector matchmaking: quanto")
    assert interest.text_in("en").startswith("Cross-sector matchmaking: how interested")
    assert interest.text_in("tr").startswith("Cross-sector matchmaking: kuruluşunuz")


@pytest.mark.parametrize("count", [0, 11])
def test_no_candidates_or_more_than_ten_are_refused(personas, count):
    candidates = [InterestCandidate(f"c{n}", f"Service {n}", "") for n in range(count)]
    with pytest.raises(DomainError) as refused:
        interest_survey_create(
            cluster=personas.cluster_a, actor=personas.manager_a, title="", candidates=candidates
        )
    assert refused.value.field == "candidates"
    assert not Survey.objects.exists()


def test_two_candidates_with_the_same_key_are_refused(personas):
    twice = [InterestCandidate("same", "One", ""), InterestCandidate("same", "Two", "")]
    with pytest.raises(DomainError):
        interest_survey_create(
            cluster=personas.cluster_a, actor=personas.manager_a, title="", candidates=twice
        )


def interest_answers(interest: int, benefit: int, pay: str, **profile: str) -> dict:
    return {
        "profile-category": profile.get("category", "industry_sme"),
        "profile-size": profile.get("size", "small"),
        "candidate-1-interest": interest,
        "candidate-1-benefit": benefit,
        "candidate-1-pay": pay,
        "candidate-2-interest": 2,
        "candidate-2-benefit": 2,
        "candidate-2-pay": "would_not_pay",
    }


def test_the_scores_average_interest_and_benefit_and_count_who_would_pay(personas):
    survey = open_survey(shortlist_survey(personas))
    answer(survey, interest_answers(5, 4, "member_price"))
    answer(survey, interest_answers(4, 2, "full_price"))
    answer(survey, interest_answers(3, 3, "would_not_pay"))
    answer(survey, interest_answers(2, 1, "would_not_pay"))

    scores = interest_scores(survey)

    assert scores == [
        InterestScore("candidate-1", "all", 4, 3.5, 2.5, 0.5),
        InterestScore("candidate-2", "all", 4, 2.0, 2.0, 0.0),
    ]


def test_drafts_are_not_counted(personas):
    from clusterdesk.surveys.services import response_save, response_start

    from .factories import form_data

    survey = open_survey(shortlist_survey(personas))
    answer(survey, interest_answers(5, 5, "full_price"))
    draft = response_start(survey=survey, language="en")
    response_save(response=draft, data=form_data(survey, interest_answers(1, 1, "would_not_pay")))

    assert interest_scores(survey)[0] == InterestScore("candidate-1", "all", 1, 5.0, 5.0, 1.0)


def test_the_scores_by_category_follow_the_respondents_organisation(personas):
    survey = open_survey(shortlist_survey(personas))
    lab = organisation(personas.cluster_a, category=Category.RESEARCH, employees=300)
    sme = organisation(personas.cluster_a, category=Category.INDUSTRY_SME, employees=12)
    # The organisation known from the invitation wins over what the profile question says.
    answer(survey, interest_answers(5, 5, "full_price", category="finance"), organisation=lab)
    answer(survey, interest_answers(3, 1, "would_not_pay"), organisation=sme)
    answer(survey, interest_answers(1, 1, "would_not_pay", category="education", size="micro"))

    by_category = {
        score.segment: score
        for score in interest_scores(survey, segment_by="category")
        if score.candidate_key == "candidate-1"
    }
    by_size = {
        score.segment: score.interest
        for score in interest_scores(survey, segment_by="size")
        if score.candidate_key == "candidate-1"
    }

    assert set(by_category) == {"research", "industry_sme", "education"}
    assert by_category["research"] == InterestScore("candidate-1", "research", 1, 5.0, 5.0, 1.0)
    assert by_category["industry_sme"].willing_to_pay == 0.0
    assert by_size == {"large": 5.0, "small": 3.0, "micro": 1.0}


def test_a_respondent_of_unknown_size_is_in_the_unknown_band(personas):
    survey = open_survey(shortlist_survey(personas))
    nameless = organisation(personas.cluster_a, employees=None)
    answer(survey, interest_answers(4, 4, "member_price"), organisation=nameless)

    segments = {score.segment for score in interest_scores(survey, segment_by="size")}

    assert segments == {"unknown"}


def satisfaction(personas, *, cluster=None) -> Survey:  # type: ignore[no-untyped-def]
    return survey_create(
        cluster=cluster or personas.cluster_a,
        actor=personas.manager_a,
        title="",
        template="satisfaction",
    )


SATISFIED = {
    "strategy-known": 4,
    "strategy-needs": 4,
    "strategy-implementation": 4,
    "overall": 5,
    "recommend": 9,
}


def test_the_last_satisfaction_survey_closed_is_the_latest_closed_on_or_before_the_day(personas):
    older = open_survey(satisfaction(personas))
    answer(older, SATISFIED)
    survey_close(survey=older, actor=None, on=date(2024, 5, 31))
    newer = open_survey(satisfaction(personas))
    answer(newer, SATISFIED)
    survey_close(survey=newer, actor=None, on=date(2025, 11, 30))
    open_survey(satisfaction(personas))  # open, no deadline: not closed

    assert last_satisfaction_survey_closed(personas.cluster_a, as_of=date(2026, 6, 1)) == newer
    found = last_satisfaction_survey_closed(personas.cluster_a, as_of=date(2025, 1, 1))
    assert found == older and found.closed_day == date(2024, 5, 31)
    assert last_satisfaction_survey_closed(personas.cluster_a, as_of=date(2024, 5, 30)) is None


def test_a_survey_left_open_closes_on_its_deadline(personas):
    survey = open_survey(satisfaction(personas))
    answer(survey, SATISFIED)
    deadline = timezone.localdate() + timedelta(days=10)
    Survey.objects.filter(pk=survey.pk).update(deadline=deadline)

    assert last_satisfaction_survey_closed(personas.cluster_a, as_of=deadline) is None
    found = last_satisfaction_survey_closed(personas.cluster_a, as_of=deadline + timedelta(days=1))
    assert found == survey and found.closed_day == deadline


def test_a_survey_nobody_answered_or_of_another_kind_or_cluster_does_not_count(personas):
    empty = open_survey(satisfaction(personas))
    survey_close(survey=empty, actor=None, on=date(2025, 1, 10))
    other_kind = open_survey(
        survey_create(cluster=personas.cluster_a, actor=None, title="", template="study_visit")
    )
    answer(other_kind, {"visit-cluster": "Hamburg Aviation"} | _topic_offers())
    survey_close(survey=other_kind, actor=None, on=date(2025, 1, 10))
    elsewhere = open_survey(satisfaction(personas, cluster=personas.cluster_b))
    answer(elsewhere, SATISFIED)
    survey_close(survey=elsewhere, actor=None, on=date(2025, 1, 10))

    assert last_satisfaction_survey_closed(personas.cluster_a, as_of=date(2026, 1, 1)) is None
    assert last_satisfaction_survey_closed(personas.cluster_b, as_of=date(2026, 1, 1)) == elsewhere


def _topic_offers() -> dict[str, str]:
    keys = ["creativity", "sme-services", "ict", "resource-efficiency", "networking"]
    keys += ["rd-internationalisation", "kets"]
    return {f"{key}-offer": "Workshops with designers" for key in keys}
