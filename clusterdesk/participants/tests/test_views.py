from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterdesk.participants.models import Commitment, Contact, ImportStatus, Organisation
from clusterdesk.participants.services import organisation_create
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import (
    CommittedOrganisationFactory,
    ContactFactory,
    OrganisationFactory,
)

from .importing_helpers import csv_bytes

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"participants:{name}", args=["tfc", *args])


def test_the_list_tells_how_many_participants_how_many_committed_and_the_mix(
    personas, manager_a_client
):
    OrganisationFactory.create_batch(3, cluster=personas.cluster_a, category="research")
    CommittedOrganisationFactory.create_batch(2, cluster=personas.cluster_a)
    response = manager_a_client.get(url("list"))
    summary = response.context["summary"]
    assert (summary.total, summary.committed) == (6, 2)
    assert summary.by_category["research"] == 3
    html = response.content.decode()
    assert 'data-testid="participant-count">6<' in html
    assert "<svg" in html and "Research institution: 3" in html


def test_the_list_searches_filters_and_sorts(personas, manager_a_client):
    cluster = personas.cluster_a
    organisation_create(
        cluster=cluster,
        actor=None,
        nace_codes=["13.10"],
        data={
            "name": "Lanificio Bartolini",
            "category": "industry_sme",
            "region": "Toscana",
            "city": "Prato",
            "employees": 40,
        },
    )
    organisation_create(
        cluster=cluster,
        actor=None,
        nace_codes=["15.11"],
        data={
            "name": "Conceria Zeta",
            "category": "industry_large",
            "region": "Toscana",
            "city": "Santa Croce",
            "employees": 300,
        },
    )
    organisation_create(
        cluster=cluster,
        actor=None,
        nace_codes=["72.19"],
        data={
            "name": "Istituto Alfa",
            "category": "research",
            "region": "Lazio",
            "city": "Roma",
            "commitment": "committed",
            "agreement_signed_on": date(2024, 1, 1),
        },
    )

    def names(**params):
        response = manager_a_client.get(url("list"), params)
        return [o.name for o in response.context["page"].object_list]

    assert names(q="bartolini") == ["Lanificio Bartolini"]
    assert names(q="santa croce") == ["Conceria Zeta"]
    assert names(category="research") == ["Istituto Alfa"]
    assert names(commitment="committed") == ["Istituto Alfa"]
    assert names(region="Lazio") == ["Istituto Alfa"]
    assert names(sector="15") == ["Conceria Zeta"]
    assert names(sort="-employees")[:2] == ["Conceria Zeta", "Lanificio Bartolini"]
    assert names(sort="-name")[0] == "Lanificio Rossi"
    assert names(category="not-a-category") == names()  # an unknown filter shows everything


def test_the_list_is_paginated_and_htmx_gets_only_the_table(personas, manager_a_client):
    OrganisationFactory.create_batch(30, cluster=personas.cluster_a)
    first = manager_a_client.get(url("list"))
    assert len(first.context["page"].object_list) == 25
    second = manager_a_client.get(url("list"), {"page": 2}, HTTP_HX_REQUEST="true")
    assert len(second.context["page"].object_list) == 6
    assert b"<html" not in second.content and b"<table" in second.content


def test_the_list_uses_the_same_number_of_queries_for_few_or_many(personas, manager_a_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("list"))
        return len(queries)

    OrganisationFactory.create_batch(5, cluster=personas.cluster_a)
    few = count()
    OrganisationFactory.create_batch(60, cluster=personas.cluster_a)
    assert count() == few


