"""`manage.py seed_demo` gives the Tuscany Fashion Cluster the two satisfaction surveys its
excellence questionnaire speaks of, and a draft study-visit questionnaire; İSİM none."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.benchmarking.services import assessment_run
from clusterdesk.lib.periods import months_before
from clusterdesk.participants.demo import REFERENCE_DATE
from clusterdesk.surveys.demo import surveys_demo_seed
from clusterdesk.surveys.models import (
    Answer,
    Response,
    ResponseStatus,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from clusterdesk.surveys.queries import last_satisfaction_survey_closed
from clusterdesk.surveys.results import survey_results
from clusterdesk.tenancy.models import Cluster

TUSCANY, ISIM = "tuscany-fashion", "isim"
# Making one survey from the ready-made questionnaire, reading its questions and contacts,
# and writing its invitations, responses and answers in bulk.
QUERIES_PER_SURVEY = 25


def seed(*args: str) -> None:
    call_command("seed_demo", *args, "--as-of", REFERENCE_DATE.isoformat(), stdout=StringIO())


def satisfaction_surveys(slug: str):
    return Survey.objects.filter(cluster__slug=slug, kind=SurveyKind.SATISFACTION).order_by(
        "closed_on"
    )


@pytest.mark.django_db
def test_the_last_satisfaction_survey_closed_14_months_before_with_96_answers():
    seed()
    cluster = Cluster.objects.get(slug=TUSCANY)

    last = last_satisfaction_survey_closed(cluster, as_of=REFERENCE_DATE)
    assert last is not None
    assert last.closed_day == months_before(REFERENCE_DATE, 14)
    surveys = list(satisfaction_surveys(TUSCANY))
    assert [(s.closed_on, s.status) for s in surveys] == [
        (months_before(REFERENCE_DATE, 38), SurveyStatus.CLOSED),
        (months_before(REFERENCE_DATE, 14), SurveyStatus.CLOSED),
    ]
    assert [
        Response.objects.filter(survey=s, status=ResponseStatus.SUBMITTED).count() for s in surveys
    ] == [74, 96]
    for survey in surveys:
        responses = Response.objects.filter(survey=survey)
        # From contacts of the cluster's participants, invited personally, while it was open.
        assert not responses.filter(invitation__isnull=True).exists()
        assert not responses.exclude(organisation__cluster=cluster).exists()
        assert survey.invitations.count() > responses.count()
        assert all(
            survey.opened_at.date() <= r.submitted_at.date() <= survey.closed_on for r in responses
        )
        assert not Answer.objects.filter(survey=survey, submitted=False).exists()


@pytest.mark.django_db
def test_the_participants_are_mostly_satisfied_with_some_variety():
    seed()

    scores = []
    for survey in satisfaction_surveys(TUSCANY):
        results = survey_results(survey, "it")
        assert results.submitted in (74, 96)
        assert results.recommendation is not None
        assert results.recommendation.detractors > 0
        scores.append(results.recommendation.score)
        assert 3.4 <= results.satisfaction <= 4.3
        overall = next(q for q in results.questions if q.question.key == "overall")
        assert all(count > 0 for count in overall.counts[1:])  # every point from 2 to 5
    assert all(20 <= score <= 40 for score in scores), scores
    assert scores[0] < scores[1]


@pytest.mark.django_db
def test_e1_comes_from_the_survey_and_matches_the_saved_assessment():
    seed()
    cluster = Cluster.objects.get(slug=TUSCANY)

    live = assessment_run(cluster=cluster, as_of=REFERENCE_DATE).assessment
    saved = SavedAssessment.objects.get(cluster=cluster, as_of=REFERENCE_DATE)
    e1 = live.indicator("E1")
    assert e1.value == 14 == saved.values["E1"]
    assert e1.status == saved.statuses["E1"]
    assert [item.kind for group in e1.evidence for item in group.items] == ["survey"]


@pytest.mark.django_db
def test_a_draft_study_visit_questionnaire_waits_for_the_next_visit():
    seed()

    draft = Survey.objects.get(cluster__slug=TUSCANY, kind=SurveyKind.STUDY_VISIT)
    assert draft.status == SurveyStatus.DRAFT
    assert draft.questions.exists() and not draft.responses.exists()


@pytest.mark.django_db
def test_the_machinery_cluster_has_no_surveys():
    seed()

    assert not Survey.objects.filter(cluster__slug=ISIM).exists()


@pytest.mark.django_db
def test_the_surveys_are_written_in_a_few_queries_each_and_the_same_on_every_run():
    seed()

    def answers():
        return sorted(
            Answer.objects.filter(survey__cluster__slug=TUSCANY).values_list(
                "survey__closed_on", "question__key", "option__value", "number", "text"
            ),
            key=repr,
        )

    first = answers()
    Survey.objects.filter(cluster__slug=TUSCANY).delete()
    with CaptureQueriesContext(connection) as captured:
        made = surveys_demo_seed(slugs=[TUSCANY, ISIM], as_of=REFERENCE_DATE)
    assert made == 3
    assert len(captured) <= QUERIES_PER_SURVEY * made
    assert answers() == first
