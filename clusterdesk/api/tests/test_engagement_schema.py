"""The ledger's endpoints in the OpenAPI schema: each operation documents the one error shape
for the answers a caller may get, and none takes an upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from clusterdesk.conftest import Personas

pytestmark = pytest.mark.django_db

LEDGER = (
    "personal-contacts",
    "tasks",
    "activities",
    "working-groups",
    "staff",
    "training-records",
    "general-assemblies",
    "board-members",
    "committees",
    "budget-lines",
    "funding-commitments",
    "strategy-documents",
    "plan-actions",
    "websites",
    "social-channels",
    "success-stories",
)


@pytest.fixture
def schema(personas: Personas, client: Client) -> dict:
    client.force_login(personas.manager_a)
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_has_every_ledger_endpoint(schema: dict) -> None:
    prefix = "/api/v1/c/{cluster_slug}/"
    expected = {f"{prefix}{name}/" for name in LEDGER} | {
        f"{prefix}{name}/{{id}}/" for name in LEDGER
    }
    expected |= {
        f"{prefix}governance/",
        f"{prefix}engagement/summary/",
        f"{prefix}tasks/{{id}}/complete/",
        f"{prefix}tasks/{{id}}/reopen/",
    }

    assert expected <= set(schema["paths"])


def test_every_ledger_operation_documents_401_403_and_404_in_the_error_shape(
    schema: dict,
) -> None:
    error = {"$ref": "#/components/schemas/Error"}
    ledger_paths = {
        path: operations
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/c/{cluster_slug}/")
        and path.split("/")[5] in {*LEDGER, "governance", "engagement"}
    }

    assert len(ledger_paths) == 2 * len(LEDGER) + 4
    for path, operations in ledger_paths.items():
        for method, operation in operations.items():
            for status in ("401", "403", "404"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"] == error, (path, method, status)
            if method in ("post", "put", "patch") and "requestBody" in operation:
                assert set(operation["requestBody"]["content"]) == {"application/json"}, path


def test_the_schema_generates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert "/api/v1/c/{cluster_slug}/activities/" in target.read_text()
