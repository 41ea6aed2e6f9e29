from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import ActivityKind, WorkingGroup, WorkingGroupOutput
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .activity_helpers import (
    ActivityFactory,
    InvolvementFactory,
    OutputFactory,
    WorkingGroupFactory,
    url,
)

pytestmark = pytest.mark.django_db
MEETING = ActivityKind.WORKING_GROUP_MEETING


@pytest.fixture
def three(personas):
    return [
        OrganisationFactory(cluster=personas.cluster_a, name=name)
        for name in ("Filatura Alfa", "Tessitura Beta", "Tintoria Gamma")
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _meeting(group, on, attendance):
    meeting = ActivityFactory(
        cluster=group.cluster,
        kind=MEETING,
        working_group=group,
        starts_on=on,
        title=f"Meeting {on}",
    )
    for organisation, role, days in attendance:
        InvolvementFactory(activity=meeting, organisation=organisation, role=role, days=days)
    return meeting


def test_the_list_shows_each_group_with_members_meetings_and_whether_it_is_active(
    personas, manager_a_client, three
):
    today = timezone.localdate()
    active = WorkingGroupFactory(
        cluster=personas.cluster_a, name="Circular textiles", members=three
    )
    _meeting(active, today - timedelta(days=30), [(three[0], "active", 1)])
    WorkingGroupFactory(cluster=personas.cluster_a, name="Smart textiles", members=three[:2])
    WorkingGroupFactory(cluster=personas.cluster_b, name="Hydraulics")
    response = manager_a_client.get(url("working_groups"))
    groups = {g.name: g for g in response.context["page"].object_list}
    assert set(groups) == {"Circular textiles", "Smart textiles"}
    assert (
        groups["Circular textiles"].member_count,
        groups["Circular textiles"].meeting_count,
    ) == (
        3,
        1,
    )
    assert groups["Circular textiles"].is_active and not groups["Smart textiles"].is_active
    assert response.context["active_count"] == 1
    assert 'data-testid="active-group-count">1<' in response.content.decode()


def test_the_list_takes_the_same_number_of_queries_for_many_groups(
    personas, manager_a_client, three
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url("working_groups")).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            group = WorkingGroupFactory(cluster=personas.cluster_a, members=three, chair=three[0])
            _meeting(group, date(2026, 1, 5), [(three[0], "active", 1)])

    add(1)
    few = count()
    add(15)
    assert count() == few


def test_the_detail_shows_meetings_with_their_participants_members_participation_and_outputs(
    personas, manager_a_client, three
):
    today = timezone.localdate()
    guest = OrganisationFactory(cluster=personas.cluster_a, name="Politecnico Delta")
    group = WorkingGroupFactory(
        cluster=personas.cluster_a, name="Circular textiles", members=three, chair=three[0]
    )
    _meeting(
        group,
        today - timedelta(days=40),
        [(three[0], "active", 1), (three[1], "active", 1), (three[2], "passive", "0.5")],
    )
    _meeting(group, today - timedelta(days=10), [(three[0], "active", 1), (guest, "active", "0.5")])
    _meeting(group, today + timedelta(days=20), [(three[1], "active", 1)])  # planned
    ActivityFactory(cluster=personas.cluster_a, working_group=group, kind=ActivityKind.WORKSHOP)
    OutputFactory(working_group=group, title="Position paper on recycled wool")

    response = manager_a_client.get(url("working_group_detail", group.pk))
    context = response.context
    assert context["is_active"] and context["group"].meeting_count == 2
    participation = {row["organisation"].name: row for row in context["participation"]}
    assert participation["Filatura Alfa"]["meetings"] == 2
    assert participation["Filatura Alfa"]["days"] == 2
    assert participation["Tintoria Gamma"]["meetings"] == 1
    assert participation["Tessitura Beta"]["meetings"] == 1  # the planned one is not counted yet
    assert not participation["Politecnico Delta"]["is_member"]
    assert context["other_activities"] == 1
    html = response.content.decode()
    assert "Tintoria Gamma – 0.5 days" in html and "Filatura Alfa – 1 day" in html
    assert "not a member" in html and "Position paper on recycled wool" in html
    assert 'data-testid="group-status">Active<' in html


def test_a_group_without_enough_members_says_why_it_is_not_active(
    personas, manager_a_client, three
):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three[:2])
    _meeting(group, timezone.localdate(), [(three[0], "active", 1)])
    response = manager_a_client.get(url("working_group_detail", group.pk))
    html = response.content.decode()
    assert not response.context["is_active"]
    assert "2 member organisations (at least 3 needed)" in html
    assert 'data-testid="group-status">Not active<' in html


