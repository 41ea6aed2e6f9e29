"""Register for an event: a guest registers on a public event's page and sees the
confirmation; the manager checks them in at the door and the counts follow."""

from __future__ import annotations

import pytest
from django.core import mail

from clusterdesk.events.models import Registration
from clusterdesk.events.tests.events_helpers import make_event

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guest_registers_and_the_manager_checks_them_in(personas, page):
    event = make_event(personas.cluster_a, title="Open BarCamp", visibility="public", capacity=30)

    page.goto(f"/e/tfc/{event.token}/")
    form = page.get_by_test_id("guest-form")
    form.get_by_label("Your name").fill("Maria López")
    form.get_by_label("Your e-mail").fill("maria@textil.es")
    form.get_by_label("Your organisation").fill("Textil Export S.L.")
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Register").click()

    thanks = page.get_by_test_id("thanks")
    thanks.wait_for()
    assert "Your place is confirmed" in thanks.inner_text()
    registration = Registration.objects.get(guest_email="maria@textil.es")
    assert registration.status == "confirmed"
    assert [message.to for message in mail.outbox] == [["maria@textil.es"]]

    sign_in(page, "manager@a.example")
    page.goto(f"/c/tfc/events/{event.pk}/")
    assert "1 of 30" in page.get_by_test_id(f"capacity-{event.pk}").inner_text()
    page.locator("#main").get_by_role("link", name="Check-in").click()
    counts = page.get_by_test_id("checkin-counts")
    assert "0 of 1 checked in" in counts.inner_text()
    page.get_by_label("Find a person").fill("lópez")
    page.get_by_test_id(f"check-in-{registration.pk}").click()
    page.get_by_test_id(f"checked-in-{registration.pk}").wait_for()
    page.wait_for_function("document.getElementById('checkin-counts').innerText.includes('1 of 1')")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    page.goto(f"/c/tfc/events/{event.pk}/")
    assert page.get_by_test_id("checked-in-count").inner_text().strip() == "1"
