"""Printable table cards: one per table, its meetings by slot, as a page and a PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import SchedulerRun
from ..pdf import table_cards_html
from ..services.scheduling import scheduler_run_execute
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db


def scheduled_day(cluster, **options):  # type: ignore[no-untyped-def]
    day = b2b_day(cluster, **options)
    run = SchedulerRun.objects.create(cluster=cluster, event=day.event, time_limit=5)
    scheduler_run_execute(run=run)
    return day


def test_there_is_one_card_per_table_with_its_meetings(personas, manager_a_client):
    day = scheduled_day(personas.cluster_a, tables=3)
    page = manager_a_client.get(
        reverse("events:table_cards", args=["tfc", day.event.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert text.count('data-testid="table-card"') == 3
    for table in day.tables:
        assert f"Table {table.label}" in text
    for placement in day.placements():
        assert placement.request.requester.display_name in text


def test_the_table_cards_pdf_is_a_pdf(personas, manager_a_client):
    day = scheduled_day(personas.cluster_a)
    pdf = manager_a_client.get(reverse("events:table_cards_pdf", args=["tfc", day.event.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_the_cards_document_has_one_page_break_per_table(personas):
    day = scheduled_day(personas.cluster_a, tables=2)
    html = table_cards_html(day.event, language="en")
    assert html.count('class="table-card"') == 2
    assert "<img" not in html and "http" not in html.split("<body>")[1]


def test_the_board_may_print_the_cards_and_another_cluster_may_not(personas, manager_b_client):
    day = scheduled_day(personas.cluster_a)
    board = personas.client_for(personas.board_a)
    cards = reverse("events:table_cards", args=["tfc", day.event.pk])
    assert board.get(cards).status_code == 200
    assert manager_b_client.get(cards).status_code == 404
