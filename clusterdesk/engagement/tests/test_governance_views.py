from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import BoardMember, Committee, GeneralAssembly, Governance
from clusterdesk.engagement.services.governance import general_assembly_create, governance_save
from clusterdesk.participants.models import Category
from clusterdesk.testing.factories import OrganisationFactory

from .team_helpers import (  # noqa: F401
    BoardMemberFactory,
    CommitteeFactory,
    GeneralAssemblyFactory,
    media,
    pdf,
    url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def records(personas):
    cluster = personas.cluster_a
    today = timezone.localdate()
    governance_save(
        cluster=cluster,
        actor=None,
        data={"legal_form": "Association", "statutes": pdf("statutes.pdf")},
        today=today,
    )
    assembly = general_assembly_create(
        cluster=cluster, actor=None, data={"date": date(2026, 4, 20), "minutes": pdf("gm.pdf")}
    )
    return {
        "assembly": assembly,
        "board_member": BoardMemberFactory(cluster=cluster),
        "committee": CommitteeFactory(cluster=cluster),
    }


def read_urls(records):
    return [
        url("governance"),
        url("governance_statutes"),
        url("governance_assembly_minutes", records["assembly"].pk),
    ]


def write_urls(records):
    return [
        url("governance_edit"),
        url("governance_assembly_new"),
        url("governance_assembly_delete", records["assembly"].pk),
        url("governance_board_new"),
        url("governance_board_edit", records["board_member"].pk),
        url("governance_board_delete", records["board_member"].pk),
        url("governance_committee_new"),
        url("governance_committee_edit", records["committee"].pk),
        url("governance_committee_delete", records["committee"].pk),
    ]


def counts():
    return (
        Governance.objects.count(),
        GeneralAssembly.objects.count(),
        BoardMember.objects.count(),
        Committee.objects.count(),
    )


def test_another_clusters_manager_gets_404_on_every_governance_page(
    personas, manager_b_client, records
):
    before = counts()
    for address in read_urls(records) + write_urls(records):
        assert manager_b_client.get(address).status_code == 404, address
        assert manager_b_client.post(address, {"name": "x"}).status_code == 404, address
    for address in [
        url("governance_assembly_minutes", records["assembly"].pk, cluster="isim"),
        url("governance_assembly_delete", records["assembly"].pk, cluster="isim"),
        url("governance_board_edit", records["board_member"].pk, cluster="isim"),
        url("governance_board_delete", records["board_member"].pk, cluster="isim"),
        url("governance_committee_edit", records["committee"].pk, cluster="isim"),
        url("governance_committee_delete", records["committee"].pk, cluster="isim"),
        url("governance_statutes", cluster="isim"),  # cluster B has no statutes
    ]:
        assert manager_b_client.get(address).status_code == 404, address
        assert manager_b_client.post(address).status_code == 404, address
    assert counts() == before


def test_the_board_reads_governance_but_changes_nothing(personas, records):
    client = personas.client_for(personas.board_a)
    before = counts()
    for address in read_urls(records):
        assert client.get(address).status_code == 200, address
    for address in write_urls(records):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"legal_form": "Changed"}).status_code == 403, address
    assert counts() == before
    assert Governance.objects.get().legal_form == "Association"
    assert url("governance_edit") not in client.get(url("governance")).content.decode()


def test_member_representatives_and_visitors_cannot_reach_governance(personas, records):
    representative = personas.client_for(personas.member_a)
    visitor = personas.client_for(None)
    for address in read_urls(records) + write_urls(records):
        assert representative.get(address).status_code == 403, address
        assert representative.post(address).status_code == 403, address
        assert visitor.get(address).status_code == 302, address


def test_the_page_summarises_the_six_points_and_lists_the_records(
    personas, manager_a_client, records
):
    GeneralAssemblyFactory(cluster=personas.cluster_a, date=timezone.localdate() + timedelta(30))
    response = manager_a_client.get(url("governance"))
    html = response.content.decode()
    # legal form, assembly, a board of one elected SME representative, a committee
    assert response.context["points"] == 4
    assert 'data-testid="governance-points"' in html and "4 of 6 points" in html
    assert "planned" in html and url("governance_statutes") in html
    assert records["board_member"].full_name in html and "Industry – SME" in html
    assert url("governance_board_edit", records["board_member"].pk) in html


def test_the_profile_is_created_on_the_first_save(personas, manager_a_client):
    assert manager_a_client.get(url("governance_edit")).status_code == 200
    response = manager_a_client.post(
        url("governance_edit"),
        {
            "legal_form": "Consortium",
            "statutes_define_benefits_and_duties": "on",
            "statutes_updated_on": "2025-03-01",
            "general_manager": "Giulia Conti",
            "general_manager_since": "2020-01-01",
            "statutes": pdf("statutes.pdf"),
        },
    )
    assert response.status_code == 302
    governance = Governance.objects.get(cluster=personas.cluster_a)
    assert governance.statutes_define_benefits_and_duties and governance.statutes.name
    response = manager_a_client.post(
        url("governance_edit"), {"legal_form": "Cooperative", "general_manager_since": "2020-01-01"}
    )
    assert response.context["form"].errors["general_manager"]
    assert Governance.objects.get().legal_form == "Consortium"


