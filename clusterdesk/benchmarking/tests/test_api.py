"""The assessments API: the live assessment with its texts and evidence, saved snapshots, peer
portfolios as aggregates, questionnaire answers, the framework in use — and tenancy and roles
on every endpoint and method."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.benchmarking import services
from clusterdesk.benchmarking.models import Answer
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.conftest import Personas
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import CommittedOrganisationFactory

from .test_peers import peer_cluster, snapshot

pytestmark = pytest.mark.django_db

Call = tuple[str, str, dict[str, Any] | None]


def api(path: str, slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/assessments/{path}"


@pytest.fixture
def manager_api(personas: Personas) -> APIClient:
    return token_client(personas.manager_a)


def saved_of_a(personas: Personas) -> SavedAssessment:
    return services.assessment_save(cluster=personas.cluster_a, actor=personas.manager_a)


# --------------------------------------------------------------------------- the live assessment


def test_the_live_assessment_gives_score_readiness_and_every_indicator_in_words(
    personas: Personas, manager_api: APIClient
) -> None:
    CommittedOrganisationFactory(cluster=personas.cluster_a, name="Tessitura Bianchi")

    response = manager_api.get(api("live/"))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["as_of"] == timezone.localdate().isoformat()
    assert body["framework"]["id"] == "clusterdesk-default"
    assert len(body["indicators"]) == 23
    assert body["unknown"] == body["counts"]["unknown"] == 19
    assert body["readiness"]["level"] == "none"
    assert body["readiness"]["level_label"] == "Not yet Bronze-eligible"
    assert (
        "Minimum requirement not met: At least 15 committed participants."
        in body["readiness"]["missing_bronze"]
    )
    a1 = body["indicators"][0]
    assert (a1["id"], a1["value"], a1["value_text"], a1["status"]) == ("A1", 1.0, "1", "not_met")
    assert a1["met_when"] == "≥ 40"
    assert a1["recommendation"].startswith("A minimum of 40 committed participants")
    assert a1["evidence"][0] == {
        "key": "committed",
        "title": "Committed participants",
        "counted": True,
        "count": 1,
    }
    b4 = next(row for row in body["indicators"] if row["id"] == "B4")
    assert (b4["status"], b4["value"], b4["met_when"], b4["excellent_when"]) == (
        "unknown",
        None,
        "> 40 %",
        "≥ 60 %",
    )
    assert b4["gaps"] == [
        {
            "code": "no_contacts",
            "text": "No personal contact has been logged yet.",
            "where": "contacts",
            "page": "Contact log",
            "url": "/c/tfc/engagement/contacts/",
        }
    ]
    assert [area["area"] for area in body["areas"]][:2] == ["structure", "management"]
    assert [minimum["id"] for minimum in body["minimums"]] == ["M1", "M2", "M3", "M4"]


def test_the_records_behind_each_value_come_with_evidence_1(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = CommittedOrganisationFactory(
        cluster=personas.cluster_a, name="Tessitura Bianchi"
    )

    body = manager_api.get(api("live/"), {"evidence": "1"}).json()

    committed = body["indicators"][0]["evidence"][0]
    assert committed["count"] == 1
    assert committed["items"] == [
        {
            "kind": "participant",
            "id": organisation.pk,
            "label": "Tessitura Bianchi",
            "on": None,
            "number": None,
            "note": "",
        }
    ]


def test_an_earlier_day_can_be_asked_for(manager_api: APIClient) -> None:
    day = timezone.localdate() - timedelta(days=400)

    body = manager_api.get(api("live/"), {"as_of": day.isoformat()}).json()

    assert body["as_of"] == day.isoformat()


@pytest.mark.parametrize("as_of", ["2026-13-01", "yesterday", "1999-12-31", "future"])
def test_a_bad_date_is_a_400_naming_the_field(manager_api: APIClient, as_of: str) -> None:
    if as_of == "future":
        as_of = (timezone.localdate() + timedelta(days=1)).isoformat()

    error = assert_error(manager_api.get(api("live/"), {"as_of": as_of}), 400)

    assert list(error["fields"]) == ["as_of"]


# --------------------------------------------------------------------------- snapshots


def test_a_manager_saves_lists_reads_and_deletes_a_snapshot(
    personas: Personas, manager_api: APIClient
) -> None:
    day = timezone.localdate() - timedelta(days=30)

    created = manager_api.post(
        api(""), {"as_of": day.isoformat(), "note": "Board meeting"}, format="json"
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["as_of"], body["note"], body["level"]) == (
        day.isoformat(),
        "Board meeting",
        "none",
    )
    assert body["framework"] == "clusterdesk-default 2026.1"
    assert body["assessment"]["indicators"][0]["id"] == "A1"
    saved = SavedAssessment.objects.get(pk=body["id"])
    assert saved.cluster == personas.cluster_a
    assert AuditEntry.objects.filter(object_id=saved.pk, source="api").exists()

    listed = manager_api.get(api("")).json()
    assert [row["id"] for row in listed["results"]] == [saved.pk]
    assert "assessment" not in listed["results"][0]

    shown = manager_api.get(api(f"{saved.pk}/")).json()
    assert shown["assessment"]["as_of"] == day.isoformat()
    assert shown["assessment"]["score"] == saved.score

    assert manager_api.delete(api(f"{saved.pk}/")).status_code == 204
    assert not SavedAssessment.objects.exists()


def test_a_snapshot_for_a_day_in_the_future_is_refused(manager_api: APIClient) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)

    error = assert_error(
        manager_api.post(api(""), {"as_of": tomorrow.isoformat()}, format="json"), 400
    )

    assert error["fields"] == {"as_of": ["An assessment cannot be made for a day in the future."]}
    assert not SavedAssessment.objects.exists()


# --------------------------------------------------------------------------- peers


def test_peers_are_aggregates_only_and_a_small_portfolio_gives_not_even_its_count(
    personas: Personas, manager_api: APIClient
) -> None:
    for number in range(1, 5):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 10.0 * number}, score=0.5)

    body = manager_api.get(api("peers/")).json()

    assert body["pool"] == "installation" and body["minimum"] == 5
    assert body["portfolios"] == [
        {"key": "country", "label": "Same country", "shown": False},
        {"key": "technology", "label": "Same technology area", "shown": False},
        {"key": "all", "label": "All clusters", "shown": False},
        {"key": "gold", "label": "Gold-ready clusters", "shown": False},
    ]


def test_peers_give_quartiles_and_this_clusters_quarter(
    personas: Personas, manager_api: APIClient
) -> None:
    for number in range(1, 7):
        snapshot(peer_cluster(f"peer-{number}"), values={"A1": 2.0 * number}, score=number / 10)
    for _number in range(8):
        CommittedOrganisationFactory(cluster=personas.cluster_a)

    body = manager_api.get(api("peers/")).json()

    everyone = body["portfolios"][2]
    assert (everyone["key"], everyone["shown"], everyone["count"]) == ("all", True, 6)
    a1 = everyone["indicators"][0]
    assert a1 == {
        "id": "A1",
        "quartiles": {"count": 6, "q1": 4.5, "median": 7.0, "q3": 9.5},
        "position": 3,
    }
    assert everyone["indicators"][1]["quartiles"] is None  # A2 given by none of them
    assert manager_api.get(api("peers/"), {"pool": "own"}).json()["pool"] == "own"
    assert_error(manager_api.get(api("peers/"), {"pool": "everyone"}), 400)


# --------------------------------------------------------------------------- answers


def test_an_answer_is_given_and_listed(personas: Personas, manager_api: APIClient) -> None:
    day = timezone.localdate() - timedelta(days=60)
    body = {
        "question": "satisfaction_survey_closed_on",
        "value": day.isoformat(),
        "answered_on": timezone.localdate().isoformat(),
        "note": "Results on the intranet",
    }

    created = manager_api.post(api("answers/"), body, format="json")

    assert created.status_code == 201, created.content
    answer = Answer.objects.get()
    assert (answer.cluster, answer.answered_by, answer.value) == (
        personas.cluster_a,
        personas.manager_a,
        day.isoformat(),
    )
    listed = manager_api.get(api("answers/")).json()["results"]
    assert [row["question"] for row in listed] == ["satisfaction_survey_closed_on"]
    assert listed[0]["has_document"] is False
    e1 = next(
        row for row in manager_api.get(api("live/")).json()["indicators"] if row["id"] == "E1"
    )
    assert (e1["value"], e1["status"]) == (1.0, "excellent")  # 60 days: one whole month


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"question": "favourite_colour"},
            "question",
            "This question is not in the indicator framework.",
        ),
        ({"value": "last spring"}, "value", "Give a date, e.g. 2026-03-01."),
        ({"answered_on": "2026-02-30"}, "answered_on", None),
    ],
)
def test_a_wrong_answer_is_a_400_with_its_field(
    manager_api: APIClient, changes: dict[str, str], field: str, message: str | None
) -> None:
    body = {
        "question": "satisfaction_survey_closed_on",
        "value": "2025-01-10",
        "answered_on": "2025-01-10",
        **changes,
    }

    error = assert_error(manager_api.post(api("answers/"), body, format="json"), 400)

    assert list(error["fields"]) == [field]
    if message:
        assert error["fields"][field] == [message]
    assert not Answer.objects.exists()


# --------------------------------------------------------------------------- the framework


def test_the_framework_in_use_is_described_whole(manager_api: APIClient) -> None:
    body = manager_api.get(api("framework/")).json()

    assert (body["id"], body["version"]) == ("clusterdesk-default", "2026.1")
    assert body["labels"] == {
        "gold_score": 0.8,
        "silver_window_months": [18, 24],
        "silver_areas_improved": 3,
        "peer_minimum": 5,
    }
    assert len(body["indicators"]) == 23 and len(body["areas"]) == 8
    b4 = next(row for row in body["indicators"] if row["id"] == "B4")
    assert (b4["met"], b4["met_text"], b4["excellent_text"], b4["weight"]) == (
        "value > 0.40",
        "> 40 %",
        "≥ 60 %",
        1.0,
    )
    assert [minimum["id"] for minimum in body["minimums"]] == ["M1", "M2", "M3", "M4"]
    assert "satisfaction_survey_closed_on" in [question["id"] for question in body["questions"]]


# --------------------------------------------------------------------------- tenancy and roles


def every_call(saved_id: int, slug: str = "tfc") -> list[Call]:
    today = timezone.localdate().isoformat()
    answer = {"question": "satisfaction_survey_closed_on", "value": today, "answered_on": today}
    calls: list[Call] = []
    for path in ("live/", "", f"{saved_id}/", "peers/", "answers/", "framework/"):
        calls += [("get", api(path, slug), None), ("options", api(path, slug), None)]
    calls += [
        ("get", api("live/", slug) + "?evidence=1&as_of=2025-01-01", None),
        ("post", api("", slug), {"note": "From the API"}),
        ("post", api("answers/", slug), answer),
        ("delete", api(f"{saved_id}/", slug), None),
        ("post", api("live/", slug), {}),
        ("put", api(f"{saved_id}/", slug), {}),
        ("patch", api(f"{saved_id}/", slug), {}),
        ("post", api("peers/", slug), {}),
        ("post", api("framework/", slug), {}),
    ]
    return calls


def call(client: APIClient, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


def state() -> tuple[Any, ...]:
    return (
        sorted(SavedAssessment.objects.values_list("pk", "updated_at")),
        Answer.objects.count(),
        AuditEntry.objects.count(),
    )


def test_another_clusters_manager_gets_404_on_every_endpoint_and_method(
    personas: Personas,
) -> None:
    saved = saved_of_a(personas)
    client = token_client(personas.manager_b)
    before = state()

    for method, url, body in every_call(saved.pk):
        assert_error(call(client, method, url, body), 404, "not_found")

    assert state() == before


def test_another_clusters_manager_cannot_reach_a_snapshot_through_their_own_cluster(
    personas: Personas,
) -> None:
    saved = saved_of_a(personas)
    client = token_client(personas.manager_b)

    assert client.get(api("", "isim")).json()["results"] == []
    assert_error(client.get(api(f"{saved.pk}/", "isim")), 404, "not_found")
    assert_error(client.delete(api(f"{saved.pk}/", "isim")), 404, "not_found")
    assert SavedAssessment.objects.filter(pk=saved.pk).exists()


def test_anonymous_callers_get_401_everywhere(personas: Personas) -> None:
    saved = saved_of_a(personas)
    before = state()

    for method, url, body in every_call(saved.pk):
        assert_error(call(APIClient(), method, url, body), 401, "not_authenticated")

    assert state() == before


def test_a_member_representative_gets_403_everywhere(personas: Personas) -> None:
    saved = saved_of_a(personas)
    client = token_client(personas.member_a)
    before = state()

    for method, url, body in every_call(saved.pk):
        assert_error(call(client, method, url, body), 403, "permission_denied")

    assert state() == before


def test_the_board_reads_everything_and_writes_nothing(personas: Personas) -> None:
    saved = saved_of_a(personas)
    client = token_client(personas.board_a)
    before = state()

    for method, url, body in every_call(saved.pk):
        response = call(client, method, url, body)
        if method == "get":
            assert response.status_code == 200, url
        elif method in ("post", "delete") and not url.endswith(("live/", "peers/", "framework/")):
            assert_error(response, 403, "permission_denied")

    assert state() == before


def test_staff_save_and_answer(personas: Personas) -> None:
    client = token_client(personas.staff_a)

    assert client.post(api(""), {}, format="json").status_code == 201
    today = timezone.localdate().isoformat()
    answer = {"question": "label_held", "value": "bronze", "answered_on": today}
    assert client.post(api("answers/"), answer, format="json").status_code == 201


def test_the_schema_documents_the_assessment_endpoints(personas: Personas) -> None:
    client = token_client(personas.manager_a)

    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    prefix = "/api/v1/c/{cluster_slug}/assessments/"
    assert {
        prefix,
        f"{prefix}{{id}}/",
        f"{prefix}live/",
        f"{prefix}peers/",
        f"{prefix}answers/",
        f"{prefix}framework/",
    } <= set(schema["paths"])
    live = schema["paths"][f"{prefix}live/"]["get"]
    assert {parameter["name"] for parameter in live["parameters"]} >= {"as_of", "evidence"}
    error = {"$ref": "#/components/schemas/Error"}
    assert live["responses"]["404"]["content"]["application/json"]["schema"] == error
