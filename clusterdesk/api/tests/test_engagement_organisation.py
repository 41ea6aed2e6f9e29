"""The cluster organisation's own records through the API — budget lines, the implementation
plan, success stories, the team, governance — and the engagement summary."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas
from clusterdesk.engagement.models import (
    BudgetLine,
    Governance,
    Involvement,
    PersonalContact,
    PlanAction,
    StaffMember,
    SuccessStory,
    TrainingRecord,
)
from clusterdesk.tenancy.models import AuditAction, AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .support import assert_error, token_client

pytestmark = pytest.mark.django_db


def api(path: str) -> str:
    return f"/api/v1/c/tfc/{path}"


# Budget lines


def test_a_manager_adds_budget_lines_and_the_list_filters_by_year(
    personas: Personas, manager_api: APIClient
) -> None:
    for body in (
        {"year": 2025, "source": "regional_public", "planned": "50000", "actual": "48000.50"},
        {"year": 2025, "source": "membership_fees", "planned": "12000"},
        {"year": 2026, "source": "events", "planned": "3000"},
    ):
        response = manager_api.post(api("budget-lines/"), body, format="json")
        assert response.status_code == 201, response.content

    lines = manager_api.get(api("budget-lines/"), {"year": 2025}).json()["results"]

    assert [
        (line["source"], line["planned"], line["actual"], line["is_private"]) for line in lines
    ] == [
        ("membership_fees", "12000.00", None, True),
        ("regional_public", "50000.00", "48000.50", False),
    ]
    assert set(AuditEntry.objects.values_list("source", flat=True)) == {"api"}


def test_a_second_line_for_the_same_source_and_year_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    BudgetLine.objects.create(cluster=personas.cluster_a, year=2025, source="events", planned=1)

    response = manager_api.post(
        api("budget-lines/"), {"year": 2025, "source": "events", "planned": "9"}, format="json"
    )

    error = assert_error(response, 400, "duplicate")
    assert list(error["fields"]) == ["source"]
    assert BudgetLine.objects.get().planned == Decimal(1)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"year": 1900, "source": "events", "planned": "10"}, "year"),
        ({"year": 2025, "source": "lottery", "planned": "10"}, "source"),
        ({"year": 2025, "source": "events", "planned": "-10"}, "planned"),
        ({"year": 2025, "source": "events", "planned": "10", "actual": "-1"}, "actual"),
        ({"year": 2025, "source": "events", "planned": "0"}, "planned"),
    ],
)
def test_a_bad_budget_line_is_a_400_on_its_field(
    manager_api: APIClient, body: dict, field: str
) -> None:
    response = manager_api.post(api("budget-lines/"), body, format="json")

    assert list(assert_error(response, 400)["fields"]) == [field]
    assert not BudgetLine.objects.exists()


def test_a_manager_changes_a_budget_line_and_its_year_keeps_the_others(
    personas: Personas, manager_api: APIClient
) -> None:
    other = BudgetLine.objects.create(
        cluster=personas.cluster_a, year=2025, source="events", planned=Decimal(500)
    )
    line = BudgetLine.objects.create(
        cluster=personas.cluster_a, year=2025, source="sponsors", planned=Decimal(1000)
    )

    response = manager_api.patch(
        api(f"budget-lines/{line.pk}/"), {"actual": "1200.00"}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["source"], body["planned"], body["actual"]) == ("sponsors", "1000.00", "1200.00")
    changed = BudgetLine.objects.get(pk=body["id"])
    assert changed.actual == Decimal(1200)
    assert BudgetLine.objects.filter(year=2025).count() == 2
    assert BudgetLine.objects.get(source="events").planned == other.planned
    entry = AuditEntry.objects.get(action=AuditAction.CHANGED)
    assert (entry.source, entry.changes["actual"][0]) == ("api", None)


def test_a_budget_line_does_not_move_to_another_year_or_source(
    personas: Personas, manager_api: APIClient
) -> None:
    line = BudgetLine.objects.create(
        cluster=personas.cluster_a, year=2025, source="sponsors", planned=Decimal(1000)
    )

    response = manager_api.patch(
        api(f"budget-lines/{line.pk}/"), {"year": 2026, "source": "events"}, format="json"
    )

    assert set(assert_error(response, 400)["fields"]) == {"year", "source"}
    assert BudgetLine.objects.get().year == 2025


def test_a_manager_deletes_a_budget_line(personas: Personas, manager_api: APIClient) -> None:
    BudgetLine.objects.create(cluster=personas.cluster_a, year=2025, source="events", planned=1)
    line = BudgetLine.objects.create(
        cluster=personas.cluster_a, year=2025, source="sponsors", planned=2
    )

    assert manager_api.delete(api(f"budget-lines/{line.pk}/")).status_code == 204
    assert list(BudgetLine.objects.values_list("source", flat=True)) == ["events"]
    assert AuditEntry.objects.get(action=AuditAction.DELETED).source == "api"


# The implementation plan


def test_a_manager_adds_a_measurable_plan_action_and_reports_its_result(
    personas: Personas, manager_api: APIClient
) -> None:
    response = manager_api.post(
        api("plan-actions/"),
        {
            "year": 2026,
            "title": "Four workshops on recycled wool",
            "indicator": "Workshops held",
            "target_value": "4",
            "unit": "workshops",
            "budget": "6000",
            "owner": personas.staff_a.pk,
            "due_on": "2026-12-15",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["is_measurable"], body["target_achieved"]) == (
        "planned",
        True,
        None,
    )

    done = manager_api.patch(
        api(f"plan-actions/{body['id']}/"),
        {"status": "done", "achieved_value": "5"},
        format="json",
    )

    assert done.status_code == 200, done.content
    assert (done.json()["target_achieved"], done.json()["owner"]) == (True, personas.staff_a.pk)
    action = PlanAction.objects.get()
    assert (action.status, action.achieved_value) == ("done", Decimal(5))
    assert set(AuditEntry.objects.values_list("source", flat=True)) == {"api"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"due_on": "2027-01-15"}, "due_on"),
        ({"achieved_value": "3"}, "achieved_value"),
        ({"title": ""}, "title"),
        ({"status": "forgotten"}, "status"),
    ],
)
def test_a_bad_plan_action_is_a_400_on_its_field(
    manager_api: APIClient, change: dict, field: str
) -> None:
    body = {"year": 2026, "title": "Trade fair", **change}

    response = manager_api.post(api("plan-actions/"), body, format="json")

    assert list(assert_error(response, 400)["fields"]) == [field]
    assert not PlanAction.objects.exists()


def test_a_plan_action_is_owned_by_the_team_of_this_cluster(
    personas: Personas, manager_api: APIClient
) -> None:
    for owner in (personas.board_a, personas.manager_b):
        response = manager_api.post(
            api("plan-actions/"),
            {"year": 2026, "title": "Trade fair", "owner": owner.pk},
            format="json",
        )
        assert list(assert_error(response, 400)["fields"]) == ["owner"]


def test_the_plan_lists_a_year_and_loses_a_deleted_action(
    personas: Personas, manager_api: APIClient
) -> None:
    this_year = PlanAction.objects.create(cluster=personas.cluster_a, year=2026, title="A")
    PlanAction.objects.create(cluster=personas.cluster_a, year=2025, title="B")

    listed = manager_api.get(api("plan-actions/"), {"year": 2026}).json()["results"]
    deleted = manager_api.delete(api(f"plan-actions/{this_year.pk}/"))

    assert [row["id"] for row in listed] == [this_year.pk]
    assert deleted.status_code == 204
    assert list(PlanAction.objects.values_list("title", flat=True)) == ["B"]


# Success stories


def test_a_manager_tells_a_success_story_with_its_participants(
    personas: Personas, manager_api: APIClient
) -> None:
    tintoria = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")

    response = manager_api.post(
        api("success-stories/"),
        {
            "title": "Recycled wool for a fashion house",
            "text": "Two members and a lab built a recycled yarn line.",
            "participants": [personas.member_organisation_a.pk, tintoria.pk],
            "published_on": "2026-02-01",
            "complexity": "Three partners, a new process.",
            "impact_on_participants": "All spinners can use it.",
            "objectives_achieved": "First orders.",
            "sustainability": "Less virgin wool.",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_complete"] is True
    assert sorted(body["participants"]) == sorted([personas.member_organisation_a.pk, tintoria.pk])
    story = SuccessStory.objects.get()
    assert story.participants.count() == 2
    assert AuditEntry.objects.get().source == "api"


def test_a_manager_changes_a_storys_participants_and_deletes_it(
    personas: Personas, manager_api: APIClient
) -> None:
    story = SuccessStory.objects.create(cluster=personas.cluster_a, title="Wool", text="…")
    story.participants.set([personas.member_organisation_a])
    tintoria = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Verdi")

    changed = manager_api.patch(
        api(f"success-stories/{story.pk}/"), {"participants": [tintoria.pk]}, format="json"
    )
    kept = manager_api.patch(
        api(f"success-stories/{story.pk}/"), {"title": "Recycled wool"}, format="json"
    )

    assert changed.json()["participants"] == [tintoria.pk]
    assert (kept.json()["title"], kept.json()["participants"]) == ("Recycled wool", [tintoria.pk])
    assert manager_api.delete(api(f"success-stories/{story.pk}/")).status_code == 204
    assert not SuccessStory.objects.exists()


def test_a_story_with_another_clusters_participant_or_a_future_date_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    theirs = OrganisationFactory(cluster=personas.cluster_b)
    later = (timezone.localdate() + timedelta(days=3)).isoformat()

    for change, field in (
        ({"participants": [theirs.pk]}, "participants"),
        ({"published_on": later}, "published_on"),
        ({"text": " "}, "text"),
    ):
        body = {"title": "Wool", "text": "A story.", **change}
        response = manager_api.post(api("success-stories/"), body, format="json")
        assert list(assert_error(response, 400)["fields"]) == [field], change

    assert not SuccessStory.objects.exists()


# The team and governance


def test_a_manager_adds_a_staff_member_and_their_training(
    personas: Personas, manager_api: APIClient
) -> None:
    added = manager_api.post(
        api("staff/"),
        {
            "full_name": "Giulia Neri",
            "user": personas.staff_a.pk,
            "post": "Project officer",
            "fte": "0.8",
            "started_on": "2025-09-01",
        },
        format="json",
    )
    assert added.status_code == 201, added.content
    staff = added.json()["id"]

    trained = manager_api.post(
        api("training-records/"),
        {"staff_member": staff, "date": "2026-02-10", "days": "2", "topic": "EU projects"},
        format="json",
    )
    too_early = manager_api.post(
        api("training-records/"),
        {"staff_member": staff, "date": "2025-01-10", "days": "1", "topic": "Excel"},
        format="json",
    )

    assert trained.status_code == 201, trained.content
    assert list(assert_error(too_early, 400)["fields"]) == ["date"]
    assert manager_api.get(api("training-records/"), {"staff_member": staff}).json()["count"] == 1
    assert TrainingRecord.objects.get().days == Decimal(2)


def test_a_staff_member_has_an_fte_between_005_and_1_and_a_team_account(
    personas: Personas, manager_api: APIClient
) -> None:
    body = {"full_name": "Giulia Neri", "post": "Officer", "started_on": "2025-09-01"}

    too_much = manager_api.post(api("staff/"), {**body, "fte": "1.5"}, format="json")
    board = manager_api.post(
        api("staff/"), {**body, "fte": "1", "user": personas.board_a.pk}, format="json"
    )

    assert list(assert_error(too_much, 400)["fields"]) == ["fte"]
    assert list(assert_error(board, 400)["fields"]) == ["user"]
    assert not StaffMember.objects.exists()


def test_a_staff_members_job_description_is_shown_and_not_taken(
    personas: Personas, manager_api: APIClient
) -> None:
    member = StaffMember.objects.create(
        cluster=personas.cluster_a,
        full_name="Giulia Neri",
        post="Officer",
        fte=1,
        started_on=date(2025, 9, 1),
        job_description="team/2025/officer.pdf",
    )

    response = manager_api.patch(
        api(f"staff/{member.pk}/"), {"job_description": "other.pdf", "post": "Lead"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["job_description"] == {
        "name": "officer.pdf",
        "url": f"http://testserver/c/tfc/engagement/team/staff/{member.pk}/job-description/",
    }
    member.refresh_from_db()
    assert (member.post, member.job_description.name) == ("Lead", "team/2025/officer.pdf")


def test_the_governance_profile_is_blank_until_saved_then_replaced_and_changed(
    personas: Personas, manager_api: APIClient
) -> None:
    blank = manager_api.get(api("governance/")).json()
    assert (blank["id"], blank["legal_form"], blank["statutes"]) == (None, "", None)

    saved = manager_api.put(
        api("governance/"),
        {
            "legal_form": "Association",
            "statutes_define_benefits_and_duties": True,
            "general_manager": "Laura Conti",
            "general_manager_since": "2024-01-01",
        },
        format="json",
    )
    changed = manager_api.patch(api("governance/"), {"legal_form": "Consortium"}, format="json")

    assert saved.status_code == 200, saved.content
    assert changed.json()["general_manager"] == "Laura Conti"
    profile = Governance.objects.get(cluster=personas.cluster_a)
    assert (profile.legal_form, profile.statutes_define_benefits_and_duties) == ("Consortium", True)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "source")) == [
        (AuditAction.CREATED, "api"),
        (AuditAction.CHANGED, "api"),
    ]


def test_governance_with_a_future_statutes_date_is_a_400(manager_api: APIClient) -> None:
    later = (timezone.localdate() + timedelta(days=5)).isoformat()

    response = manager_api.patch(api("governance/"), {"statutes_updated_on": later}, format="json")

    assert list(assert_error(response, 400)["fields"]) == ["statutes_updated_on"]
    assert not Governance.objects.exists()


def test_a_board_member_of_another_clusters_organisation_is_a_400(
    personas: Personas, manager_api: APIClient
) -> None:
    theirs = OrganisationFactory(cluster=personas.cluster_b)

    response = manager_api.post(
        api("board-members/"),
        {
            "full_name": "Luca Sarti",
            "organisation": theirs.pk,
            "appointment": "elected",
            "started_on": "2026-01-01",
        },
        format="json",
    )

    assert list(assert_error(response, 400)["fields"]) == ["organisation"]


# The engagement summary


def test_the_summary_gives_reach_and_active_involvement_for_a_day(
    personas: Personas, manager_api: APIClient
) -> None:
    cluster = personas.cluster_a
    met, involved, _quiet = (
        personas.member_organisation_a,
        OrganisationFactory(cluster=cluster),
        OrganisationFactory(cluster=cluster),
    )
    PersonalContact.objects.create(
        cluster=cluster, organisation=met, kind="visit", date=date(2026, 3, 10)
    )
    activity_client = manager_api.post(
        api("activities/"),
        {
            "kind": "delegation",
            "title": "Delegation to Lyon",
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-03",
            "involvements": [{"organisation": involved.pk, "role": "active", "days": 3}],
        },
        format="json",
    )
    assert activity_client.status_code == 201, activity_client.content
    assert Involvement.objects.count() == 1

    summary = manager_api.get(api("engagement/summary/"), {"date": "2026-06-30"}).json()
    before = manager_api.get(api("engagement/summary/"), {"date": "2026-03-01"}).json()

    assert (summary["date"], summary["period_from"], summary["period_to"]) == (
        "2026-06-30",
        "2025-07-01",
        "2026-06-30",
    )
    assert summary["contact_reach"]["participants"] == 3
    assert summary["contact_reach"]["reached"] == 1
    assert summary["contact_reach"]["share"] == pytest.approx(1 / 3)
    assert summary["active_involvement"]["active"] == 1
    assert summary["active_involvement"]["share"] == pytest.approx(1 / 3)
    assert summary["active_days"] == "2.0"
    assert (before["contact_reach"]["reached"], before["active_involvement"]["active"]) == (0, 0)


def test_the_summary_is_for_today_unless_a_date_is_given(
    personas: Personas, manager_api: APIClient
) -> None:
    assert manager_api.get(api("engagement/summary/")).json()["date"] == (
        timezone.localdate().isoformat()
    )
    assert list(
        assert_error(manager_api.get(api("engagement/summary/"), {"date": "yesterday"}), 400)[
            "fields"
        ]
    ) == ["date"]
    assert_error(
        token_client(personas.member_a).get(api("engagement/summary/")), 403, "permission_denied"
    )
