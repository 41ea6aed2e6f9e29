"""Tenancy and roles: who may call what, for every endpoint and method."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .support import (
    assert_error,
    contact_url,
    contacts_url,
    organisation_url,
    organisations_url,
    token_client,
)

pytestmark = pytest.mark.django_db

Call = tuple[str, str, dict[str, Any] | None]


def every_call(cluster_slug: str, organisation: Organisation, contact: Contact) -> list[Call]:
    """Each method of each cluster endpoint, with a body that would be valid."""
    organisation_body = {"name": "Tessitura Nuova", "category": "industry_sme"}
    contact_body = {"organisation": organisation.pk, "first_name": "Anna", "last_name": "Neri"}
    calls: list[Call] = []
    for collection, item, body in (
        (
            organisations_url(cluster_slug),
            organisation_url(organisation.pk, cluster_slug),
            organisation_body,
        ),
        (contacts_url(cluster_slug), contact_url(contact.pk, cluster_slug), contact_body),
    ):
        calls += [
            ("get", collection, None),
            ("options", collection, None),
            ("post", collection, body),
            ("get", item, None),
            ("options", item, None),
            ("put", item, body),
            ("patch", item, body),
            ("delete", item, None),
        ]
    return calls


def write_calls(cluster_slug: str, organisation: Organisation, contact: Contact) -> list[Call]:
    return [
        call
        for call in every_call(cluster_slug, organisation, contact)
        if call[0] not in ("get", "options")
    ]


def call(client: APIClient, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


@pytest.fixture
def records(personas: Personas) -> tuple[Organisation, Contact]:
    organisation = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")
    return organisation, ContactFactory(organisation=organisation)


def _nothing_changed(organisation: Organisation, contact: Contact) -> None:
    organisation.refresh_from_db()
    contact.refresh_from_db()
    assert organisation.name == "Tintoria Verdi"
    assert Organisation.objects.count() == 2
    assert Contact.objects.count() == 1
    assert not AuditEntry.objects.exists()


# Another cluster, anonymous visitors


def test_another_clusters_manager_gets_404_on_every_endpoint_and_method(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.manager_b)

    for method, url, body in every_call("tfc", *records):
        response = call(client, method, url, body)
        assert_error(response, 404, "not_found")

    _nothing_changed(*records)


def test_another_clusters_manager_cannot_reach_these_records_through_their_own_cluster(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.manager_b)
    organisation, contact = records

    for method, url, body in every_call("isim", organisation, contact):
        if not url.endswith("s/") and method != "options":  # options describes, reads nothing
            assert_error(call(client, method, url, body), 404, "not_found")
    listed = client.get(organisations_url("isim")).json()["results"]
    added = client.post(
        contacts_url("isim"),
        {"organisation": organisation.pk, "first_name": "Anna", "last_name": "Neri"},
        format="json",
    )

    assert listed == []
    assert list(assert_error(added, 400)["fields"]) == ["organisation"]
    _nothing_changed(organisation, contact)


def test_a_cluster_that_does_not_exist_is_404(personas: Personas, manager_api: APIClient) -> None:
    assert_error(manager_api.get(organisations_url("nowhere")), 404, "not_found")


def test_anonymous_visitors_get_401_in_the_error_shape_on_every_endpoint(
    records: tuple[Organisation, Contact],
) -> None:
    client = APIClient()

    for method, url, body in [*every_call("tfc", *records), ("get", "/api/v1/me/", None)]:
        response = call(client, method, url, body)
        assert_error(response, 401, "not_authenticated")
        assert response["WWW-Authenticate"] == "Token"

    _nothing_changed(*records)


# Roles within the cluster


def test_the_board_viewer_reads_everything(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.board_a)
    organisation, contact = records

    assert client.get(organisations_url()).json()["count"] == 2
    assert client.get(organisation_url(organisation.pk)).status_code == 200
    assert client.get(contacts_url()).json()["count"] == 1
    assert client.get(contact_url(contact.pk)).status_code == 200


def test_the_board_viewer_gets_403_on_every_write(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.board_a)

    for method, url, body in write_calls("tfc", *records):
        assert_error(call(client, method, url, body), 403, "permission_denied")

    _nothing_changed(*records)


def test_staff_add_change_and_delete_like_managers(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.staff_a)
    organisation, contact = records

    responses = [
        client.post(organisations_url(), {"name": "Nuova", "category": "other"}, format="json"),
        client.patch(organisation_url(organisation.pk), {"city": "Lucca"}, format="json"),
        client.post(
            contacts_url(),
            {"organisation": organisation.pk, "first_name": "Anna", "last_name": "Neri"},
            format="json",
        ),
        client.patch(contact_url(contact.pk), {"phone": "0583 1"}, format="json"),
        client.delete(contact_url(contact.pk)),
        client.delete(organisation_url(organisation.pk)),
    ]

    assert [response.status_code for response in responses] == [201, 200, 201, 200, 204, 204]
    assert set(AuditEntry.objects.values_list("source", flat=True)) == {"api"}


# The member representative: their organisation and its contacts, nothing else


def test_a_member_representative_lists_only_their_organisation_and_its_contacts(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    own_contact = ContactFactory(organisation=personas.member_organisation_a)
    client = token_client(personas.member_a)

    organisations = client.get(organisations_url()).json()
    contacts = client.get(contacts_url()).json()

    assert [row["id"] for row in organisations["results"]] == [personas.member_organisation_a.pk]
    assert [row["id"] for row in contacts["results"]] == [own_contact.pk]
    other, _contact = records
    assert client.get(contacts_url(), {"organisation": other.pk}).json()["results"] == []


def test_a_member_representative_gets_404_for_other_organisations_and_their_contacts(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.member_a)
    organisation, contact = records

    for method, url, body in every_call("tfc", organisation, contact):
        if url.endswith("s/") or method == "options":
            continue  # collections: see above; options describes the endpoint, reads nothing
        if method == "delete" and "organisations" in url:
            continue  # 403 whichever organisation it is: see below
        assert_error(call(client, method, url, body), 404, "not_found")

    _nothing_changed(organisation, contact)


def test_a_member_representative_changes_their_organisation(personas: Personas) -> None:
    client = token_client(personas.member_a)
    own = personas.member_organisation_a

    response = client.patch(
        organisation_url(own.pk), {"employees": 35, "nace_codes": ["13.10"]}, format="json"
    )

    assert response.status_code == 200, response.content
    own.refresh_from_db()
    assert own.employees == 35
    entry = AuditEntry.objects.get(object_id=own.pk)
    assert (entry.actor, entry.source) == (personas.member_a, "api")


def test_a_member_representative_may_not_add_or_delete_organisations(
    personas: Personas,
) -> None:
    client = token_client(personas.member_a)
    own = personas.member_organisation_a

    assert_error(
        client.post(organisations_url(), {"name": "Nuova", "category": "other"}, format="json"),
        403,
        "permission_denied",
    )
    assert_error(client.delete(organisation_url(own.pk)), 403, "permission_denied")
    assert Organisation.objects.filter(pk=own.pk).exists()


def test_a_member_representative_manages_their_organisations_contacts(
    personas: Personas,
) -> None:
    client = token_client(personas.member_a)
    own = personas.member_organisation_a

    created = client.post(
        contacts_url(),
        {"organisation": own.pk, "first_name": "Anna", "last_name": "Rossi"},
        format="json",
    )
    assert created.status_code == 201, created.content
    url = contact_url(created.json()["id"])
    changed = client.patch(url, {"job_title": "Owner"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["job_title"] == "Owner"
    assert client.delete(url).status_code == 204
    assert not Contact.objects.exists()


def test_a_member_representative_cannot_add_or_move_contacts_to_another_organisation(
    personas: Personas, records: tuple[Organisation, Contact]
) -> None:
    client = token_client(personas.member_a)
    other, _contact = records
    own_contact = ContactFactory(organisation=personas.member_organisation_a)

    added = client.post(
        contacts_url(),
        {"organisation": other.pk, "first_name": "Anna", "last_name": "Rossi"},
        format="json",
    )
    moved = client.patch(contact_url(own_contact.pk), {"organisation": other.pk}, format="json")

    assert list(assert_error(added, 400)["fields"]) == ["organisation"]
    assert list(assert_error(moved, 400)["fields"]) == ["organisation"]
    own_contact.refresh_from_db()
    assert own_contact.organisation == personas.member_organisation_a
    assert other.contacts.count() == 1


def test_a_member_representative_cannot_change_commitment_through_the_api(personas):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(personas.member_a)
    own = personas.member_organisation_a
    response = client.patch(
        f"/api/v1/c/tfc/organisations/{own.pk}/",
        {"commitment": "committed", "agreement_signed_on": "2025-01-01"},
        format="json",
    )
    assert response.status_code == 403
    assert "management team" in response.json()["error"]["message"]
    assert response.json()["error"]["fields"] == {
        "commitment": ["Only the cluster's management team changes commitment and membership."]
    }
    own.refresh_from_db()
    assert own.commitment == "not_committed"
    assert (
        client.patch(
            f"/api/v1/c/tfc/organisations/{own.pk}/", {"city": "Vernio"}, format="json"
        ).status_code
        == 200
    )
