"""The service-design workflow's pages (long list → shortlist → questionnaire → ranking →
decision)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterdesk.services.models import Candidate, DesignRound, Service

from .factories import CandidateFactory, DesignRoundFactory
from .helpers import url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


# --------------------------------------------------------------------------- design pages


def test_a_round_is_run_through_its_pages(personas, manager_a_client):
    response = manager_a_client.post(
        url("design_round_new"),
        {"title": "New services 2026", "started_on": TODAY.isoformat(), "notes": ""},
    )
    design_round = DesignRound.objects.get()
    assert response["Location"] == url("design_round", design_round.pk)
    for name in ("Tender monitoring", "Export training"):
        manager_a_client.post(
            url("candidate_new", design_round.pk),
            {
                "name": name,
                "description": "",
                "areas": ["1"],
                "targeted_companies": "",
                "origin": "Study visit",
            },
        )
    ideas = list(Candidate.objects.order_by("name"))
    assert [idea.name for idea in ideas] == ["Export training", "Tender monitoring"]
    for idea in ideas:
        manager_a_client.post(url("candidate_shortlist", idea.pk), {"shortlisted": "1"})
    page = manager_a_client.get(url("design_round", design_round.pk))
    assert page.context["progress"].shortlisted == 2
    response = manager_a_client.post(
        url("interest_survey_make", design_round.pk), {"title": "Which services?"}, follow=True
    )
    assert "The service-interest questionnaire was made as a draft" in response.content.decode()
    design_round.refresh_from_db()
    assert str(design_round.survey) == "Which services?"
    survey_url = reverse("surveys:detail", args=["tfc", design_round.survey_id])
    assert survey_url in response.content.decode()
    ranking = manager_a_client.get(url("ranking", design_round.pk), {"segment": "category"})
    assert ranking.status_code == 200 and "No answer yet" in ranking.content.decode()
    idea = ideas[0]
    response = manager_a_client.post(
        url("candidate_swot", idea.pk),
        {
            "strengths": "Asked for by members\n- Cheap to run",
            "weaknesses": "",
            "opportunities": "",
            "threats": "A competitor offers it",
        },
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.strengths == ["Asked for by members", "Cheap to run"]
    detail = manager_a_client.get(url("candidate", idea.pk)).content.decode()
    assert "Cheap to run" in detail and "A competitor offers it" in detail
    response = manager_a_client.post(
        url("candidate_decide", idea.pk), {"decision": "introduce", "code": "", "reason": ""}
    )
    idea.refresh_from_db()
    assert response["Location"] == url("service_detail", idea.service_id)
    assert idea.service.status == "new"


def test_the_eleventh_shortlisted_idea_gets_a_plain_message(personas, manager_a_client):
    design_round = DesignRoundFactory(cluster=personas.cluster_a)
    ideas = CandidateFactory.create_batch(11, design_round=design_round)
    for idea in ideas:
        response = manager_a_client.post(
            url("candidate_shortlist", idea.pk), {"shortlisted": "1"}, follow=True
        )
    html = response.content.decode()
    assert "The shortlist already holds 10 ideas" in html
    assert Candidate.objects.filter(status="shortlisted").count() == 10


def test_a_decision_on_an_idea_not_shortlisted_is_shown_on_the_form(personas, manager_a_client):
    idea = CandidateFactory(design_round__cluster=personas.cluster_a)
    response = manager_a_client.post(
        url("candidate_decide", idea.pk), {"decision": "introduce", "code": "", "reason": ""}
    )
    assert response.status_code == 200
    assert "Only an idea on the shortlist" in response.content.decode()
    response = manager_a_client.post(
        url("candidate_decide", idea.pk), {"decision": "reject", "code": "", "reason": ""}
    )
    assert "Say why the idea is rejected." in response.context["form"].errors["reason"]
    assert not Service.objects.exists()
