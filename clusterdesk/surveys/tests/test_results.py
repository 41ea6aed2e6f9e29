"""The results: distributions per question, NPS and average satisfaction, breakdowns by
category and size, free texts, and the export with one row per response — counted by the
database in the same few queries whatever the number of responses."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.participants.models import Category
from clusterdesk.surveys.models import Survey
from clusterdesk.surveys.results import export_rows, responses_export, survey_results
from clusterdesk.surveys.services import response_save, response_start, survey_create

from .factories import answer, form_data, open_survey, organisation

pytestmark = pytest.mark.django_db


def satisfaction(personas) -> Survey:  # type: ignore[no-untyped-def]
    return open_survey(
        survey_create(
            cluster=personas.cluster_a, actor=personas.manager_a, title="", template="satisfaction"
        )
    )


def answers(overall: int, recommend: int, **more: object) -> dict:
    return {
        "strategy-known": 4,
        "strategy-needs": 3,
        "strategy-implementation": more.pop("implementation", 4),
        "overall": overall,
        "recommend": recommend,
        **more,
    }


def by_key(results):  # type: ignore[no-untyped-def]
    return {result.question.key: result for result in results.questions}


def test_each_question_has_its_distribution_and_the_survey_its_nps_and_satisfaction(personas):
    survey = satisfaction(personas)
    sme = organisation(personas.cluster_a, category=Category.INDUSTRY_SME, employees=20)
    lab = organisation(personas.cluster_a, category=Category.RESEARCH, employees=400)
    answer(
        survey,
        answers(
            5,
            10,
            **{
                "services-used": ["information", "skills"],
                "services-satisfaction": {"information": 5, "skills": 3},
                "team-responsiveness": 5,
                "recommend-reason": "Great matchmaking",
            },
        ),
        organisation=sme,
    )
    answer(survey, answers(4, 9, **{"services-used": ["information"]}), organisation=sme)
    answer(survey, answers(2, 3, **{"recommend-reason": "Too few events"}), organisation=lab)
    answer(survey, answers(3, 7))  # anonymous
    draft = response_start(survey=survey, language="en")
    response_save(response=draft, data=form_data(survey, answers(1, 0)))

    results = survey_results(survey, "en")
    questions = by_key(results)

    assert results.submitted == 4
    overall = questions["overall"]
    assert overall.answered == 4 and overall.counts == [0, 1, 1, 1, 1]
    assert overall.mean == 3.5
    assert [share.label for share in overall.shares][0] == "Very dissatisfied"
    used = questions["services-used"]
    assert used.answered == 2  # respondents, though three options were ticked
    assert [(s.value, s.count) for s in used.shares if s.count] == [
        ("information", 2),
        ("skills", 1),
    ]
    assert used.shares[0].share == 1.0
    matrix = questions["services-satisfaction"]
    assert matrix.answered == 1
    assert [(row.option.value, row.counts, row.mean) for row in matrix.rows][:2] == [
        ("information", [0, 0, 0, 0, 1], 5.0),
        ("projects", [0, 0, 0, 0, 0], None),
    ]
    recommend = questions["recommend"]
    assert recommend.counts[10] == 1 and recommend.counts[3] == 1
    assert (results.recommendation.promoters, results.recommendation.passives) == (2, 1)
    assert results.recommendation.detractors == 1
    assert results.recommendation.score == 25.0  # (2 − 1) / 4
    # satisfaction scales: implementation 4,4,4,4; overall 5,4,2,3; matrix rows 5 and 3
    assert results.satisfaction == pytest.approx((16 + 14 + 8) / 10)
    assert results.satisfaction_answers == 10
    assert questions["recommend-reason"].texts == ["Too few events", "Great matchmaking"]
    assert questions["recommend-reason"].answered == 2
    assert questions["team-responsiveness"].mean == 5.0


def test_the_breakdowns_give_responses_nps_and_satisfaction_per_category_and_size(personas):
    survey = satisfaction(personas)
    sme = organisation(personas.cluster_a, category=Category.INDUSTRY_SME, employees=20)
    lab = organisation(personas.cluster_a, category=Category.RESEARCH, employees=400)
    answer(survey, answers(5, 10, implementation=5), organisation=sme)
    answer(survey, answers(3, 6, implementation=3), organisation=sme)
    answer(survey, answers(1, 2, implementation=1), organisation=lab)
    answer(
        survey,
        answers(4, 8, **{"profile-category": "education", "profile-size": "micro"}),
    )

    results = survey_results(survey, "en")

    categories = {row.segment: row for row in results.by_category}
    assert categories["industry_sme"].responses == 2
    assert categories["industry_sme"].satisfaction == 4.0
    assert categories["industry_sme"].nps == 0.0
    assert categories["research"].nps == -100.0
    assert categories["education"].label == "Education organisation"
    sizes = {row.segment: row.responses for row in results.by_size}
    assert sizes == {"small": 2, "large": 1, "micro": 1}


def test_the_results_take_the_same_few_queries_for_few_or_many_responses(personas):
    survey = satisfaction(personas)
    answer(survey, answers(5, 10, **{"recommend-reason": "Good"}))
    with CaptureQueriesContext(connection) as few:
        survey_results(survey, "en")
    for number in range(12):
        answer(
            survey,
            answers(
                number % 5 + 1,
                number % 11,
                **{
                    "services-used": ["projects"],
                    "services-satisfaction": {"projects": number % 5 + 1},
                    "recommend-reason": f"Reason {number}",
                },
            ),
            organisation=organisation(personas.cluster_a, employees=number * 30),
        )
    with CaptureQueriesContext(connection) as many:
        survey_results(survey, "en")

    assert len(many) == len(few) <= 12


def test_the_export_has_one_row_per_response_and_a_column_per_option_and_matrix_row(
    personas,
):
    survey = satisfaction(personas)
    sme = organisation(personas.cluster_a, name="Tessitura Bianchi", employees=5)
    answer(
        survey,
        answers(
            5,
            10,
            **{
                "services-used": ["information", "skills"],
                "services-satisfaction": {"skills": 2},
                "recommend-reason": "Ottimo, grazie",
            },
        ),
        organisation=sme,
    )
    answer(survey, answers(2, 4))
    draft = response_start(survey=survey, language="en")
    response_save(response=draft, data=form_data(survey, answers(1, 0)))

    headers, rows = export_rows(survey, "en")
    rows = list(rows)

    assert len(rows) == 2
    column = {header: index for index, header in enumerate(headers)}
    used = [h for h in headers if "Which of the cluster's services" in h]
    assert len(used) == 5  # one per option
    matrix = [h for h in headers if "How satisfied are you with these services?" in h]
    assert len(matrix) == 4  # one per row
    first = rows[0]
    assert first[column["Organisation"]] == "Tessitura Bianchi"
    assert first[column["Size"]].startswith("Micro")
    skills = next(h for h in used if h.endswith("Training, skills and entrepreneurship support"))
    assert first[column[skills]] == 1
    assert first[column[matrix[3]]] == 2
    overall = next(h for h in headers if "Overall, how satisfied" in h)
    assert (first[column[overall]], rows[1][column[overall]]) == (5, 2)
    assert "Ottimo, grazie" in first

    content = responses_export(survey, "en", "csv").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert len(table) == 3 and table[0] == headers
    book = openpyxl.load_workbook(io.BytesIO(responses_export(survey, "en", "xlsx")))
    assert book.active.max_row == 3


def test_the_results_speak_the_readers_language_when_the_survey_has_it(personas):
    survey = satisfaction(personas)
    answer(survey, answers(5, 10))

    italian = by_key(survey_results(survey, "it"))
    assert italian["overall"].text.startswith("Nel complesso")