def test_the_detail_takes_the_same_number_of_queries_for_many_meetings(
    personas, manager_a_client, three
):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three, chair=three[0])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url("working_group_detail", group.pk)).status_code == 200
        return len(queries)

    def add(n):
        for day in range(n):
            _meeting(
                group, date(2025, 1, 1) + timedelta(days=day), [(o, "active", 1) for o in three]
            )
            OutputFactory(working_group=group)

    add(1)
    few = count()
    add(10)
    assert count() == few


def test_creating_a_group_with_a_chair_person_and_members(personas, manager_a_client, three):
    person = ContactFactory(organisation=three[0], first_name="Giulia", last_name="Neri")
    response = manager_a_client.post(
        url("working_group_new"),
        {
            "name": "Circular textiles",
            "theme": "Recycled wool",
            "chair": str(three[0].pk),
            "chair_person": str(person.pk),
            "members": [str(three[1].pk), str(three[2].pk)],
            "started_on": "2025-01-15",
            "ended_on": "",
            "description": "",
        },
    )
    group = WorkingGroup.objects.get()
    assert response.url == url("working_group_detail", group.pk)
    assert group.chair_person == person and set(group.members.all()) == set(three)


def test_a_group_form_with_mistakes_explains_them_and_keeps_the_choices(
    personas, manager_a_client, three
):
    stranger = OrganisationFactory(cluster=personas.cluster_b, name="Makina Delta")
    elsewhere = ContactFactory(organisation=three[1])
    response = manager_a_client.post(
        url("working_group_new"),
        {
            "name": "Circular textiles",
            "chair": str(three[0].pk),
            "chair_person": str(elsewhere.pk),
            "members": [str(three[1].pk), str(stranger.pk)],
            "started_on": "2026-03-01",
            "ended_on": "2026-02-01",
        },
    )
    assert response.status_code == 200 and not WorkingGroup.objects.exists()
    errors = response.context["form"].errors
    assert errors["members"] == ["Choose a participant of this cluster."]
    assert errors["ended_on"] == ["The end is before the start."]
    html = response.content.decode()
    assert "Makina Delta" not in html
    assert f'name="members" value="{three[1].pk}"' in html  # kept
    assert f'name="chair" value="{three[0].pk}"' in html


def test_the_chair_person_must_work_at_the_chair(personas, manager_a_client, three):
    elsewhere = ContactFactory(organisation=three[1], first_name="Marco", last_name="Verdi")
    response = manager_a_client.post(
        url("working_group_new"),
        {"name": "Circular textiles", "chair": str(three[0].pk), "chair_person": str(elsewhere.pk)},
    )
    assert response.context["form"].errors["chair_person"] == [
        "Marco Verdi is not a contact of Filatura Alfa."
    ]


def test_unticking_the_chair_leaves_the_group_without_one(personas, manager_a_client, three):
    person = ContactFactory(organisation=three[0])
    group = WorkingGroupFactory(
        cluster=personas.cluster_a, members=three, chair=three[0], chair_person=person
    )
    manager_a_client.post(
        url("working_group_edit", group.pk),
        {"name": group.name, "chair_person": str(person.pk), "members": [str(three[1].pk)]},
    )
    group.refresh_from_db()
    assert group.chair is None and group.chair_person is None
    assert list(group.members.all()) == [three[1]]


def test_choosing_a_chair_offers_its_people(personas, manager_a_client, three):
    ContactFactory(organisation=three[0], first_name="Giulia", last_name="Neri", job_title="CEO")
    ContactFactory(organisation=three[1], first_name="Marco", last_name="Verdi")
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=chair&organisation={three[0].pk}", {}
    )
    html = response.content.decode()
    assert f'name="chair" value="{three[0].pk}"' in html
    assert "Giulia Neri (CEO)" in html and "Marco Verdi" not in html