def test_the_profile_refuses_a_future_update_of_the_statutes(personas, manager_a_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = manager_a_client.post(
        url("governance_edit"), {"legal_form": "Consortium", "statutes_updated_on": tomorrow}
    )
    assert "in the future" in response.context["form"].errors["statutes_updated_on"][0]
    assert not Governance.objects.exists()


def test_adding_a_planned_assembly_and_deleting_one(personas, manager_a_client, records):
    later = timezone.localdate() + timedelta(days=60)
    response = manager_a_client.post(
        url("governance_assembly_new"), {"date": later.isoformat(), "notes": "Elections"}
    )
    assert response.status_code == 302
    assert GeneralAssembly.objects.filter(date=later).exists()
    missing = manager_a_client.post(url("governance_assembly_new"), {"notes": "No date"})
    assert missing.context["form"].errors["date"]
    assembly = records["assembly"]
    assert manager_a_client.post(url("governance_assembly_delete", assembly.pk)).status_code == 302
    assert not GeneralAssembly.objects.filter(pk=assembly.pk).exists()


def test_the_board_form_offers_this_clusters_participants_only(personas, manager_a_client):
    own = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Bianchi")
    foreign = OrganisationFactory(cluster=personas.cluster_b, name="Makina AŞ")
    page = manager_a_client.get(url("governance_board_new")).content.decode()
    assert "Tessitura Bianchi · Industry – SME" in page and "Makina" not in page
    values = {
        "full_name": "Franco Lotti",
        "board_role": "President",
        "appointment": "elected",
        "started_on": "2024-01-01",
    }
    refused = manager_a_client.post(
        url("governance_board_new"),
        {**values, "organisation": foreign.pk, "ended_on": "2023-12-31"},
    )
    errors = refused.context["form"].errors
    assert "participant of this cluster" in errors["organisation"][0]
    assert "end is before the start" in errors["ended_on"][0]
    assert not refused.context["form"].non_field_errors()
    assert not BoardMember.objects.exists()
    response = manager_a_client.post(
        url("governance_board_new"), {**values, "organisation": own.pk}
    )
    assert response.status_code == 302
    member = BoardMember.objects.get()
    response = manager_a_client.post(
        url("governance_board_edit", member.pk),
        {**values, "organisation": own.pk, "ended_on": "2025-12-31"},
    )
    member.refresh_from_db()
    assert response.status_code == 302 and member.ended_on == date(2025, 12, 31)
    assert manager_a_client.post(url("governance_board_delete", member.pk)).status_code == 302
    assert not BoardMember.objects.exists()


def test_committees_are_added_changed_and_deleted(personas, manager_a_client):
    values = {"kind": "advisory", "name": "Advisory board", "started_on": "2023-01-01"}
    refused = manager_a_client.post(
        url("governance_committee_new"), {**values, "kind": "", "ended_on": "2022-01-01"}
    )
    assert set(refused.context["form"].errors) == {"kind", "ended_on"}
    assert manager_a_client.post(url("governance_committee_new"), values).status_code == 302
    committee = Committee.objects.get()
    response = manager_a_client.post(
        url("governance_committee_edit", committee.pk), {**values, "name": "Industry board"}
    )
    committee.refresh_from_db()
    assert response.status_code == 302 and committee.name == "Industry board"
    assert (
        manager_a_client.post(url("governance_committee_delete", committee.pk)).status_code == 302
    )
    assert not Committee.objects.exists()


def test_documents_are_downloaded_through_the_cluster(personas, manager_a_client, records):
    statutes = manager_a_client.get(url("governance_statutes"))
    assert statutes.status_code == 200 and "attachment" in statutes["Content-Disposition"]
    minutes = manager_a_client.get(url("governance_assembly_minutes", records["assembly"].pk))
    assert b"".join(minutes.streaming_content).startswith(b"%PDF")
    without = GeneralAssemblyFactory(cluster=personas.cluster_a)
    assert manager_a_client.get(url("governance_assembly_minutes", without.pk)).status_code == 404


def test_the_governance_page_uses_the_same_queries_for_many_records(personas, manager_a_client):
    cluster = personas.cluster_a

    def add(count):
        for index in range(count):
            category = Category.INDUSTRY_SME if index % 2 else Category.RESEARCH
            organisation = OrganisationFactory(cluster=cluster, category=category)
            BoardMemberFactory(cluster=cluster, organisation=organisation)
            CommitteeFactory(cluster=cluster)
            GeneralAssemblyFactory(cluster=cluster, date=date(2020, 1, 1) + timedelta(index))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url("governance")).status_code == 200
        return len(queries)

    add(2)
    few = count()
    add(25)
    assert count() == few


def test_every_governance_page_opens_for_the_staff(personas, records):
    client = personas.client_for(personas.staff_a)
    for address in read_urls(records) + write_urls(records):
        assert client.get(address).status_code == 200, address
