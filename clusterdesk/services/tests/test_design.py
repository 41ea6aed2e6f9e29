"""The guide's design workflow: long list → shortlist of at most ten → questionnaire →
ranking by segment → SWOT → decision."""

import pytest

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Category
from clusterdesk.services import queries, services
from clusterdesk.services.models import (
    SHORTLIST_LIMIT,
    Candidate,
    CandidateStatus,
    Service,
    ServiceStatus,
)
from clusterdesk.surveys.models import SurveyKind
from clusterdesk.surveys.tests.factories import answer, open_survey
from clusterdesk.testing.factories import OrganisationFactory

from .factories import CandidateFactory, DesignRoundFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def shortlist(personas, candidate, wanted=True):
    return services.candidate_shortlist(
        candidate=candidate, actor=personas.manager_a, shortlisted=wanted
    )


def test_ideas_go_on_the_long_list(personas):
    design_round = DesignRoundFactory(cluster=personas.cluster_a)
    idea = services.candidate_create(
        design_round=design_round,
        actor=personas.manager_a,
        data={"name": " Tender monitoring ", "areas": ["6", 1, 1], "origin": "Study visit"},
    )
    assert (idea.name, idea.areas, idea.status) == ("Tender monitoring", [1, 6], "idea")
    with pytest.raises(DomainError) as refused:
        services.candidate_create(
            design_round=design_round, actor=personas.manager_a, data={"name": ""}
        )
    assert refused.value.field == "name"


def test_the_shortlist_refuses_an_eleventh_idea_with_a_plain_message(personas):
    design_round = DesignRoundFactory(cluster=personas.cluster_a)
    ideas = CandidateFactory.create_batch(12, design_round=design_round)
    for idea in ideas[:SHORTLIST_LIMIT]:
        shortlist(personas, idea)
    with pytest.raises(DomainError) as refused:
        shortlist(personas, ideas[10])
    assert refused.value.code == "shortlist_full"
    assert "already holds 10 ideas" in refused.value.message
    assert Candidate.objects.filter(status=CandidateStatus.SHORTLISTED).count() == 10
    # Taking one off makes room for another.
    shortlist(personas, ideas[0], wanted=False)
    shortlist(personas, ideas[10])
    assert Candidate.objects.get(pk=ideas[10].pk).status == CandidateStatus.SHORTLISTED


def test_the_questionnaire_is_made_from_the_shortlist_and_fixes_it(personas):
    design_round = DesignRoundFactory(cluster=personas.cluster_a, title="Round 2026")
    first = CandidateFactory(design_round=design_round, name="Export training")
    second = CandidateFactory(design_round=design_round, name="Tender monitoring")
    left_out = CandidateFactory(design_round=design_round, name="BarCamp")
    shortlist(personas, first)
    shortlist(personas, second)
    survey = services.interest_survey_make(design_round=design_round, actor=personas.manager_a)
    assert survey.kind == SurveyKind.SERVICE_INTEREST and survey.cluster == personas.cluster_a
    assert set(survey.questions.exclude(block="").values_list("block", flat=True)) == {
        first.key,
        second.key,
    }
    design_round.refresh_from_db()
    assert design_round.survey == survey
    with pytest.raises(DomainError, match="can no longer change"):
        shortlist(personas, left_out)
    with pytest.raises(DomainError, match="can no longer change"):
        shortlist(personas, first, wanted=False)
    with pytest.raises(DomainError, match="already has"):
        services.interest_survey_make(design_round=design_round, actor=personas.manager_a)


def test_a_questionnaire_needs_a_shortlist(personas):
    design_round = DesignRoundFactory(cluster=personas.cluster_a)
    CandidateFactory(design_round=design_round)
    with pytest.raises(DomainError, match="shortlist first"):
        services.interest_survey_make(design_round=design_round, actor=personas.manager_a)


def answers(first, second, interest, benefit, pay, category="industry_sme", size="small"):
    return {
        "profile-category": category,
        "profile-size": size,
        f"{first.key}-interest": interest,
        f"{first.key}-benefit": benefit,
        f"{first.key}-pay": pay,
        f"{second.key}-interest": 2,
        f"{second.key}-benefit": 2,
        f"{second.key}-pay": "would_not_pay",
    }


def test_the_candidates_are_ranked_overall_and_by_segment(personas):
    cluster = personas.cluster_a
    design_round = DesignRoundFactory(cluster=cluster)
    weak = CandidateFactory(design_round=design_round, name="A weak idea")
    strong = CandidateFactory(design_round=design_round, name="Z strong idea")
    shortlist(personas, weak)
    shortlist(personas, strong)
    survey = open_survey(
        services.interest_survey_make(design_round=design_round, actor=personas.manager_a)
    )
    sme = OrganisationFactory(cluster=cluster, category=Category.INDUSTRY_SME, employees=20)
    lab = OrganisationFactory(cluster=cluster, category=Category.RESEARCH, employees=400)
    answer(survey, answers(strong, weak, 5, 5, "member_price"), organisation=sme)
    answer(
        survey,
        answers(strong, weak, 3, 4, "would_not_pay", category="research", size="large"),
        organisation=lab,
    )
    design_round.refresh_from_db()
    overall = queries.candidate_ranking(design_round)["all"]
    assert [row.candidate for row in overall] == [strong, weak]
    top = overall[0]
    assert (top.responses, top.interest, top.benefit, top.willing_to_pay) == (2, 4.0, 4.5, 0.5)
    assert top.score == pytest.approx((0.75 + 0.875 + 0.5) / 3)
    by_category = queries.candidate_ranking(design_round, segment_by="category")
    assert set(by_category) == {"industry_sme", "research"}
    assert by_category["research"][0].segment_label == "Research institution"
    assert by_category["research"][0].willing_to_pay == 0.0
    by_size = queries.candidate_ranking(design_round, segment_by="size")
    assert by_size["small"][0].candidate == strong and by_size["small"][0].interest == 5.0


