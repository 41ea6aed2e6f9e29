from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.testing.factories import MembershipFactory

from .support import assert_error, organisations_url, token_client

pytestmark = pytest.mark.django_db


def test_a_token_in_the_authorization_header_signs_the_caller_in(personas: Personas) -> None:
    response = token_client(personas.manager_a).get(organisations_url())

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_wrong_token_gets_401_in_the_error_shape(personas: Personas) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    error = assert_error(client.get(organisations_url()), 401, "authentication_failed")

    assert "token" in error["message"].lower()


def test_a_rotated_token_no_longer_works(personas: Personas) -> None:
    client = token_client(personas.manager_a)
    Token.objects.filter(user=personas.manager_a).delete()
    Token.objects.create(user=personas.manager_a)

    assert_error(client.get(organisations_url()), 401, "authentication_failed")


def test_the_token_of_a_deactivated_user_gets_401(personas: Personas) -> None:
    client = token_client(personas.manager_a)
    personas.manager_a.is_active = False
    personas.manager_a.save()

    assert_error(client.get(organisations_url()), 401, "authentication_failed")


def test_a_signed_in_browser_session_works_too(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.board_a)

    assert client.get(organisations_url()).status_code == 200


def test_a_browser_session_needs_the_csrf_token_to_write(personas: Personas) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.manager_a)

    response = client.post(
        organisations_url(),
        {"name": "Nuova", "category": "other"},
        content_type="application/json",
    )

    assert_error(response, 403, "permission_denied")


def test_me_shows_the_callers_email_and_clusters_with_roles(personas: Personas) -> None:
    response = token_client(personas.member_a).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json() == {
        "email": "member@a.example",
        "full_name": personas.member_a.full_name,
        "clusters": [
            {
                "cluster": "tfc",
                "cluster_name": "Tuscany Fashion Cluster",
                "role": "member",
                "organisation": personas.member_organisation_a.pk,
            }
        ],
    }


def test_me_lists_every_cluster_of_a_person_in_several(personas: Personas) -> None:
    MembershipFactory(cluster=personas.cluster_b, user=personas.manager_a, role="board")

    clusters = token_client(personas.manager_a).get("/api/v1/me/").json()["clusters"]

    assert [(row["cluster"], row["role"]) for row in clusters] == [
        ("isim", "board"),
        ("tfc", "manager"),
    ]
