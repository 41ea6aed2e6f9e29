"""The mapping API: upload, status and report, re-run, delete — and tenancy and roles on every
endpoint and method (the result rows: ``test_results``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.conftest import Personas
from clusterdesk.mapping import samples
from clusterdesk.mapping.models import DatasetStatus, MappingDataset, ResultTable
from clusterdesk.mapping.queries import result_scan
from clusterdesk.tenancy.models import AuditEntry

from ..test_services import create, mapped
from .support import Call, api, upload_body

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------- datasets


def test_a_manager_uploads_files_and_follows_them_to_a_finished_mapping(
    personas: Personas, manager_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = manager_api.post(api(), upload_body(samples.us_states_2016()))

    assert created.status_code == 201, created.content
    answer = created.json()
    assert (answer["name"], answer["level"], answer["reference"], answer["year"]) == (
        "U.S. states 2016 (U.S. Cluster Mapping Project)",
        "cluster",
        "US",
        2016,
    )
    assert (answer["status"], answer["progress"], answer["results"]) == ("queued", 0.0, None)
    body = manager_api.get(api(f"{answer['id']}/")).json()
    assert (body["status"], body["status_label"], body["stage"], body["progress"]) == (
        "done",
        "Mapped",
        "done",
        1.0,
    )
    assert body["report"] == {"ok": True, "problems": []}
    assert body["failure"] == ""
    summary = body["summary"]
    assert (summary["years"], summary["regions"], summary["clusters"], summary["rows"]) == (
        [2016],
        51,
        67,
        51 * 67,
    )
    assert summary["region_types"] == ["nation", "state"]
    assert body["parameters"] == {
        "size_star_top_share": 0.1,
        "specialisation_star_lq": 2.0,
        "focus_star_top_share": 0.1,
        "ignore_unknown_industries": False,
    }
    manager = personas.manager_a
    assert body["created_by"] == (manager.get_full_name() or manager.get_username())
    assert body["results"] == {
        "clusters": f"http://testserver{api(str(answer['id']))}/clusters/",
        "regions": f"http://testserver{api(str(answer['id']))}/regions/",
    }
    dataset = MappingDataset.objects.get(pk=answer["id"])
    assert dataset.cluster == personas.cluster_a
    assert dataset.created_by == personas.manager_a


def test_industry_figures_may_come_with_star_settings_and_no_classification(
    manager_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    body = upload_body(
        samples.county_industries(), size_star_top_share="0.25", specialisation_star_lq="3"
    )

    with django_capture_on_commit_callbacks(execute=True):
        created = manager_api.post(api(), body)

    assert created.status_code == 201, created.content
    dataset = MappingDataset.objects.get(pk=created.json()["id"])
    assert dataset.status == DatasetStatus.DONE, dataset.report
    assert not dataset.classification_file
    assert dataset.parameters == {"size_star_top_share": 0.25, "specialisation_star_lq": 3.0}
    assert dataset.summary["years"] == [2015, 2016]


def test_the_list_gives_the_clusters_datasets_newest_first(
    personas: Personas,
    manager_api: APIClient,
    us_states: MappingDataset,
    counties: MappingDataset,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mapped(
        personas,
        samples.us_states_2016(),
        django_capture_on_commit_callbacks,
        cluster=personas.cluster_b,
        actor=personas.manager_b,
        name="Cluster B's own mapping",
    )

    body = manager_api.get(api()).json()

    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [counties.pk, us_states.pk]
    first = body["results"][0]
    assert (first["name"], first["status"], first["summary"]["regions"]) == (
        "Synthetic counties (example)",
        "done",
        9,
    )
    assert first["report"] == {"ok": True, "problems": []}


def test_refused_data_ends_invalid_with_every_problem_in_the_report(
    manager_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        created = manager_api.post(api(), upload_body(samples.county_industries(), year="2016"))
    pk = created.json()["id"]
    MappingDataset.objects.filter(pk=pk).update(reference="XX")
    with django_capture_on_commit_callbacks(execute=True):
        manager_api.post(api(f"{pk}/rerun/"), {}, format="json")

    body = manager_api.get(api(f"{pk}/")).json()

    assert (body["status"], body["status_label"], body["results"]) == (
        "invalid",
        "Refused: the data has problems",
        None,
    )
    assert body["report"]["ok"] is False
    problems = {problem["code"]: problem for problem in body["report"]["problems"]}
    assert set(problems) == {"mixed_years", "missing_reference"}
    assert problems["mixed_years"]["message"] == (
        "The data should hold 2016 only, but 32 rows are for other years: 2015 (32 rows)."
    )
    assert problems["mixed_years"]["blocking"] is True
    error = assert_error(manager_api.get(api(f"{pk}/clusters/")), 404, "not_found")
    assert error["message"] == "This dataset has no results yet (Refused: the data has problems)."


def test_a_file_that_is_not_a_table_is_a_400_naming_the_field(manager_api: APIClient) -> None:
    body = upload_body(
        samples.us_states_2016(), figures_file=SimpleUploadedFile("figures.pdf", b"%PDF-1.4")
    )

    error = assert_error(manager_api.post(api(), body), 400, "invalid")

    assert error["fields"] == {
        "figures_file": ["Upload a CSV, an Excel (.xlsx) or a Parquet file."]
    }
    assert error["message"] == "Upload a CSV, an Excel (.xlsx) or a Parquet file."
    assert not MappingDataset.objects.exists()


def test_figures_per_cluster_without_the_cluster_list_are_a_400(manager_api: APIClient) -> None:
    body = upload_body(samples.us_states_2016())
    del body["classification_file"]

    error = assert_error(manager_api.post(api(), body), 400, "invalid")

    assert list(error["fields"]) == ["classification_file"]
    assert not MappingDataset.objects.exists()


def test_an_upload_without_its_files_and_reference_is_a_400_naming_each_field(
    manager_api: APIClient,
) -> None:
    error = assert_error(manager_api.post(api(), {"name": "Empty"}), 400, "invalid")

    assert set(error["fields"]) == {"figures_file", "regions_file", "reference"}


def test_a_level_that_is_neither_industry_nor_cluster_is_a_400(manager_api: APIClient) -> None:
    body = upload_body(samples.us_states_2016(), level="states")

    error = assert_error(manager_api.post(api(), body), 400, "invalid")

    assert error["fields"] == {"level": ["Choose what the statistics file holds."]}


def test_a_star_setting_out_of_range_is_a_400(manager_api: APIClient) -> None:
    body = upload_body(samples.us_states_2016(), focus_star_top_share="1.5")

    error = assert_error(manager_api.post(api(), body), 400, "invalid")

    assert error["message"] == (
        "A star threshold is out of range: focus_star_top_share must be above 0 and at most 1."
    )
    assert not MappingDataset.objects.exists()


def test_a_rerun_changes_only_the_settings_given(
    manager_api: APIClient, us_states: MappingDataset, django_capture_on_commit_callbacks: Any
) -> None:
    stars_before = result_scan(us_states).select(pl.col("size_star").sum()).collect().item()

    with django_capture_on_commit_callbacks(execute=True):
        first = manager_api.post(
            api(f"{us_states.pk}/rerun/"), {"size_star_top_share": 0.5}, format="json"
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = manager_api.post(
            api(f"{us_states.pk}/rerun/"), {"focus_star_top_share": 0.2}, format="json"
        )

    assert first.status_code == 202, first.content
    assert first.json()["status"] == "queued"
    assert first.json()["results"] is not None  # the earlier results stay readable
    assert second.status_code == 202
    us_states.refresh_from_db()
    assert us_states.status == DatasetStatus.DONE
    assert us_states.parameters == {"size_star_top_share": 0.5, "focus_star_top_share": 0.2}
    assert result_scan(us_states).select(pl.col("size_star").sum()).collect().item() > (
        stars_before
    )
    assert AuditEntry.objects.filter(object_type="mappingdataset", action="changed").count() == 2


def test_a_dataset_waiting_to_be_mapped_cannot_be_run_again(
    personas: Personas, manager_api: APIClient
) -> None:
    waiting = create(personas, samples.us_states_2016())  # its task never ran

    error = assert_error(manager_api.post(api(f"{waiting.pk}/rerun/"), {}, format="json"), 400)

    assert error["message"] == "This dataset is being mapped; wait until it is done."


def test_deleting_a_dataset_removes_it_and_its_results(
    manager_api: APIClient, us_states: MappingDataset, media: Path
) -> None:
    stored = media / us_states.result_name(ResultTable.CLUSTERS)
    assert stored.exists()

    response = manager_api.delete(api(f"{us_states.pk}/"))

    assert response.status_code == 204
    assert not MappingDataset.objects.filter(pk=us_states.pk).exists()
    assert not stored.exists()
    assert_error(manager_api.get(api(f"{us_states.pk}/")), 404, "not_found")


# --------------------------------------------------------------------------- tenancy and roles


def every_call(dataset_id: int, slug: str = "tfc") -> list[Call]:
    one = f"{dataset_id}/"
    calls: list[Call] = []
    for path in ("", one, f"{one}clusters/", f"{one}regions/"):
        calls += [("get", api(path, slug), None), ("options", api(path, slug), None)]
    calls += [
        ("get", api(f"{one}clusters/", slug) + "?strong=true&year=2016&page_size=5", None),
        ("get", api(f"{one}regions/", slug) + "?region_type=state", None),
        ("post", api("", slug), "upload"),
        ("post", api(f"{one}rerun/", slug), {"size_star_top_share": 0.3}),
        ("delete", api(one, slug), None),
        ("put", api(one, slug), {}),
        ("patch", api(one, slug), {}),
        ("post", api(one, slug), {}),
        ("post", api(f"{one}clusters/", slug), {}),
        ("delete", api(f"{one}regions/", slug), None),
        ("get", api(f"{one}rerun/", slug), None),
    ]
    return calls


def call(client: APIClient, method: str, url: str, body: Any) -> Any:
    if body is None:
        return getattr(client, method)(url)
    if body == "upload":
        return client.post(url, upload_body(samples.us_states_2016()), format="multipart")
    return getattr(client, method)(url, body, format="json")


def state() -> tuple[Any, ...]:
    return (
        sorted(MappingDataset.objects.values_list("pk", "status", "parameters")),
        AuditEntry.objects.count(),
    )


def test_another_clusters_manager_gets_404_on_every_endpoint_and_method(
    personas: Personas, us_states: MappingDataset
) -> None:
    client = token_client(personas.manager_b)
    before = state()

    for method, url, body in every_call(us_states.pk):
        assert_error(call(client, method, url, body), 404, "not_found")

    assert state() == before


def test_another_clusters_manager_cannot_reach_a_dataset_through_their_own_cluster(
    personas: Personas, us_states: MappingDataset
) -> None:
    client = token_client(personas.manager_b)
    before = state()

    assert client.get(api("", "isim")).json()["results"] == []
    for method, url, body in every_call(us_states.pk, "isim"):
        if url.endswith("/datasets/"):  # their own list and upload
            continue
        response = call(client, method, url, body)
        supported = (
            (method == "get" and not url.endswith("/rerun/"))
            or (method == "delete" and url.endswith(f"/{us_states.pk}/"))
            or (method == "post" and url.endswith("/rerun/"))
        )
        if supported:
            assert_error(response, 404, "not_found")
        elif method == "options":  # the endpoint's description, the same for any id
            assert response.status_code == 200
            assert us_states.name not in response.content.decode()
        else:
            assert_error(response, 405, "method_not_allowed")

    assert state() == before


def test_anonymous_callers_get_401_everywhere(us_states: MappingDataset) -> None:
    before = state()

    for method, url, body in every_call(us_states.pk):
        assert_error(call(APIClient(), method, url, body), 401, "not_authenticated")

    assert state() == before


def test_a_member_representative_gets_403_everywhere(
    personas: Personas, us_states: MappingDataset
) -> None:
    client = token_client(personas.member_a)
    before = state()

    for method, url, body in every_call(us_states.pk):
        assert_error(call(client, method, url, body), 403, "permission_denied")

    assert state() == before


def test_the_board_reads_everything_and_writes_nothing(
    personas: Personas, us_states: MappingDataset
) -> None:
    client = token_client(personas.board_a)
    before = state()

    for method, url, body in every_call(us_states.pk):
        response = call(client, method, url, body)
        if method in ("get", "options") and not url.endswith("/rerun/"):
            assert response.status_code == 200, url
        elif method in ("post", "delete"):
            assert_error(response, 403, "permission_denied")

    assert state() == before


def test_staff_upload_and_rerun(
    personas: Personas, us_states: MappingDataset, django_capture_on_commit_callbacks: Any
) -> None:
    client = token_client(personas.staff_a)

    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(api(), upload_body(samples.county_industries()))
    rerun = client.post(api(f"{us_states.pk}/rerun/"), {}, format="json")

    assert created.status_code == 201, created.content
    assert rerun.status_code == 202, rerun.content


# --------------------------------------------------------------------------- the schema


def test_the_schema_documents_the_mapping_endpoints(personas: Personas) -> None:
    client = token_client(personas.manager_a)

    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    prefix = "/api/v1/c/{cluster_slug}/mapping/datasets/"
    paths = {
        prefix,
        f"{prefix}{{id}}/",
        f"{prefix}{{id}}/rerun/",
        f"{prefix}{{id}}/clusters/",
        f"{prefix}{{id}}/regions/",
    }
    assert paths <= set(schema["paths"])
    upload = schema["paths"][prefix]["post"]["requestBody"]["content"]
    assert set(upload) == {"multipart/form-data"}
    rows = schema["paths"][f"{prefix}{{id}}/clusters/"]["get"]
    assert {parameter["name"] for parameter in rows["parameters"]} >= {
        "year",
        "region_type",
        "region_code",
        "cluster_code",
        "strong",
        "page",
        "page_size",
    }
    error = {"$ref": "#/components/schemas/Error"}
    for path in paths:
        for method, operation in schema["paths"][path].items():
            for code in ("401", "403", "404"):
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == error, (path, method, code)
