"""Answering through a personal or the public link: drafts kept as the respondent goes, the
checks on sending, and a clear page (404 or 410, never an error) for a link that cannot be
answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from clusterdesk.surveys.answers import field_name
from clusterdesk.surveys.models import (
    Answer,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Survey,
    SurveyStatus,
)
from clusterdesk.surveys.services import (
    question_create,
    response_start,
    response_submit,
    survey_close,
    survey_create,
)
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .factories import form_data, invite, open_survey

pytestmark = pytest.mark.django_db


def small_survey(personas, **settings) -> Survey:  # type: ignore[no-untyped-def]
    """A survey in English and Italian: a required scale, a choice, a number from 0 to 100, a
    text of at most 20 characters, and a required follow-up shown only after "yes"."""
    survey = survey_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        title="Quick check",
        languages=["en", "it"],
    )
    section = survey.sections.get()
    add = lambda **data: question_create(section=section, actor=None, data=data)  # noqa: E731
    add(
        key="happy",
        kind="likert",
        scale="satisfaction",
        required=True,
        text={"en": "How satisfied are you?", "it": "Quanto siete soddisfatti?"},
    )
    add(
        key="events",
        kind="single",
        text={"en": "Did you attend an event?"},
        options=[
            {"value": "yes", "label": {"en": "Yes", "it": "Sì"}},
            {"value": "no", "label": {"en": "No", "it": "No"}},
        ],
    )
    add(
        key="staff",
        kind="number",
        min_value=0,
        max_value=100,
        text={"en": "How many people work in your team?"},
    )
    add(key="note", kind="text", max_length=20, text={"en": "A short note"})
    events = survey.questions.get(key="events")
    add(
        key="which",
        kind="text",
        required=True,
        condition_question=events,
        condition_values=["yes"],
        text={"en": "Which event?"},
    )
    Survey.objects.filter(pk=survey.pk).update(**settings)
    survey.refresh_from_db()
    return open_survey(survey)


def q(survey: Survey, key: str) -> str:
    return field_name(Question.objects.get(survey=survey, key=key))


@pytest.fixture
def contact(personas):  # type: ignore[no-untyped-def]
    return ContactFactory(organisation=personas.member_organisation_a, first_name="Anna")


def test_the_personal_link_shows_the_questions_in_the_contacts_language(personas, contact):
    contact.language = "it"
    contact.save()
    survey = small_survey(personas)
    invitation = invite(survey, contact)

    page = Client().get(f"/s/{invitation.token}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Quanto siete soddisfatti?" in html
    # Not translated into Italian: the survey's first language.
    assert "How many people work in your team?" in html
    assert 'lang="it"' in html


def test_a_draft_is_kept_as_the_respondent_goes_and_is_there_on_coming_back(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    client = Client()

    saved = client.post(
        f"/s/{token}/save/",
        {q(survey, "happy"): "4", q(survey, "staff"): "12", q(survey, "note"): "Ciao"},
    )

    assert saved.status_code == 200
    assert "Your answers are saved" in saved.content.decode()
    response = Response.objects.get()
    assert response.status == ResponseStatus.DRAFT
    assert response.category == personas.member_organisation_a.category
    page = Client().get(f"/s/{token}/").content.decode()
    assert f'name="{q(survey, "happy")}" value="4" checked' in page
    assert 'value="12"' in page and ">Ciao</textarea>" in page
    assert not Answer.objects.filter(submitted=True).exists()


def test_a_wrong_answer_in_a_draft_is_said_and_the_kept_answer_stays(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    client = Client()
    client.post(f"/s/{token}/save/", {q(survey, "staff"): "12"})

    saved = client.post(f"/s/{token}/save/", {q(survey, "staff"): "250"})

    assert "Give a number from 0 to 100." in saved.content.decode()
    assert Answer.objects.get(question__key="staff").number == 12


def test_sending_checks_every_answer_and_keeps_the_valid_ones(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    sent = Client().post(
        f"/s/{token}/",
        {
            q(survey, "events"): "yes",
            q(survey, "staff"): "-3",
            q(survey, "note"): "x" * 21,
        },
    )

    assert sent.status_code == 400
    html = sent.content.decode()
    assert "Please answer this question." in html  # the scale, and "which" after "yes"
    assert html.count("Please answer this question.") >= 4  # beside each question and above
    assert "Give a number from 0 to 100." in html
    assert "This answer is 21 characters long; shorten it to 20 characters." in html
    assert "x" * 21 in html  # what was typed is still there
    response = Response.objects.get()
    assert response.status == ResponseStatus.DRAFT
    assert Answer.objects.get(question__key="events").option.value == "yes"


def test_a_required_question_hidden_by_its_condition_is_not_asked_for(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    sent = Client().post(
        f"/s/{token}/",
        {q(survey, "happy"): "5", q(survey, "events"): "no", q(survey, "which"): "Milano"},
    )

    assert sent.status_code == 302 and sent.url == f"/s/{token}/thanks/"
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at
    # The hidden question's answer is dropped; the others are counted.
    assert sorted(Answer.objects.values_list("question__key", flat=True)) == ["events", "happy"]
    assert set(Answer.objects.values_list("submitted", flat=True)) == {True}
    thanks = Client().get(sent.url)
    assert thanks.status_code == 200
    assert "your answers have been sent" in thanks.content.decode()


def test_a_second_submission_is_refused_and_changes_nothing(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    client = Client()
    client.post(f"/s/{token}/", {q(survey, "happy"): "5"})

    again = client.post(f"/s/{token}/", {q(survey, "happy"): "1"})
    saved = client.post(f"/s/{token}/save/", {q(survey, "happy"): "1"})
    page = client.get(f"/s/{token}/")

    for answer in (again, saved, page):
        assert answer.status_code == 410
        assert "Your answers have been received" in answer.content.decode()
    assert Answer.objects.get().number == 5
    assert Response.objects.count() == 1


def test_the_service_refuses_a_second_submission_of_the_same_response(personas, contact):
    survey = small_survey(personas)
    response = response_start(survey=survey, language="en", invitation=invite(survey, contact))
    stale = Response.objects.get(pk=response.pk)
    response_submit(response=response, data=form_data(survey, {"happy": 3}))

    from clusterdesk.surveys.services import Unavailable

    with pytest.raises(Unavailable) as refused:
        response_submit(response=stale, data=form_data(survey, {"happy": 1}))
    assert refused.value.reason == "submitted" and refused.value.status == 410
    assert Answer.objects.get().number == 3


@pytest.mark.parametrize(
    ("token", "status", "says"),
    [
        ("not-a-token", 404, "This link does not work"),
        ("x" * 300, 404, "This link does not work"),
        ("<script>alert(1)</script>", 404, "This link does not work"),
    ],
)
def test_a_tampered_or_unknown_token_gets_a_clear_page(personas, token, status, says):
    page = Client().get(f"/s/{token}/")
    assert page.status_code == status
    assert says in page.content.decode()
    assert Client().post(f"/s/{token}/save/", {}).status_code == status


def test_a_token_with_one_character_changed_does_not_open_the_survey(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    page = Client().get(f"/s/{tampered}/")

    assert page.status_code == 404
    assert "Quick check" not in page.content.decode()


def test_a_link_past_the_deadline_is_gone(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    Survey.objects.filter(pk=survey.pk).update(deadline=timezone.localdate() - timedelta(days=1))

    page = Client().get(f"/s/{token}/")
    sent = Client().post(f"/s/{token}/", {q(survey, "happy"): "5"})

    assert page.status_code == 410 and "The deadline has passed" in page.content.decode()
    assert sent.status_code == 410
    assert not Response.objects.exists()


def test_a_closed_survey_and_a_draft_one_say_so(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    survey_close(survey=survey, actor=None)

    closed = Client().get(f"/s/{token}/")
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.DRAFT)
    draft = Client().get(f"/s/{token}/")

    assert closed.status_code == 410 and "is closed" in closed.content.decode()
    assert draft.status_code == 404 and "not open yet" in draft.content.decode()


def test_an_oversized_answer_is_refused_even_when_the_page_is_bypassed(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    saved = Client().post(f"/s/{token}/save/", {q(survey, "note"): "é" * 100_000})

    assert "shorten it to 20 characters" in saved.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("happy", "6", "Choose a point of the scale, from 1 to 5."),
        ("happy", "2.5", "Choose a point of the scale, from 1 to 5."),
        ("events", "maybe", "Choose one of the options."),
        ("staff", "many", "Write a number, such as 12 or 3.5."),
        ("staff", "1e999", "Write a number, such as 12 or 3.5."),
        ("staff", "100.5", "Give a number from 0 to 100."),
    ],
)
def test_an_answer_outside_what_is_allowed_is_refused_with_a_message(
    personas, contact, key, value, message
):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    sent = Client().post(f"/s/{token}/", {q(survey, "happy"): "3", q(survey, key): value})

    assert sent.status_code == 400
    assert message in sent.content.decode()


def test_numbers_are_read_as_people_write_them(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    Client().post(f"/s/{token}/", {q(survey, "happy"): "3", q(survey, "staff"): "12,5"})

    assert Answer.objects.get(question__key="staff").number == 12.5


def test_the_language_can_be_switched_on_the_page(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token

    page = Client().get(f"/s/{token}/?lang=it").content.decode()
    Client().post(f"/s/{token}/save/", {"language": "it", q(survey, "happy"): "2"})

    assert "Quanto siete soddisfatti?" in page
    assert Response.objects.get().language == "it"
    assert "Quanto siete soddisfatti?" in Client().get(f"/s/{token}/").content.decode()


# --------------------------------------------------------------------------- the public link


def test_the_public_link_works_only_when_turned_on(personas):
    survey = small_survey(personas)

    assert Client().get(f"/s/p/{survey.public_key}/").status_code == 404
    Survey.objects.filter(pk=survey.pk).update(public_link=True)
    assert Client().get(f"/s/p/{survey.public_key}/").status_code == 200


def test_the_public_link_keeps_the_draft_for_this_browser_through_a_cookie(personas):
    survey = small_survey(personas, public_link=True)
    browser, other = Client(), Client()

    browser.post(f"/s/p/{survey.public_key}/save/", {q(survey, "note"): "Mine"})

    assert ">Mine</textarea>" in browser.get(f"/s/p/{survey.public_key}/").content.decode()
    assert ">Mine</textarea>" not in other.get(f"/s/p/{survey.public_key}/").content.decode()
    sent = browser.post(f"/s/p/{survey.public_key}/", {q(survey, "happy"): "4"})
    assert sent.status_code == 302
    assert browser.get(sent.url).status_code == 200
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED and response.invitation is None
    assert response.category == ""  # nobody known: no category
    again = browser.get(f"/s/p/{survey.public_key}/")
    assert again.status_code == 410
    assert browser.post(f"/s/p/{survey.public_key}/", {q(survey, "happy"): "1"}).status_code == 410
    # Someone else on the same device starts an empty questionnaire.
    browser.post(f"/s/p/{survey.public_key}/again/")
    assert browser.get(f"/s/p/{survey.public_key}/").status_code == 200
    assert Answer.objects.get().number == 4


def test_a_token_of_cluster_a_shows_nothing_of_cluster_b(personas, contact):
    survey = small_survey(personas)
    token = invite(survey, contact).token
    other = survey_create(
        cluster=personas.cluster_b, actor=personas.manager_b, title="Anket B", template=""
    )
    open_survey(other)

    page = Client().get(f"/s/{token}/").content.decode()
    # The public key of B's survey never opens through a personal link, nor the reverse.
    assert Client().get(f"/s/{other.public_key}/").status_code == 404
    assert Client().get(f"/s/p/{token}/").status_code == 404
    assert "Anket B" not in page and personas.cluster_b.name not in page
    assert personas.cluster_a.name in page


def test_every_kind_of_question_is_stored_and_shown_again(personas, contact):
    survey = survey_create(
        cluster=personas.cluster_a, actor=None, title="", template="satisfaction"
    )
    open_survey(survey)
    token = invite(survey, contact).token
    answers = {
        "strategy-known": 4,
        "strategy-needs": 3,
        "strategy-implementation": 4,
        "services-used": ["information", "skills"],
        "services-satisfaction": {"information": 5, "skills": 2},
        "team-responsiveness": 4,
        "overall": 5,
        "recommend": 10,
        "recommend-reason": "Good matchmaking",
    }
    client = Client()
    client.post(f"/s/{token}/save/", form_data(survey, answers))
    page = client.get(f"/s/{token}/").content.decode()
    sent = client.post(f"/s/{token}/", form_data(survey, answers))

    assert 'value="skills" checked' in page and "Good matchmaking" in page
    assert sent.status_code == 302
    matrix = Answer.objects.filter(question__kind=QuestionKind.MATRIX)
    assert sorted(matrix.values_list("option__value", "number")) == [
        ("information", 5.0),
        ("skills", 2.0),
    ]


def test_a_survey_made_for_another_organisation_keeps_its_category(personas):
    lab = OrganisationFactory(cluster=personas.cluster_a, category="research", employees=40)
    survey = small_survey(personas)
    token = invite(survey, ContactFactory(organisation=lab)).token

    Client().post(f"/s/{token}/", {q(survey, "happy"): "3"})

    response = Response.objects.get()
    assert (response.category, response.size_band) == ("research", "small")
