import pytest

from clusterdesk.matchmaking.models import FollowUpStage, Listing, Match
from clusterdesk.matchmaking.tests.helpers import community

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_adds_a_request_follows_up_a_partner_and_records_a_meeting(
    personas, page, settings
):
    settings.MATCHMAKING_ENGINE = "tfidf"
    found = community(personas)

    sign_in(page, "member@a.example")
    page.goto("/c/tfc/matchmaking/")
    page.locator("#main").get_by_role("link", name="New offer or request").click()
    form = page.locator("#main form.form")
    form.get_by_label("Kind").select_option(label="Technology request")
    form.get_by_label("Title").fill("Robotic laser welding cell for aluminium frames")
    form.get_by_label("Description").fill("Fibre laser welding of thin aluminium tubes.")
    form.get_by_role("button", name="Save").click()
    page.get_by_text("“Robotic laser welding cell for aluminium frames” was added.").wait_for()
    assert Listing.objects.filter(profile__organisation=found.welder).count() == 2

    page.locator("#main").get_by_role("link", name="Recommended partners").first.click()
    first = page.get_by_test_id("suggestion").first
    assert "Beta Laser" in first.inner_text()
    assert "meets the technology request" in first.get_by_test_id("reasons").inner_text()
    first.get_by_role("button", name="Follow up").click()

    page.get_by_text("The follow-up was started").wait_for()
    page.get_by_label("Step").select_option(label="Met")
    page.get_by_role("button", name="Record the step").click()
    page.get_by_text("The step was recorded.").wait_for()
    assert page.get_by_test_id("match-stage").inner_text() == "Met"
    match = Match.objects.get()
    assert (match.partner, match.stage) == (found.laser, FollowUpStage.MET)
