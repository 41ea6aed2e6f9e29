"""A contact answers the satisfaction survey through its personal link on a phone-sized screen,
leaves halfway, comes back through the same link to find its answers, finishes and sends
them; the manager then sees the results."""

from __future__ import annotations

import pytest

from clusterdesk.surveys.models import Answer, Question, Response, ResponseStatus
from clusterdesk.surveys.services import invitations_add, survey_create, survey_open
from clusterdesk.testing.factories import ContactFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def question(page, survey, key: str):  # type: ignore[no-untyped-def]
    pk = Question.objects.get(survey=survey, key=key).pk
    return page.locator(f"#q{pk}")


def saved(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the draft is kept: no save on its way, and the page says so."""
    page.wait_for_function(
        "!document.querySelector('.htmx-request') && "
        "document.getElementById('save-status').textContent.includes('Your answers are saved')"
    )


def test_a_contact_answers_on_a_phone_leaves_halfway_and_finds_its_answers(personas, page):
    survey = survey_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        title="",
        template="satisfaction",
        languages=["en", "it"],
    )
    contact = ContactFactory(
        organisation=personas.member_organisation_a, first_name="Anna", language="en"
    )
    invitations_add(survey=survey, actor=personas.manager_a, contacts=[contact])
    survey_open(survey=survey, actor=personas.manager_a)
    token = survey.invitations.get().token
    context = page.context
    page.set_viewport_size(PHONE)

    # First visit: half of the questions.
    page.goto(f"/s/{token}/")
    page.get_by_role("heading", name="Participant satisfaction survey").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    known = question(page, survey, "strategy-known")
    option = known.get_by_label("Strongly agree")
    box = option.locator("xpath=ancestor::label").bounding_box()
    assert box["height"] >= 44 and box["width"] > 300  # big enough for a thumb
    option.check()
    saved(page)
    question(page, survey, "strategy-needs").get_by_label("Agree", exact=True).check()
    # The matrix of services appears only once a service is ticked.
    matrix = question(page, survey, "services-satisfaction")
    assert matrix.is_hidden()
    question(page, survey, "services-used").get_by_label(
        "Promotion and internationalisation"
    ).check()
    matrix.wait_for(state="visible")
    matrix.get_by_role("group", name="Promotion and internationalisation").get_by_label(
        "Very satisfied"
    ).check()
    saved(page)
    # Typed text is kept a moment after the typing stops, without leaving the box.
    with page.expect_response(lambda response: response.url.endswith("/save/")):
        question(page, survey, "services-missing").get_by_role("textbox").fill(
            "A shared stand at Première Vision"
        )
    saved(page)
    page.close()  # leaves halfway

    draft = Response.objects.get()
    assert draft.status == ResponseStatus.DRAFT
    assert Answer.objects.filter(response=draft).count() == 5

    # Back through the same link, on another page: everything is there.
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{token}/")
    assert question(page, survey, "strategy-known").get_by_label("Strongly agree").is_checked()
    assert question(page, survey, "strategy-needs").get_by_label("Agree", exact=True).is_checked()
    matrix = question(page, survey, "services-satisfaction")
    assert matrix.is_visible()
    assert (
        matrix.get_by_role("group", name="Promotion and internationalisation")
        .get_by_label("Very satisfied")
        .is_checked()
    )
    assert (
        question(page, survey, "services-missing").get_by_role("textbox").input_value()
        == "A shared stand at Première Vision"
    )

    # Sending with a required question left out says so beside it, and keeps everything.
    page.get_by_role("button", name="Send my answers").click()
    alert = page.get_by_role("alert")
    assert "Some answers need your attention" in alert.inner_text()
    assert (
        "Please answer this question."
        in question(page, survey, "strategy-implementation").inner_text()
    )
    assert question(page, survey, "strategy-known").get_by_label("Strongly agree").is_checked()

    question(page, survey, "strategy-implementation").get_by_label("Satisfied", exact=True).check()
    question(page, survey, "overall").get_by_label("Very satisfied").check()
    recommend = question(page, survey, "recommend")
    recommend.get_by_label("9", exact=True).check()
    question(page, survey, "recommend-reason").get_by_role("textbox").fill("The B2B days")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you: your answers have been sent").wait_for()
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED

    # The link now says the answers were received.
    page.goto(f"/s/{token}/")
    page.get_by_role("heading", name="Your answers have been received").wait_for()

    # The manager sees the results.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "manager@a.example")
    page.goto(f"/c/tfc/surveys/{survey.pk}/results/")
    assert page.get_by_test_id("responses").inner_text() == "1"
    assert page.get_by_test_id("rate").inner_text() == "100 %"
    assert page.get_by_test_id("nps").inner_text() == "100"
    assert "The B2B days" in page.locator("#main").inner_text()
    assert page.locator("svg[role=img]").count() >= 5
