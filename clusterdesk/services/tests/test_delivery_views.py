"""The delivery log's pages: logging, filtering, exporting, editing and deleting deliveries,
with the finance income following."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from clusterdesk.services.models import Delivery
from clusterdesk.testing.factories import OrganisationFactory

from .factories import DeliveryFactory, ServiceFactory
from .helpers import delivery_post, service_fees_line, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


# --------------------------------------------------------------------------- the delivery log


def test_a_delivery_is_logged_from_the_form_and_counts_as_service_fee_income(
    personas, manager_a_client
):
    service = ServiceFactory(cluster=personas.cluster_a, name="Audit")
    alfa = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Alfa")
    beta = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Beta")
    response = manager_a_client.post(
        url("delivery_new"),
        delivery_post(
            service,
            [alfa],
            add_participant="Tessitura Beta",
            fee_invoiced="450",
            rating="4",
            outcome="Report delivered",
        ),
        follow=True,
    )
    assert "The delivery of Audit was logged." in response.content.decode()
    delivery = Delivery.objects.get()
    assert set(delivery.participants.all()) == {alfa, beta}
    assert (delivery.fee_invoiced, delivery.rating) == (Decimal("450"), 4)
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("450")


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"fee_invoiced": "-20"}, "fee_invoiced", "The fee invoiced cannot be negative."),
        ({"rating": "7"}, "rating", "A rating is a whole number from 1 (poor) to 5"),
        ({"rating": "0"}, "rating", "A rating is a whole number from 1 (poor) to 5"),
        (
            {"delivered_on": (TODAY + timedelta(days=3)).isoformat()},
            "delivered_on",
            "in the future",
        ),
        ({"participants": []}, "participants", "Say which participant received the service."),
        ({"add_participant": "Nobody we know"}, "add_participant", "No participant"),
    ],
)
def test_a_wrong_delivery_form_says_what_is_wrong_and_saves_nothing(
    personas, manager_a_client, values, field, message
):
    service = ServiceFactory(cluster=personas.cluster_a)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    response = manager_a_client.post(url("delivery_new"), delivery_post(service, [alfa], **values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Delivery.objects.exists()


def test_the_delivery_form_refuses_another_cluster_s_participant_and_service(
    personas, manager_a_client
):
    ours = ServiceFactory(cluster=personas.cluster_a)
    theirs = ServiceFactory(cluster=personas.cluster_b)
    stranger = OrganisationFactory(cluster=personas.cluster_b)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    response = manager_a_client.post(url("delivery_new"), delivery_post(ours, [stranger]))
    assert (
        "Choose participants of this cluster only."
        in response.context["form"].errors["participants"]
    )
    response = manager_a_client.post(url("delivery_new"), delivery_post(theirs, [alfa]))
    assert "service" in response.context["form"].errors
    assert not Delivery.objects.exists()


def test_the_delivery_form_is_prefilled_from_a_service_or_a_participant(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a, member_price=Decimal("120"))
    alfa = OrganisationFactory(cluster=personas.cluster_a, name="Filatura Alfa")
    response = manager_a_client.get(
        url("delivery_new"), {"service": service.pk, "participant": alfa.pk}
    )
    form = response.context["form"]
    assert form.initial["service"] == service.pk and form.initial["fee_invoiced"] == Decimal("120")
    assert [o.name for o in response.context["chosen"]] == ["Filatura Alfa"]
    theirs = OrganisationFactory(cluster=personas.cluster_b)
    response = manager_a_client.get(url("delivery_new"), {"participant": theirs.pk})
    assert response.context["chosen"] == []


def test_the_log_lists_filters_and_pages_the_deliveries(personas, manager_a_client):
    cluster = personas.cluster_a
    audit = ServiceFactory(cluster=cluster, name="Audit", areas=[1])
    fairs = ServiceFactory(cluster=cluster, name="Fairs", areas=[3])
    alfa = OrganisationFactory(cluster=cluster, name="Lanificio Alfa")
    DeliveryFactory(service=audit, participants=[alfa], fee_invoiced=Decimal("5"))
    DeliveryFactory.create_batch(
        55, service=fairs, participants=[OrganisationFactory(cluster=cluster)]
    )
    response = manager_a_client.get(url("deliveries"))
    assert response.context["totals"]["count"] == 56
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 2" in response.content.decode()
    for params in (
        {"service": audit.pk},
        {"area": 1},
        {"q": "lanificio"},
        {"participant": alfa.pk},
    ):
        response = manager_a_client.get(url("deliveries"), params)
        assert response.context["totals"]["count"] == 1, params
    year = manager_a_client.get(url("deliveries"), {"year": YESTERDAY.year})
    assert year.context["totals"]["count"] == 56


def test_the_log_exports_what_is_filtered(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a, code="4", name="Lab tests")
    alfa = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Alfa")
    DeliveryFactory(
        service=service,
        participants=[alfa],
        fee_invoiced=Decimal("80"),
        rating=3,
        delivered_on=date(2025, 5, 2),
    )
    DeliveryFactory(service=ServiceFactory(cluster=personas.cluster_a))
    response = manager_a_client.get(url("delivery_export", "csv"), {"service": service.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == [
        "2025-05-02",
        "4",
        "Lab tests",
        "Tintoria Alfa",
        "",
        "",
        "1.00",
        "days",
        "80.00",
        "",
        "3",
    ]
    assert len(rows) == 2
    sheet = openpyxl.load_workbook(
        io.BytesIO(manager_a_client.get(url("delivery_export", "xlsx")).content)
    ).active
    assert sheet.max_row == 3


def test_a_delivery_is_edited_and_deleted_and_the_income_follows(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    manager_a_client.post(url("delivery_new"), delivery_post(service, [alfa], fee_invoiced="100"))
    delivery = Delivery.objects.get()
    response = manager_a_client.post(
        url("delivery_edit", delivery.pk), delivery_post(service, [alfa], fee_invoiced="150")
    )
    assert response.status_code == 302
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("150")
    page = manager_a_client.get(url("delivery_delete", delivery.pk))
    assert "leaves the service-fee income" in page.content.decode()
    manager_a_client.post(url("delivery_delete", delivery.pk))
    assert not Delivery.objects.exists()
    assert service_fees_line(personas.cluster_a, YESTERDAY.year) is None
