from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.participants.models import (
    Category,
    Commitment,
    Contact,
    Organisation,
    OrganisationSector,
)
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import (
    CommittedOrganisationFactory,
    ContactFactory,
    OrganisationFactory,
)

from .support import assert_error, organisation_url, organisations_url

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def _with_codes(organisation: Organisation, *codes: str) -> Organisation:
    OrganisationSector.objects.bulk_create(
        OrganisationSector(organisation=organisation, code=code, division=code[:2])
        for code in codes
    )
    return organisation


# Listing and filtering


def test_the_list_shows_the_clusters_organisations_only(
    personas: Personas, manager_api: APIClient
) -> None:
    OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")
    OrganisationFactory(cluster=personas.cluster_b, name="Makina Sanayi")

    response = manager_api.get(organisations_url())

    assert _names(response) == ["Lanificio Rossi", "Tintoria Verdi"]
    assert response.json()["count"] == 2


def test_an_organisation_comes_with_its_fields_codes_and_timestamps(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = CommittedOrganisationFactory(
        cluster=personas.cluster_a,
        name="Tessitura Bianchi",
        vat_number="IT01234567890",
        category=Category.INDUSTRY_LARGE,
        tags=["wool", "recycling"],
        employees=120,
    )
    _with_codes(organisation, "14.13", "13.10")

    row = manager_api.get(organisation_url(organisation.pk)).json()

    assert row["id"] == organisation.pk
    assert row["name"] == "Tessitura Bianchi"
    assert row["category"] == "industry_large"
    assert row["commitment"] == "committed"
    assert row["country"] == "IT"
    assert row["tags"] == ["wool", "recycling"]
    assert row["employees"] == 120
    assert row["nace_codes"] == ["13.10", "14.13"]
    assert row["agreement_signed_on"] == organisation.agreement_signed_on.isoformat()
    assert {"created_at", "updated_at", "membership_fee", "export_share"} <= set(row)


def test_the_list_filters_by_words_category_commitment_region_and_sector(
    personas: Personas, manager_api: APIClient
) -> None:
    cluster = personas.cluster_a
    _with_codes(OrganisationFactory(cluster=cluster, name="Filatura Alfa", city="Biella"), "13.10")
    _with_codes(
        CommittedOrganisationFactory(
            cluster=cluster,
            name="Università di Firenze",
            category=Category.RESEARCH,
            region="Toscana",
        ),
        "85.42",
    )
    OrganisationFactory(cluster=cluster, name="Moda Sud", region="Campania")

    assert _names(manager_api.get(organisations_url(), {"q": "biella"})) == ["Filatura Alfa"]
    assert _names(manager_api.get(organisations_url(), {"category": "research"})) == [
        "Università di Firenze"
    ]
    assert _names(manager_api.get(organisations_url(), {"commitment": "committed"})) == [
        "Università di Firenze"
    ]
    assert _names(manager_api.get(organisations_url(), {"region": "Campania"})) == ["Moda Sud"]
    assert _names(manager_api.get(organisations_url(), {"sector": "13"})) == ["Filatura Alfa"]


def test_the_list_sorts_by_ordering_or_sort(personas: Personas, manager_api: APIClient) -> None:
    OrganisationFactory(cluster=personas.cluster_a, name="Alfa", employees=10)
    OrganisationFactory(cluster=personas.cluster_a, name="Zeta", employees=500)

    assert _names(manager_api.get(organisations_url(), {"ordering": "-name"}))[:2] == [
        "Zeta",
        "Lanificio Rossi",
    ]
    assert _names(manager_api.get(organisations_url(), {"sort": "-employees"}))[0] == "Zeta"


def test_a_filter_with_a_wrong_value_is_a_400_not_an_empty_list(manager_api: APIClient) -> None:
    error = assert_error(
        manager_api.get(organisations_url(), {"category": "bakery", "sector": "textiles"}),
        400,
        "invalid",
    )
    assert set(error["fields"]) == {"category", "sector"}


def test_the_list_is_paginated_by_fifty(personas: Personas, manager_api: APIClient) -> None:
    OrganisationFactory.create_batch(55, cluster=personas.cluster_a)

    first = manager_api.get(organisations_url()).json()
    second = manager_api.get(first["next"]).json()

    assert first["count"] == 56
    assert len(first["results"]) == 50
    assert len(second["results"]) == 6


def test_the_lists_queries_do_not_grow_with_its_rows(
    personas: Personas, manager_api: APIClient
) -> None:
    def queries_for_a_page_of(count: int) -> int:
        Organisation.objects.for_cluster(personas.cluster_a).delete()
        for organisation in OrganisationFactory.create_batch(count, cluster=personas.cluster_a):
            _with_codes(organisation, "13.10", "14.13")
        with CaptureQueriesContext(connection) as context:
            response = manager_api.get(organisations_url())
        assert len(response.json()["results"]) == count
        assert all(row["nace_codes"] == ["13.10", "14.13"] for row in response.json()["results"])
        return len(context.captured_queries)

    assert queries_for_a_page_of(5) == queries_for_a_page_of(50)


# Creating


def test_a_manager_adds_an_organisation_with_its_sector_codes(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        organisations_url(),
        {
            "name": "Tessitura Bianchi",
            "category": "industry_sme",
            "country": "IT",
            "city": "Prato",
            "nace_codes": ["1310", "C14.13"],
            "tags": ["wool"],
            "export_share": "35.5",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.cluster == personas.cluster_a
    assert organisation.name_key == "tessitura bianchi"
    assert body["nace_codes"] == ["13.10", "14.13"]
    assert body["export_share"] == "35.5"
    assert body["commitment"] == "not_committed"
    assert sorted(organisation.sectors.values_list("division", flat=True)) == ["13", "14"]


def test_adding_an_organisation_writes_the_audit_log_with_source_api(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        organisations_url(),
        {"name": "Tessitura Bianchi", "category": "industry_sme"},
        format="json",
    )

    entry = AuditEntry.objects.for_cluster(personas.cluster_a).get(object_id=response.json()["id"])
    assert entry.source == "api"
    assert entry.action == AuditAction.CREATED
    assert entry.actor == personas.manager_a
    assert entry.changes["name"] == [None, "Tessitura Bianchi"]


def test_a_committed_organisation_without_an_agreement_date_is_a_400_on_that_field(
    manager_api: APIClient,
) -> None:
    response = manager_api.post(
        organisations_url(),
        {"name": "Tessitura Bianchi", "category": "industry_sme", "commitment": "committed"},
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["agreement_signed_on"]
    assert not Organisation.objects.filter(name="Tessitura Bianchi").exists()


def test_a_vat_number_already_in_the_registry_is_a_400_duplicate(
    personas: Personas, manager_api: APIClient
) -> None:
    OrganisationFactory(
        cluster=personas.cluster_a, name="Tessitura Bianchi", vat_number="IT01234567890"
    )

    response = manager_api.post(
        organisations_url(),
        {"name": "TB Tessuti", "category": "industry_sme", "vat_number": "01234567890"},
        format="json",
    )

    error = assert_error(response, 400, "duplicate")
    assert "Tessitura Bianchi" in error["fields"]["vat_number"][0]


def test_the_same_vat_number_in_another_cluster_is_no_duplicate(
    personas: Personas, manager_api: APIClient
) -> None:
    OrganisationFactory(cluster=personas.cluster_b, vat_number="IT01234567890")

    response = manager_api.post(
        organisations_url(),
        {"name": "TB Tessuti", "category": "industry_sme", "vat_number": "IT01234567890"},
        format="json",
    )

    assert response.status_code == 201, response.content


def test_a_code_that_is_not_nace_is_a_400_naming_it(manager_api: APIClient) -> None:
    response = manager_api.post(
        organisations_url(),
        {"name": "Tessitura Bianchi", "category": "industry_sme", "nace_codes": ["13.10", "00.10"]},
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert "00.10" in error["fields"]["nace_codes"][0]


def test_values_of_the_wrong_type_come_back_in_the_one_error_shape(
    manager_api: APIClient,
) -> None:
    response = manager_api.post(
        organisations_url(),
        {
            "category": "bakery",
            "employees": "many",
            "agreement_signed_on": "yesterday",
            "nace_codes": "13.10",
        },
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {
        "name",
        "category",
        "employees",
        "agreement_signed_on",
        "nace_codes",
    }


def test_a_body_that_is_not_json_is_refused(manager_api: APIClient) -> None:
    response = manager_api.post(
        organisations_url(), "name=Tessitura", content_type="application/x-www-form-urlencoded"
    )

    assert_error(response, 415)


# Changing and deleting


def test_a_manager_changes_some_fields_with_patch(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = _with_codes(
        OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi"), "13.30"
    )

    response = manager_api.patch(
        organisation_url(organisation.pk),
        {"commitment": "committed", "agreement_signed_on": "2024-03-01", "employees": 40},
        format="json",
    )

    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert organisation.commitment == Commitment.COMMITTED
    assert organisation.agreement_signed_on == date(2024, 3, 1)
    assert organisation.employees == 40
    assert response.json()["nace_codes"] == ["13.30"]  # left as they were
    entry = AuditEntry.objects.get(object_id=organisation.pk, action=AuditAction.CHANGED)
    assert entry.source == "api"
    assert entry.changes["employees"] == [None, 40]


def test_a_manager_replaces_the_details_and_codes_with_put(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = _with_codes(OrganisationFactory(cluster=personas.cluster_a), "13.30")

    response = manager_api.put(
        organisation_url(organisation.pk),
        {"name": "Tintoria Verdi", "category": "research", "nace_codes": ["72.19"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["nace_codes"] == ["72.19"]
    organisation.refresh_from_db()
    assert (organisation.name, organisation.category) == ("Tintoria Verdi", "research")
    entry = AuditEntry.objects.get(object_id=organisation.pk, action=AuditAction.CHANGED)
    assert entry.changes["nace_codes"] == [["13.30"], ["72.19"]]


def test_put_without_the_required_fields_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = OrganisationFactory(cluster=personas.cluster_a)

    error = assert_error(
        manager_api.put(organisation_url(organisation.pk), {"city": "Lucca"}, format="json"), 400
    )

    assert set(error["fields"]) == {"name", "category"}


def test_a_change_that_breaks_a_rule_is_a_400_and_changes_nothing(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")

    response = manager_api.patch(
        organisation_url(organisation.pk),
        {"name": "Tintoria Rossa", "commitment": "committed"},
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["agreement_signed_on"]
    organisation.refresh_from_db()
    assert organisation.name == "Tintoria Verdi"


def test_a_manager_deletes_an_organisation_and_its_contacts(
    personas: Personas, manager_api: APIClient
) -> None:
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    ContactFactory(organisation=organisation)

    response = manager_api.delete(organisation_url(organisation.pk))

    assert response.status_code == 204
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not Contact.objects.filter(organisation_id=organisation.pk).exists()
    entry = AuditEntry.objects.get(object_id=organisation.pk, action=AuditAction.DELETED)
    assert entry.source == "api"


def test_an_organisation_that_does_not_exist_is_a_404_in_the_error_shape(
    manager_api: APIClient,
) -> None:
    assert_error(manager_api.get(organisation_url(999_999)), 404, "not_found")
