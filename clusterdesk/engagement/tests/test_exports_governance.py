"""The management board's export, from the governance page."""

from datetime import date

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import BoardMember
from clusterdesk.participants.models import Category
from clusterdesk.testing.factories import OrganisationFactory

from .export_helpers import FORMATS, query_count, tables
from .team_helpers import BoardMemberFactory, url

pytestmark = pytest.mark.django_db
HEADERS = [
    "Name",
    "Organisation",
    "Category",
    "Role on the board",
    "Appointment",
    "Since",
    "Until",
]


@pytest.fixture
def board(personas):
    cluster = personas.cluster_a
    university = OrganisationFactory(
        cluster=cluster, name="Università di Firenze", category=Category.RESEARCH
    )
    BoardMemberFactory(
        cluster=cluster,
        full_name="Paolo Verdi",
        organisation=university,
        board_role="President",
        started_on=date(2024, 5, 1),
    )
    BoardMemberFactory(
        cluster=cluster,
        full_name="Sara Bruni",
        organisation=personas.member_organisation_a,
        board_role="",
        appointment=BoardMember.Appointment.NOMINATED,
        started_on=date(2021, 5, 1),
        ended_on=date(2024, 4, 30),
    )
    BoardMemberFactory(
        cluster=cluster,
        full_name="Luca Gialli",
        organisation=None,
        board_role="Treasurer",
        appointment=BoardMember.Appointment.OTHER,
        started_on=date(2024, 5, 1),
    )
    BoardMemberFactory(cluster=personas.cluster_b, full_name="Mehmet Yılmaz")


def test_it_lists_the_board_present_and_past(manager_a_client, board):
    table = tables(manager_a_client, lambda file_format: url("governance_export", file_format))
    assert table == [
        HEADERS,
        ["Luca Gialli", "", "", "Treasurer", "Appointed otherwise", "2024-05-01", ""],
        [
            "Paolo Verdi",
            "Università di Firenze",
            "Research institution",
            "President",
            "Elected by the participants",
            "2024-05-01",
            "",
        ],
        [
            "Sara Bruni",
            "Lanificio Rossi",
            "Industry – SME",
            "",
            "Nominated by the participants",
            "2021-05-01",
            "2024-04-30",
        ],
    ]


def test_the_file_is_named_after_the_cluster_and_the_board(manager_a_client, board):
    response = manager_a_client.get(url("governance_export", "csv"))
    today = timezone.localdate().isoformat()
    assert f'filename="tfc-management-board-{today}.csv"' in response["Content-Disposition"]


def test_the_board_downloads_it_and_a_member_representative_does_not(personas, board):
    viewer = personas.client_for(personas.board_a)
    member = personas.client_for(personas.member_a)
    for file_format in FORMATS:
        assert viewer.get(url("governance_export", file_format)).status_code == 200
        assert member.get(url("governance_export", file_format)).status_code == 403


def test_another_clusters_manager_gets_404(manager_b_client, board):
    for file_format in FORMATS:
        assert manager_b_client.get(url("governance_export", file_format)).status_code == 404


def test_a_format_other_than_csv_or_xlsx_is_not_found(manager_a_client, board):
    for file_format in ("pdf", "xls", "json"):
        assert manager_a_client.get(url("governance_export", file_format)).status_code == 404


def test_the_governance_page_offers_both_downloads(personas, board):
    html = personas.client_for(personas.board_a).get(url("governance")).content.decode()
    assert url("governance_export", "xlsx") in html and url("governance_export", "csv") in html


def test_it_takes_as_many_queries_for_thirty_members_as_for_three(personas, manager_a_client):
    address = url("governance_export", "xlsx")
    BoardMemberFactory.create_batch(3, cluster=personas.cluster_a)
    few = query_count(manager_a_client, address)
    BoardMemberFactory.create_batch(27, cluster=personas.cluster_a)
    assert query_count(manager_a_client, address) == few
