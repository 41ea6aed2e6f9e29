"""Activities with the participants involved, and working groups, through the API: written by
the activity services, all or nothing, with errors named by field and row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.engagement.models import Activity, Involvement, WorkingGroup, WorkingGroupOutput
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .support import assert_error

pytestmark = pytest.mark.django_db

ACTIVITIES = "/api/v1/c/tfc/activities/"
GROUPS = "/api/v1/c/tfc/working-groups/"


@pytest.fixture
def three(personas: Personas) -> list[Organisation]:
    return [
        personas.member_organisation_a,
        OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi"),
        OrganisationFactory(cluster=personas.cluster_a, name="Filatura Bianchi"),
    ]


def meeting(organisations: list[Organisation], **changes: Any) -> dict[str, Any]:
    return {
        "kind": "working_group_meeting",
        "title": "Recycled fibres, second meeting",
        "starts_on": "2026-03-10",
        "ends_on": "2026-03-11",
        "place": "Prato",
        "involvements": [
            {"organisation": organisations[0].pk, "role": "active", "days": 2},
            {"organisation": organisations[1].pk, "role": "active", "days": "1.5"},
            {"organisation": organisations[2].pk, "role": "passive", "days": 0.5},
        ],
        **changes,
    }


def recorded(manager_api: APIClient, body: dict[str, Any]) -> Activity:
    response = manager_api.post(ACTIVITIES, body, format="json")
    assert response.status_code == 201, response.content
    return Activity.objects.get(pk=response.json()["id"])


# Recording an activity


def test_a_manager_records_a_meeting_with_three_participants_and_their_days(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")

    response = manager_api.post(ACTIVITIES, meeting(three, working_group=group.pk), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["working_group"] == group.pk
    assert body["source"] == "api"
    assert sorted(
        (row["organisation"], row["role"], row["days"]) for row in body["involvements"]
    ) == sorted(
        [
            (three[0].pk, "active", "2.0"),
            (three[1].pk, "active", "1.5"),
            (three[2].pk, "passive", "0.5"),
        ]
    )
    activity = Activity.objects.get(pk=body["id"])
    assert {inv.starts_on for inv in activity.involvements.all()} == {date(2026, 3, 10)}
    entry = AuditEntry.objects.get(object_type="activity")
    assert (entry.action, entry.source) == (AuditAction.CREATED, "api")
    assert entry.changes["involvements.participants"] == [0, 3]


@pytest.mark.parametrize(
    ("row", "days", "message"),
    [
        (0, 0.25, "half-day"),
        (1, -1, "more than zero"),
        (0, 3, "more than the activity lasts"),
        (2, "lots", "number"),
    ],
)
def test_bad_days_are_a_400_on_their_row_and_nothing_is_written(
    manager_api: APIClient, three: list[Organisation], row: int, days: Any, message: str
) -> None:
    body = meeting(three)
    body["involvements"][row]["days"] = days

    response = manager_api.post(ACTIVITIES, body, format="json")

    error = assert_error(response, 400)
    assert list(error["fields"]) == [f"involvements.{row}.days"]
    assert message in error["message"]
    assert not Activity.objects.exists()
    assert not Involvement.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_end_before_the_start_is_a_400_on_ends_on(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    response = manager_api.post(
        ACTIVITIES, meeting(three, starts_on="2026-03-10", ends_on="2026-03-09"), format="json"
    )

    error = assert_error(response, 400)
    assert list(error["fields"]) == ["ends_on"]
    assert "before the start" in error["message"]
    assert not Activity.objects.exists()


def test_an_organisation_of_another_cluster_is_a_400_on_its_row(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    theirs = OrganisationFactory(cluster=personas.cluster_b, name="Makina Sanayi")
    body = meeting(three)
    body["involvements"][1]["organisation"] = theirs.pk

    response = manager_api.post(ACTIVITIES, body, format="json")

    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == ["involvements.1.organisation"]
    assert "Makina" not in error["message"]
    assert not Activity.objects.exists()


def test_the_same_participant_twice_is_a_400_on_the_second_row(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    body = meeting(three)
    body["involvements"][2]["organisation"] = three[0].pk

    response = manager_api.post(ACTIVITIES, body, format="json")

    assert list(assert_error(response, 400)["fields"]) == ["involvements.2.organisation"]


# Listing


def test_the_list_filters_by_kind_group_period_and_participant(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")
    first = recorded(manager_api, meeting(three, working_group=group.pk))
    fair = recorded(
        manager_api,
        meeting(
            three,
            kind="joint_trade_fair",
            starts_on="2026-05-04",
            ends_on="2026-05-06",
            involvements=[{"organisation": three[1].pk, "role": "active", "days": 3}],
        ),
    )

    def ids(**filters: object) -> list[int]:
        response = manager_api.get(ACTIVITIES, filters)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [fair.pk, first.pk]
    assert ids(kind="joint_trade_fair") == [fair.pk]
    assert ids(working_group=group.pk) == [first.pk]
    assert ids(date_from="2026-04-01") == [fair.pk]
    assert ids(date_to="2026-04-01") == [first.pk]
    assert ids(organisation=three[2].pk) == [first.pk]
    assert_error(manager_api.get(ACTIVITIES, {"kind": "party"}), 400)


# Changing and deleting


def test_patching_only_the_involvements_replaces_the_list(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    activity = recorded(manager_api, meeting(three))
    kept = Involvement.objects.get(activity=activity, organisation=three[0])

    response = manager_api.patch(
        f"{ACTIVITIES}{activity.pk}/",
        {"involvements": [{"organisation": three[0].pk, "role": "passive", "days": 1}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert [(row["organisation"], row["role"]) for row in response.json()["involvements"]] == [
        (three[0].pk, "passive")
    ]
    assert list(activity.involvements.values_list("pk", flat=True)) == [kept.pk]
    entry = AuditEntry.objects.get(action=AuditAction.CHANGED)
    assert entry.source == "api"
    assert entry.changes["involvements.participants"] == [3, 1]


def test_moving_an_activity_moves_its_involvements_dates(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    activity = recorded(manager_api, meeting(three))

    response = manager_api.patch(
        f"{ACTIVITIES}{activity.pk}/",
        {"starts_on": "2026-04-01", "ends_on": "2026-04-02", "title": "Moved"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Moved"
    assert set(activity.involvements.values_list("starts_on", flat=True)) == {date(2026, 4, 1)}


def test_shortening_an_activity_below_its_days_is_refused(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    activity = recorded(manager_api, meeting(three))

    response = manager_api.patch(
        f"{ACTIVITIES}{activity.pk}/", {"ends_on": "2026-03-10"}, format="json"
    )

    assert list(assert_error(response, 400)["fields"]) == ["ends_on"]
    activity.refresh_from_db()
    assert activity.ends_on == date(2026, 3, 11)


def test_a_manager_deletes_an_activity_with_its_involvements(
    manager_api: APIClient, three: list[Organisation]
) -> None:
    activity = recorded(manager_api, meeting(three))

    assert manager_api.delete(f"{ACTIVITIES}{activity.pk}/").status_code == 204
    assert not Activity.objects.exists()
    assert not Involvement.objects.exists()
    assert AuditEntry.objects.get(action=AuditAction.DELETED).source == "api"


# Working groups


def test_a_manager_sets_up_a_working_group_whose_chair_is_a_member(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    chair = ContactFactory(organisation=three[2])

    response = manager_api.post(
        GROUPS,
        {
            "name": "Recycled fibres",
            "theme": "Circular textiles",
            "chair_person": chair.pk,
            "members": [three[0].pk, three[1].pk],
            "started_on": "2026-01-15",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["chair"] == three[2].pk
    assert sorted(body["members"]) == sorted(org.pk for org in three)
    assert body["outputs"] == []
    assert AuditEntry.objects.get(object_type="workinggroup").source == "api"


def test_a_working_group_shows_its_outputs_with_their_documents(
    personas: Personas, manager_api: APIClient
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")
    output = WorkingGroupOutput.objects.create(
        cluster=personas.cluster_a,
        working_group=group,
        title="Guide to recycled wool",
        date=date(2026, 2, 1),
        document="working-groups/2026/guide.pdf",
    )

    body = manager_api.get(f"{GROUPS}{group.pk}/").json()

    assert body["outputs"] == [
        {
            "id": output.pk,
            "title": "Guide to recycled wool",
            "date": "2026-02-01",
            "description": "",
            "document": {
                "name": "guide.pdf",
                "url": f"http://testserver/c/tfc/engagement/working-groups/{group.pk}"
                f"/outputs/{output.pk}/document/",
            },
        }
    ]


def test_outputs_and_documents_are_not_taken_by_the_api(
    personas: Personas, manager_api: APIClient
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")

    response = manager_api.patch(
        f"{GROUPS}{group.pk}/",
        {"outputs": [{"title": "Guide", "date": "2026-02-01"}], "theme": "Wool"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["theme"] == "Wool"
    assert not WorkingGroupOutput.objects.exists()


def test_a_manager_changes_the_members_of_a_working_group(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")
    group.members.set(three)

    response = manager_api.patch(
        f"{GROUPS}{group.pk}/", {"members": [three[1].pk], "name": "Wool"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["members"] == [three[1].pk]
    group.refresh_from_db()
    assert group.name == "Wool"
    assert AuditEntry.objects.get(action=AuditAction.CHANGED).changes["members"][1] == [
        "Tintoria Verdi"
    ]


def test_a_working_group_with_another_clusters_member_or_chair_is_a_400(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    theirs = OrganisationFactory(cluster=personas.cluster_b)

    for body, field in (
        ({"name": "Wool", "members": [three[0].pk, theirs.pk]}, "members"),
        ({"name": "Wool", "chair": theirs.pk}, "chair"),
        ({"name": "Wool", "started_on": "2026-02-01", "ended_on": "2026-01-01"}, "ended_on"),
        ({"name": " "}, "name"),
    ):
        response = manager_api.post(GROUPS, body, format="json")
        assert list(assert_error(response, 400)["fields"]) == [field], body

    assert not WorkingGroup.objects.exists()


def test_a_manager_deletes_a_working_group_and_its_meetings_stay(
    personas: Personas, manager_api: APIClient, three: list[Organisation]
) -> None:
    group = WorkingGroup.objects.create(cluster=personas.cluster_a, name="Recycled fibres")
    activity = recorded(manager_api, meeting(three, working_group=group.pk))

    assert manager_api.delete(f"{GROUPS}{group.pk}/").status_code == 204
    assert not WorkingGroup.objects.exists()
    activity.refresh_from_db()
    assert activity.working_group is None
    assert sum(inv.days for inv in activity.involvements.all()) == Decimal("4.0")
