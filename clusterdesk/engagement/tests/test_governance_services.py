from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.engagement.models import BoardMember, Committee, GeneralAssembly, Governance
from clusterdesk.engagement.services.governance import (
    board_member_create,
    board_member_update,
    committee_create,
    committee_update,
    general_assembly_create,
    general_assembly_delete,
    governance_save,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .team_helpers import TODAY, BoardMemberFactory, CommitteeFactory, media, pdf  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_the_profile_is_created_on_the_first_save_and_changed_after(personas):
    cluster = personas.cluster_a
    governance_save(
        cluster=cluster,
        actor=personas.manager_a,
        data={"legal_form": " Association ", "statutes": pdf("statutes.pdf")},
        today=TODAY,
    )
    governance_save(
        cluster=cluster,
        actor=personas.manager_a,
        data={"general_manager": "Giulia Conti", "general_manager_since": date(2020, 1, 1)},
        today=TODAY,
    )
    governance = Governance.objects.for_cluster(cluster).get()
    assert governance.legal_form == "Association" and governance.statutes.name
    assert governance.general_manager == "Giulia Conti"
    actions = list(
        AuditEntry.objects.for_cluster(cluster)
        .filter(object_type="governance")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["created", "changed"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"statutes_updated_on": date(2026, 6, 16)}, "statutes_updated_on", "in the future"),
        ({"general_manager_since": date(2020, 1, 1)}, "general_manager", "name"),
        ({"statutes": SimpleUploadedFile("statutes.zip", b"PK")}, "statutes", "PDF"),
    ],
)
def test_bad_profile_values_are_refused_and_nothing_is_created(personas, data, field, words):
    with pytest.raises(DomainError) as refused:
        governance_save(cluster=personas.cluster_a, actor=None, data=data, today=TODAY)
    assert refused.value.field == field and words in refused.value.message
    assert not Governance.objects.exists()


def test_a_general_assembly_can_be_planned_ahead_and_deleted(personas):
    assembly = general_assembly_create(
        cluster=personas.cluster_a,
        actor=None,
        data={"date": date(2027, 5, 1), "notes": " Elections ", "minutes": pdf()},
    )
    assert assembly.notes == "Elections" and assembly.minutes.name
    with pytest.raises(DomainError) as refused:
        general_assembly_create(cluster=personas.cluster_a, actor=None, data={"date": None})
    assert refused.value.field == "date"
    general_assembly_delete(assembly=assembly, actor=personas.manager_a)
    assert not GeneralAssembly.objects.exists()


def board_data(organisation, **changes):
    data = {
        "full_name": "Franco Lotti",
        "organisation": organisation,
        "board_role": "President",
        "appointment": BoardMember.Appointment.ELECTED,
        "started_on": date(2024, 1, 1),
        "ended_on": None,
    }
    data.update(changes)
    return data


def test_a_board_member_from_another_clusters_organisation_is_refused(personas):
    foreign = OrganisationFactory(cluster=personas.cluster_b, name="Makina AŞ")
    with pytest.raises(DomainError) as refused:
        board_member_create(cluster=personas.cluster_a, actor=None, data=board_data(foreign))
    assert refused.value.field == "organisation"
    assert "Makina AŞ is not a participant of this cluster" in refused.value.message
    assert not BoardMember.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ended_on": date(2023, 12, 31)}, "ended_on"),
        ({"appointment": ""}, "appointment"),
        ({"appointment": "bought"}, "appointment"),
        ({"full_name": ""}, "full_name"),
        ({"started_on": None}, "started_on"),
    ],
)
def test_bad_board_values_are_refused(personas, changes, field):
    own = OrganisationFactory(cluster=personas.cluster_a)
    with pytest.raises(DomainError) as refused:
        board_member_create(cluster=personas.cluster_a, actor=None, data=board_data(own, **changes))
    assert refused.value.field == field


def test_changing_a_board_member_checks_the_whole_record(personas):
    member = BoardMemberFactory(cluster=personas.cluster_a, started_on=date(2024, 1, 1))
    with pytest.raises(DomainError):
        board_member_update(board_member=member, actor=None, data={"ended_on": date(2023, 1, 1)})
    foreign = OrganisationFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError):
        board_member_update(board_member=member, actor=None, data={"organisation": foreign})
    board_member_update(board_member=member, actor=None, data={"ended_on": date(2025, 1, 1)})
    member.refresh_from_db()
    assert member.ended_on == date(2025, 1, 1)
    assert AuditEntry.objects.filter(object_type="boardmember", action="changed").count() == 1


def test_committees_need_a_kind_a_name_and_a_sensible_period(personas):
    with pytest.raises(DomainError) as refused:
        committee_create(
            cluster=personas.cluster_a,
            actor=None,
            data={"kind": "club", "name": "X", "started_on": date(2024, 1, 1)},
        )
    assert refused.value.field == "kind"
    committee = CommitteeFactory(cluster=personas.cluster_a, started_on=date(2024, 1, 1))
    with pytest.raises(DomainError) as refused:
        committee_update(committee=committee, actor=None, data={"ended_on": date(2023, 1, 1)})
    assert refused.value.field == "ended_on"
    created = committee_create(
        cluster=personas.cluster_a,
        actor=None,
        data={"kind": "thematic", "name": " Circular textiles ", "started_on": date(2024, 1, 1)},
    )
    assert created.name == "Circular textiles" and Committee.objects.count() == 2
