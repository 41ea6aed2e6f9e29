import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clusterdesk.engagement.models import BudgetLine
from clusterdesk.services.models import Delivery, Service, ServiceStatus
from clusterdesk.testing.factories import OrganisationFactory

from .factories import CandidateFactory, DeliveryFactory, ServiceFactory
from .helpers import delivery_post, service_fees_line, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def service_post(**values):
    data = {
        "code": "12",
        "name": "Companies meeting the students",
        "description": "A school engagement programme.",
        "targeted_companies": "Companies looking for new staff",
        "methodology": "Presentations in schools, plant visits",
        "timing": "0–12 months",
        "status": "new",
        "areas": ["4"],
        "member_price": "",
        "non_member_price": "",
        "price_unit": "",
        "owner": "",
        "name_en": "Companies meeting the students",
        "description_en": "",
        "name_it": "Le aziende incontrano gli studenti",
        "description_it": "",
    }
    data.update(values)
    return data


# --------------------------------------------------------------------------- the catalogue


def test_the_catalogue_shows_each_service_with_its_figures_and_the_coverage(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    audit = ServiceFactory(cluster=cluster, name="Technological audit", areas=[1, 2])
    ServiceFactory(cluster=cluster, name="Old fair service", status=ServiceStatus.RETIRED)
    alfa = OrganisationFactory(cluster=cluster)
    DeliveryFactory(service=audit, fee_invoiced=Decimal("400"), rating=4, participants=[alfa])
    ServiceFactory(cluster=personas.cluster_b, name="Their secret service")
    response = manager_a_client.get(url("catalogue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Technological audit" in html and "Old fair service" not in html
    assert "Their secret service" not in html
    [(service, figures)] = response.context["rows"]
    assert (figures.deliveries_12m, figures.participants_12m, figures.rating) == (1, 1, 4.0)
    assert response.context["coverage"].core_covered == 2
    assert "No delivery in the last 12 months:" in html
    retired = manager_a_client.get(url("catalogue"), {"status": "retired"})
    assert "Old fair service" in retired.content.decode()


def test_the_catalogue_takes_the_same_queries_for_few_or_many_services(personas, manager_a_client):
    cluster = personas.cluster_a

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_a_client.get(url("catalogue")).status_code == 200
        return len(captured)

    DeliveryFactory(service=ServiceFactory(cluster=cluster))
    few = count()
    for _ in range(15):
        DeliveryFactory(
            service=ServiceFactory(cluster=cluster, areas=[1, 3]),
            participants=[OrganisationFactory(cluster=cluster)],
        )
    assert count() == few


def test_a_service_is_added_from_the_form(personas, manager_a_client):
    response = manager_a_client.post(url("service_new"), service_post())
    service = Service.objects.get()
    assert response.status_code == 302 and response["Location"] == url("service_detail", service.pk)
    assert service.translations == {
        "en": {"name": "Companies meeting the students"},
        "it": {"name": "Le aziende incontrano gli studenti"},
    }
    assert list(service.area_links.values_list("area", flat=True)) == [4]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"member_price": "-5"}, "member_price", "A price cannot be negative."),
        ({"free": "on", "member_price": "100"}, "free", "A free service has no price"),
        ({"areas": []}, "areas", "This field is required."),
        ({"code": "7"}, "code", "Another service already has the identifier"),
    ],
)
def test_a_wrong_service_form_says_what_is_wrong_and_saves_nothing(
    personas, manager_a_client, values, field, message
):
    ServiceFactory(cluster=personas.cluster_a, code="7")
    response = manager_a_client.post(url("service_new"), service_post(**values))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Service.objects.count() == 1


