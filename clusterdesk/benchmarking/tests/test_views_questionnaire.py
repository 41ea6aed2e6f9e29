"""The benchmarking questionnaire: answers dated, attributed, with a document, and history."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.models import Answer
from clusterdesk.engagement.tests.contact_helpers import isolated_media  # noqa: F401
from clusterdesk.tenancy.models import AuditEntry

from .page_helpers import text_of, url

pytestmark = pytest.mark.django_db

SURVEY = "satisfaction_survey_closed_on"


def answer_post(question: str, value: str, *, answered_on: str = "", **extra: object) -> dict:
    prefix = f"q-{question}"
    data = {
        "question": question,
        f"{prefix}-question": question,
        f"{prefix}-value": value,
        f"{prefix}-answered_on": answered_on or timezone.localdate().isoformat(),
        f"{prefix}-note": "",
    }
    data.update({f"{prefix}-{name}": item for name, item in extra.items()})
    return data


def give(personas, question: str, value: str, answered_on: date, **extra: object) -> Answer:
    return services.answer_give(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data={"question": question, "value": value, "answered_on": answered_on, **extra},
    )


def test_every_question_shows_with_its_form(personas, manager_a_client):
    response = manager_a_client.get(url("questionnaire"))
    assert response.status_code == 200
    page = text_of(response)
    assert "When did your last participant satisfaction survey close?" in page
    assert "Which cluster-management excellence label does the organisation hold?" in page
    assert page.count("Not answered yet.") == 6
    assert 'name="q-label_held-value"' in page and '<option value="silver">' in page
    assert f'name="q-{SURVEY}-value"' in page and 'type="date"' in page
    assert url("indicator", "E1") in page


def test_a_manager_answers_a_question_and_the_indicator_reads_it(personas, manager_a_client):
    closed = timezone.localdate() - timedelta(days=100)
    response = manager_a_client.post(
        url("questionnaire"), answer_post(SURVEY, closed.isoformat(), note="Online, 64 answers")
    )
    assert response.status_code == 302
    assert response.url == url("questionnaire") + f"#q-{SURVEY}"
    answer = Answer.objects.get(cluster=personas.cluster_a, question=SURVEY)
    assert answer.value == closed.isoformat()
    assert answer.answered_by == personas.manager_a
    assert answer.note == "Online, 64 answers"
    assert AuditEntry.objects.filter(object_type="answer", object_id=answer.pk).exists()

    page = text_of(manager_a_client.get(url("questionnaire")))
    assert f'data-testid="latest">{date_format(closed)}<' in page
    assert "Online, 64 answers" in page
    evidence = text_of(manager_a_client.get(url("indicator", "E1")))
    assert 'data-testid="status">Excellent<' in evidence  # closed 3 months ago: ≤ 12


def test_a_choice_answer_reads_as_its_label(personas, manager_a_client):
    give(personas, "label_held", "bronze", timezone.localdate() - timedelta(days=10))
    page = text_of(manager_a_client.get(url("questionnaire")))
    assert 'data-testid="latest">Bronze label<' in page


def test_a_future_date_is_shown_on_its_field(personas, manager_a_client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = manager_a_client.post(url("questionnaire"), answer_post(SURVEY, tomorrow))
    assert response.status_code == 400
    page = text_of(response)
    assert "This date is in the future." in page
    assert f'id="id_q-{SURVEY}-value_error"' in page
    assert not Answer.objects.exists()


def test_a_choice_outside_the_list_is_refused(personas, manager_a_client):
    response = manager_a_client.post(url("questionnaire"), answer_post("label_held", "platinum"))
    assert response.status_code == 400
    assert "Select a valid choice." in text_of(response)
    assert not Answer.objects.exists()


def test_earlier_answers_stay_as_history(personas, manager_a_client):
    today = timezone.localdate()
    give(personas, SURVEY, (today - timedelta(days=800)).isoformat(), today - timedelta(days=790))
    give(personas, SURVEY, (today - timedelta(days=30)).isoformat(), today - timedelta(days=20))
    page = text_of(manager_a_client.get(url("questionnaire")))
    assert f'data-testid="latest">{date_format(today - timedelta(days=30))}<' in page
    assert "1 earlier answer" in page
    assert date_format(today - timedelta(days=800)) in page


def test_a_document_is_kept_and_served_only_to_the_cluster(
    personas,
    manager_a_client,
    manager_b_client,
    isolated_media,  # noqa: F811
):
    minutes = SimpleUploadedFile("survey-results.pdf", b"%PDF-1.4 results", "application/pdf")
    response = manager_a_client.post(
        url("questionnaire"),
        answer_post(
            SURVEY, (timezone.localdate() - timedelta(days=5)).isoformat(), document=minutes
        ),
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.document.name.startswith("benchmarking/")
    page = text_of(manager_a_client.get(url("questionnaire")))
    assert url("answer_document", answer.pk) in page
    download = manager_a_client.get(url("answer_document", answer.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 results"
    assert manager_b_client.get(url("answer_document", answer.pk)).status_code == 404
    isim = url("answer_document", answer.pk, slug="isim")
    assert manager_b_client.get(isim).status_code == 404


def test_an_answer_without_a_document_has_nothing_to_download(personas, manager_a_client):
    answer = give(personas, SURVEY, "2025-01-01", date(2025, 1, 2))
    assert manager_a_client.get(url("answer_document", answer.pk)).status_code == 404


def test_an_answer_is_deleted_after_confirmation(personas, manager_a_client):
    answer = give(personas, "label_held", "gold", timezone.localdate())
    confirm = manager_a_client.get(url("answer_delete", answer.pk))
    assert confirm.status_code == 200
    assert "Delete the answer “Gold label”" in text_of(confirm)
    response = manager_a_client.post(url("answer_delete", answer.pk))
    assert response.status_code == 302
    assert not Answer.objects.filter(pk=answer.pk).exists()
    assert AuditEntry.objects.filter(action="deleted", object_type="answer").exists()


def test_a_board_viewer_reads_the_answers_but_cannot_answer(personas):
    give(personas, "label_held", "gold", timezone.localdate())
    board = personas.client_for(personas.board_a)
    page = text_of(board.get(url("questionnaire")))
    assert 'data-testid="latest">Gold label<' in page
    assert "Record the answer" not in page
    assert board.post(url("questionnaire"), answer_post("label_held", "none")).status_code == 403
    answer = Answer.objects.get()
    assert board.post(url("answer_delete", answer.pk)).status_code == 403
    assert Answer.objects.filter(value="gold").count() == 1


def test_a_member_representative_may_not_see_the_questionnaire(personas):
    member = personas.client_for(personas.member_a)
    assert member.get(url("questionnaire")).status_code == 403


def test_another_clusters_manager_cannot_reach_an_answer(personas, manager_b_client):
    answer = give(personas, "label_held", "gold", timezone.localdate())
    for address in (
        url("questionnaire"),
        url("answer_delete", answer.pk),
        url("answer_delete", answer.pk, slug="isim"),
        url("answer_document", answer.pk, slug="isim"),
    ):
        assert manager_b_client.get(address).status_code == 404, address
    assert manager_b_client.post(url("answer_delete", answer.pk, slug="isim")).status_code == 404
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_an_answer_to_a_question_not_in_the_framework_is_refused(personas, manager_a_client):
    response = manager_a_client.post(url("questionnaire"), answer_post("favourite_colour", "blue"))
    assert response.status_code == 400
    assert "This question is not in the indicator framework." in text_of(response)
    assert not Answer.objects.exists()
