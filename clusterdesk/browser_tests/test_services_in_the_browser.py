from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusterdesk.services.models import Delivery
from clusterdesk.services.tests.factories import DeliveryFactory, ServiceFactory
from clusterdesk.testing.factories import OrganisationFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_logs_a_delivery_and_sees_the_coverage_change(personas, page):
    cluster = personas.cluster_a
    OrganisationFactory(cluster=cluster, name="Tessitura Fiorentina")
    matchmaking = ServiceFactory(cluster=cluster, code="2", name="B2B matchmaking", areas=[1])
    DeliveryFactory(
        service=matchmaking,
        delivered_on=timezone.localdate() - timedelta(days=30),
        participants=[OrganisationFactory(cluster=cluster)],
    )
    ServiceFactory(cluster=cluster, code="8", name="Export training", areas=[3])

    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/services/coverage/")
    verdict = page.get_by_test_id("coverage-verdict")
    assert "1 of 4 covered" in verdict.inner_text()
    promotion = page.get_by_test_id("area-3")
    assert "no delivery in the last 12 months" in promotion.inner_text()

    # From the catalogue, as a person would.
    page.locator("#main").get_by_role("link", name="Catalogue").click()
    page.locator("#main").get_by_role("link", name="Log a delivery").first.click()
    form = page.locator("#main form.form")
    form.get_by_label("Service", exact=True).select_option(label="8 · Export training")
    chooser = form.get_by_label("Add a participant")
    chooser.press_sequentially("Tessi", delay=30)
    page.wait_for_function(
        "document.querySelectorAll('#participant-suggestions option').length === 1"
    )
    chooser.fill("Tessitura Fiorentina")  # the suggestion picked
    form.get_by_role("button", name="Add", exact=True).click()
    form.locator(".chosen-list").get_by_text("Tessitura Fiorentina").wait_for()
    form.get_by_label("Fee invoiced (€)").fill("350")
    form.get_by_label("Participant's rating").select_option("5")
    form.get_by_label("Outcome").fill("Six people trained on export contracts.")
    form.get_by_role("button", name="Save the delivery").click()

    page.get_by_text("The delivery of Export training was logged.").wait_for()
    row = page.locator("#delivery-table tbody tr").first
    assert "Tessitura Fiorentina" in row.inner_text() and "350" in row.inner_text()
    delivery = Delivery.objects.get(service__name="Export training")
    assert (delivery.fee_invoiced, delivery.rating) == (Decimal("350"), 5)

    page.locator("#main").get_by_role("link", name="Coverage of the service areas").click()
    assert "2 of 4 covered" in page.get_by_test_id("coverage-verdict").inner_text()
    promotion = page.get_by_test_id("area-3")
    assert "covered" in promotion.inner_text()
    assert "1 delivery in the last 12 months" in promotion.inner_text()
    assert "no delivery" not in promotion.inner_text()
