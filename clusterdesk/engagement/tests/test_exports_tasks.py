"""The follow-up tasks' export: the tab's tasks (mine or the whole team), open and done."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import ContactKind
from clusterdesk.testing.factories import OrganisationFactory

from .contact_helpers import FollowUpTaskFactory, PersonalContactFactory
from .export_helpers import FORMATS, query_count, table_of, tables
from .organisation_helpers import url

pytestmark = pytest.mark.django_db
HEADERS = [
    "Task",
    "Due on",
    "Assigned to",
    "Participant",
    "Done on",
    "Contact date",
    "Contact kind",
]


def _address(file_format, show=None):
    address = url("tasks_export", file_format)
    return f"{address}?show={show}" if show else address


@pytest.fixture
def tasks(personas):
    cluster = personas.cluster_a
    personas.manager_a.full_name = "Giulia Conti"
    personas.manager_a.save()
    personas.staff_a.full_name = ""
    personas.staff_a.save()
    lanificio = personas.member_organisation_a
    visit = PersonalContactFactory(
        organisation=lanificio, kind=ContactKind.VISIT, date=date(2026, 1, 12)
    )
    FollowUpTaskFactory(
        organisation=lanificio,
        personal_contact=visit,
        title="Send the offer",
        due_on=date(2026, 2, 1),
        assigned_to=personas.manager_a,
    )
    FollowUpTaskFactory(
        organisation=OrganisationFactory(cluster=cluster, name="Tintoria Gamma"),
        title="Call back about the fair",
        due_on=date(2026, 1, 20),
        assigned_to=personas.manager_a,
        done_on=date(2026, 1, 19),
    )
    FollowUpTaskFactory(
        cluster=cluster,
        organisation=None,
        title="Book the room",
        due_on=date(2026, 1, 25),
        assigned_to=personas.staff_a,
    )
    FollowUpTaskFactory(
        organisation=OrganisationFactory(cluster=personas.cluster_b, name="Hidro Makina"),
        title="Secret of B",
        assigned_to=personas.manager_b,
    )


SEND = [
    "Send the offer",
    "2026-02-01",
    "Giulia Conti",
    "Lanificio Rossi",
    "",
    "2026-01-12",
    "Visit at its premises",
]
CALL = ["Call back about the fair", "2026-01-20", "Giulia Conti", "Tintoria Gamma", "2026-01-19"]
BOOK = ["Book the room", "2026-01-25", "staff@a.example", "", "", "", ""]


def test_the_whole_team_tab_gives_every_task_open_ones_first(manager_a_client, tasks):
    table = tables(manager_a_client, lambda file_format: _address(file_format, "team"))
    assert table == [HEADERS, BOOK, SEND, [*CALL, "", ""]]


def test_my_tab_gives_my_tasks_only_and_is_the_default_for_the_team(
    personas, manager_a_client, tasks
):
    mine = [HEADERS, SEND, [*CALL, "", ""]]
    assert tables(manager_a_client, lambda file_format: _address(file_format, "mine")) == mine
    assert tables(manager_a_client, lambda file_format: _address(file_format)) == mine
    staff = personas.client_for(personas.staff_a)
    assert tables(staff, lambda file_format: _address(file_format)) == [HEADERS, BOOK]


def test_the_board_downloads_the_whole_teams_tasks_whatever_the_tab(personas, tasks):
    board = personas.client_for(personas.board_a)
    for show in (None, "mine", "team", "other"):
        for file_format in FORMATS:
            assert len(table_of(board.get(_address(file_format, show)))) == 4, show


def test_a_member_representative_cannot_download_them(personas, tasks):
    member = personas.client_for(personas.member_a)
    for file_format in FORMATS:
        assert member.get(_address(file_format, "team")).status_code == 403


def test_another_clusters_manager_gets_404(manager_b_client, tasks):
    for file_format in FORMATS:
        assert manager_b_client.get(_address(file_format, "team")).status_code == 404


def test_a_format_other_than_csv_or_xlsx_is_not_found(manager_a_client, tasks):
    for file_format in ("pdf", "xls", "json"):
        assert manager_a_client.get(_address(file_format)).status_code == 404


def test_the_file_is_named_after_the_cluster_and_the_tasks(manager_a_client, tasks):
    response = manager_a_client.get(_address("csv"))
    today = timezone.localdate().isoformat()
    assert f'filename="tfc-tasks-{today}.csv"' in response["Content-Disposition"]


def test_the_download_buttons_keep_the_tab(manager_a_client, tasks):
    html = manager_a_client.get(url("my_tasks") + "?show=team").content.decode()
    assert f"{url('tasks_export', 'xlsx')}?show=team" in html
    assert f"{url('tasks_export', 'csv')}?show=team" in html


def test_it_takes_as_many_queries_for_thirty_tasks_as_for_three(personas, manager_a_client):
    cluster = personas.cluster_a
    address = _address("xlsx", "team")

    def add(count):
        for index in range(count):
            contact = PersonalContactFactory(organisation=OrganisationFactory(cluster=cluster))
            FollowUpTaskFactory(
                organisation=contact.organisation,
                personal_contact=contact,
                assigned_to=personas.staff_a if index % 2 else personas.manager_a,
                due_on=timezone.localdate() + timedelta(days=index),
            )

    add(3)
    few = query_count(manager_a_client, address)
    add(27)
    assert query_count(manager_a_client, address) == few
