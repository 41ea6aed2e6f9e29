import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import PlanAction, StrategyDocument
from clusterdesk.engagement.services import strategy
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry, Role
from clusterdesk.testing.factories import MembershipFactory, UserFactory

from .organisation_helpers import PlanActionFactory, StrategyDocumentFactory, status_of, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
LAST_YEAR = YEAR - 1


# --------------------------------------------------------------------------- strategy documents


def test_the_page_shows_months_since_the_latest_update_and_both_plan_indicators(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    StrategyDocumentFactory(
        cluster=cluster, adopted_on=date(2019, 1, 1), updated_on=date(2020, 1, 1)
    )
    StrategyDocumentFactory(
        cluster=cluster, adopted_on=date(2019, 1, 1), updated_on=TODAY - timedelta(days=40)
    )
    PlanActionFactory.create_batch(4, cluster=cluster, year=YEAR)
    PlanActionFactory(cluster=cluster, year=YEAR, budget=None)
    PlanActionFactory(cluster=cluster, year=LAST_YEAR, achieved_value=Decimal("10"))
    PlanActionFactory(cluster=cluster, year=LAST_YEAR, achieved_value=Decimal("9"))
    response = manager_a_client.get(url("strategy"))
    assert response.status_code == 200
    assert response.context["months"] == 1
    assert response.context["age_status"] == "excellent"
    assert response.context["current"].measurable_percent == Decimal("80.0")
    assert response.context["last"].achieved_percent == Decimal("50.0")
    html = response.content.decode()
    assert "80.0 %" in html and "50.0 %" in html


def test_the_strategy_page_uses_the_same_number_of_queries_for_few_or_many(
    personas, manager_a_client
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("strategy"))
        return len(queries)

    StrategyDocumentFactory(cluster=personas.cluster_a)
    PlanActionFactory(cluster=personas.cluster_a, year=YEAR)
    few = count()
    StrategyDocumentFactory.create_batch(15, cluster=personas.cluster_a)
    for year in range(2015, 2025):
        PlanActionFactory.create_batch(3, cluster=personas.cluster_a, year=year)
    assert count() == few


def test_a_strategy_document_is_added_with_its_file(personas, manager_a_client):
    upload = SimpleUploadedFile("strategy.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = manager_a_client.post(
        url("strategy_document_new"),
        {
            "title": "Strategy 2025-2028",
            "adopted_on": "2025-01-20",
            "updated_on": "2025-01-20",
            "document": upload,
        },
    )
    assert response.status_code == 302
    document = StrategyDocument.objects.for_cluster(personas.cluster_a).get()
    assert document.document.name.endswith(".pdf")


def test_a_document_updated_before_its_adoption_is_refused_and_nothing_is_written(
    personas, manager_a_client
):
    response = manager_a_client.post(
        url("strategy_document_new"),
        {"title": "Strategy", "adopted_on": "2025-03-01", "updated_on": "2025-02-01"},
    )
    assert response.context["form"].errors["updated_on"] == [
        "The last update is before the adoption."
    ]
    assert not StrategyDocument.objects.exists()


def test_a_strategy_document_is_edited_and_deleted(personas, manager_a_client):
    document = StrategyDocumentFactory(cluster=personas.cluster_a)
    response = manager_a_client.post(
        url("strategy_document_edit", document.pk),
        {"title": "Renamed", "adopted_on": "2024-03-01", "updated_on": "2025-06-01"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.updated_on) == ("Renamed", date(2025, 6, 1))
    assert AuditEntry.objects.filter(object_type="strategydocument", action="changed").exists()
    manager_a_client.post(url("strategy_document_delete", document.pk))
    assert not StrategyDocument.objects.exists()


# --------------------------------------------------------------------------- the plan


def action_data(**changes):
    data = {
        "year": str(YEAR),
        "title": "Delegation to Hannover Messe",
        "indicator": "SMEs taking part",
        "target_value": "12",
        "unit": "companies",
        "budget": "8000",
        "owner": "",
        "due_on": f"{YEAR}-04-20",
        "status": "planned",
        "achieved_value": "",
    }
    data.update(changes)
    return data


def test_an_action_is_added_to_the_year_given_in_the_address(personas, manager_a_client):
    response = manager_a_client.get(url("strategy_action_new") + f"?year={LAST_YEAR}")
    assert response.context["form"].initial["year"] == LAST_YEAR
    response = manager_a_client.post(
        url("strategy_action_new"), action_data(owner=str(personas.staff_a.pk))
    )
    assert response.status_code == 302
    assert response["Location"] == url("strategy_plan", YEAR)
    action = PlanAction.objects.for_cluster(personas.cluster_a).get()
    assert action.owner == personas.staff_a
    assert action.is_measurable


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"due_on": f"{YEAR + 1}-01-10"}, "due_on", "The due date is not in the plan year."),
        (
            {"target_value": "", "achieved_value": "3"},
            "achieved_value",
            "An achieved value needs a target value to compare with.",
        ),
        ({"budget": "-100"}, "budget", "The budget cannot be negative."),
        ({"year": "1200"}, "year", "Give a year between"),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_a_wrong_action_gets_a_message_on_its_field(
    personas, manager_a_client, changes, field, message
):
    response = manager_a_client.post(url("strategy_action_new"), action_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert not PlanAction.objects.exists()


def test_an_owner_from_another_cluster_or_outside_the_team_is_refused(personas, manager_a_client):
    for outsider in (personas.manager_b, personas.board_a, personas.member_a):
        response = manager_a_client.post(
            url("strategy_action_new"), action_data(owner=str(outsider.pk))
        )
        assert response.context["form"].errors["owner"] == [
            "Choose the owner among the cluster's managers and staff."
        ]
    assert not PlanAction.objects.exists()


def test_the_service_refuses_an_owner_of_another_cluster(personas):
    with pytest.raises(DomainError) as error:
        strategy.plan_action_create(
            cluster=personas.cluster_a,
            actor=None,
            data={"year": YEAR, "title": "Action", "owner": personas.manager_b},
        )
    assert error.value.field == "owner"


def test_the_plan_shows_its_actions_and_the_share_of_measurable_ones(personas, manager_a_client):
    cluster = personas.cluster_a
    PlanActionFactory(cluster=cluster, year=YEAR, owner=personas.staff_a, title="Measured")
    PlanActionFactory(cluster=cluster, year=YEAR, indicator="", title="Vague")
    PlanActionFactory(cluster=cluster, year=LAST_YEAR, title="Old")
    response = manager_a_client.get(url("strategy_plan", YEAR))
    assert [action.title for action in response.context["actions"]] == ["Measured", "Vague"]
    summary = response.context["summary"]
    assert (summary.actions, summary.measurable, summary.measurable_status) == (2, 1, "not_met")
    html = response.content.decode()
    assert "not measurable yet" in html and "judged once the year has ended" in html


def test_a_past_plan_shows_the_share_of_targets_achieved(personas, manager_a_client):
    cluster = personas.cluster_a
    for achieved in ("12", "10", "10.5", "9", None):
        PlanActionFactory(
            cluster=cluster,
            year=LAST_YEAR,
            target_value=Decimal("10"),
            achieved_value=None if achieved is None else Decimal(achieved),
        )
    PlanActionFactory(cluster=cluster, year=LAST_YEAR, target_value=None, indicator="")
    response = manager_a_client.get(url("strategy_plan", LAST_YEAR))
    summary = response.context["summary"]
    assert (summary.achieved, summary.with_target) == (3, 5)
    assert summary.achieved_percent == Decimal("60.0")
    assert summary.achieved_status == "not_met"
    assert "of the targets achieved (3 of 5)" in response.content.decode()


def test_the_plan_uses_the_same_number_of_queries_for_few_or_many_actions(
    personas, manager_a_client
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("strategy_plan", YEAR))
        return len(queries)

    PlanActionFactory(cluster=personas.cluster_a, year=YEAR, owner=personas.staff_a)
    few = count()
    PlanActionFactory.create_batch(
        30, cluster=personas.cluster_a, year=YEAR, owner=personas.manager_a
    )
    assert count() == few


def test_an_action_is_edited_moved_to_another_year_and_deleted(personas, manager_a_client):
    action = PlanActionFactory(cluster=personas.cluster_a, year=YEAR, due_on=None)
    response = manager_a_client.post(
        url("strategy_action_edit", action.pk),
        action_data(year=str(LAST_YEAR), due_on="", status="done", achieved_value="14"),
    )
    assert response.status_code == 302
    assert response["Location"] == url("strategy_plan", LAST_YEAR)
    action.refresh_from_db()
    assert (action.year, action.status, action.target_achieved) == (LAST_YEAR, "done", True)
    manager_a_client.post(url("strategy_action_delete", action.pk))
    assert not PlanAction.objects.exists()


def test_the_plan_exports_as_csv_and_xlsx(personas, manager_a_client):
    PlanActionFactory(
        cluster=personas.cluster_a,
        year=YEAR,
        title="Delegation",
        owner=personas.staff_a,
        achieved_value=Decimal("11"),
    )
    PlanActionFactory(cluster=personas.cluster_b, year=YEAR, title="Not ours")
    response = manager_a_client.get(url("strategy_plan_export", YEAR, "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Plan year", "Action", "Indicator"]
    assert len(rows) == 2
    assert rows[1][1] == "Delegation" and rows[1][-2:] == ["yes", "yes"]
    assert f'filename="tfc-plan-{YEAR}-' in response["Content-Disposition"]
    response = manager_a_client.get(url("strategy_plan_export", YEAR, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "Delegation"


def test_a_plan_year_out_of_range_is_not_found(personas, manager_a_client):
    assert manager_a_client.get(url("strategy_plan", 1200)).status_code == 404


# --------------------------------------------------------------------------- who may


def strategy_urls(personas):
    document = StrategyDocumentFactory(cluster=personas.cluster_a)
    action = PlanActionFactory(cluster=personas.cluster_a, year=YEAR)
    reads = [
        url("strategy"),
        url("strategy_plan", YEAR),
        url("strategy_plan_export", YEAR, "xlsx"),
    ]
    writes = [
        url("strategy_document_new"),
        url("strategy_document_edit", document.pk),
        url("strategy_document_delete", document.pk),
        url("strategy_action_new"),
        url("strategy_action_edit", action.pk),
        url("strategy_action_delete", action.pk),
    ]
    return document, action, reads, writes


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_cluster_s_manager_gets_404_everywhere(personas, manager_b_client, method):
    document, action, reads, writes = strategy_urls(personas)
    for address in reads + writes:
        assert status_of(manager_b_client, method, address) == 404, address
    for name, pk in [
        ("strategy_document_edit", document.pk),
        ("strategy_document_delete", document.pk),
        ("strategy_action_edit", action.pk),
        ("strategy_action_delete", action.pk),
    ]:
        assert status_of(manager_b_client, method, url(name, pk, slug="isim")) == 404
    assert StrategyDocument.objects.count() == 1 and PlanAction.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_board_reads_but_cannot_write(personas, method):
    _document, _action, reads, writes = strategy_urls(personas)
    client = personas.client_for(personas.board_a)
    if method == "get":
        for address in reads:
            assert client.get(address).status_code == 200, address
    for address in writes:
        assert status_of(client, method, address) == 403, address
    assert StrategyDocument.objects.count() == 1 and PlanAction.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_representative_cannot_reach_the_strategy(personas, method):
    _document, _action, reads, writes = strategy_urls(personas)
    client = personas.client_for(personas.member_a)
    for address in reads + writes:
        assert status_of(client, method, address) == 403, address


def test_the_owner_list_offers_only_this_cluster_s_managers_and_staff(personas, manager_a_client):
    other_staff = UserFactory(email="staff@b.example")
    MembershipFactory(cluster=personas.cluster_b, user=other_staff, role=Role.STAFF)
    response = manager_a_client.get(url("strategy_action_new"))
    owners = set(response.context["form"].fields["owner"].queryset)
    assert owners == {personas.manager_a, personas.staff_a}
