from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import FollowUpTask, PersonalContact
from clusterdesk.engagement.services.contacts import (
    personal_contact_delete,
    personal_contact_log,
    personal_contact_update,
    task_complete,
    task_create,
    task_reopen,
    team_members,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .contact_helpers import PersonalContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tessitura(personas):
    return OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Fiorentina")


def _log(personas, organisation, **overrides):
    values = {
        "cluster": personas.cluster_a,
        "actor": personas.manager_a,
        "organisation": organisation,
        "kind": "visit",
        "date": timezone.localdate(),
        "staff": [],
    }
    values.update(overrides)
    return personal_contact_log(**values)


def test_a_contact_is_logged_with_its_people_staff_and_follow_up(personas, tessitura):
    anna = ContactFactory(organisation=tessitura, first_name="Anna")
    due = timezone.localdate() + timedelta(days=10)
    contact = _log(
        personas,
        tessitura,
        staff=[personas.manager_a, personas.staff_a],
        people_met=[anna],
        notes="  Discussed the new loom  ",
        follow_up=("Send the funding call", due, personas.staff_a),
    )
    assert contact.notes == "Discussed the new loom"
    assert set(contact.staff.all()) == {personas.manager_a, personas.staff_a}
    assert list(contact.people_met.all()) == [anna]
    task = FollowUpTask.objects.get(personal_contact=contact)
    assert (task.title, task.due_on, task.assigned_to, task.organisation) == (
        "Send the funding call",
        due,
        personas.staff_a,
        tessitura,
    )
    assert contact.created_by == personas.manager_a
    assert AuditEntry.objects.filter(object_type="personalcontact", action="created").count() == 1


def test_without_staff_the_contact_is_the_actors(personas, tessitura):
    contact = _log(personas, tessitura, actor=personas.staff_a, staff=[])
    assert list(contact.staff.all()) == [personas.staff_a]


def test_a_follow_up_without_assignee_goes_to_the_actor(personas, tessitura):
    contact = _log(personas, tessitura, follow_up=("Call back", timezone.localdate(), None))
    assert contact.tasks.get().assigned_to == personas.manager_a


def test_it_refuses_a_contact_dated_in_the_future(personas, tessitura):
    with pytest.raises(DomainError) as raised:
        _log(personas, tessitura, date=timezone.localdate() + timedelta(days=1))
    assert raised.value.field == "date"
    assert "in the future" in raised.value.message
    assert not PersonalContact.objects.exists()


def test_it_refuses_a_contact_without_a_date_or_kind(personas, tessitura):
    with pytest.raises(DomainError) as raised:
        _log(personas, tessitura, date=None)
    assert raised.value.field == "date"
    with pytest.raises(DomainError) as raised:
        _log(personas, tessitura, kind="lunch")
    assert raised.value.field == "kind"


def test_it_refuses_an_organisation_of_another_cluster(personas):
    elsewhere = OrganisationFactory(cluster=personas.cluster_b, name="Hidromek")
    with pytest.raises(DomainError) as raised:
        _log(personas, elsewhere)
    assert raised.value.field == "organisation"
    assert "Hidromek is not a participant of this cluster" in raised.value.message
    assert not PersonalContact.objects.exists()


def test_it_refuses_staff_from_outside_the_team(personas, tessitura):
    for outsider in (personas.manager_b, personas.board_a, personas.member_a):
        with pytest.raises(DomainError) as raised:
            _log(personas, tessitura, staff=[personas.manager_a, outsider])
        assert raised.value.field == "staff"
        assert "not on this cluster's team" in raised.value.message
    assert not PersonalContact.objects.exists()


def test_it_refuses_people_met_of_another_organisation(personas, tessitura):
    other = OrganisationFactory(cluster=personas.cluster_a, name="Filatura Pratese")
    carlo = ContactFactory(organisation=other, first_name="Carlo", last_name="Neri")
    with pytest.raises(DomainError) as raised:
        _log(personas, tessitura, people_met=[carlo])
    assert raised.value.field == "people_met"
    assert raised.value.message == "Carlo Neri does not work at Tessitura Fiorentina."
    foreign = ContactFactory(organisation=OrganisationFactory(cluster=personas.cluster_b))
    with pytest.raises(DomainError):
        _log(personas, tessitura, people_met=[foreign])
    assert not PersonalContact.objects.exists()


def test_a_broken_follow_up_writes_nothing(personas, tessitura):
    with pytest.raises(DomainError) as raised:
        _log(personas, tessitura, follow_up=("Call back", None, None))
    assert raised.value.field == "follow_up_due_on"
    with pytest.raises(DomainError) as raised:
        _log(
            personas,
            tessitura,
            follow_up=("Call back", timezone.localdate(), personas.manager_b),
        )
    assert raised.value.field == "follow_up_assignee"
    assert not PersonalContact.objects.exists() and not FollowUpTask.objects.exists()


def test_an_update_changes_the_contact_and_moves_its_tasks(personas, tessitura):
    contact = _log(personas, tessitura, follow_up=("Call back", timezone.localdate(), None))
    other = OrganisationFactory(cluster=personas.cluster_a, name="Filatura Pratese")
    personal_contact_update(
        contact=contact,
        actor=personas.staff_a,
        organisation=other,
        kind="phone",
        date=timezone.localdate() - timedelta(days=2),
        staff=[personas.staff_a],
        notes="Moved",
    )
    contact.refresh_from_db()
    assert (contact.organisation, contact.kind, contact.notes) == (other, "phone", "Moved")
    assert list(contact.staff.all()) == [personas.staff_a]
    assert contact.tasks.get().organisation == other
    entry = AuditEntry.objects.get(object_type="personalcontact", action="changed")
    assert set(entry.changes) >= {"organisation", "kind", "date", "notes", "staff"}


def test_an_update_keeps_staff_who_have_left_the_team(personas, tessitura):
    contact = _log(personas, tessitura, staff=[personas.staff_a])
    personas.staff_a.memberships.all().delete()
    personal_contact_update(
        contact=contact,
        actor=personas.manager_a,
        organisation=tessitura,
        kind="visit",
        date=contact.date,
        staff=[personas.staff_a, personas.manager_a],
        notes="Added a note",
    )
    assert contact.staff.count() == 2


def test_an_update_follows_the_same_rules(personas, tessitura):
    contact = _log(personas, tessitura)
    with pytest.raises(DomainError) as raised:
        personal_contact_update(
            contact=contact,
            actor=personas.manager_a,
            organisation=tessitura,
            kind="visit",
            date=timezone.localdate() + timedelta(days=3),
        )
    assert raised.value.field == "date"
    contact.refresh_from_db()
    assert contact.date == timezone.localdate()


def test_deleting_a_contact_deletes_its_tasks_and_is_audited(personas, tessitura):
    contact = _log(personas, tessitura, follow_up=("Call back", timezone.localdate(), None))
    personal_contact_delete(contact=contact, actor=personas.manager_a)
    assert not PersonalContact.objects.exists() and not FollowUpTask.objects.exists()
    assert AuditEntry.objects.filter(object_type="personalcontact", action="deleted").exists()


def test_tasks_are_created_completed_and_reopened(personas, tessitura):
    task = task_create(
        cluster=personas.cluster_a,
        actor=personas.staff_a,
        title="Prepare the board report",
        due_on=timezone.localdate(),
        organisation=tessitura,
    )
    assert task.assigned_to == personas.staff_a
    task_complete(task=task, actor=personas.staff_a)
    assert task.done_on == timezone.localdate()
    task_complete(task=task, actor=personas.staff_a, on=timezone.localdate() + timedelta(days=1))
    assert task.done_on == timezone.localdate()  # done once, the first date stays
    task_reopen(task=task, actor=personas.staff_a)
    task.refresh_from_db()
    assert task.done_on is None


def test_a_task_needs_a_title_a_due_date_and_someone_of_the_team(personas, tessitura):
    for kwargs, field in (
        ({"title": "  ", "due_on": timezone.localdate()}, "title"),
        ({"title": "Call", "due_on": None}, "due_on"),
        (
            {"title": "Call", "due_on": timezone.localdate(), "assignee": personas.board_a},
            "assignee",
        ),
        (
            {
                "title": "Call",
                "due_on": timezone.localdate(),
                "organisation": OrganisationFactory(cluster=personas.cluster_b),
            },
            "organisation",
        ),
    ):
        with pytest.raises(DomainError) as raised:
            task_create(cluster=personas.cluster_a, actor=personas.manager_a, **kwargs)
        assert raised.value.field == field
    assert not FollowUpTask.objects.exists()


def test_a_task_of_a_contact_is_about_its_participant(personas, tessitura):
    contact = PersonalContactFactory(organisation=tessitura)
    task = task_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        title="Send minutes",
        due_on=timezone.localdate(),
        personal_contact=contact,
    )
    assert task.organisation == tessitura
    other = PersonalContactFactory(organisation=OrganisationFactory(cluster=personas.cluster_b))
    with pytest.raises(DomainError):
        task_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            title="x",
            due_on=timezone.localdate(),
            personal_contact=other,
        )


def test_the_team_is_its_managers_and_staff(personas):
    assert set(team_members(personas.cluster_a)) == {personas.manager_a, personas.staff_a}
