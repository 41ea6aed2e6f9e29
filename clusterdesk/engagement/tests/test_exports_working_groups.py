"""The working groups' export: one row per member, with its meetings of the last 12 months."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import ActivityKind
from clusterdesk.participants.models import Category
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .activity_helpers import ActivityFactory, InvolvementFactory, WorkingGroupFactory, url
from .export_helpers import FORMATS, query_count, tables

pytestmark = pytest.mark.django_db
MEETING = ActivityKind.WORKING_GROUP_MEETING
HEADERS = [
    "Working group",
    "Theme",
    "Chair (organisation)",
    "Chair (person)",
    "Member organisation",
    "Category",
    "Meetings attended in the last 12 months",
    "Active group (B6)",
]


def _activity(group, days_ago, attendees, kind=MEETING):
    activity = ActivityFactory(
        cluster=group.cluster,
        working_group=group,
        kind=kind,
        starts_on=timezone.localdate() - timedelta(days=days_ago),
    )
    for organisation in attendees:
        InvolvementFactory(activity=activity, organisation=organisation)
    return activity


@pytest.fixture
def groups(personas):
    cluster = personas.cluster_a
    alfa = OrganisationFactory(cluster=cluster, name="Alfa Tessile")
    beta = OrganisationFactory(cluster=cluster, name="Beta Filati", category=Category.RESEARCH)
    conti = OrganisationFactory(cluster=cluster, name="Cardatura Conti")
    chair_person = ContactFactory(organisation=alfa, first_name="Marta", last_name="Neri")
    circular = WorkingGroupFactory(
        cluster=cluster,
        name="Circular textiles",
        theme="Recycled wool",
        chair=alfa,
        chair_person=chair_person,
        members=[conti, beta, alfa],
    )
    _activity(circular, 30, [alfa, beta])
    _activity(circular, 60, [alfa])
    _activity(circular, 400, [beta, conti])  # before the last 12 months
    _activity(circular, 10, [conti], kind=ActivityKind.WORKSHOP)  # not a meeting
    _activity(circular, -20, [conti])  # planned, not held yet
    WorkingGroupFactory(cluster=cluster, name="Smart fibres", theme="")
    # Another cluster's group, and the same organisation's meeting of another group.
    WorkingGroupFactory(cluster=personas.cluster_b, name="Hydraulics")
    duo = WorkingGroupFactory(
        cluster=cluster, name="Dyeing", theme="Natural dyes", members=[beta, conti]
    )
    _activity(duo, 5, [beta])
    return circular


def test_it_lists_each_member_of_each_group_with_its_recent_meetings(
    personas, manager_a_client, groups
):
    table = tables(manager_a_client, lambda file_format: url("working_groups_export", file_format))
    assert table == [
        HEADERS,
        [
            "Circular textiles",
            "Recycled wool",
            "Alfa Tessile",
            "Marta Neri",
            "Alfa Tessile",
            "Industry – SME",
            "2",
            "yes",
        ],
        [
            "Circular textiles",
            "Recycled wool",
            "Alfa Tessile",
            "Marta Neri",
            "Beta Filati",
            "Research institution",
            "1",
            "yes",
        ],
        [
            "Circular textiles",
            "Recycled wool",
            "Alfa Tessile",
            "Marta Neri",
            "Cardatura Conti",
            "Industry – SME",
            "0",
            "yes",
        ],
        # Two members only: not active though it met (SPEC B6 asks for three).
        ["Dyeing", "Natural dyes", "", "", "Beta Filati", "Research institution", "1", "no"],
        ["Dyeing", "Natural dyes", "", "", "Cardatura Conti", "Industry – SME", "0", "no"],
        # A group without members still has its row.
        ["Smart fibres", "", "", "", "", "", "", "no"],
    ]


def test_the_file_is_named_after_the_cluster_and_what_it_holds(manager_a_client, groups):
    response = manager_a_client.get(url("working_groups_export", "xlsx"))
    today = timezone.localdate().isoformat()
    assert f'filename="tfc-working-groups-{today}.xlsx"' in response["Content-Disposition"]


def test_the_board_downloads_it_and_a_member_representative_does_not(personas, groups):
    board = personas.client_for(personas.board_a)
    member = personas.client_for(personas.member_a)
    for file_format in FORMATS:
        assert board.get(url("working_groups_export", file_format)).status_code == 200
        assert member.get(url("working_groups_export", file_format)).status_code == 403


def test_another_clusters_manager_gets_404(manager_b_client, groups):
    for file_format in FORMATS:
        assert manager_b_client.get(url("working_groups_export", file_format)).status_code == 404


def test_a_format_other_than_csv_or_xlsx_is_not_found(manager_a_client, groups):
    for file_format in ("pdf", "xls", "json"):
        assert manager_a_client.get(url("working_groups_export", file_format)).status_code == 404


def test_the_page_offers_both_downloads(personas, groups):
    html = personas.client_for(personas.board_a).get(url("working_groups")).content.decode()
    assert url("working_groups_export", "xlsx") in html
    assert url("working_groups_export", "csv") in html


def test_it_takes_as_many_queries_for_thirty_groups_as_for_three(personas, manager_a_client):
    cluster = personas.cluster_a

    def add(count):
        for _index in range(count):
            members = OrganisationFactory.create_batch(3, cluster=cluster)
            group = WorkingGroupFactory(
                cluster=cluster,
                chair=members[0],
                chair_person=ContactFactory(organisation=members[0]),
                members=members,
            )
            _activity(group, 15, members[:2])

    add(3)
    few = query_count(manager_a_client, url("working_groups_export", "csv"))
    add(27)
    assert query_count(manager_a_client, url("working_groups_export", "csv")) == few
