"""The readiness page, its export, and each indicator's evidence page."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from clusterdesk.benchmarking import services, texts
from clusterdesk.benchmarking.models import Answer
from clusterdesk.testing.factories import CommittedOrganisationFactory

from .page_helpers import CONTACTED, records_for, text_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_a(personas):
    records_for(personas.cluster_a)
    return personas.cluster_a


def test_the_readiness_page_shows_the_score_the_labels_and_every_indicator(
    cluster_a, manager_a_client
):
    run = services.assessment_run(cluster=cluster_a)
    response = manager_a_client.get(url("readiness"))
    assert response.status_code == 200
    page = text_of(response)
    score = f"{round(run.assessment.score * 100)} %"
    assert f'data-testid="score">{score}<' in page
    assert "Gold needs 80 %" in page
    assert f"The score counts {run.assessment.unknown} indicators as unknown" in page
    for label in ("Bronze-eligible", "Silver-ready", "Gold-ready"):
        assert label in page
    # Silver compares with a snapshot 18 to 24 months earlier; there is none.
    assert "there is none" in page
    # Every indicator of the framework, with its value and threshold.
    for indicator in run.framework.indicators:
        assert f'data-testid="indicator-{indicator.id}"' in page
    assert "32.3 %" in page  # B4: 10 of 31 participants contacted
    b4 = run.framework.indicator("B4")
    assert escape(texts.format_condition(b4, b4.met)) in page  # "> 40 %"
    assert 'class="badge not_met">Not met<' in page
    assert "M1</span> At least 15 committed participants" in page
    assert 'role="img"' in page and "Score by area" in page
    assert url("indicator", "B4") in page


def test_data_gaps_say_what_is_missing_and_where_to_fill_it(cluster_a, manager_a_client):
    page = text_of(manager_a_client.get(url("readiness")))
    assert "Nothing says when the last participant satisfaction survey closed." in page
    # the survey's gap leads to the surveys, where one starts from the ready-made template
    assert "Fill it in: Surveys" in page
    assert reverse("surveys:list", args=["tfc"]) in page


def test_a_manager_with_no_records_sees_unknowns_not_zeros(personas, manager_b_client):
    page = text_of(manager_b_client.get(url("readiness", slug="isim")))
    assert "No participant is recorded in the registry." in page
    assert 'class="badge unknown">Unknown<' in page
    assert "Not yet Bronze-eligible" in page


def test_an_earlier_date_recomputes_the_assessment(cluster_a, manager_a_client):
    before_contacts = timezone.localdate() - timedelta(days=30)
    response = manager_a_client.get(url("readiness", query=f"as_of={before_contacts}"))
    assert response.status_code == 200
    page = text_of(response)
    assert "0 %" in page  # B4: nobody had been contacted yet
    assert f"as_of={before_contacts}" in page  # the links keep the date


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-45", "Give a date such as 2026-03-01."),
        ("yesterday", "Give a date such as 2026-03-01."),
        ("1999-12-31", "Give a date from 2000 on."),
    ],
)
def test_a_bad_date_is_refused_on_the_form(cluster_a, manager_a_client, value, message):
    response = manager_a_client.get(url("readiness", query=f"as_of={value}"))
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert "Shown as of today instead." in page


def test_a_future_date_is_refused(cluster_a, manager_a_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = manager_a_client.get(url("readiness", query=f"as_of={tomorrow}"))
    assert response.status_code == 400
    assert "An assessment cannot be made for a day in the future." in text_of(response)
    assert manager_a_client.get(url("export", "csv", query=f"as_of={tomorrow}")).status_code == 400


def test_the_indicator_table_downloads_as_csv_and_xlsx(cluster_a, manager_a_client):
    response = manager_a_client.get(url("export", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tfc-excellence-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Area", "Indicator", "Name", "Value"]
    b4 = next(row for row in rows if row[1] == "B4")
    assert b4[2] == "Participants with a personal contact"
    assert b4[3] == "32.3 %"
    assert b4[7] == "Not met"
    assert len(rows) == 1 + 23

    response = manager_a_client.get(url("export", "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    a2 = next(row for row in values if row[1] == "A2")
    assert a2[3:5] == ["77.4 %", 24 / 31] and a2[7] == "Not met"
    assert manager_a_client.get(url("export", "pdf")).status_code == 404


def test_the_evidence_page_lists_the_records_counted_and_not(cluster_a, manager_a_client):
    response = manager_a_client.get(url("indicator", "B4"))
    assert response.status_code == 200
    page = text_of(response)
    assert "Participants with a personal contact in the last 12 months" in page
    assert f"({CONTACTED})" in page and "(21)" in page  # 10 reached, 21 not
    assert "Lanificio 01" in page and "Tintoria 1" in page
    assert 'data-testid="value">32.3 %<' in page
    assert 'data-testid="more">contact 3 more participants<' in page
    assert 'data-testid="recommendation"' in page  # short: the guide's advice
    assert "/participants/" in page  # each participant links to its page


def test_a_met_indicator_shows_no_recommendation(cluster_a, manager_a_client):
    page = text_of(manager_a_client.get(url("indicator", "A3")))
    assert 'data-testid="status">Met<' in page
    assert 'data-testid="recommendation"' not in page


def test_evidence_is_paginated_per_group(personas, manager_a_client):
    for number in range(120):
        CommittedOrganisationFactory(cluster=personas.cluster_a, name=f"Firm {number:03d}")
    page = text_of(manager_a_client.get(url("indicator", "A1")))
    assert "Firm 000" in page and "Firm 049" in page and "Firm 050" not in page
    assert "Page 1 of 3" in page
    second = text_of(manager_a_client.get(url("indicator", "A1", query="group=committed&page=2")))
    assert "Firm 050" in second and "Firm 099" in second and "Firm 049" not in second
    assert "group=committed&amp;page=3" in second


def test_the_evidence_downloads_as_a_sheet(cluster_a, manager_a_client):
    response = manager_a_client.get(url("indicator_export", "B4", "csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Evidence", "Counted", "Record", "Date", "Number", "Note"]
    reached = [row for row in rows[1:] if row[1] == "yes"]
    assert len(reached) == CONTACTED and len(rows) == 1 + 31
    assert manager_a_client.get(url("indicator_export", "B4", "doc")).status_code == 404


def test_an_unknown_indicator_is_not_found(cluster_a, manager_a_client):
    assert manager_a_client.get(url("indicator", "Z9")).status_code == 404
    assert manager_a_client.get(url("indicator_export", "Z9", "csv")).status_code == 404


def test_a_saved_snapshot_shows_its_own_evidence(cluster_a, personas, manager_a_client):
    saved = services.assessment_save(cluster=cluster_a, actor=personas.manager_a)
    CommittedOrganisationFactory(cluster=cluster_a, name="Joined After The Snapshot")
    now = text_of(manager_a_client.get(url("indicator", "A1")))
    assert "Joined After The Snapshot" in now
    then = text_of(manager_a_client.get(url("indicator", "A1", query=f"snapshot={saved.pk}")))
    assert "Joined After The Snapshot" not in then
    assert "Saved snapshot of" in then and "Lanificio 01" in then
    assert manager_a_client.get(url("indicator", "A1", query="snapshot=x")).status_code == 404


def test_another_clusters_snapshot_is_not_found(cluster_a, personas, manager_b_client):
    saved = services.assessment_save(cluster=cluster_a, actor=personas.manager_a)
    own = url("indicator", "A1", slug="isim", query=f"snapshot={saved.pk}")
    assert manager_b_client.get(own).status_code == 404
    export = url("indicator_export", "A1", "csv", slug="isim", query=f"snapshot={saved.pk}")
    assert manager_b_client.get(export).status_code == 404


def test_another_clusters_manager_gets_404_on_every_readiness_page(cluster_a, manager_b_client):
    for address in (
        url("readiness"),
        url("export", "csv"),
        url("indicator", "B4"),
        url("indicator_export", "B4", "xlsx"),
    ):
        assert manager_b_client.get(address).status_code == 404, address


def test_a_member_representative_may_not_read_the_readiness(cluster_a, personas):
    client = personas.client_for(personas.member_a)
    for address in (url("readiness"), url("indicator", "B4"), url("export", "csv")):
        assert client.get(address).status_code == 403, address


def test_a_board_viewer_reads_but_cannot_save(cluster_a, personas):
    client = personas.client_for(personas.board_a)
    page = text_of(client.get(url("readiness")))
    assert 'data-testid="score">' in page
    assert "Save as snapshot" not in page
    assert client.get(url("indicator", "B4")).status_code == 200


def test_a_held_label_shows_until_when_it_is_valid(cluster_a, personas, manager_a_client):
    today = timezone.localdate()
    Answer.objects.create(
        cluster=cluster_a,
        question="label_held",
        value="silver",
        answered_on=today.replace(year=today.year - 1),
        answered_by=personas.manager_a,
    )
    page = text_of(manager_a_client.get(url("readiness")))
    assert "The organisation holds: Silver label" in page
    assert "valid until" in page and "expired" not in page


@pytest.mark.parametrize("language", ["en", "it", "es", "tr"])
def test_every_excellence_page_renders_in_every_interface_language(
    cluster_a, personas, manager_a_client, language
):
    saved = services.assessment_save(cluster=cluster_a, actor=personas.manager_a)
    other = services.assessment_save(cluster=cluster_a, actor=personas.manager_a)
    for address in (
        url("readiness"),
        url("indicator", "B4"),
        url("questionnaire"),
        url("history"),
        url("snapshot", saved.pk),
        url("compare", query=f"a={saved.pk}&b={other.pk}"),
        url("roadmap"),
        url("report"),
    ):
        response = manager_a_client.get(address, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (language, address)
        assert f'<html lang="{language}">' in text_of(response)


def test_the_dashboard_shows_the_latest_saved_score_and_level(personas, manager_a_client):
    from datetime import date

    from clusterdesk.benchmarking.services import assessment_save

    cluster = personas.cluster_a
    dashboard = f"/c/{cluster.slug}/engagement/"
    assert "No assessment saved yet." in manager_a_client.get(dashboard).content.decode()

    saved = assessment_save(cluster=cluster, actor=personas.manager_a, as_of=date(2026, 3, 31))
    page = manager_a_client.get(dashboard).content.decode()

    assert f"{round(saved.score * 100)} %" in page
    assert "saved assessment of 31" in page
    assert f'href="/c/{cluster.slug}/excellence/"' in page


def test_the_service_areas_evidence_links_each_delivery_of_the_log(cluster_a, manager_a_client):
    from clusterdesk.services.tests.factories import DeliveryFactory, ServiceFactory

    audit = ServiceFactory(cluster=cluster_a, name="Technology audit", areas=[2])
    delivery = DeliveryFactory(service=audit, delivered_on=timezone.localdate())
    page = text_of(manager_a_client.get(url("indicator", "D4")))
    assert "Technology audit" in page
    assert reverse("services:delivery_edit", args=["tfc", delivery.pk]) in page
    assert "Initiation of R&amp;D and innovation projects" in page
