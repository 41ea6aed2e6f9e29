import pytest
from django.utils import timezone

from clusterdesk.benchmarking.tests.page_helpers import records_for
from clusterdesk.engagement.models import PlanAction

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_goes_from_readiness_to_evidence_to_a_plan_action(personas, page):
    records_for(personas.cluster_a)
    year = timezone.localdate().year
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/excellence/")
    page.get_by_role("heading", name="Excellence readiness").wait_for()
    assert "Label readiness" in page.get_by_test_id("labels").inner_text()
    row = page.get_by_test_id("indicator-B4")
    assert "32.3 %" in row.inner_text()
    assert "Not met" in row.inner_text()

    row.get_by_role("link", name="Participants with a personal contact").click()
    page.get_by_role("heading", name="B4 Participants with a personal contact").wait_for()
    assert page.get_by_test_id("value").inner_text() == "32.3 %"
    assert page.get_by_test_id("more").inner_text() == "contact 3 more participants"
    assert page.get_by_role("link", name="Lanificio 01").is_visible()

    page.get_by_role("navigation", name="Excellence").get_by_role("link", name="Roadmap").click()
    page.get_by_role("heading", name="Roadmap to excellence").wait_for()
    item = page.get_by_test_id("roadmap-B4")
    assert "contact 3 more participants" in item.get_by_test_id("target").inner_text()
    assert item.get_by_label("Target").input_value() == "41"
    item.get_by_label("Action", exact=True).fill("Call 3 more participants before the summer")
    item.get_by_role("button", name=f"Add to the {year} plan").click()

    page.get_by_role("heading", name=f"Implementation plan {year}").wait_for()
    assert "was added to the" in page.locator(".messages").inner_text()
    plan_row = page.get_by_role("row", name="Call 3 more participants before the summer")
    assert "B4 · Participants with a personal contact: 41 %" in plan_row.inner_text()
    action = PlanAction.objects.get(cluster=personas.cluster_a)
    assert action.title == "Call 3 more participants before the summer"
    assert action.year == year
