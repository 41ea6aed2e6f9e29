import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterdesk.engagement.models import BudgetLine, FundingCommitment, FundingSource
from clusterdesk.engagement.services import finance
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import AuditEntry

from .organisation_helpers import BudgetLineFactory, FundingCommitmentFactory, status_of, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
CLOSED = TODAY.year - 1


def grid(**amounts):
    """The budget grid's POST data: every source blank unless given as planned_x / actual_x."""
    data = {}
    for source in FundingSource.values:
        data[f"planned_{source}"] = ""
        data[f"actual_{source}"] = ""
    data.update({key: str(value) for key, value in amounts.items()})
    return data


# --------------------------------------------------------------------------- the page


def test_the_page_shows_the_closed_year_s_private_share_kinds_and_secured_months(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    for source, planned, actual in [
        ("regional_public", "70000", "60000"),
        ("membership_fees", "20000", "25000"),
        ("events", "10000", "15000"),
    ]:
        BudgetLineFactory(
            cluster=cluster, year=CLOSED, source=source, planned=planned, actual=actual
        )
    FundingCommitmentFactory(
        cluster=cluster, starts_on=TODAY - timedelta(days=30), runs_to=TODAY + timedelta(days=800)
    )
    response = manager_a_client.get(url("finance"))
    assert response.status_code == 200
    closed = response.context["closed"]
    assert closed.private_share == Decimal("0.4")  # 40,000 of 100,000
    assert closed.source_kinds == 3
    assert response.context["cover"].months >= 26
    html = response.content.decode()
    assert "40.0 %" in html
    assert "Funder" in html


def test_the_chosen_year_shows_planned_and_actual_by_source_with_a_chart(
    personas, manager_a_client
):
    BudgetLineFactory(
        cluster=personas.cluster_a, year=2024, source="eu_projects", planned=5000, actual=None
    )
    response = manager_a_client.get(url("finance"), {"year": 2024})
    assert response.context["year"] == 2024
    html = response.content.decode()
    assert "<svg" in html and "EU projects: planned 5,000, actual not known yet" in html
    assert 2024 in response.context["years"]


def test_an_unusable_year_falls_back_to_this_year(personas, manager_a_client):
    assert manager_a_client.get(url("finance"), {"year": "abc"}).context["year"] == TODAY.year
    assert manager_a_client.get(url("finance"), {"year": "1200"}).context["year"] == TODAY.year


def test_the_page_is_calm_when_nothing_is_recorded(personas, manager_a_client):
    response = manager_a_client.get(url("finance"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No budget is recorded yet." in html
    assert "No commitment is running today" in html


def test_the_page_uses_the_same_number_of_queries_for_few_or_many_years_and_commitments(
    personas, manager_a_client
):
    cluster = personas.cluster_a

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_a_client.get(url("finance"))
        return len(queries)

    BudgetLineFactory(cluster=cluster, year=CLOSED)
    FundingCommitmentFactory(cluster=cluster)
    few = count()
    for year in range(2010, 2020):
        for source in FundingSource.values:
            BudgetLineFactory(cluster=cluster, year=year, source=source)
    FundingCommitmentFactory.create_batch(20, cluster=cluster)
    assert count() == few


def test_the_board_reads_the_page_without_the_edit_buttons(personas):
    client = personas.client_for(personas.board_a)
    response = client.get(url("finance"))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert url("finance_year_edit", TODAY.year) not in response.content.decode()


# --------------------------------------------------------------------------- the budget grid


def test_saving_the_grid_replaces_the_year_s_lines(personas, manager_a_client):
    cluster = personas.cluster_a
    BudgetLineFactory(cluster=cluster, year=2025, source="sponsors", planned=1000, actual=900)
    BudgetLineFactory(cluster=cluster, year=2024, source="sponsors", planned=7, actual=7)
    response = manager_a_client.post(
        url("finance_year_edit", 2025),
        grid(
            planned_regional_public="120000",
            actual_regional_public="118000.50",
            planned_events="8000",
        ),
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2025")
    lines = {
        line.source: line for line in BudgetLine.objects.for_cluster(cluster).filter(year=2025)
    }
    assert set(lines) == {"regional_public", "events"}
    assert lines["regional_public"].actual == Decimal("118000.50")
    assert lines["events"].actual is None  # blank: not known yet
    assert BudgetLine.objects.for_cluster(cluster).filter(year=2024).count() == 1
    logged = AuditEntry.objects.for_cluster(cluster).filter(object_type="budgetline")
    assert sorted(logged.values_list("action", flat=True)) == ["created", "created", "deleted"]


def test_the_grid_shows_the_stored_amounts(personas, manager_a_client):
    BudgetLineFactory(cluster=personas.cluster_a, year=2025, source="events", planned=8000)
    response = manager_a_client.get(url("finance_year_edit", 2025))
    html = response.content.decode()
    assert 'name="planned_events"' in html and 'value="8000"' in html
    assert 'for="id_actual_sponsors"' in html  # every input has its label


def test_negative_amounts_get_a_message_per_row_and_nothing_is_written(personas, manager_a_client):
    cluster = personas.cluster_a
    BudgetLineFactory(cluster=cluster, year=2025, source="sponsors", planned=1000, actual=900)
    response = manager_a_client.post(
        url("finance_year_edit", 2025),
        grid(planned_events="-5", actual_sponsors="-1", planned_regional_public="1000"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["planned_events"] == ["The planned amount cannot be negative."]
    assert form.errors["actual_sponsors"] == ["The actual amount cannot be negative."]
    assert list(BudgetLine.objects.for_cluster(cluster).values_list("source", "planned")) == [
        ("sponsors", Decimal("1000.00"))
    ]
    assert "Events: planned (€)" in response.content.decode()


def test_text_in_an_amount_is_refused_with_a_message(personas, manager_a_client):
    response = manager_a_client.post(url("finance_year_edit", 2025), grid(planned_events="lots"))
    assert response.context["form"].errors["planned_events"] == ["Enter a number."]
    assert not BudgetLine.objects.exists()


def test_a_year_out_of_range_is_not_found(personas, manager_a_client):
    assert manager_a_client.get(url("finance_year_edit", 1200)).status_code == 404
    assert manager_a_client.get(url("finance_year_edit", TODAY.year + 11)).status_code == 404


def test_the_service_refuses_the_whole_year_when_one_row_is_wrong(personas):
    cluster = personas.cluster_a
    BudgetLineFactory(cluster=cluster, year=2025, source="sponsors")
    with pytest.raises(DomainError) as error:
        finance.budget_year_replace(
            cluster=cluster,
            actor=None,
            year=2025,
            amounts={
                "regional_public": (Decimal("5"), None),
                "events": (Decimal("-1"), None),
            },
        )
    assert error.value.field == "planned_events"
    assert list(BudgetLine.objects.for_cluster(cluster).values_list("source", flat=True)) == [
        "sponsors"
    ]


def test_saving_an_unchanged_year_logs_nothing(personas):
    cluster = personas.cluster_a
    amounts = {"events": (Decimal("10"), Decimal("12"))}
    finance.budget_year_replace(cluster=cluster, actor=None, year=2025, amounts=amounts)
    finance.budget_year_replace(cluster=cluster, actor=None, year=2025, amounts=amounts)
    assert AuditEntry.objects.for_cluster(cluster).count() == 1


# --------------------------------------------------------------------------- commitments


def commitment_data(**changes):
    data = {
        "funder": "Regione Toscana",
        "source": "regional_public",
        "amount": "300000",
        "starts_on": "2025-01-01",
        "runs_to": "2027-12-31",
    }
    data.update(changes)
    return data


def test_a_commitment_is_added_with_its_document(personas, manager_a_client):
    document = SimpleUploadedFile("decree.pdf", b"%PDF-1.4 decree", content_type="application/pdf")
    response = manager_a_client.post(
        url("finance_commitment_new"), {**commitment_data(), "document": document}
    )
    assert response.status_code == 302
    commitment = FundingCommitment.objects.for_cluster(personas.cluster_a).get()
    assert commitment.funder == "Regione Toscana"
    assert commitment.document.name.endswith(".pdf")
    assert AuditEntry.objects.filter(object_type="fundingcommitment", action="created").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"runs_to": "2024-12-31"}, "runs_to", "The end is before the start."),
        ({"amount": "-10"}, "amount", "The amount cannot be negative."),
        ({"funder": "  "}, "funder", "This field is required."),
        ({"source": "lottery"}, "source", "Select a valid choice."),
    ],
)
def test_a_wrong_commitment_gets_a_message_on_its_field(
    personas, manager_a_client, changes, field, message
):
    response = manager_a_client.post(url("finance_commitment_new"), commitment_data(**changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not FundingCommitment.objects.exists()


def test_a_document_that_is_not_a_document_is_refused(personas, manager_a_client):
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = manager_a_client.post(
        url("finance_commitment_new"), {**commitment_data(), "document": script}
    )
    assert "Upload a PDF" in response.context["form"].errors["document"][0]


def test_a_commitment_is_edited_and_deleted(personas, manager_a_client):
    commitment = FundingCommitmentFactory(cluster=personas.cluster_a, funder="Old name")
    response = manager_a_client.post(
        url("finance_commitment_edit", commitment.pk), commitment_data(funder="New name")
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.funder == "New name"
    assert manager_a_client.get(url("finance_commitment_delete", commitment.pk)).status_code == 200
    manager_a_client.post(url("finance_commitment_delete", commitment.pk))
    assert not FundingCommitment.objects.exists()
    assert AuditEntry.objects.filter(object_type="fundingcommitment", action="deleted").exists()


def test_the_commitment_service_refuses_an_end_before_the_start(personas):
    commitment = FundingCommitmentFactory(cluster=personas.cluster_a)
    with pytest.raises(DomainError) as error:
        finance.commitment_update(
            commitment=commitment, actor=None, data={"runs_to": commitment.starts_on - timedelta(1)}
        )
    assert error.value.field == "runs_to"


# --------------------------------------------------------------------------- export


def test_the_budget_exports_as_csv_and_xlsx(personas, manager_a_client):
    BudgetLineFactory(
        cluster=personas.cluster_a, year=2025, source="events", planned=10, actual=None
    )
    BudgetLineFactory(cluster=personas.cluster_b, year=2025, source="sponsors")
    response = manager_a_client.get(url("finance_export", "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tfc-budget-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Year", "Source", "Private source", "Planned (€)", "Actual (€)"],
        ["2025", "Events", "yes", "10.00", ""],
    ]
    response = manager_a_client.get(url("finance_export", "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:2] == [2025, "Events"]
    assert manager_a_client.get(url("finance_export", "pdf")).status_code == 404


# --------------------------------------------------------------------------- who may


def finance_urls(personas):
    commitment = FundingCommitmentFactory(cluster=personas.cluster_a)
    reads = [url("finance"), url("finance_export", "csv")]
    writes = [
        url("finance_year_edit", 2025),
        url("finance_commitment_new"),
        url("finance_commitment_edit", commitment.pk),
        url("finance_commitment_delete", commitment.pk),
    ]
    return commitment, reads, writes


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_cluster_s_manager_gets_404_everywhere(personas, manager_b_client, method):
    commitment, reads, writes = finance_urls(personas)
    for address in reads + writes:
        assert status_of(manager_b_client, method, address) == 404, address
    # Through their own cluster's address, cluster A's records are not found either.
    for name in ("finance_commitment_edit", "finance_commitment_delete"):
        assert status_of(manager_b_client, method, url(name, commitment.pk, slug="isim")) == 404
    assert FundingCommitment.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_board_reads_but_cannot_write(personas, method):
    commitment, reads, writes = finance_urls(personas)
    client = personas.client_for(personas.board_a)
    if method == "get":
        for address in reads:
            assert client.get(address).status_code == 200, address
    for address in writes:
        assert status_of(client, method, address) == 403, address
    assert FundingCommitment.objects.filter(pk=commitment.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_representative_cannot_reach_finance(personas, method):
    _commitment, reads, writes = finance_urls(personas)
    client = personas.client_for(personas.member_a)
    for address in reads + writes:
        assert status_of(client, method, address) == 403, address


def test_staff_may_edit_the_budget(personas):
    client = personas.client_for(personas.staff_a)
    response = client.post(url("finance_year_edit", 2025), grid(planned_events="10"))
    assert response.status_code == 302


def test_an_anonymous_visitor_is_sent_to_sign_in(personas, client):
    response = client.get(url("finance"))
    assert response.status_code == 302 and "login" in response["Location"]