def test_a_service_page_shows_its_uptake_income_and_rating(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a, name="Lab tests", areas=[5])
    alfa = OrganisationFactory(cluster=personas.cluster_a, name="Tintoria Alfa")
    DeliveryFactory(service=service, fee_invoiced=Decimal("250"), rating=5, participants=[alfa])
    response = manager_a_client.get(url("service_detail", service.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart"' in html and "Uptake of Lab tests by quarter" in html
    assert "Tintoria Alfa" in html
    figures = response.context["figures"]
    assert (figures.fees_12m, figures.rating) == (Decimal("250"), 5.0)


def test_a_service_is_edited(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a, code="3")
    response = manager_a_client.post(
        url("service_edit", service.pk),
        service_post(code="3", name="Renamed", status="retired", areas=["1", "2"]),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.status) == ("Renamed", "retired")


def test_a_delivered_service_is_not_deleted_but_an_unused_one_is(personas, manager_a_client):
    used = ServiceFactory(cluster=personas.cluster_a)
    DeliveryFactory(service=used)
    unused = ServiceFactory(cluster=personas.cluster_a)
    page = manager_a_client.get(url("service_delete", used.pk))
    assert "cannot be deleted" in page.content.decode()
    response = manager_a_client.post(url("service_delete", used.pk), follow=True)
    assert "retired" in response.content.decode()
    assert manager_a_client.post(url("service_delete", unused.pk)).status_code == 302
    assert list(Service.objects.all()) == [used]


def test_the_catalogue_exports_as_csv_and_xlsx(personas, manager_a_client):
    service = ServiceFactory(cluster=personas.cluster_a, code="1", name="Audit", areas=[1, 2])
    DeliveryFactory(service=service, fee_invoiced=Decimal("10"))
    response = manager_a_client.get(url("catalogue_export", "csv"))
    assert 'filename="tfc-services-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Identifier", "Name", "Service areas", "Status"]
    assert rows[1][:4] == [
        "1",
        "Audit",
        "Information, market intelligence and matchmaking; "
        "Initiation of R&D and innovation projects",
        "In place",
    ]
    sheet = openpyxl.load_workbook(
        io.BytesIO(manager_a_client.get(url("catalogue_export", "xlsx")).content)
    ).active
    assert sheet["B2"].value == "Audit"
    assert manager_a_client.get(url("catalogue_export", "pdf")).status_code == 404


# --------------------------------------------------------------------------- coverage


def test_the_coverage_page_says_plainly_which_areas_had_no_delivery(personas, manager_a_client):
    cluster = personas.cluster_a
    DeliveryFactory(service=ServiceFactory(cluster=cluster, areas=[1, 3]))
    DeliveryFactory(
        service=ServiceFactory(cluster=cluster, areas=[2]),
        delivered_on=TODAY - timedelta(days=500),
    )
    response = manager_a_client.get(url("coverage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 of 4 covered" in html
    assert html.count("no delivery in the last 12 months") == 2
    assert "Never delivered." in html
    assert '<svg class="chart"' in html
    earlier = manager_a_client.get(url("coverage"), {"as_of": "2010-01-01"})
    assert earlier.context["summary"].core_covered == 0
    future = manager_a_client.get(url("coverage"), {"as_of": "2999-01-01"})
    assert future.context["as_of"] == TODAY


# --------------------------------------------------------------------------- other pages


def test_the_participant_page_shows_its_service_history(personas, manager_a_client):
    alfa = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Alfa")
    DeliveryFactory(
        service=ServiceFactory(cluster=personas.cluster_a, name="Export training"),
        participants=[alfa],
        fee_invoiced=Decimal("300"),
        rating=5,
    )
    response = manager_a_client.get(reverse("participants:detail", args=["tfc", alfa.pk]))
    html = response.content.decode()
    assert 'data-testid="participant-services"' in html
    assert "Export training" in html and "average rating 5.0 of 5" in html


def test_a_member_representative_does_not_see_the_service_card_on_their_page(personas):
    organisation = personas.member_organisation_a
    DeliveryFactory(service=ServiceFactory(cluster=personas.cluster_a), participants=[organisation])
    client = personas.client_for(personas.member_a)
    response = client.get(reverse("participants:detail", args=["tfc", organisation.pk]))
    assert response.status_code == 200
    assert 'data-testid="participant-services"' not in response.content.decode()


def test_the_finance_page_and_form_say_the_service_fees_come_from_the_log(
    personas, manager_a_client
):
    cluster = personas.cluster_a
    year = YESTERDAY.year
    BudgetLine.objects.create(
        cluster=cluster, year=year, source="service_fees", planned=5000, actual=Decimal("1000")
    )
    DeliveryFactory(
        service=ServiceFactory(cluster=cluster),
        fee_invoiced=Decimal("0"),
        participants=[OrganisationFactory(cluster=cluster)],
    )
    manager_a_client.post(
        url("delivery_new"),
        delivery_post(
            ServiceFactory(cluster=cluster),
            [OrganisationFactory(cluster=cluster)],
            fee_invoiced="250",
        ),
    )
    assert service_fees_line(cluster, year).actual == Decimal("1250")
    finance = reverse("engagement:finance", args=["tfc"])
    html = manager_a_client.get(finance, {"year": year}).content.decode()
    assert "of which € 250 invoiced in the" in html
    form_url = reverse("engagement:finance_year_edit", args=["tfc", year])
    form = manager_a_client.get(form_url).context["form"]
    assert form["actual_service_fees"].initial == 1000  # typed outside the log
    assert "delivery log" in str(form.fields["actual_service_fees"].label)
    data = {
        f"{column}_{source}": ""
        for column in ("planned", "actual")
        for source in (
            "regional_public",
            "national_public",
            "eu_public",
            "membership_fees",
            "service_fees",
            "events",
            "eu_projects",
            "sponsors",
            "private_contracts",
            "other",
        )
    }
    data.update(planned_service_fees="5000", actual_service_fees="1200")
    assert manager_a_client.post(form_url, data).status_code == 302
    assert service_fees_line(cluster, year).actual == Decimal("1450")


# --------------------------------------------------------------------------- who may


def cluster_a_urls(personas):
    """Every page of the portfolio, with real records of cluster A."""
    cluster = personas.cluster_a
    service = ServiceFactory(cluster=cluster)
    delivery = DeliveryFactory(service=service, participants=[OrganisationFactory(cluster=cluster)])
    idea = CandidateFactory(design_round__cluster=cluster, status="shortlisted")
    design_round = idea.design_round
    reads = [
        url("catalogue"),
        url("catalogue_export", "csv"),
        url("service_detail", service.pk),
        url("deliveries"),
        url("delivery_export", "xlsx"),
        url("coverage"),
        url("design_rounds"),
        url("design_round", design_round.pk),
        url("ranking", design_round.pk),
        url("candidate", idea.pk),
    ]
    writes = [
        url("service_new"),
        url("service_edit", service.pk),
        url("service_delete", service.pk),
        url("delivery_new"),
        url("delivery_edit", delivery.pk),
        url("delivery_delete", delivery.pk),
        url("design_round_new"),
        url("design_round_edit", design_round.pk),
        url("design_round_delete", design_round.pk),
        url("candidate_new", design_round.pk),
        url("candidate_edit", idea.pk),
        url("candidate_delete", idea.pk),
        url("candidate_shortlist", idea.pk),
        url("candidate_swot", idea.pk),
        url("candidate_decide", idea.pk),
        url("interest_survey_make", design_round.pk),
    ]
    return reads, writes


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_cluster_s_manager_gets_404_on_every_page(personas, manager_b_client, method):
    reads, writes = cluster_a_urls(personas)
    for address in reads + writes:
        response = getattr(manager_b_client, method)(address)
        assert response.status_code == 404, address
    # Through their own cluster's address, cluster A's records are not found either.
    for address in reads + writes:
        theirs = address.replace("/c/tfc/", "/c/isim/", 1)
        if any(char.isdigit() for char in theirs.split("/c/isim/")[1]):
            response = getattr(manager_b_client, method)(theirs)
            assert response.status_code == 404, theirs
    assert Service.objects.count() == 1 and Delivery.objects.count() == 1


def test_the_board_reads_every_page_but_writes_none(personas):
    reads, writes = cluster_a_urls(personas)
    client = personas.client_for(personas.board_a)
    for address in reads:
        assert client.get(address).status_code == 200, address
    for address in writes:
        assert client.post(address).status_code == 403, address
    page = client.get(url("catalogue")).content.decode()
    assert url("service_new") not in page


def test_a_member_representative_cannot_reach_the_portfolio(personas):
    reads, writes = cluster_a_urls(personas)
    client = personas.client_for(personas.member_a)
    for address in reads + writes:
        assert client.get(address).status_code == 403, address


def test_staff_log_deliveries(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    alfa = OrganisationFactory(cluster=personas.cluster_a)
    client = personas.client_for(personas.staff_a)
    assert client.post(url("delivery_new"), delivery_post(service, [alfa])).status_code == 302


def test_an_anonymous_visitor_is_sent_to_sign_in(personas, client):
    response = client.get(url("catalogue"))
    assert response.status_code == 302 and "login" in response["Location"]
