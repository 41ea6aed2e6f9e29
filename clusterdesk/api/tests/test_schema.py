from __future__ import annotations

import pytest
from django.test import Client

from clusterdesk.conftest import Personas

pytestmark = pytest.mark.django_db


def test_the_schema_describes_the_organisation_and_contact_endpoints(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.manager_a)

    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert {
        "/api/v1/me/",
        "/api/v1/c/{cluster_slug}/organisations/",
        "/api/v1/c/{cluster_slug}/organisations/{id}/",
        "/api/v1/c/{cluster_slug}/contacts/",
        "/api/v1/c/{cluster_slug}/contacts/{id}/",
    } <= set(schema["paths"])
    organisation = schema["components"]["schemas"]["Organisation"]["properties"]
    assert organisation["nace_codes"]["type"] == "array"
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_schema_documents_the_one_error_shape(personas: Personas, client: Client) -> None:
    client.force_login(personas.manager_a)

    schema = client.get("/api/v1/schema/?format=json").json()

    post = schema["paths"]["/api/v1/c/{cluster_slug}/organisations/"]["post"]
    error = post["responses"]["400"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_the_api_documentation_page_opens(personas: Personas, client: Client) -> None:
    client.force_login(personas.manager_a)

    assert client.get("/api/v1/docs/").status_code == 200
