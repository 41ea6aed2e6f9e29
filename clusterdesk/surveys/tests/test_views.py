"""The management team's pages: the list, a new survey, the builder, opening and closing,
invitations and reminders (e-mails in each contact's language, sent in the background), the
results with charts, the free texts and the exports; roles; and another cluster's manager
gets 404 on every page for this cluster's survey ids."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from clusterdesk.participants.models import Category, Commitment
from clusterdesk.surveys.models import (
    Invitation,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from clusterdesk.surveys.services import survey_create
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .factories import answer, invite, open_survey

pytestmark = pytest.mark.django_db


def url(name: str, *args: object, slug: str = "tfc") -> str:
    return reverse(f"surveys:{name}", args=[slug, *args])


def satisfaction(personas) -> Survey:  # type: ignore[no-untyped-def]
    return survey_create(
        cluster=personas.cluster_a, actor=personas.manager_a, title="", template="satisfaction"
    )


SATISFIED = {
    "strategy-known": 4,
    "strategy-needs": 4,
    "strategy-implementation": 4,
    "overall": 5,
    "recommend": 9,
    "recommend-reason": "The matchmaking days",
}


def test_a_manager_creates_a_survey_from_the_ready_made_one(personas, manager_a_client):
    page = manager_a_client.get(url("new"))
    created = manager_a_client.post(url("new"), {"template": "study_visit", "kind": "custom"})

    assert page.status_code == 200
    survey = Survey.objects.get()
    assert created.status_code == 302 and created.url == url("questions", survey.pk)
    assert survey.kind == SurveyKind.STUDY_VISIT
    builder = manager_a_client.get(created.url).content.decode()
    for category in (
        "Creativity support",
        "New and innovative services to SMEs",
        "ICT and open innovation",
        "Resource efficiency",
        "International networking",
        "Internationalisation of R&amp;D",
        "Key enabling technologies",
    ):
        assert category in builder


def test_a_blank_survey_needs_a_title(personas, manager_a_client):
    refused = manager_a_client.post(url("new"), {"template": "", "kind": "custom", "title": ""})
    created = manager_a_client.post(
        url("new"), {"template": "", "kind": "custom", "title": "Event feedback"}
    )

    assert refused.status_code == 400
    assert "Give the survey a title." in refused.content.decode()
    assert created.status_code == 302
    assert Survey.objects.get().title == {"it": "Event feedback"}


def test_the_builder_adds_a_question_with_options_in_two_languages_and_a_condition(
    personas, manager_a_client
):
    survey = survey_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        title="Evento",
        languages=["it", "en"],
    )
    section = survey.sections.get()
    first = manager_a_client.post(
        url("question_new", survey.pk, section.pk),
        {
            "kind": "single",
            "required": "on",
            "text_it": "Avete partecipato?",
            "text_en": "Did you attend?",
            "options_it": "Sì\nNo",
            "options_en": "Yes\nNo",
        },
    )
    attended = Question.objects.get()
    yes = attended.options.get(position=0)
    second = manager_a_client.post(
        url("question_new", survey.pk, section.pk),
        {
            "kind": "likert",
            "scale": "satisfaction",
            "text_it": "Quanto siete soddisfatti?",
            "condition_question": attended.pk,
            "condition_values": [f"{attended.pk}:{yes.value}"],
        },
    )

    assert first.status_code == 302 and second.status_code == 302
    assert [o.label for o in attended.options.all()] == [
        {"it": "Sì", "en": "Yes"},
        {"it": "No", "en": "No"},
    ]
    follow_up = Question.objects.get(kind=QuestionKind.LIKERT)
    assert follow_up.condition_question == attended
    assert follow_up.condition_values == [yes.value]
    builder = manager_a_client.get(url("questions", survey.pk)).content.decode()
    assert "shown when the answer to question 1 is one of “Yes”" in builder
    assert "not yet in English" in builder  # the follow-up has no English text


def test_the_builder_says_what_is_wrong_with_a_question(personas, manager_a_client):
    survey = survey_create(
        cluster=personas.cluster_a, actor=personas.manager_a, title="Evento", languages=["it"]
    )
    section = survey.sections.get()

    refused = manager_a_client.post(
        url("question_new", survey.pk, section.pk),
        {"kind": "single", "text_it": "Quale?", "options_it": "Solo una"},
    )
    number = manager_a_client.post(
        url("question_new", survey.pk, section.pk),
        {"kind": "number", "text_it": "Quanti?", "min_value": "10", "max_value": "1"},
    )

    assert refused.status_code == 400 and "Give at least 2 options." in refused.content.decode()
    assert "The largest allowed is smaller than the smallest." in number.content.decode()
    assert not Question.objects.exists()


def test_once_open_only_the_texts_of_a_question_change(personas, manager_a_client):
    survey = open_survey(satisfaction(personas))
    question = survey.questions.get(key="overall")
    edit = url("question_edit", survey.pk, question.pk)
    form = {
        "kind": "likert",
        "scale": "satisfaction",
        "required": "on",
        **{f"text_{code}": text for code, text in question.text.items()},
    }

    renamed = manager_a_client.post(edit, {**form, "text_en": "All in all, how satisfied?"})
    changed_kind = manager_a_client.post(edit, {**form, "kind": "nps"})
    new_section = manager_a_client.post(url("section_new", survey.pk), {"title_it": "Altro"})

    assert renamed.status_code == 302
    question.refresh_from_db()
    assert question.text["en"] == "All in all, how satisfied?"
    assert changed_kind.status_code == 400
    assert "only its texts can change" in changed_kind.content.decode()
    assert question.kind == QuestionKind.LIKERT
    assert new_section.status_code == 400
    assert survey.sections.count() == 4


def test_questions_and_sections_move_and_delete_while_a_draft(personas, manager_a_client):
    survey = satisfaction(personas)
    known = survey.questions.get(key="strategy-known")
    consulted = survey.questions.get(key="strategy-consulted")
    reason = survey.questions.get(key="recommend-reason")
    recommend = survey.questions.get(key="recommend")

    manager_a_client.post(url("question_move", survey.pk, consulted.pk), {"direction": "up"})
    above = manager_a_client.post(
        url("question_move", survey.pk, reason.pk), {"direction": "up"}, follow=True
    )
    blocked = manager_a_client.post(url("question_delete", survey.pk, recommend.pk), follow=True)
    deleted = manager_a_client.post(url("question_delete", survey.pk, reason.pk))

    known.refresh_from_db()
    consulted.refresh_from_db()
    assert consulted.position < known.position
    assert "must stay after the question it depends on" in above.content.decode()
    assert "Another question is shown only when this one is answered" in blocked.content.decode()
    assert deleted.status_code == 302 and not Question.objects.filter(pk=reason.pk).exists()
    last = survey.sections.order_by("position").last()
    manager_a_client.post(url("section_delete", survey.pk, last.pk))
    assert not Section.objects.filter(pk=last.pk).exists()


def test_settings_set_languages_deadline_and_the_public_link(personas, manager_a_client):
    survey = satisfaction(personas)
    page = manager_a_client.get(url("settings", survey.pk))
    saved = manager_a_client.post(
        url("settings", survey.pk),
        {
            "first_language": "it",
            "other_languages": ["en"],
            "deadline": "2099-12-31",
            "public_link": "on",
            "title_it": "Soddisfazione 2026",
            "title_en": "Satisfaction 2026",
        },
    )

    assert page.status_code == 200
    assert saved.status_code == 302
    survey.refresh_from_db()
    assert survey.languages == ["it", "en"]
    assert str(survey.deadline) == "2099-12-31" and survey.public_link
    overview = manager_a_client.get(url("detail", survey.pk)).content.decode()
    assert f"/s/p/{survey.public_key}/" in overview


def test_inviting_a_segment_of_an_open_survey_emails_everyone_in_their_language(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    survey = open_survey(satisfaction(personas))
    committed = OrganisationFactory(cluster=personas.cluster_a, commitment=Commitment.COMMITTED)
    ContactFactory(organisation=committed, email="giulia@example.org", language="it")
    ContactFactory(organisation=committed, email="mehmet@example.org", language="tr")
    ContactFactory(organisation=committed, email="")  # no address: left out
    ContactFactory(organisation=personas.member_organisation_a, email="other@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        invited = manager_a_client.post(url("invite_segment", survey.pk), {"segment": "committed"})

    assert invited.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "giulia@example.org",
        "mehmet@example.org",
    ]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"giulia@example.org", "mehmet@example.org"}
    italian = by_address["giulia@example.org"]
    assert "Indagine sulla soddisfazione dei partecipanti" in italian.subject + italian.body
    assert "soddisfatti dell'organizzazione del cluster" in italian.body  # plain text, no &#x27;
    turkish = by_address["mehmet@example.org"].body
    assert "Katılımcı memnuniyet anketi" in turkish
    token = Invitation.objects.get(email="mehmet@example.org").token
    assert f"/s/{token}/" in turkish
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_invitations_of_a_draft_go_out_when_it_opens(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    survey = satisfaction(personas)
    contact = ContactFactory(organisation=personas.member_organisation_a)
    with django_capture_on_commit_callbacks(execute=True):
        manager_a_client.post(url("invite_contacts", survey.pk), {"contacts": [contact.pk]})
    assert Invitation.objects.count() == 1 and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        opened = manager_a_client.post(url("open", survey.pk))

    assert opened.status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert [message.to for message in mail.outbox] == [[contact.email]]


def test_reminders_go_to_those_who_have_not_answered(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    survey = open_survey(satisfaction(personas))
    # the reminder speaks the contact's language (English here)
    waiting = ContactFactory(organisation=personas.member_organisation_a, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        invite(survey, waiting)
    done = answer(survey, SATISFIED, organisation=personas.member_organisation_a)
    Invitation.objects.filter(pk=done.invitation_id).update(sent_at=waiting.created_at)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminded = manager_a_client.post(url("remind", survey.pk), follow=True)

    assert "A reminder is being sent to 1 person" in reminded.content.decode()
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert mail.outbox[0].subject.startswith("Reminder:")
    assert Invitation.objects.get(contact=waiting).reminders == 1
    page = manager_a_client.get(url("distribution", survey.pk)).content.decode()
    assert "answered" in page and "1 reminder" in page


def test_contacts_are_found_by_name_and_invited(personas, manager_a_client):
    survey = satisfaction(personas)
    ContactFactory(organisation=personas.member_organisation_a, first_name="Giulia")
    found = manager_a_client.get(url("distribution", survey.pk), {"q": "giul"})
    assert "Giulia" in found.content.decode()


def test_the_results_page_shows_rate_nps_satisfaction_charts_and_breakdowns(
    personas, manager_a_client
):
    survey = open_survey(satisfaction(personas))
    sme = OrganisationFactory(cluster=personas.cluster_a, category=Category.INDUSTRY_SME)
    answer(survey, SATISFIED, organisation=sme)
    answer(survey, {**SATISFIED, "overall": 2, "recommend": 3, "recommend-reason": "Slow"})
    invite(survey, ContactFactory(organisation=sme))

    page = manager_a_client.get(url("results", survey.pk))

    assert page.status_code == 200
    html = page.content.decode()
    figure = lambda name: re.search(rf'data-testid="{name}">([^<]*)<', html).group(1)  # noqa: E731
    assert figure("responses") == "2"
    assert figure("rate") == "50 %"  # 1 of the 2 invited; the other came through the public link
    assert figure("nps") == "0"
    assert figure("satisfaction") == "3.8"  # 4, 4, 5, 2 on satisfaction scales
    assert html.count('role="img"') >= 6
    assert "Industry – SME" in html and "Category not known" in html
    assert "The matchmaking days" in html and "Slow" in html


def test_all_free_texts_are_on_a_page_of_their_own(personas, manager_a_client):
    survey = open_survey(satisfaction(personas))
    for number in range(7):
        answer(survey, {**SATISFIED, "recommend-reason": f"Reason number {number}"})
    reason = survey.questions.get(key="recommend-reason")

    results = manager_a_client.get(url("results", survey.pk)).content.decode()
    texts = manager_a_client.get(url("text_answers", survey.pk, reason.pk)).content.decode()

    assert "All 7 answers" in results and "Reason number 0" not in results
    assert all(f"Reason number {number}" in texts for number in range(7))


def test_the_export_downloads_csv_and_xlsx(personas, manager_a_client):
    survey = open_survey(satisfaction(personas))
    answer(survey, SATISFIED)

    csv = manager_a_client.get(url("export", survey.pk, "csv"))
    xlsx = manager_a_client.get(url("export", survey.pk, "xlsx"))
    other = manager_a_client.get(url("export", survey.pk, "pdf"))

    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "The matchmaking days" in csv.content.decode("utf-8-sig")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert other.status_code == 404


def test_opening_and_closing_a_survey(personas, manager_a_client):
    survey = satisfaction(personas)
    manager_a_client.post(url("open", survey.pk))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    closed = manager_a_client.post(url("close", survey.pk), follow=True)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED and survey.closed_on
    assert "no more answers are accepted" in closed.content.decode()


def test_a_survey_without_questions_cannot_open(personas, manager_a_client):
    survey = survey_create(cluster=personas.cluster_a, actor=None, title="Empty")
    opened = manager_a_client.post(url("open", survey.pk), follow=True)
    assert "Add at least one question" in opened.content.decode()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_deleting_a_survey_asks_first(personas, manager_a_client):
    survey = satisfaction(personas)
    assert manager_a_client.get(url("delete", survey.pk)).status_code == 200
    manager_a_client.post(url("delete", survey.pk))
    assert not Survey.objects.exists()


def test_the_board_reads_and_a_member_representative_may_not(personas):
    survey = open_survey(satisfaction(personas))
    board = personas.client_for(personas.board_a)
    member = personas.client_for(personas.member_a)

    assert board.get(url("list")).status_code == 200
    assert board.get(url("results", survey.pk)).status_code == 200
    assert board.post(url("close", survey.pk)).status_code == 403
    assert board.get(url("new")).status_code == 403
    assert member.get(url("list")).status_code == 403
    assert member.get(url("results", survey.pk)).status_code == 403


def routes_of(survey: Survey) -> list[str]:
    section = survey.sections.first()
    question = survey.questions.first()
    invitation = survey.invitations.first()
    return [
        url("list"),
        url("new"),
        url("start_satisfaction"),
        url("detail", survey.pk),
        url("settings", survey.pk),
        url("open", survey.pk),
        url("close", survey.pk),
        url("delete", survey.pk),
        url("questions", survey.pk),
        url("section_new", survey.pk),
        url("section_edit", survey.pk, section.pk),
        url("section_delete", survey.pk, section.pk),
        url("section_move", survey.pk, section.pk),
        url("question_new", survey.pk, section.pk),
        url("question_edit", survey.pk, question.pk),
        url("question_delete", survey.pk, question.pk),
        url("question_move", survey.pk, question.pk),
        url("distribution", survey.pk),
        url("invite_segment", survey.pk),
        url("invite_contacts", survey.pk),
        url("remind", survey.pk),
        url("invitation_withdraw", survey.pk, invitation.pk),
        url("results", survey.pk),
        url("text_answers", survey.pk, survey.questions.get(key="comments").pk),
        url("export", survey.pk, "csv"),
        url("export", survey.pk, "xlsx"),
    ]


def test_another_clusters_manager_gets_404_on_every_page_of_a_survey(personas, manager_b_client):
    survey = open_survey(satisfaction(personas))
    invite(survey, ContactFactory(organisation=personas.member_organisation_a))
    answer(survey, SATISFIED)

    for route in routes_of(survey):
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(route)
            assert response.status_code == 404, (method, route, response.status_code)
    # Through B's own address, A's ids are not found either (a page that only takes a form
    # answers a visit with 405, before looking anything up).
    for route in routes_of(survey)[3:]:
        b_route = route.replace("/c/tfc/", "/c/isim/")
        assert manager_b_client.post(b_route).status_code == 404, b_route
        assert manager_b_client.get(b_route).status_code in (404, 405), b_route
    assert Survey.objects.get().status == SurveyStatus.OPEN
    assert Survey.objects.count() == 1


def test_the_manager_can_reach_every_page(personas, manager_a_client):
    survey = open_survey(satisfaction(personas))
    invite(survey, ContactFactory(organisation=personas.member_organisation_a))
    answer(survey, SATISFIED)
    for route in routes_of(survey):
        if route.endswith(("/open/", "/close/", "/move/", "/segment/", "/contacts/")):
            continue
        if "/remind/" in route or "/withdraw/" in route or "start-satisfaction" in route:
            continue
        assert manager_a_client.get(route).status_code == 200, route


def test_an_anonymous_visitor_is_sent_to_sign_in(personas):
    survey = satisfaction(personas)
    response = Client().get(url("results", survey.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url
