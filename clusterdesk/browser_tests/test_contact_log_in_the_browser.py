from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import FollowUpTask, PersonalContact
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visit_is_logged_with_a_follow_up_and_the_task_is_done(personas, page):
    tessitura = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Fiorentina")
    yesterday = timezone.localdate() - timedelta(days=1)
    due = timezone.localdate() + timedelta(days=7)
    sign_in(page, "manager@a.example")
    # From the participant's page, as a person would.
    page.goto(f"/c/tfc/participants/{tessitura.pk}/")
    page.locator("#main").get_by_role("link", name="Log a contact").click()
    assert page.locator("#main").get_by_label("Participant").input_value() == "Tessitura Fiorentina"
    page.locator("label", has_text="Visit at its premises").click()
    assert page.locator("#main").get_by_label("Visit at its premises").is_checked()
    page.locator("#main").get_by_label("Date", exact=True).fill(yesterday.isoformat())
    page.locator("#main").get_by_label("Notes").fill(
        "Saw the new jacquard looms; they want a digitalisation audit."
    )
    page.get_by_text("Add a follow-up task").click()
    page.locator("#main").get_by_label("Task", exact=True).fill("Send the audit offer")
    page.locator("#main").get_by_label("Due on").fill(due.isoformat())
    page.locator("#main").get_by_role("button", name="Log the contact").click()

    page.get_by_text("The contact with Tessitura Fiorentina was logged.").wait_for()
    # Back on the participant's page, whose engagement now shows the visit.
    page.get_by_role("heading", name="Tessitura Fiorentina").wait_for()
    assert "1 in the last 12 months" in page.locator("#main").inner_text()
    page.get_by_role("link", name="Contact log").click()
    row = page.locator("#contact-table tbody tr").first
    assert "Tessitura Fiorentina" in row.inner_text()
    assert "Visit at its premises" in row.inner_text()
    assert "Send the audit offer" in row.inner_text()
    contact = PersonalContact.objects.get()
    assert (contact.kind, contact.date) == ("visit", yesterday)
    assert list(contact.staff.all()) == [personas.manager_a]

    page.get_by_role("link", name="My open tasks").click()
    page.get_by_role("heading", name="My open tasks").wait_for()
    task_row = page.locator("#task-table tbody tr", has_text="Send the audit offer")
    assert "Tessitura Fiorentina" in task_row.inner_text()
    task_row.get_by_role("button", name="Done").click()
    task_row = page.locator("#task-table tbody tr", has_text="Send the audit offer")
    task_row.get_by_role("button", name="Undo").wait_for()
    assert FollowUpTask.objects.get().done_on == timezone.localdate()


def test_the_participant_is_found_by_typing_and_its_people_appear(personas, page):
    tessitura = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Fiorentina")
    OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Senese")
    ContactFactory(organisation=tessitura, first_name="Anna", last_name="Bianchi")
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/engagement/contacts/new/")
    participant = page.locator("#main").get_by_label("Participant")
    participant.press_sequentially("Tessi", delay=30)
    page.wait_for_function("document.querySelectorAll('#participant-options option').length === 2")
    participant.fill("Tessitura Fiorentina")
    participant.dispatch_event("input")
    page.locator("#main").get_by_label("Anna Bianchi").check()
    page.locator("label", has_text="Phone call").click()
    page.locator("#main").get_by_role("button", name="Log the contact").click()
    page.get_by_text("The contact with Tessitura Fiorentina was logged.").wait_for()
    contact = PersonalContact.objects.get()
    assert contact.kind == "phone" and contact.date == timezone.localdate()
    assert [person.first_name for person in contact.people_met.all()] == ["Anna"]


def test_a_mistake_is_said_plainly_and_what_was_typed_stays(personas, page):
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/engagement/contacts/new/")
    page.locator("#main").get_by_label("Participant").fill("Nobody We Know")
    page.locator("#main").get_by_label("Notes").fill("A note to keep")
    page.locator("#main").get_by_role("button", name="Log the contact").click()
    alert = page.get_by_role("alert")
    assert "No participant of this cluster is called “Nobody We Know”" in alert.inner_text()
    assert page.locator("#main").get_by_label("Notes").input_value() == "A note to keep"
    assert not PersonalContact.objects.exists()