def test_the_swot_is_kept_as_four_lists_for_a_shortlisted_idea(personas):
    idea = CandidateFactory(design_round__cluster=personas.cluster_a)
    with pytest.raises(DomainError, match="shortlist"):
        services.candidate_swot_update(
            candidate=idea, actor=personas.manager_a, swot={"strengths": ["x"]}
        )
    idea = shortlist(personas, idea)
    services.candidate_swot_update(
        candidate=idea,
        actor=personas.manager_a,
        swot={
            "strengths": [" Members asked for it ", ""],
            "weaknesses": ["Needs a consultant"],
            "opportunities": ["Regional call for export vouchers"],
            "threats": [],
        },
    )
    idea.refresh_from_db()
    assert idea.strengths == ["Members asked for it"]
    assert (idea.weaknesses, idea.opportunities, idea.threats) == (
        ["Needs a consultant"],
        ["Regional call for export vouchers"],
        [],
    )
    with pytest.raises(DomainError) as refused:
        services.candidate_swot_update(
            candidate=idea, actor=personas.manager_a, swot={"threats": ["x" * 301]}
        )
    assert refused.value.field == "threats"


def test_a_decision_on_an_idea_not_shortlisted_is_refused(personas):
    idea = CandidateFactory(design_round__cluster=personas.cluster_a)
    with pytest.raises(DomainError, match="Only an idea on the shortlist"):
        services.candidate_decide(candidate=idea, actor=personas.manager_a, decision="introduce")
    assert not Service.objects.exists()


def test_introducing_an_idea_makes_a_new_catalogue_service_linked_to_it(personas):
    ServiceFactory(cluster=personas.cluster_a, code="7")
    idea = CandidateFactory(
        design_round__cluster=personas.cluster_a,
        name="Tender monitoring",
        description="Scouting of public tenders for the members.",
        targeted_companies="All members",
        areas=[1, 6],
    )
    idea = shortlist(personas, idea)
    decided = services.candidate_decide(
        candidate=idea, actor=personas.manager_a, decision="introduce", reason="Top of the ranking"
    )
    service = decided.service
    assert (decided.status, decided.decision_reason) == ("introduced", "Top of the ranking")
    assert decided.decided_by == personas.manager_a and decided.decided_on is not None
    assert (service.code, service.name, service.status) == ("8", "Tender monitoring", "new")
    assert service.targeted_companies == "All members"
    assert sorted(service.area_links.values_list("area", flat=True)) == [1, 6]
    assert list(service.candidates.all()) == [decided]
    with pytest.raises(DomainError, match="already"):
        services.candidate_decide(candidate=decided, actor=personas.manager_a, decision="reject")


def test_rejecting_an_idea_needs_a_reason_and_makes_no_service(personas):
    idea = shortlist(personas, CandidateFactory(design_round__cluster=personas.cluster_a))
    with pytest.raises(DomainError) as refused:
        services.candidate_decide(candidate=idea, actor=personas.manager_a, decision="reject")
    assert refused.value.field == "reason"
    decided = services.candidate_decide(
        candidate=idea, actor=personas.manager_a, decision="reject", reason="Nobody would pay"
    )
    assert decided.status == CandidateStatus.REJECTED and decided.service is None
    assert not Service.objects.exists()


def test_an_idea_without_areas_cannot_join_the_catalogue(personas):
    idea = shortlist(personas, CandidateFactory(design_round__cluster=personas.cluster_a, areas=[]))
    with pytest.raises(DomainError, match="service areas"):
        services.candidate_decide(candidate=idea, actor=personas.manager_a, decision="introduce")


def test_a_decided_idea_is_no_longer_edited_or_deleted(personas):
    idea = shortlist(personas, CandidateFactory(design_round__cluster=personas.cluster_a))
    idea = services.candidate_decide(
        candidate=idea, actor=personas.manager_a, decision="reject", reason="Too costly"
    )
    with pytest.raises(DomainError):
        services.candidate_update(candidate=idea, actor=personas.manager_a, data={"name": "X"})
    with pytest.raises(DomainError):
        services.candidate_delete(candidate=idea, actor=personas.manager_a)


def test_deleting_a_round_keeps_the_services_introduced_from_it(personas):
    idea = shortlist(personas, CandidateFactory(design_round__cluster=personas.cluster_a))
    idea = services.candidate_decide(candidate=idea, actor=personas.manager_a, decision="introduce")
    services.design_round_delete(design_round=idea.design_round, actor=personas.manager_a)
    assert Service.objects.get().status == ServiceStatus.NEW
    assert not Candidate.objects.exists()
