"""The roadmap: what is short, in order, with a target in words; one click makes it a plan
action."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.engine import roadmap
from clusterdesk.engagement.models import PlanAction

from .page_helpers import records_for, text_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_a(personas):
    records_for(personas.cluster_a)
    return personas.cluster_a


def plan_url(year: int) -> str:
    return reverse("engagement:strategy_plan", kwargs={"cluster_slug": "tfc", "year": year})


def test_the_roadmap_lists_the_short_indicators_in_the_engines_order(cluster_a, manager_a_client):
    run = services.assessment_run(cluster=cluster_a)
    order = [item.indicator for item in roadmap(run.framework, run.assessment)]
    response = manager_a_client.get(url("roadmap"))
    assert response.status_code == 200
    page = text_of(response)
    positions = [page.index(f'data-testid="roadmap-{indicator}"') for indicator in order]
    assert positions == sorted(positions)
    assert 'data-testid="roadmap-A3"' not in page  # met: not on the roadmap
    assert f"{len(order)}</span>" in page


def test_each_item_says_its_target_in_words_and_the_guides_advice(cluster_a, manager_a_client):
    page = text_of(manager_a_client.get(url("roadmap")))
    assert "contact 3 more participants" in page  # B4: 13 of 31 make more than 40 %
    assert "16 more committed participants" in page  # A1: 24, needs 40
    assert "1 more participant committed (signing the agreement)" in page  # A2
    assert "record the missing data first" in page  # an unknown indicator
    assert "Nothing says when the last participant satisfaction survey closed." in page
    assert "Ask every active participant to sign the membership agreement" in page
    assert "Quick: record or decide" in page and "+4.3 points of score" in page


def test_the_action_form_is_prefilled(cluster_a, manager_a_client):
    page = text_of(manager_a_client.get(url("roadmap")))
    year = timezone.localdate().year
    assert 'value="B4 Participants with a personal contact: Contact 3 more participants"' in page
    assert 'id="target-B4" name="target_value" type="number" step="any" value="41"' in page
    assert 'id="unit-B4" name="unit" value="%"' in page
    assert f'name="year" value="{year}"' in page
    assert url("roadmap_action", "B4") in page


def test_one_click_turns_an_item_into_a_plan_action(cluster_a, personas, manager_a_client):
    year = timezone.localdate().year
    response = manager_a_client.post(
        url("roadmap_action", "B4"),
        {
            "title": "B4 Participants with a personal contact: Contact 3 more participants",
            "target_value": "41",
            "unit": "%",
            "year": str(year),
        },
    )
    assert response.status_code == 302
    assert response.url == plan_url(year)
    action = PlanAction.objects.get(cluster=cluster_a)
    assert action.title == "B4 Participants with a personal contact: Contact 3 more participants"
    assert action.indicator == "B4 · Participants with a personal contact"
    assert action.target_value == Decimal("41")
    assert action.unit == "%"
    assert action.owner == personas.manager_a
    plan = text_of(manager_a_client.get(response.url))
    assert "was added to the" in plan and "Contact 3 more participants" in plan


def test_a_refused_action_says_why(cluster_a, manager_a_client):
    response = manager_a_client.post(
        url("roadmap_action", "B4"), {"title": "", "year": "2026"}, follow=True
    )
    assert "This field is required." in text_of(response)
    assert not PlanAction.objects.exists()


def test_an_unknown_indicator_cannot_become_an_action(cluster_a, manager_a_client):
    response = manager_a_client.post(url("roadmap_action", "Z9"), {"title": "x", "year": "2026"})
    assert response.status_code == 404
    assert manager_a_client.get(url("roadmap_action", "B4")).status_code == 405


def test_a_board_viewer_reads_the_roadmap_but_cannot_add_actions(cluster_a, personas):
    board = personas.client_for(personas.board_a)
    page = text_of(board.get(url("roadmap")))
    assert 'data-testid="roadmap-B4"' in page
    assert "Add to the" not in page
    response = board.post(url("roadmap_action", "B4"), {"title": "x", "year": "2026"})
    assert response.status_code == 403
    assert not PlanAction.objects.exists()


def test_a_member_representative_may_not_see_the_roadmap(cluster_a, personas):
    assert personas.client_for(personas.member_a).get(url("roadmap")).status_code == 403


def test_another_clusters_manager_gets_404(cluster_a, manager_b_client):
    assert manager_b_client.get(url("roadmap")).status_code == 404
    response = manager_b_client.post(url("roadmap_action", "B4"), {"title": "x", "year": "2026"})
    assert response.status_code == 404
    assert not PlanAction.objects.exists()


def test_a_bad_date_is_refused_on_the_roadmap(cluster_a, manager_a_client):
    response = manager_a_client.get(url("roadmap", query="as_of=31-02-2026"))
    assert response.status_code == 400
    assert "Give a date such as 2026-03-01." in text_of(response)
