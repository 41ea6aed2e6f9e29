"""The dashboard says when the last satisfaction survey closed more than 24 months ago (or
never), and one click starts one from the ready-made questionnaire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterdesk.lib.periods import months_before
from clusterdesk.surveys.models import Survey, SurveyKind, SurveyStatus
from clusterdesk.surveys.services import survey_close, survey_create

from .factories import answer, open_survey

pytestmark = pytest.mark.django_db

SATISFIED = {
    "strategy-known": 4,
    "strategy-needs": 4,
    "strategy-implementation": 4,
    "overall": 5,
    "recommend": 9,
}


def dashboard(client) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("engagement:dashboard", args=["tfc"]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('data-testid="satisfaction-survey"')
    return html[start : html.index("</li>", start)]


def closed_survey(personas, months_ago: int) -> Survey:  # type: ignore[no-untyped-def]
    survey = open_survey(
        survey_create(cluster=personas.cluster_a, actor=None, title="", template="satisfaction")
    )
    answer(survey, SATISFIED)
    closed_on = months_before(timezone.localdate(), months_ago) - timedelta(days=1)
    return survey_close(survey=survey, actor=None, on=closed_on)


def test_without_any_satisfaction_survey_the_dashboard_offers_to_start_one(
    personas, manager_a_client
):
    card = dashboard(manager_a_client)

    assert "no participant satisfaction survey yet" in card
    assert "at least every 24 months" in card
    assert "Start one from the ready-made survey" in card


def test_one_click_creates_the_draft_from_the_ready_made_survey(personas, manager_a_client):
    started = manager_a_client.post(reverse("surveys:start_satisfaction", args=["tfc"]))

    survey = Survey.objects.get()
    assert (survey.kind, survey.status, survey.template) == (
        SurveyKind.SATISFACTION,
        SurveyStatus.DRAFT,
        "satisfaction",
    )
    assert started.url == reverse("surveys:questions", args=["tfc", survey.pk])
    assert survey.questions.filter(key="recommend").exists()
    # The dashboard now points to the survey being prepared instead of offering another.
    card = dashboard(manager_a_client)
    assert "One is being prepared" in card and "Start one" not in card


def test_a_survey_closed_more_than_24_months_ago_is_overdue(personas, manager_a_client):
    closed_survey(personas, 25)

    card = dashboard(manager_a_client)

    assert "25 months" in card and "overdue" in card
    assert "Start one from the ready-made survey" in card


def test_a_recent_survey_is_shown_with_its_date_and_results(personas, manager_a_client):
    survey = closed_survey(personas, 5)

    card = dashboard(manager_a_client)

    assert "5 months" in card and "overdue" not in card
    assert reverse("surveys:results", args=["tfc", survey.pk]) in card
    assert "Start one" not in card


def test_the_board_sees_the_notice_without_the_button(personas):
    card = dashboard(personas.client_for(personas.board_a))
    assert "no participant satisfaction survey yet" in card
    assert "Start one" not in card
    refused = personas.client_for(personas.board_a).post(
        reverse("surveys:start_satisfaction", args=["tfc"])
    )
    assert refused.status_code == 403 and not Survey.objects.exists()


def test_another_clusters_survey_does_not_count(personas, manager_a_client):
    other = open_survey(
        survey_create(cluster=personas.cluster_b, actor=None, title="", template="satisfaction")
    )
    answer(other, SATISFIED)
    survey_close(survey=other, actor=None)

    assert "no participant satisfaction survey yet" in dashboard(manager_a_client)


def test_a_survey_dated_in_the_excellence_questionnaire_counts_as_it_does_for_e1(
    personas, manager_a_client
):
    from clusterdesk.benchmarking.models import Answer

    closed_survey(personas, months_ago=30)
    answered = months_before(timezone.localdate(), 5)
    Answer.objects.create(
        cluster=personas.cluster_a,
        question="satisfaction_survey_closed_on",
        value=answered.isoformat(),
        answered_on=timezone.localdate(),
    )
    card = dashboard(manager_a_client)
    assert "5 months" in card
    assert "overdue" not in card
    assert "as the excellence questionnaire says" in card
    assert reverse("benchmarking:questionnaire", args=["tfc"]) in card
