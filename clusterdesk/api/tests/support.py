"""Addresses and assertions shared by the API tests."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from clusterdesk.tenancy.models import User


def token_client(user: User | None) -> APIClient:
    """A client that signs in as programs do: ``Authorization: Token <key>``."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def organisations_url(cluster_slug: str = "tfc") -> str:
    return f"/api/v1/c/{cluster_slug}/organisations/"


def organisation_url(pk: int, cluster_slug: str = "tfc") -> str:
    return f"/api/v1/c/{cluster_slug}/organisations/{pk}/"


def contacts_url(cluster_slug: str = "tfc") -> str:
    return f"/api/v1/c/{cluster_slug}/contacts/"


def contact_url(pk: int, cluster_slug: str = "tfc") -> str:
    return f"/api/v1/c/{cluster_slug}/contacts/{pk}/"


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an error in the API's one shape; returns its "error" object."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]