def test_creating_an_organisation_validates_and_records_who_did_it(personas, manager_a_client):
    response = manager_a_client.post(
        url("new"),
        {
            "name": "Tessitura Nuova",
            "category": "industry_sme",
            "commitment": "committed",
            "nace_codes": "13.20, 99.99x",
            "founding_year": "1750",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "nace_codes" in errors and "founding_year" in errors
    assert "agreement_signed_on" in errors
    assert not Organisation.objects.filter(name="Tessitura Nuova").exists()

    response = manager_a_client.post(
        url("new"),
        {
            "name": "Tessitura Nuova",
            "category": "industry_sme",
            "commitment": "committed",
            "agreement_signed_on": "2025-01-10",
            "nace_codes": "13.20",
            "tags": "wool, recycled",
            "website": "tessituranuova.example.it",
        },
    )
    organisation = Organisation.objects.get(name="Tessitura Nuova")
    assert response.status_code == 302
    assert organisation.tags == ["wool", "recycled"]
    assert organisation.website == "https://tessituranuova.example.it"
    entry = AuditEntry.objects.get(object_type="organisation", object_id=organisation.pk)
    assert entry.actor == personas.manager_a and entry.action == "created"


def test_a_duplicate_is_refused_with_the_name_of_the_existing_one(personas, manager_a_client):
    OrganisationFactory(cluster=personas.cluster_a, name="Tecnotessile S.r.l.")
    response = manager_a_client.post(
        url("new"),
        {"name": "TECNOTESSILE SRL", "category": "research", "commitment": "not_committed"},
    )
    assert "Tecnotessile S.r.l. is already in the registry" in str(response.context["form"].errors)


def test_editing_records_what_changed(personas, manager_a_client):
    organisation = personas.member_organisation_a
    response = manager_a_client.post(
        url("edit", organisation.pk),
        {
            "name": "Lanificio Rossi",
            "category": "industry_sme",
            "commitment": "not_committed",
            "city": "Montemurlo",
            "nace_codes": "13.10",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_id=organisation.pk, action="changed").get()
    assert entry.changes["city"] == ["Prato", "Montemurlo"]
    assert entry.changes["nace_codes"] == [[], ["13.10"]]


def test_delete_asks_for_confirmation_then_deletes(personas, manager_a_client):
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    ContactFactory(organisation=organisation)
    page = manager_a_client.get(url("delete", organisation.pk))
    assert b"1 contact will be deleted too" in page.content
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    manager_a_client.post(url("delete", organisation.pk))
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert AuditEntry.objects.filter(object_id=organisation.pk, action="deleted").exists()


def test_a_board_viewer_reads_but_cannot_change(personas):
    client = personas.client_for(personas.board_a)
    assert client.get(url("list")).status_code == 200
    assert client.get(url("new")).status_code == 403
    assert client.post(url("delete", personas.member_organisation_a.pk)).status_code == 403
    assert client.get(url("imports")).status_code == 403


def test_a_member_representative_sees_and_edits_only_their_organisation(personas):
    client = personas.client_for(personas.member_a)
    own = personas.member_organisation_a
    other = OrganisationFactory(cluster=personas.cluster_a)
    assert client.get(reverse("participants:home", args=["tfc"])).url == url("detail", own.pk)
    assert client.get(url("detail", own.pk)).status_code == 200
    assert client.get(url("detail", other.pk)).status_code == 404
    assert client.get(url("list")).status_code == 403
    response = client.post(
        url("contact_new", own.pk),
        {"first_name": "Ada", "last_name": "Verdi", "email": "ada@rossi.example.it"},
    )
    assert response.status_code == 302
    assert Contact.objects.filter(organisation=own, last_name="Verdi").exists()
    assert client.get(url("contact_new", other.pk)).status_code == 404


def test_contacts_are_added_edited_and_deleted_from_the_organisation(personas, manager_a_client):
    organisation = personas.member_organisation_a
    manager_a_client.post(
        url("contact_new", organisation.pk),
        {
            "first_name": "Çağla",
            "last_name": "Öztürk",
            "email": "cagla@example.org",
            "language": "tr",
            "consent_newsletter": "on",
        },
    )
    contact = Contact.objects.get(last_name="Öztürk")
    assert contact.consent_newsletter and not contact.consent_publication
    manager_a_client.post(
        url("contact_edit", contact.pk),
        {"first_name": "Çağla", "last_name": "Öztürk", "email": "", "consent_newsletter": "on"},
    )
    contact.refresh_from_db()
    assert contact.email == "cagla@example.org"  # refused: newsletter without e-mail
    manager_a_client.post(url("contact_delete", contact.pk))
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert AuditEntry.objects.filter(object_type="contact", action="deleted").exists()


def test_the_contact_list_searches_by_name_email_and_organisation(personas, manager_a_client):
    ContactFactory(
        organisation=personas.member_organisation_a,
        first_name="Piero",
        last_name="Neri",
        email="piero@rossi.example.it",
    )
    response = manager_a_client.get(url("contacts"), {"q": "rossi"})
    assert [c.last_name for c in response.context["page"].object_list] == ["Neri"]


def test_an_import_runs_through_the_pages(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        [["name", "category"], ["Filatura Uno", "industry_sme"], ["Filatura Due", "??"]]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(
            url("imports"), {"kind": "organisations", "file": SimpleUploadedFile("f.csv", content)}
        )
    detail = response.url
    page = manager_a_client.get(detail)
    batch = page.context["batch"]
    assert batch.status == ImportStatus.HAS_ERRORS
    assert "“??” is not a known category." in page.content.decode()
    response = manager_a_client.post(detail + "apply/")
    assert not Organisation.objects.filter(name="Filatura Uno").exists()

    content = csv_bytes(
        [["name", "category"], ["Filatura Uno", "industry_sme"], ["Filatura Due", "research"]]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(
            url("imports"), {"kind": "organisations", "file": SimpleUploadedFile("f.csv", content)}
        )
    manager_a_client.post(response.url + "apply/")
    assert Organisation.objects.filter(name__startswith="Filatura").count() == 2


def test_a_wrong_kind_of_file_is_refused_on_the_form(personas, manager_a_client):
    response = manager_a_client.post(
        url("imports"),
        {"kind": "organisations", "file": SimpleUploadedFile("photo.png", b"\x89PNG")},
    )
    assert "Upload a CSV or an Excel (.xlsx) file." in str(response.context["form"].errors)


def test_export_downloads_csv_and_xlsx_with_the_filters(personas, manager_a_client):
    CommittedOrganisationFactory(cluster=personas.cluster_a, name="Solo Committed")
    response = manager_a_client.get(
        url("export", "organisations", "csv"), {"commitment": Commitment.COMMITTED}
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Solo Committed" in text and "Lanificio Rossi" not in text
    response = manager_a_client.get(url("export", "contacts", "xlsx"))
    assert response.content.startswith(b"PK")
    assert manager_a_client.get(url("export", "organisations", "pdf")).status_code == 404


def test_a_large_file_shows_its_progress_then_the_whole_preview(personas, manager_a_client):
    from clusterdesk.participants.models import ImportBatch

    batch = ImportBatch.objects.create(
        cluster=personas.cluster_a,
        kind="organisations",
        file="imports/big.xlsx",
        original_name="big.xlsx",
        status=ImportStatus.ANALYSING,
        total_rows=10_000,
        processed_rows=2_500,
    )
    page = manager_a_client.get(url("import_detail", batch.pk))
    assert b'hx-trigger="every 1s"' in page.content
    partial = manager_a_client.get(url("import_detail", batch.pk), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and 'value="25"' in html and "2500 of 10000 rows" in html
    batch.status = ImportStatus.READY
    batch.save()
    done = manager_a_client.get(url("import_detail", batch.pk), HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"


def test_a_member_representative_cannot_change_commitment_or_fee(personas):
    client = personas.client_for(personas.member_a)
    own = personas.member_organisation_a
    page = client.get(url("edit", own.pk))
    assert b'name="commitment"' not in page.content and b'name="membership_fee"' not in page.content
    client.post(
        url("edit", own.pk),
        {
            "name": "Lanificio Rossi",
            "category": "industry_sme",
            "city": "Vernio",
            "commitment": "committed",
            "agreement_signed_on": "2025-01-01",
            "membership_fee": "0",
        },
    )
    own.refresh_from_db()
    assert own.city == "Vernio"
    assert own.commitment == Commitment.NOT_COMMITTED and own.membership_fee is None


def test_column_headers_sort_and_pages_keep_the_sort(personas, manager_a_client):
    OrganisationFactory.create_batch(30, cluster=personas.cluster_a)
    response = manager_a_client.get(url("list"), {"sort": "-employees", "category": "industry_sme"})
    headers = {h["label"]: h for h in response.context["sort_headers"]}
    assert headers["Employees"]["state"] == "descending"
    assert headers["Employees"]["sort"] == "employees"
    assert headers["Name"]["sort"] == "name" and headers["Name"]["state"] == ""
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert "sort=-employees&amp;category=industry_sme&amp;page=2" in html


def test_the_preview_speaks_the_language_of_who_uploaded_it(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    manager_a_client.post(reverse("set_language"), {"language": "it", "next": "/"})
    content = csv_bytes([["Nome", "Categoria"], ["Filatura Uno", "Astronave"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(
            url("imports"), {"kind": "organisations", "file": SimpleUploadedFile("f.csv", content)}
        )
    html = manager_a_client.get(response.url).content.decode()
    assert "“Astronave” non è un valore valido per categoria." in html
    assert "<strong>Categoria</strong>" in html  # the file's own column name


def test_a_signed_agreement_is_served_only_through_the_registry(personas, manager_a_client):
    from django.core.files.base import ContentFile

    own = personas.member_organisation_a
    own.agreement_document.save("accordo.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    response = manager_a_client.get(url("agreement", own.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert personas.client_for(personas.member_a).get(url("agreement", own.pk)).status_code == 200
    other = OrganisationFactory(cluster=personas.cluster_a)
    assert personas.client_for(personas.member_a).get(url("agreement", other.pk)).status_code == 404
    assert manager_a_client.get(url("agreement", other.pk)).status_code == 404  # none stored
    page = manager_a_client.get(url("detail", own.pk)).content.decode()
    assert url("agreement", own.pk) in page and "/media/" not in page
