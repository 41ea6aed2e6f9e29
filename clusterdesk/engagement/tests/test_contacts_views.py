import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement.models import FollowUpTask, PersonalContact
from clusterdesk.tenancy.models import Membership
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from .contact_helpers import FollowUpTaskFactory, PersonalContactFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"engagement:{name}", args=["tfc", *args])


@pytest.fixture
def tessitura(personas):
    return OrganisationFactory(
        cluster=personas.cluster_a, name="Tessitura Fiorentina", vat_number="IT01234567890"
    )


def _log_data(organisation, **overrides):
    data = {
        "participant": organisation.name,
        "organisation_id": organisation.pk,
        "kind": "visit",
        "date": timezone.localdate().isoformat(),
        "notes": "Looked at the new dyeing line",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- logging


def test_the_form_opened_from_a_participant_page_has_it_chosen(
    personas, manager_a_client, tessitura
):
    ContactFactory(organisation=tessitura, first_name="Anna", last_name="Bianchi")
    response = manager_a_client.get(url("contact_new") + f"?organisation={tessitura.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Tessitura Fiorentina"' in page
    assert f'name="organisation_id" value="{tessitura.pk}"' in page
    assert "Anna Bianchi" in page  # the people met are offered at once
    assert f'value="{timezone.localdate().isoformat()}"' in page  # date defaults to today
    assert f'value="{personas.manager_a.pk}"' in page and "checked" in page  # the user is staff


def test_a_participant_of_another_cluster_is_never_preselected(personas, manager_a_client):
    elsewhere = OrganisationFactory(cluster=personas.cluster_b, name="Hidromek")
    response = manager_a_client.get(url("contact_new") + f"?organisation={elsewhere.pk}")
    assert "Hidromek" not in response.content.decode()


def test_a_visit_is_logged_with_a_follow_up_and_goes_back_to_the_participant(
    personas, manager_a_client, tessitura
):
    anna = ContactFactory(organisation=tessitura)
    due = timezone.localdate() + timedelta(days=5)
    back = reverse("participants:detail", args=["tfc", tessitura.pk])
    response = manager_a_client.post(
        url("contact_new"),
        _log_data(
            tessitura,
            staff=[personas.manager_a.pk, personas.staff_a.pk],
            people_met=[anna.pk],
            follow_up_title="Send the funding call",
            follow_up_due_on=due.isoformat(),
            follow_up_assignee=personas.staff_a.pk,
            next=back,
        ),
    )
    assert response.status_code == 302 and response["Location"] == back
    contact = PersonalContact.objects.get()
    assert contact.organisation == tessitura and contact.kind == "visit"
    assert set(contact.staff.all()) == {personas.manager_a, personas.staff_a}
    assert list(contact.people_met.all()) == [anna]
    assert contact.tasks.get().assigned_to == personas.staff_a


def test_an_outside_next_address_is_ignored(manager_a_client, tessitura):
    response = manager_a_client.post(
        url("contact_new"), _log_data(tessitura, next="https://evil.example/")
    )
    assert response["Location"] == url("contacts")


def test_the_participant_may_be_typed_by_name_or_vat_number(manager_a_client, tessitura):
    manager_a_client.post(
        url("contact_new"),
        _log_data(tessitura, participant="TESSITURA FIORENTINA srl", organisation_id=""),
    )
    manager_a_client.post(
        url("contact_new"), _log_data(tessitura, participant="IT01234567890", organisation_id="")
    )
    assert PersonalContact.objects.filter(organisation=tessitura).count() == 2


def test_a_name_typed_over_the_chosen_one_wins(personas, manager_a_client, tessitura):
    other = OrganisationFactory(cluster=personas.cluster_a, name="Filatura Pratese")
    manager_a_client.post(url("contact_new"), _log_data(tessitura, participant="Filatura Pratese"))
    assert PersonalContact.objects.get().organisation == other


def test_bad_input_is_explained_per_field_and_nothing_is_written(
    personas, manager_a_client, tessitura
):
    response = manager_a_client.post(
        url("contact_new"),
        {
            "participant": "Nobody Known",
            "kind": "",
            "date": (timezone.localdate() + timedelta(days=1)).isoformat(),
            "follow_up_title": "Call back",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "No participant of this cluster is called “Nobody Known”" in page
    assert "This date is in the future" in page
    assert "Give the date the task is due." in page
    assert "This field is required." in page  # the kind
    assert 'value="Call back"' in page  # what was typed stays
    assert not PersonalContact.objects.exists() and not FollowUpTask.objects.exists()


def test_people_met_of_another_participant_are_refused(personas, manager_a_client, tessitura):
    stranger = ContactFactory(
        organisation=OrganisationFactory(cluster=personas.cluster_a, name="Filatura Pratese"),
        first_name="Carlo",
        last_name="Neri",
    )
    response = manager_a_client.post(
        url("contact_new"), _log_data(tessitura, people_met=[stranger.pk])
    )
    assert "Carlo Neri does not work at Tessitura Fiorentina." in response.content.decode()
    assert not PersonalContact.objects.exists()


def test_a_contact_is_edited_and_deleted_after_confirmation(personas, manager_a_client, tessitura):
    contact = PersonalContactFactory(organisation=tessitura, staff=[personas.manager_a])
    FollowUpTaskFactory(organisation=tessitura, personal_contact=contact)
    page = manager_a_client.get(url("contact_edit", contact.pk)).content.decode()
    assert 'value="Tessitura Fiorentina"' in page and "follow_up_title" not in page
    response = manager_a_client.post(
        url("contact_edit", contact.pk),
        _log_data(tessitura, kind="phone", staff=[personas.staff_a.pk]),
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.kind == "phone" and list(contact.staff.all()) == [personas.staff_a]
    confirm = manager_a_client.get(url("contact_delete", contact.pk)).content.decode()
    assert "Its follow-up task will be deleted too." in confirm
    assert PersonalContact.objects.exists()
    manager_a_client.post(url("contact_delete", contact.pk))
    assert not PersonalContact.objects.exists() and not FollowUpTask.objects.exists()


def test_the_staff_member_logs_too(personas, tessitura):
    client = personas.client_for(personas.staff_a)
    client.post(url("contact_new"), _log_data(tessitura))
    assert list(PersonalContact.objects.get().staff.all()) == [personas.staff_a]


# --------------------------------------------------------------------------- quick log


def test_the_quick_log_box_logs_and_goes_back(personas, manager_a_client, tessitura):
    back = reverse("participants:list", args=["tfc"])
    response = manager_a_client.post(
        url("quick_log"),
        {
            "participant": "Tessitura Fiorentina",
            "kind": "phone",
            "date": timezone.localdate().isoformat(),
            "notes": "Asked about the fair",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    contact = PersonalContact.objects.get()
    assert (contact.kind, contact.notes) == ("phone", "Asked about the fair")
    assert list(contact.staff.all()) == [personas.manager_a]


def test_a_quick_log_with_mistakes_opens_the_full_form(manager_a_client, tessitura):
    response = manager_a_client.post(
        url("quick_log"),
        {
            "participant": "Tessitura",
            "kind": "visit",
            "date": (timezone.localdate() + timedelta(days=2)).isoformat(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Log a contact" in page and 'role="alert"' in page
    assert "No participant of this cluster is called “Tessitura”" in page
    assert "This date is in the future" in page
    assert not PersonalContact.objects.exists()


def test_the_quick_log_box_is_for_the_team_only(personas, rf, tessitura):
    template = Template(
        "{% load engagement_contacts %}{% quick_log_box %}|{% log_contact_button organisation %}"
    )
    request = rf.get("/c/tfc/participants/")
    for user, shown in (
        (personas.manager_a, True),
        (personas.staff_a, True),
        (personas.board_a, False),
    ):
        membership = Membership.objects.get(user=user, cluster=personas.cluster_a)
        html = template.render(
            Context(
                {
                    "request": request,
                    "cluster": personas.cluster_a,
                    "membership": membership,
                    "organisation": tessitura,
                }
            )
        )
        assert (url("quick_log") in html) is shown
        assert (f"{url('contact_new')}?organisation={tessitura.pk}" in html) is shown
        if shown:
            assert "next=/c/tfc/participants/" in html
            assert 'list="quick-participant-options"' in html


def test_the_participant_chooser_suggests_a_few_matches(personas, manager_a_client):
    for number in range(30):
        OrganisationFactory(cluster=personas.cluster_a, name=f"Lanificio {number:02}")
    OrganisationFactory(cluster=personas.cluster_b, name="Lanificio Turco")
    response = manager_a_client.get(url("participant_suggest"), {"participant": "lanif"})
    page = response.content.decode()
    assert page.count("<option") == 12
    assert "Lanificio 00" in page and "Turco" not in page
    assert manager_a_client.get(url("participant_suggest"), {"q": ""}).content.strip() == b""


def test_the_people_met_follow_the_participant_typed(personas, manager_a_client, tessitura):
    ContactFactory(organisation=tessitura, first_name="Anna", last_name="Bianchi")
    page = manager_a_client.get(
        url("contact_people"), {"participant": "Tessitura Fiorentina"}
    ).content.decode()
    assert "Anna Bianchi" in page and 'type="checkbox"' in page
    empty = manager_a_client.get(url("contact_people"), {"participant": "Nob"}).content.decode()
    assert "Choose the participant" in empty


# --------------------------------------------------------------------------- the list


@pytest.fixture
def log(personas, tessitura):
    other = OrganisationFactory(cluster=personas.cluster_a, name="Filatura Pratese")
    today = timezone.localdate()
    return {
        "old_visit": PersonalContactFactory(
            organisation=tessitura,
            kind="visit",
            date=today - timedelta(days=40),
            staff=[personas.manager_a],
            notes="Old visit",
        ),
        "call": PersonalContactFactory(
            organisation=other,
            kind="phone",
            date=today - timedelta(days=2),
            staff=[personas.staff_a],
            notes="Quick call",
        ),
        "video": PersonalContactFactory(
            organisation=tessitura,
            kind="video",
            date=today - timedelta(days=1),
            staff=[personas.staff_a, personas.manager_a],
            notes="Video",
            people_met=[ContactFactory(organisation=tessitura, first_name="Anna", last_name="B")],
        ),
        "elsewhere": PersonalContactFactory(
            organisation=OrganisationFactory(cluster=personas.cluster_b), notes="Not ours"
        ),
    }


def _shown(response):
    return [contact.notes for contact in response.context["page"].object_list]


def test_the_log_lists_this_clusters_contacts_newest_first(manager_a_client, log):
    response = manager_a_client.get(url("contacts"))
    assert _shown(response) == ["Video", "Quick call", "Old visit"]
    assert response.context["total"] == 3 and response.context["reached"] == 2
    assert "Contacts by kind" in response.content.decode()
    oldest_first = manager_a_client.get(url("contacts"), {"sort": "date"})
    assert _shown(oldest_first) == ["Old visit", "Quick call", "Video"]


def test_the_log_filters_by_kind_staff_participant_and_dates(personas, manager_a_client, log):
    get = manager_a_client.get
    assert _shown(get(url("contacts"), {"kind": "phone"})) == ["Quick call"]
    assert _shown(get(url("contacts"), {"staff": personas.manager_a.pk})) == ["Video", "Old visit"]
    assert _shown(get(url("contacts"), {"q": "tessitura"})) == ["Video", "Old visit"]
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    assert _shown(get(url("contacts"), {"date_from": since})) == ["Video", "Quick call"]
    until = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert _shown(get(url("contacts"), {"date_from": since, "date_to": until})) == ["Quick call"]
    table = get(url("contacts"), {"kind": "video"}, headers={"HX-Request": "true"})
    assert "<html" not in table.content.decode() and _shown(table) == ["Video"]


def test_an_end_date_before_the_start_is_explained(manager_a_client, log):
    response = manager_a_client.get(
        url("contacts"), {"date_from": "2026-03-10", "date_to": "2026-03-01"}
    )
    assert "The end is before the start." in response.content.decode()


def test_the_board_reads_the_log_without_the_writing_buttons(personas, log):
    response = personas.client_for(personas.board_a).get(url("contacts"))
    page = response.content.decode()
    assert response.status_code == 200 and "Old visit" in page
    assert url("contact_new") not in page and url("contact_edit", log["call"].pk) not in page


def test_the_list_costs_the_same_queries_for_3_or_25_contacts(personas, manager_a_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url("contacts")).status_code == 200
        return len(queries)

    def add(number):
        for _ in range(number):
            organisation = OrganisationFactory(cluster=personas.cluster_a)
            contact = PersonalContactFactory(
                organisation=organisation,
                staff=[personas.manager_a, personas.staff_a],
                people_met=[ContactFactory(organisation=organisation)],
            )
            FollowUpTaskFactory(organisation=organisation, personal_contact=contact)

    add(3)
    few = count_queries()
    add(22)
    assert count_queries() == few


def test_the_export_holds_the_filtered_log_in_the_import_columns(personas, manager_a_client, log):
    response = manager_a_client.get(url("contacts_export", "csv"), {"q": "tessitura"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tfc-contact-log-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["date", "participant", "kind", "staff", "notes", "people met"]
    assert rows[1][:3] == [log["video"].date.isoformat(), "Tessitura Fiorentina", "Video call"]
    assert set(rows[1][3].split("; ")) == {"manager@a.example", "staff@a.example"}
    assert rows[1][5] == log["video"].people_met.get().email
    assert [row[4] for row in rows[1:]] == ["Video", "Old visit"]

    xlsx = manager_a_client.get(url("contacts_export", "xlsx"), {"kind": "phone"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["date", "participant", "kind"]
    assert values[1][1:5] == ["Filatura Pratese", "Phone call", "staff@a.example", "Quick call"]
    assert len(values) == 2
    assert manager_a_client.get(url("contacts_export", "pdf")).status_code == 404


# --------------------------------------------------------------------------- tasks


@pytest.fixture
def tasks(personas, tessitura):
    today = timezone.localdate()
    make = FollowUpTaskFactory
    return {
        "later": make(
            organisation=tessitura,
            title="Later",
            due_on=today + timedelta(days=9),
            assigned_to=personas.manager_a,
        ),
        "overdue": make(
            organisation=tessitura,
            title="Overdue",
            due_on=today - timedelta(days=3),
            assigned_to=personas.manager_a,
        ),
        "today": make(
            organisation=tessitura, title="Today", due_on=today, assigned_to=personas.manager_a
        ),
        "done": make(
            organisation=tessitura,
            title="Done already",
            due_on=today,
            assigned_to=personas.manager_a,
            done_on=today,
        ),
        "colleague": make(
            organisation=tessitura, title="Colleague's", due_on=today, assigned_to=personas.staff_a
        ),
        "elsewhere": make(
            organisation=OrganisationFactory(cluster=personas.cluster_b),
            title="Not ours",
            due_on=today,
        ),
    }


def test_my_open_tasks_come_overdue_first_and_highlighted(manager_a_client, tasks):
    response = manager_a_client.get(url("my_tasks"))
    titles = [task.title for task in response.context["page"].object_list]
    assert titles == ["Overdue", "Today", "Later"]
    page = response.content.decode()
    assert f'id="task-{tasks["overdue"].pk}" class="overdue"' in page
    assert "overdue</span>" in page
    assert "Mine (3)" in page and "Whole team (4)" in page


def test_the_team_tab_shows_everyones_open_tasks(manager_a_client, tasks):
    response = manager_a_client.get(url("my_tasks"), {"show": "team"})
    titles = [task.title for task in response.context["page"].object_list]
    assert titles == ["Overdue", "Today", "Colleague's", "Later"]
    assert "Assigned to" in response.content.decode()


def test_one_click_marks_a_task_done_with_htmx_or_without(manager_a_client, tasks):
    response = manager_a_client.post(
        url("task_done", tasks["today"].pk), {"show": "mine"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith("<tr")
    assert "task-done" in page and url("task_reopen", tasks["today"].pk) in page
    tasks["today"].refresh_from_db()
    assert tasks["today"].done_on == timezone.localdate()

    response = manager_a_client.post(url("task_done", tasks["later"].pk))
    assert response.status_code == 302 and response["Location"].endswith("?show=mine")
    manager_a_client.post(url("task_reopen", tasks["today"].pk))
    tasks["today"].refresh_from_db()
    assert tasks["today"].done_on is None
    assert manager_a_client.get(url("task_done", tasks["later"].pk)).status_code == 405


def test_a_task_is_added_from_the_tasks_page(personas, manager_a_client, tessitura):
    response = manager_a_client.post(
        url("task_new"),
        {
            "title": "Prepare the visit",
            "due_on": timezone.localdate().isoformat(),
            "assignee": personas.staff_a.pk,
            "participant": "Tessitura Fiorentina",
        },
    )
    assert response.status_code == 302
    task = FollowUpTask.objects.get()
    assert (task.assigned_to, task.organisation) == (personas.staff_a, tessitura)
    bad = manager_a_client.post(url("task_new"), {"title": "", "participant": "Nobody"})
    assert "No participant of this cluster is called “Nobody”" in bad.content.decode()
    assert FollowUpTask.objects.count() == 1


def test_the_board_sees_the_teams_tasks_without_buttons(personas, tasks):
    response = personas.client_for(personas.board_a).get(url("my_tasks"))
    assert response.context["show"] == "team"
    assert url("task_done", tasks["today"].pk) not in response.content.decode()
