from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .support import assert_error, contact_url, contacts_url

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [f"{row['first_name']} {row['last_name']}" for row in response.json()["results"]]


def test_the_list_shows_the_clusters_contacts_only(
    personas: Personas, manager_api: APIClient
) -> None:
    ContactFactory(
        organisation=personas.member_organisation_a, first_name="Anna", last_name="Rossi"
    )
    ContactFactory(
        organisation=OrganisationFactory(cluster=personas.cluster_b),
        first_name="Mehmet",
        last_name="Yilmaz",
    )

    response = manager_api.get(contacts_url())

    assert _names(response) == ["Anna Rossi"]
    row = response.json()["results"][0]
    assert row["organisation"] == personas.member_organisation_a.pk
    assert {"id", "email", "job_title", "consent_newsletter", "created_at"} <= set(row)


def test_the_list_filters_by_words_and_by_organisation(
    personas: Personas, manager_api: APIClient
) -> None:
    tintoria = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")
    ContactFactory(
        organisation=personas.member_organisation_a, first_name="Anna", last_name="Rossi"
    )
    ContactFactory(organisation=tintoria, first_name="Marco", last_name="Verdi")
    ContactFactory(organisation=tintoria, first_name="Giulia", last_name="Neri")

    assert _names(manager_api.get(contacts_url(), {"q": "marco"})) == ["Marco Verdi"]
    assert _names(manager_api.get(contacts_url(), {"q": "tintoria"})) == [
        "Giulia Neri",
        "Marco Verdi",
    ]
    assert _names(manager_api.get(contacts_url(), {"organisation": tintoria.pk})) == [
        "Giulia Neri",
        "Marco Verdi",
    ]
    assert_error(manager_api.get(contacts_url(), {"organisation": "tintoria"}), 400)


def test_a_manager_adds_a_contact_to_an_organisation_of_the_cluster(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        contacts_url(),
        {
            "organisation": personas.member_organisation_a.pk,
            "first_name": "Anna",
            "last_name": "Rossi",
            "email": "anna@lanificio.example",
            "consent_newsletter": True,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    contact = Contact.objects.get(pk=response.json()["id"])
    assert contact.cluster == personas.cluster_a
    assert contact.organisation == personas.member_organisation_a
    entry = AuditEntry.objects.get(object_type="contact", object_id=contact.pk)
    assert (entry.action, entry.source) == (AuditAction.CREATED, "api")


def test_a_contact_for_another_clusters_organisation_is_a_400_on_organisation(
    personas: Personas, manager_api: APIClient
) -> None:
    elsewhere = OrganisationFactory(cluster=personas.cluster_b)

    response = manager_api.post(
        contacts_url(),
        {"organisation": elsewhere.pk, "first_name": "Anna", "last_name": "Rossi"},
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["organisation"]
    assert not Contact.objects.exists()


def test_a_contact_who_wants_the_newsletter_without_an_email_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        contacts_url(),
        {
            "organisation": personas.member_organisation_a.pk,
            "first_name": "Anna",
            "last_name": "Rossi",
            "consent_newsletter": True,
        },
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["email"]


def test_a_manager_changes_a_contact_and_moves_it_to_another_organisation(
    personas: Personas, manager_api: APIClient
) -> None:
    contact = ContactFactory(organisation=personas.member_organisation_a)
    tintoria = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")

    response = manager_api.patch(
        contact_url(contact.pk),
        {"job_title": "Export manager", "organisation": tintoria.pk},
        format="json",
    )

    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert (contact.job_title, contact.organisation) == ("Export manager", tintoria)
    entry = AuditEntry.objects.get(object_type="contact", action=AuditAction.CHANGED)
    assert entry.source == "api"
    assert entry.changes["organisation"] == ["Lanificio Rossi", "Tintoria Verdi"]


def test_a_contact_cannot_be_moved_to_another_clusters_organisation(
    personas: Personas, manager_api: APIClient
) -> None:
    contact = ContactFactory(organisation=personas.member_organisation_a)
    elsewhere = OrganisationFactory(cluster=personas.cluster_b)

    response = manager_api.patch(
        contact_url(contact.pk), {"organisation": elsewhere.pk}, format="json"
    )

    assert list(assert_error(response, 400)["fields"]) == ["organisation"]
    contact.refresh_from_db()
    assert contact.organisation == personas.member_organisation_a


def test_a_manager_replaces_a_contact_with_put(personas: Personas, manager_api: APIClient) -> None:
    contact = ContactFactory(organisation=personas.member_organisation_a, phone="055 123")

    response = manager_api.put(
        contact_url(contact.pk),
        {
            "organisation": personas.member_organisation_a.pk,
            "first_name": "Anna",
            "last_name": "Rossi",
            "phone": "",
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert (contact.first_name, contact.last_name, contact.phone) == ("Anna", "Rossi", "")


def test_a_manager_deletes_a_contact(personas: Personas, manager_api: APIClient) -> None:
    contact = ContactFactory(organisation=personas.member_organisation_a)

    response = manager_api.delete(contact_url(contact.pk))

    assert response.status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()
    entry = AuditEntry.objects.get(object_type="contact", action=AuditAction.DELETED)
    assert entry.source == "api"


def test_the_lists_queries_do_not_grow_with_its_rows(
    personas: Personas, manager_api: APIClient
) -> None:
    def queries_for_a_page_of(count: int) -> int:
        Contact.objects.all().delete()
        for organisation in OrganisationFactory.create_batch(count, cluster=personas.cluster_a):
            ContactFactory(organisation=organisation)
        with CaptureQueriesContext(connection) as context:
            response = manager_api.get(contacts_url())
        assert len(response.json()["results"]) == count
        return len(context.captured_queries)

    assert queries_for_a_page_of(5) == queries_for_a_page_of(50)
