"""Personal contacts and follow-up tasks through the API: logged, changed and deleted by the
contact services, with their rules and their audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.engagement.models import FollowUpTask, PersonalContact
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory, UserFactory

from .support import assert_error

pytestmark = pytest.mark.django_db

CONTACTS = "/api/v1/c/tfc/personal-contacts/"
TASKS = "/api/v1/c/tfc/tasks/"


def contact_url(pk: int) -> str:
    return f"{CONTACTS}{pk}/"


def task_url(pk: int, action: str = "") -> str:
    return f"{TASKS}{pk}/{action + '/' if action else ''}"


@pytest.fixture
def person(personas: Personas) -> Contact:
    return ContactFactory(
        organisation=personas.member_organisation_a, first_name="Anna", last_name="Rossi"
    )


def logged(personas: Personas, organisation: Organisation, on: date, **fields: object) -> int:
    contact = PersonalContact.objects.create(
        cluster=organisation.cluster, organisation=organisation, date=on, **fields
    )
    contact.staff.set([personas.manager_a])
    return contact.pk


# Logging a contact


def test_a_manager_logs_a_visit_with_the_people_met_and_a_follow_up(
    personas: Personas, manager_api: APIClient, person: Contact
) -> None:
    response = manager_api.post(
        CONTACTS,
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "visit",
            "date": "2026-03-10",
            "staff": [personas.manager_a.pk, personas.staff_a.pk],
            "people_met": [person.pk],
            "notes": "  Interested in the recycling working group. ",
            "follow_up": {
                "title": "Send the working group's agenda",
                "due_on": "2026-03-20",
                "assigned_to": personas.staff_a.pk,
            },
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    contact = PersonalContact.objects.get(pk=body["id"])
    task = FollowUpTask.objects.get()
    assert body["staff"] == sorted([personas.manager_a.pk, personas.staff_a.pk])
    assert body["people_met"] == [person.pk]
    assert body["tasks"] == [task.pk]
    assert body["source"] == "api"
    assert "follow_up" not in body
    assert contact.notes == "Interested in the recycling working group."
    assert (task.personal_contact, task.assigned_to, task.due_on) == (
        contact,
        personas.staff_a,
        date(2026, 3, 20),
    )
    assert task.organisation == personas.member_organisation_a
    entry = AuditEntry.objects.get(object_type="personalcontact")
    assert (entry.action, entry.source, entry.actor) == (
        AuditAction.CREATED,
        "api",
        personas.manager_a,
    )


def test_without_staff_the_caller_made_the_contact_and_owns_its_follow_up(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        CONTACTS,
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "phone",
            "date": "2026-03-10",
            "follow_up": {"title": "Call back", "due_on": "2026-03-12"},
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["staff"] == [personas.manager_a.pk]
    assert FollowUpTask.objects.get().assigned_to == personas.manager_a


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": (timezone.localdate() + timedelta(days=2)).isoformat()}, "date"),
        ({"kind": "carrier_pigeon"}, "kind"),
        ({"follow_up": {"title": "Call back"}}, "follow_up.due_on"),
        ({"follow_up": {"title": " ", "due_on": "2026-03-12"}}, "follow_up.title"),
        ({"staff": []}, None),  # nobody named: the caller
    ],
)
def test_a_contact_with_bad_input_is_a_400_on_its_field_and_nothing_is_written(
    personas: Personas, manager_api: APIClient, change: dict, field: str | None
) -> None:
    body = {
        "organisation": personas.member_organisation_a.pk,
        "kind": "visit",
        "date": "2026-03-10",
        **change,
    }

    response = manager_api.post(CONTACTS, body, format="json")

    if field is None:
        assert response.status_code == 201
        return
    assert list(assert_error(response, 400)["fields"]) == [field]
    assert not PersonalContact.objects.exists()
    assert not FollowUpTask.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_follow_up_for_someone_outside_the_team_is_a_400_on_its_assignee(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        CONTACTS,
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "visit",
            "date": "2026-03-10",
            "follow_up": {
                "title": "Call back",
                "due_on": "2026-03-12",
                "assigned_to": personas.board_a.pk,
            },
        },
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["follow_up.assigned_to"]
    assert not PersonalContact.objects.exists()


def test_people_met_must_work_at_the_participant(
    personas: Personas, manager_api: APIClient
) -> None:
    elsewhere = ContactFactory(organisation=OrganisationFactory(cluster=personas.cluster_a))

    response = manager_api.post(
        CONTACTS,
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "visit",
            "date": "2026-03-10",
            "people_met": [elsewhere.pk],
        },
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["people_met"]


def test_staff_and_people_of_another_cluster_are_field_errors(
    personas: Personas, manager_api: APIClient
) -> None:
    theirs = ContactFactory(organisation=OrganisationFactory(cluster=personas.cluster_b))

    response = manager_api.post(
        CONTACTS,
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "visit",
            "date": "2026-03-10",
            "staff": [personas.manager_b.pk],
            "people_met": [theirs.pk],
        },
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert set(error["fields"]) == {"staff", "people_met"}
    assert personas.manager_b.email not in error["message"]


# Listing


def test_the_list_filters_by_participant_kind_period_and_staff(
    personas: Personas, manager_api: APIClient
) -> None:
    lanificio = personas.member_organisation_a
    tintoria = OrganisationFactory(cluster=personas.cluster_a)
    march = logged(personas, lanificio, date(2026, 3, 10), kind="visit")
    april = logged(personas, tintoria, date(2026, 4, 10), kind="phone")
    may = logged(personas, lanificio, date(2026, 5, 10), kind="phone")
    PersonalContact.objects.get(pk=may).staff.set([personas.staff_a])
    logged(personas, OrganisationFactory(cluster=personas.cluster_b), date(2026, 3, 10))

    def ids(**filters: object) -> list[int]:
        response = manager_api.get(CONTACTS, filters)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [may, april, march]
    assert ids(organisation=lanificio.pk) == [may, march]
    assert ids(kind="phone") == [may, april]
    assert ids(date_from="2026-04-01", date_to="2026-04-30") == [april]
    assert ids(staff=personas.staff_a.pk) == [may]
    assert_error(manager_api.get(CONTACTS, {"date_from": "last week"}), 400)


# Changing and deleting


def test_a_manager_changes_a_contact_keeping_what_is_not_given(
    personas: Personas, manager_api: APIClient, person: Contact
) -> None:
    pk = logged(personas, personas.member_organisation_a, date(2026, 3, 10), kind="visit")

    response = manager_api.patch(
        contact_url(pk), {"kind": "video", "people_met": [person.pk]}, format="json"
    )

    assert response.status_code == 200, response.content
    contact = PersonalContact.objects.get(pk=pk)
    assert (contact.kind, contact.date) == ("video", date(2026, 3, 10))
    assert list(contact.staff.all()) == [personas.manager_a]
    assert list(contact.people_met.all()) == [person]
    entry = AuditEntry.objects.get(action=AuditAction.CHANGED)
    assert entry.source == "api"
    assert entry.changes["kind"] == ["visit", "video"]


def test_a_follow_up_is_not_added_by_changing_a_contact(
    personas: Personas, manager_api: APIClient
) -> None:
    pk = logged(personas, personas.member_organisation_a, date(2026, 3, 10), kind="visit")

    response = manager_api.patch(
        contact_url(pk),
        {"follow_up": {"title": "Call back", "due_on": "2026-03-12"}},
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["follow_up"]
    assert not FollowUpTask.objects.exists()


def test_a_contact_moved_to_a_future_date_is_refused(
    personas: Personas, manager_api: APIClient
) -> None:
    pk = logged(personas, personas.member_organisation_a, date(2026, 3, 10), kind="visit")
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = manager_api.put(
        contact_url(pk),
        {
            "organisation": personas.member_organisation_a.pk,
            "kind": "visit",
            "date": tomorrow.isoformat(),
        },
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["date"]
    assert PersonalContact.objects.get(pk=pk).date == date(2026, 3, 10)


def test_a_contact_keeps_a_colleague_who_has_left_the_team(
    personas: Personas, manager_api: APIClient
) -> None:
    former = UserFactory()  # no membership any more
    pk = logged(personas, personas.member_organisation_a, date(2026, 3, 10), kind="visit")
    PersonalContact.objects.get(pk=pk).staff.add(former)

    response = manager_api.patch(
        contact_url(pk),
        {"staff": [personas.manager_a.pk, former.pk], "notes": "Seen"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert set(PersonalContact.objects.get(pk=pk).staff.all()) == {personas.manager_a, former}


def test_a_manager_deletes_a_contact_and_its_follow_up_tasks(
    personas: Personas, manager_api: APIClient
) -> None:
    pk = logged(personas, personas.member_organisation_a, date(2026, 3, 10), kind="visit")
    FollowUpTask.objects.create(
        cluster=personas.cluster_a, title="Call", due_on=date(2026, 3, 12), personal_contact_id=pk
    )

    response = manager_api.delete(contact_url(pk))

    assert response.status_code == 204
    assert not PersonalContact.objects.exists()
    assert not FollowUpTask.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETED)
    assert (entry.source, entry.object_id) == ("api", pk)


# Tasks


def test_a_manager_adds_a_task_for_a_colleague(personas: Personas, manager_api: APIClient) -> None:
    response = manager_api.post(
        TASKS,
        {
            "title": "Prepare the fair",
            "due_on": "2026-12-01",
            "assigned_to": personas.staff_a.pk,
            "organisation": personas.member_organisation_a.pk,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    task = FollowUpTask.objects.get(pk=response.json()["id"])
    assert (task.assigned_to, task.organisation, task.done_on) == (
        personas.staff_a,
        personas.member_organisation_a,
        None,
    )


def test_a_task_for_someone_outside_the_team_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    for assignee in (personas.board_a, personas.manager_b):
        response = manager_api.post(
            TASKS,
            {"title": "Prepare", "due_on": "2026-12-01", "assigned_to": assignee.pk},
            format="json",
        )
        assert list(assert_error(response, 400)["fields"]) == ["assigned_to"]
    assert not FollowUpTask.objects.exists()


def test_the_task_list_shows_open_tasks_and_mine(
    personas: Personas, manager_api: APIClient
) -> None:
    def task(title: str, assignee: object, done_on: date | None = None) -> int:
        return FollowUpTask.objects.create(
            cluster=personas.cluster_a,
            title=title,
            due_on=date(2026, 3, 1),
            assigned_to=assignee,
            done_on=done_on,
        ).pk

    mine = task("Mine", personas.manager_a)
    theirs = task("Theirs", personas.staff_a)
    done = task("Done", personas.manager_a, date(2026, 3, 2))

    def ids(**filters: object) -> set[int]:
        response = manager_api.get(TASKS, filters)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {mine, theirs, done}
    assert ids(open="true") == {mine, theirs}
    assert ids(open="false") == {done}
    assert ids(open="true", assigned_to="me") == {mine}
    assert ids(assigned_to=personas.staff_a.pk) == {theirs}
    assert_error(manager_api.get(TASKS, {"assigned_to": "everyone"}), 400)


def test_a_task_is_done_by_patching_done_on_and_open_again_with_null(
    personas: Personas, manager_api: APIClient
) -> None:
    task = FollowUpTask.objects.create(
        cluster=personas.cluster_a, title="Call", due_on=date(2026, 3, 1)
    )

    done = manager_api.patch(task_url(task.pk), {"done_on": "2026-03-02"}, format="json")
    moved = manager_api.patch(task_url(task.pk), {"done_on": "2026-03-03"}, format="json")
    reopened = manager_api.patch(task_url(task.pk), {"done_on": None}, format="json")

    assert done.json()["done_on"] == "2026-03-02"
    assert moved.json()["done_on"] == "2026-03-03"
    assert reopened.status_code == 200
    task.refresh_from_db()
    assert task.done_on is None


def test_complete_and_reopen_mark_a_task(personas: Personas, manager_api: APIClient) -> None:
    task = FollowUpTask.objects.create(
        cluster=personas.cluster_a, title="Call", due_on=date(2026, 3, 1)
    )

    today = manager_api.post(task_url(task.pk, "complete"), {}, format="json")
    assert today.json()["done_on"] == timezone.localdate().isoformat()
    again = manager_api.post(task_url(task.pk, "complete"), {"on": "2026-03-05"}, format="json")
    assert again.json()["done_on"] == "2026-03-05"
    kept = manager_api.post(task_url(task.pk, "complete"), {}, format="json")
    assert kept.json()["done_on"] == "2026-03-05"
    reopened = manager_api.post(task_url(task.pk, "reopen"))
    assert reopened.status_code == 200
    assert reopened.json()["done_on"] is None


def test_only_done_on_changes_on_a_task(personas: Personas, manager_api: APIClient) -> None:
    task = FollowUpTask.objects.create(
        cluster=personas.cluster_a, title="Call", due_on=date(2026, 3, 1)
    )

    response = manager_api.patch(
        task_url(task.pk), {"title": "Visit", "done_on": "2026-03-02"}, format="json"
    )

    assert list(assert_error(response, 400)["fields"]) == ["title"]
    task.refresh_from_db()
    assert (task.title, task.done_on) == ("Call", None)
    assert_error(manager_api.put(task_url(task.pk), {"title": "Visit"}, format="json"), 405)
    assert_error(manager_api.delete(task_url(task.pk)), 405)