def test_a_chosen_member_is_added_once(personas, manager_a_client, three):
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=member&organisation={three[1].pk}",
        {"members": [str(three[0].pk)]},
    )
    assert f'name="members" value="{three[1].pk}"' in response.content.decode()
    response = manager_a_client.post(
        url("participant_chosen") + f"?for=member&organisation={three[0].pk}",
        {"members": [str(three[0].pk)]},
    )
    assert "Filatura Alfa is already in the list." in response.content.decode()
    assert 'name="members"' not in response.content.decode()


def test_editing_a_group_changes_its_members(personas, manager_a_client, three):
    group = WorkingGroupFactory(cluster=personas.cluster_a, name="Circular", members=three)
    page = manager_a_client.get(url("working_group_edit", group.pk)).content.decode()
    assert page.count('name="members"') == 3
    response = manager_a_client.post(
        url("working_group_edit", group.pk),
        {"name": "Circular textiles", "members": [str(three[0].pk)]},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Circular textiles" and list(group.members.all()) == [three[0]]


def test_deleting_a_group_asks_first_and_keeps_its_meetings(personas, manager_a_client, three):
    group = WorkingGroupFactory(cluster=personas.cluster_a, members=three)
    meeting = _meeting(group, date(2026, 1, 5), [])
    page = manager_a_client.get(url("working_group_delete", group.pk)).content.decode()
    assert "Its 1 meetings stay in the list of activities" in page
    response = manager_a_client.post(url("working_group_delete", group.pk))
    assert response.url == url("working_groups")
    meeting.refresh_from_db()
    assert not WorkingGroup.objects.exists() and meeting.working_group is None


def test_an_output_is_added_with_its_document_and_downloaded_by_the_team(
    personas, manager_a_client, three, media
):
    group = WorkingGroupFactory(cluster=personas.cluster_a)
    response = manager_a_client.post(
        url("working_group_output_add", group.pk),
        {
            "output-title": "Position paper",
            "output-date": "2026-01-20",
            "output-description": "On recycled wool",
            "output-document": SimpleUploadedFile("paper.pdf", b"%PDF-1.4 paper"),
        },
    )
    assert response.url.endswith("#outputs")
    output = WorkingGroupOutput.objects.get()
    assert output.cluster == personas.cluster_a and output.document
    board = personas.client_for(personas.board_a)
    download = board.get(url("working_group_output_document", group.pk, output.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 paper"
    assert "attachment" in download["Content-Disposition"]


def test_an_output_with_mistakes_is_explained_on_the_group_page(personas, manager_a_client):
    group = WorkingGroupFactory(cluster=personas.cluster_a, name="Circular textiles")
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = manager_a_client.post(
        url("working_group_output_add", group.pk), {"output-title": "", "output-date": future}
    )
    assert response.status_code == 200 and not WorkingGroupOutput.objects.exists()
    errors = response.context["output_form"].errors
    assert errors["title"] and "in the future" in errors["date"][0]
    assert "Circular textiles" in response.content.decode()


def test_an_output_is_deleted_after_confirmation(personas, manager_a_client, media):
    output = OutputFactory(working_group__cluster=personas.cluster_a, title="Minutes")
    group = output.working_group
    page = manager_a_client.get(url("working_group_output_delete", group.pk, output.pk))
    assert "Delete “Minutes”?" in page.content.decode()
    manager_a_client.post(url("working_group_output_delete", group.pk, output.pk))
    assert not WorkingGroupOutput.objects.exists()


def test_an_output_is_reached_only_through_its_own_group(personas, manager_a_client):
    output = OutputFactory(working_group__cluster=personas.cluster_a)
    other = WorkingGroupFactory(cluster=personas.cluster_a)
    assert (
        manager_a_client.get(url("working_group_output_delete", other.pk, output.pk)).status_code
        == 404
    )
    assert (
        manager_a_client.get(
            url("working_group_output_document", output.working_group.pk, output.pk)
        ).status_code
        == 404  # no document
    )
