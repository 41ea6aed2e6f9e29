"""The organiser's grid stays light on a big day: its queries do not grow with the meetings, it
reads plain values instead of model instances, its links are built from one reversed address
and one form serves every meeting's lock button; the table cards are one page each."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..models import MeetingPlacement, SchedulerRun
from ..pdf import table_cards_html
from ..queries.schedule import Cell, Person, schedule_grid, table_cards
from ..services.scheduling import scheduler_run_execute
from .factories import GuestRegistrationFactory
from .test_scheduling_helpers import b2b_day

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(name, day, *args):  # type: ignore[no-untyped-def]
    return reverse(f"events:{name}", args=["tfc", day.event.pk, *args])


def scheduled(day):  # type: ignore[no-untyped-def]
    run = SchedulerRun.objects.create(cluster=day.event.cluster, event=day.event, time_limit=5)
    scheduler_run_execute(run=run)
    return day


def ring_day(cluster, people: int, tables: int):  # type: ignore[no-untyped-def]
    pairs = [(i, (i + k) % people) for i in range(people) for k in (1, 2)]
    return scheduled(b2b_day(cluster, people=people, sessions=(6, 6), tables=tables, pairs=pairs))


def queries_of(client, address: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, **EN)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_schedule_page_costs_the_same_queries_for_a_small_and_a_bigger_day(
    personas, manager_a_client, django_assert_max_num_queries
):
    small = ring_day(personas.cluster_a, people=6, tables=2)
    big = ring_day(personas.cluster_a, people=40, tables=10)
    assert len(big.placements()) > 5 * len(small.placements())

    for name in ("schedule", "schedule_grid", "table_cards"):
        small_count, _text = queries_of(manager_a_client, url(name, small))
        big_count, _text = queries_of(manager_a_client, url(name, big))
        assert small_count == big_count, name
    with django_assert_max_num_queries(12):
        manager_a_client.get(url("schedule", big), **EN)


def test_the_grid_reads_plain_values_for_contacts_and_guests(personas):
    day = b2b_day(personas.cluster_a, pairs=[])
    guest = GuestRegistrationFactory(event=day.event, wants_meetings=True, guest_name="Ana Ruiz")
    contact = day.people[0]
    meeting = day.accept(0, 1)
    meeting.invitee = guest
    meeting.save()
    MeetingPlacement.objects.create(
        cluster=day.event.cluster, request=meeting, slot=day.slots[1], table=day.tables[0]
    )

    grid = schedule_grid(day.event)

    cell = grid.sessions[0].rows[1].cells[0]
    assert isinstance(cell, Cell)
    assert cell.first == Person(contact.pk, contact.display_name, contact.organisation_name)
    assert cell.second == Person(guest.pk, "Ana Ruiz", "Textil Export S.L.")
    assert grid.placed == 1 and grid.locked == 0
    assert grid.sessions[0].rows[0].cells == [None, None]
    card = table_cards(day.event)[0]
    assert card.meetings == 1 and card.rows[1][1] == cell


def test_the_grid_links_each_meeting_to_its_lock_move_and_agenda_addresses(
    personas, manager_a_client
):
    day = scheduled(b2b_day(personas.cluster_a))
    placement = day.placements()[0]
    placement.locked = True
    placement.save()
    other = next(p for p in day.placements() if p.pk != placement.pk)

    text = manager_a_client.get(url("schedule", day), **EN).content.decode()

    assert (
        f'formaction="{url("placement_lock", day, placement.pk)}" name="locked" value="0"' in text
    )
    assert f'formaction="{url("placement_lock", day, other.pk)}" name="locked" value="1"' in text
    assert f'href="{url("placement_move", day, placement.pk)}"' in text
    assert f'href="{url("agenda", day, placement.request.requester_id)}"' in text
    assert text.count('class="m locked"') == 1


def test_one_form_serves_every_lock_button_and_the_button_locks_its_meeting(
    personas, manager_a_client
):
    small = scheduled(b2b_day(personas.cluster_a))
    big = ring_day(personas.cluster_a, people=20, tables=6)
    small_text = manager_a_client.get(url("schedule", small), **EN).content.decode()
    big_text = manager_a_client.get(url("schedule", big), **EN).content.decode()
    assert big_text.count("csrfmiddlewaretoken") == small_text.count("csrfmiddlewaretoken")
    assert big_text.count("<form") == small_text.count("<form")

    placement = big.placements()[3]
    response = manager_a_client.post(url("placement_lock", big, placement.pk), {"locked": "1"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.locked


def test_the_board_sees_the_grid_without_the_lock_and_move_controls(personas):
    day = scheduled(b2b_day(personas.cluster_a))
    board = personas.client_for(personas.board_a)
    text = board.get(url("schedule", day), **EN).content.decode()
    assert text.count('data-testid="grid-meeting"') == 4
    assert "formaction" not in text and "/move/" not in text


def test_each_table_card_fits_one_page_of_the_pdf(personas):
    from weasyprint import HTML

    pairs = [(i, (i + k) % 24) for i in range(24) for k in (1, 2, 3, 5, 7)]
    day = scheduled(
        b2b_day(personas.cluster_a, people=24, sessions=(10, 10), tables=3, pairs=pairs)
    )
    cards = table_cards(day.event)
    assert sum(card.meetings for card in cards) > 40

    document = HTML(string=table_cards_html(day.event, language="en")).render()

    assert len(document.pages) == 3


def test_the_table_cards_page_says_the_pdf_takes_a_moment(personas, manager_a_client):
    day = scheduled(b2b_day(personas.cluster_a))
    text = manager_a_client.get(url("table_cards", day), **EN).content.decode()
    assert 'data-testid="table-cards-pdf-note"' in text
    assert "The PDF takes a moment" in text
