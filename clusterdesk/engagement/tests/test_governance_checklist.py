"""The six governance points of indicator B3."""

from datetime import date

import pytest

from clusterdesk.engagement.models import BoardMember, CommitteeKind
from clusterdesk.engagement.services.governance import (
    board_composition,
    checklist_points,
    governance_checklist,
)
from clusterdesk.participants.models import Category
from clusterdesk.testing.factories import OrganisationFactory

from .team_helpers import (
    TODAY,
    BoardMemberFactory,
    CommitteeFactory,
    GeneralAssemblyFactory,
    GovernanceFactory,
)

pytestmark = pytest.mark.django_db

ELECTED = BoardMember.Appointment.ELECTED
NOMINATED = BoardMember.Appointment.NOMINATED
OTHER = BoardMember.Appointment.OTHER


def checklist(cluster, today=TODAY):
    return {item.key: item for item in governance_checklist(cluster, today)}


def board(cluster, *members):
    """Members as (category, appointment); each from its own participant."""
    for category, appointment in members:
        organisation = OrganisationFactory(cluster=cluster, category=category)
        BoardMemberFactory(cluster=cluster, organisation=organisation, appointment=appointment)


def test_with_nothing_recorded_every_point_is_unknown_not_failed(personas):
    items = governance_checklist(personas.cluster_a, TODAY)
    assert [item.key for item in items] == [
        "statutes",
        "legal_form",
        "general_manager",
        "general_assembly",
        "board",
        "committees",
    ]
    assert all(item.met is None and item.detail for item in items)
    assert checklist_points(items) == 0


def test_a_well_governed_cluster_meets_all_six_points(personas):
    cluster = personas.cluster_a
    GovernanceFactory(cluster=cluster)
    GeneralAssemblyFactory(cluster=cluster, date=date(2026, 4, 20))
    board(
        cluster,
        (Category.INDUSTRY_SME, ELECTED),
        (Category.INDUSTRY_LARGE, ELECTED),
        (Category.RESEARCH, NOMINATED),
    )
    CommitteeFactory(cluster=cluster, kind=CommitteeKind.SCIENTIFIC, name="Scientific board")
    GovernanceFactory(cluster=personas.cluster_b, legal_form="")  # another cluster's records
    items = governance_checklist(cluster, TODAY)
    assert [item.met for item in items] == [True] * 6
    assert checklist_points(items) == 6
    found = checklist(cluster)
    assert found["legal_form"].detail == "Registered association"
    assert found["general_manager"].detail.startswith("Giulia Conti, since")
    assert "2 of 3 current members represent industry" in found["board"].detail
    assert found["committees"].detail == "Scientific board"


def test_exactly_half_industry_is_not_mainly_industry(personas):
    cluster = personas.cluster_a
    board(
        cluster,
        (Category.INDUSTRY_SME, ELECTED),
        (Category.INDUSTRY_LARGE, ELECTED),
        (Category.RESEARCH, ELECTED),
        (Category.PUBLIC_BODY, ELECTED),
    )
    composition = board_composition(cluster, TODAY)
    assert (composition.current, composition.industry) == (4, 2)
    assert not composition.mainly_industry and checklist(cluster)["board"].met is False
    board(cluster, (Category.INDUSTRY_SME, ELECTED))  # 3 of 5
    assert board_composition(cluster, TODAY).mainly_industry
    assert checklist(cluster)["board"].met is True


def test_a_board_mostly_appointed_otherwise_is_not_chosen_by_the_participants(personas):
    cluster = personas.cluster_a
    board(
        cluster,
        (Category.INDUSTRY_SME, ELECTED),
        (Category.INDUSTRY_SME, OTHER),
        (Category.INDUSTRY_SME, OTHER),
    )
    assert checklist(cluster)["board"].met is False
    board(cluster, (Category.INDUSTRY_SME, NOMINATED), (Category.RESEARCH, ELECTED))  # 3 of 5
    assert checklist(cluster)["board"].met is True


def test_only_members_in_office_today_count_and_an_independent_is_not_industry(personas):
    cluster = personas.cluster_a
    industry = OrganisationFactory(cluster=cluster, category=Category.INDUSTRY_SME)
    BoardMemberFactory(cluster=cluster, organisation=industry, ended_on=date(2026, 6, 14))
    BoardMemberFactory(cluster=cluster, organisation=industry, started_on=date(2026, 6, 16))
    assert checklist(cluster)["board"].met is False
    assert "No board member is in office today" in checklist(cluster)["board"].detail
    BoardMemberFactory(cluster=cluster, organisation=industry, ended_on=TODAY)  # last day today
    BoardMemberFactory(cluster=cluster, organisation=None)
    composition = board_composition(cluster, TODAY)
    assert (composition.current, composition.industry) == (2, 1)
    assert checklist(cluster)["board"].met is False


def test_the_general_assembly_must_have_been_held_in_the_last_12_months(personas):
    cluster = personas.cluster_a
    GeneralAssemblyFactory(cluster=cluster, date=date(2025, 6, 15))  # exactly 12 months ago
    item = checklist(cluster)["general_assembly"]
    assert item.met is False and "more than 12 months ago" in item.detail
    GeneralAssemblyFactory(cluster=cluster, date=date(2025, 6, 16))
    assert checklist(cluster)["general_assembly"].met is True


def test_a_planned_assembly_does_not_count_yet_but_is_mentioned(personas):
    cluster = personas.cluster_a
    GeneralAssemblyFactory(cluster=cluster, date=date(2026, 9, 30))
    item = checklist(cluster)["general_assembly"]
    assert item.met is False and "None held yet" in item.detail and "planned" in item.detail


def test_the_profile_points_follow_what_the_profile_says(personas):
    cluster = personas.cluster_a
    governance = GovernanceFactory(
        cluster=cluster,
        legal_form="",
        statutes_define_benefits_and_duties=False,
        general_manager="",
        general_manager_since=None,
    )
    found = checklist(cluster)
    assert [found[key].met for key in ("statutes", "legal_form", "general_manager")] == [
        False,
        False,
        False,
    ]
    governance.general_manager = "Luca Ferri"
    governance.general_manager_since = date(2026, 7, 1)
    governance.save()
    item = checklist(cluster)["general_manager"]
    assert item.met is False and "takes office" in item.detail
    assert checklist(cluster, date(2026, 7, 1))["general_manager"].met is True


def test_statutes_without_an_uploaded_copy_still_count_and_say_so(personas):
    GovernanceFactory(cluster=personas.cluster_a, statutes="")
    item = checklist(personas.cluster_a)["statutes"]
    assert item.met is True and "No copy" in item.detail


def test_only_an_active_board_or_committee_counts(personas):
    cluster = personas.cluster_a
    CommitteeFactory(cluster=cluster, ended_on=date(2025, 12, 31))
    item = checklist(cluster)["committees"]
    assert item.met is False and "None is active" in item.detail
    CommitteeFactory(cluster=cluster, kind=CommitteeKind.THEMATIC, name="Circular textiles")
    assert checklist(cluster)["committees"].met is True
