"""The surveys API: list, create from a ready-made questionnaire, the whole questionnaire,
settings, open and close, invitations, reminders, results and interest scores — and tenancy
and roles on every endpoint and method."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.surveys.models import Invitation, Survey, SurveyStatus
from clusterdesk.surveys.services import (
    InterestCandidate,
    interest_survey_create,
    survey_create,
)
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import ContactFactory

from .factories import answer, invite, open_survey

pytestmark = pytest.mark.django_db


def api(path: str = "", slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/surveys/{path}"


@pytest.fixture
def manager_api(personas):  # type: ignore[no-untyped-def]
    return token_client(personas.manager_a)


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
}


def test_a_survey_is_created_from_the_ready_made_one_and_read_whole(personas, manager_api):
    created = manager_api.post(api(), {"template": "satisfaction"}, format="json")

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["kind"] == "satisfaction" and body["status"] == "draft"
    assert body["languages"][0] == "it"
    keys = [q["key"] for section in body["sections"] for q in section["questions"]]
    assert "recommend" in keys and "services-satisfaction" in keys
    matrix = next(
        q for s in body["sections"] for q in s["questions"] if q["key"] == "services-satisfaction"
    )
    assert matrix["condition_question"] == "services-used"
    assert len(matrix["options"]) == 4
    assert AuditEntry.objects.get(object_type="survey").source == "api"
    listed = manager_api.get(api()).json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_a_blank_survey_without_a_title_is_refused_in_the_one_error_shape(personas, manager_api):
    refused = manager_api.post(api(), {"kind": "custom"}, format="json")
    assert_error(refused, 400, "invalid")
    wrong = manager_api.post(api(), {"template": "nonsense"}, format="json")
    assert_error(wrong, 400, "invalid")


def test_settings_open_and_close(personas, manager_api):
    survey = satisfaction(personas)

    changed = manager_api.patch(
        api(f"{survey.pk}/"),
        {"deadline": "2099-01-31", "public_link": True, "languages": ["it", "en"]},
        format="json",
    )
    opened = manager_api.post(api(f"{survey.pk}/open/"))
    again = manager_api.post(api(f"{survey.pk}/open/"))
    closed = manager_api.post(api(f"{survey.pk}/close/"))

    assert changed.status_code == 200, changed.content
    assert changed.json()["public_url"].endswith(f"/s/p/{survey.public_key}/")
    assert opened.json()["status"] == "open"
    assert_error(again, 400)
    assert closed.json()["status"] == "closed" and closed.json()["closed_on"]


def test_invitations_are_added_and_sent_and_reminders_go_out(
    personas, manager_api, django_capture_on_commit_callbacks
):
    survey = open_survey(satisfaction(personas))
    anna = ContactFactory(organisation=personas.member_organisation_a, language="en")
    elsewhere = ContactFactory(organisation__cluster=personas.cluster_b)

    with django_capture_on_commit_callbacks(execute=True):
        invited = manager_api.post(
            api(f"{survey.pk}/invitations/"),
            {"contacts": [anna.pk, elsewhere.pk]},
            format="json",
        )

    assert invited.json() == {"count": 1}
    assert [m.to for m in mail.outbox] == [[anna.email]]
    rows = manager_api.get(api(f"{survey.pk}/invitations/")).json()["results"]
    assert [(row["contact"], row["answer"]) for row in rows] == [(anna.pk, "")]
    with django_capture_on_commit_callbacks(execute=True):
        reminded = manager_api.post(api(f"{survey.pk}/remind/"))
    assert reminded.json() == {"count": 1} and len(mail.outbox) == 2


def test_the_results_and_the_interest_scores(personas, manager_api):
    survey = open_survey(satisfaction(personas))
    answer(survey, SATISFIED, organisation=personas.member_organisation_a)
    interest = open_survey(
        interest_survey_create(
            cluster=personas.cluster_a,
            actor=None,
            title="",
            candidates=[InterestCandidate("c1", "Export training", "")],
        )
    )
    answer(
        interest,
        {
            "profile-category": "research",
            "profile-size": "small",
            "c1-interest": 5,
            "c1-benefit": 3,
            "c1-pay": "full_price",
        },
    )

    results = manager_api.get(api(f"{survey.pk}/results/")).json()
    scores = manager_api.get(api(f"{interest.pk}/interest/"), {"segment_by": "category"}).json()
    wrong = manager_api.get(api(f"{interest.pk}/interest/"), {"segment_by": "colour"})

    assert results["rate"]["submitted"] == 1 and results["rate"]["share"] == 1.0
    assert results["recommendation"]["promoters"] == 1
    assert results["satisfaction"] == 4.5
    overall = next(q for q in results["questions"] if q["key"] == "overall")
    assert overall["shares"][4]["count"] == 1
    assert scores == [
        {
            "candidate_key": "c1",
            "segment": "research",
            "responses": 1,
            "interest": 5.0,
            "benefit": 3.0,
            "willing_to_pay": 1.0,
        }
    ]
    assert_error(wrong, 400)


def test_the_schema_describes_the_survey_endpoints(personas, manager_api):
    schema = manager_api.get("/api/v1/schema/?format=json").json()
    assert {
        "/api/v1/c/{cluster_slug}/surveys/",
        "/api/v1/c/{cluster_slug}/surveys/{id}/",
        "/api/v1/c/{cluster_slug}/surveys/{id}/results/",
        "/api/v1/c/{cluster_slug}/surveys/{id}/invitations/",
    } <= set(schema["paths"])


Call = tuple[str, str, dict[str, Any] | None]


def calls(survey: Survey) -> list[Call]:
    pk = survey.pk
    return [
        ("get", "", None),
        ("post", "", {"template": "satisfaction"}),
        ("get", f"{pk}/", None),
        ("patch", f"{pk}/", {"public_link": True}),
        ("delete", f"{pk}/", None),
        ("post", f"{pk}/open/", None),
        ("post", f"{pk}/close/", None),
        ("get", f"{pk}/invitations/", None),
        ("post", f"{pk}/invitations/", {"segment": "everyone"}),
        ("post", f"{pk}/remind/", None),
        ("get", f"{pk}/results/", None),
        ("get", f"{pk}/interest/", None),
    ]


def test_another_clusters_manager_gets_404_on_every_endpoint_and_method(personas):
    survey = open_survey(satisfaction(personas))
    invite(survey, ContactFactory(organisation=personas.member_organisation_a))
    client = token_client(personas.manager_b)

    for method, path, body in calls(survey):
        response = getattr(client, method)(api(path), body, format="json")
        assert_error(response, 404, "not_found")
        if path:  # A's survey id through B's own address
            response = getattr(client, method)(api(path, "isim"), body, format="json")
            assert_error(response, 404, "not_found")
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN and not survey.public_link
    assert Invitation.objects.count() == 1 and Survey.objects.count() == 1


def test_the_board_reads_a_member_representative_may_not_anonymous_gets_401(personas):
    survey = open_survey(satisfaction(personas))
    board = token_client(personas.board_a)
    member = token_client(personas.member_a)

    assert board.get(api()).status_code == 200
    assert board.get(api(f"{survey.pk}/results/")).status_code == 200
    assert_error(board.post(api(f"{survey.pk}/close/")), 403)
    assert_error(board.delete(api(f"{survey.pk}/")), 403)
    for method, path, body in calls(survey):
        assert_error(getattr(member, method)(api(path), body, format="json"), 403)
        assert_error(getattr(token_client(None), method)(api(path), body, format="json"), 401)
