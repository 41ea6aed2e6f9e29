"""The portfolio's API: the catalogue, the delivery log and the coverage, with the same rules
as the pages; tenancy and roles on every endpoint and method."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.services.models import Delivery, Service
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .factories import DeliveryFactory, ServiceFactory, StaffMemberFactory
from .helpers import service_fees_line

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def api(path: str, slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/{path}"


def test_the_catalogue_is_listed_filtered_and_added_to(personas):
    client = token_client(personas.manager_a)
    ServiceFactory(cluster=personas.cluster_a, code="1", name="Audit", areas=[1, 2])
    ServiceFactory(cluster=personas.cluster_a, code="2", name="Fairs", areas=[3], status="retired")
    ServiceFactory(cluster=personas.cluster_b, name="Theirs")
    listed = client.get(api("services/")).json()["results"]
    assert [(row["code"], row["areas"]) for row in listed] == [("1", [1, 2])]
    retired = client.get(api("services/"), {"status": "retired"}).json()["results"]
    assert [row["name"] for row in retired] == ["Fairs"]
    assert_error(client.get(api("services/"), {"area": 12}), 400)
    owner = StaffMemberFactory(cluster=personas.cluster_a)
    response = client.post(
        api("services/"),
        {
            "code": "3",
            "name": "Skills sharing",
            "areas": [7, 4],
            "status": "new",
            "member_price": "250.00",
            "owner": owner.pk,
            "translations": {"it": {"name": "Condivisione di competenze", "description": ""}},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["areas"], body["owner"], body["status"]) == ([4, 7], owner.pk, "new")
    assert body["translations"] == {"it": {"name": "Condivisione di competenze"}}
    assert AuditEntry.objects.get(object_type="service", object_id=body["id"]).source == "api"


def test_a_service_is_changed_and_deleted_through_the_services_rules(personas):
    client = token_client(personas.manager_a)
    service = ServiceFactory(cluster=personas.cluster_a, code="5", areas=[1])
    response = client.patch(api(f"services/{service.pk}/"), {"areas": [2]}, format="json")
    assert response.status_code == 200 and response.json()["areas"] == [2]
    error = assert_error(
        client.patch(api(f"services/{service.pk}/"), {"free": True}, format="json"), 400
    )
    assert "free" in error["fields"]
    DeliveryFactory(service=service)
    assert_error(client.delete(api(f"services/{service.pk}/")), 400, "protected")
    unused = ServiceFactory(cluster=personas.cluster_a)
    assert client.delete(api(f"services/{unused.pk}/")).status_code == 204


def test_a_delivery_is_logged_and_its_fee_counts_as_income(personas):
    client = token_client(personas.manager_a)
    service = ServiceFactory(cluster=personas.cluster_a)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    response = client.post(
        api("deliveries/"),
        {
            "service": service.pk,
            "participants": [alfa.pk],
            "delivered_on": YESTERDAY.isoformat(),
            "fee_invoiced": "320.00",
            "rating": 4,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["participants"], body["rating"], body["unit"]) == ([alfa.pk], 4, "days")
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("320")
    listed = client.get(api("deliveries/"), {"participant": alfa.pk}).json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]
    response = client.patch(
        api(f"deliveries/{body['id']}/"), {"fee_invoiced": "20.00"}, format="json"
    )
    assert response.status_code == 200
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("20")
    assert client.delete(api(f"deliveries/{body['id']}/")).status_code == 204
    assert service_fees_line(personas.cluster_a, YESTERDAY.year) is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fee_invoiced": "-5.00"}, "fee_invoiced"),
        ({"rating": 6}, "rating"),
        ({"rating": 0}, "rating"),
        ({"delivered_on": (TODAY + timedelta(days=2)).isoformat()}, "delivered_on"),
        ({"participants": []}, "participants"),
    ],
)
def test_a_wrong_delivery_is_a_400_with_the_field_named(personas, change, field):
    client = token_client(personas.manager_a)
    service = ServiceFactory(cluster=personas.cluster_a)
    body = {
        "service": service.pk,
        "participants": [OrganisationFactory(cluster=personas.cluster_a).pk],
        "delivered_on": YESTERDAY.isoformat(),
        **change,
    }
    error = assert_error(client.post(api("deliveries/"), body, format="json"), 400)
    assert field in error["fields"]
    assert not Delivery.objects.exists()


def test_a_delivery_cannot_name_another_cluster_s_participant_service_or_staff(personas):
    client = token_client(personas.manager_a)
    ours = ServiceFactory(cluster=personas.cluster_a)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    base = {"service": ours.pk, "participants": [alfa.pk], "delivered_on": YESTERDAY.isoformat()}
    for field, value in (
        ("participants", [OrganisationFactory(cluster=personas.cluster_b).pk]),
        ("service", ServiceFactory(cluster=personas.cluster_b).pk),
        ("delivered_by", StaffMemberFactory(cluster=personas.cluster_b).pk),
    ):
        error = assert_error(
            client.post(api("deliveries/"), {**base, field: value}, format="json"), 400
        )
        assert field in " ".join(error["fields"]), field
    assert not Delivery.objects.exists()


def test_the_coverage_says_which_areas_were_served_in_the_last_12_months(personas):
    client = token_client(personas.board_a)
    DeliveryFactory(service=ServiceFactory(cluster=personas.cluster_a, areas=[1, 4]))
    body = client.get(api("service-coverage/")).json()
    assert (body["core_covered"], body["all_core_covered"]) == (2, False)
    assert [area["covered"] for area in body["areas"][:4]] == [True, False, False, True]
    assert body["areas"][0]["last_delivery"] == YESTERDAY.isoformat()
    earlier = client.get(api("service-coverage/"), {"as_of": "2015-01-01"}).json()
    assert earlier["core_covered"] == 0
    assert_error(client.get(api("service-coverage/"), {"as_of": "not a day"}), 400)


def endpoints(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    delivery = DeliveryFactory(
        service=service, participants=[OrganisationFactory(cluster=personas.cluster_a)]
    )
    return [
        ("services/", ("get", "post")),
        (f"services/{service.pk}/", ("get", "put", "patch", "delete")),
        ("deliveries/", ("get", "post")),
        (f"deliveries/{delivery.pk}/", ("get", "put", "patch", "delete")),
        ("service-coverage/", ("get",)),
    ]


def test_another_cluster_s_manager_gets_404_on_every_endpoint_and_method(personas):
    client = token_client(personas.manager_b)
    for path, methods in endpoints(personas):
        for method in methods:
            response = getattr(client, method)(api(path), {}, format="json")
            assert_error(response, 404)
            if any(char.isdigit() for char in path):
                # Cluster A's ids through cluster B's own address are not found either.
                response = getattr(client, method)(api(path, "isim"), {}, format="json")
                assert_error(response, 404)
    assert Service.objects.count() == 1 and Delivery.objects.count() == 1


def test_the_board_reads_and_a_member_representative_gets_403(personas):
    board, member = token_client(personas.board_a), token_client(personas.member_a)
    for path, methods in endpoints(personas):
        assert board.get(api(path)).status_code == 200, path
        for method in methods:
            if method != "get":
                assert_error(getattr(board, method)(api(path), {}, format="json"), 403)
            assert_error(getattr(member, method)(api(path), {}, format="json"), 403)


def test_anonymous_callers_get_401(personas):
    assert_error(token_client(None).get(api("services/")), 401)
