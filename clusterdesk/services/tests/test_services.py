from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clusterdesk.engagement.models import BudgetLine, FundingSource
from clusterdesk.engagement.services import finance
from clusterdesk.lib.errors import DomainError
from clusterdesk.services import services
from clusterdesk.services.models import Delivery, Service, ServiceStatus
from clusterdesk.tenancy.models import AuditEntry
from clusterdesk.testing.factories import OrganisationFactory

from .factories import DeliveryFactory, ServiceFactory, StaffMemberFactory
from .helpers import service_fees_line

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def service_data(**values):
    data = {
        "code": "8",
        "name": "International commercial intelligence",
        "description": "Training and consultancy to scout business opportunities abroad.",
        "targeted_companies": "Companies that want to make their business global",
        "methodology": "Training programme, then consultancy",
        "timing": "5–7 months",
        "status": ServiceStatus.NEW,
        "member_price": Decimal("300"),
        "non_member_price": Decimal("450"),
    }
    data.update(values)
    return data


def log(personas, service, *, fee="0", on=YESTERDAY, participants=None, **values):
    return services.delivery_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data={"service": service, "delivered_on": on, "fee_invoiced": Decimal(fee), **values},
        participants=participants or [OrganisationFactory(cluster=personas.cluster_a)],
    )


# --------------------------------------------------------------------------- the catalogue


def test_a_service_is_added_with_its_areas_translations_and_an_audit_entry(personas):
    owner = StaffMemberFactory(cluster=personas.cluster_a)
    service = services.service_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        data=service_data(
            owner=owner,
            translations={
                "it": {"name": " Intelligence commerciale ", "description": ""},
                "tr": {"name": "", "description": ""},
            },
        ),
        areas=[3, 1],
    )
    assert sorted(service.area_links.values_list("area", flat=True)) == [1, 3]
    assert service.translations == {"it": {"name": "Intelligence commerciale"}}
    assert service.text_in("name", "it") == "Intelligence commerciale"
    assert service.text_in("name", "tr") == "International commercial intelligence"
    entry = AuditEntry.objects.get(object_type="service")
    assert entry.changes["areas"] == [None, [1, 3]]
    assert entry.changes["owner"][1] == str(owner)


def test_two_services_cannot_share_an_identifier(personas):
    ServiceFactory(cluster=personas.cluster_a, code="8")
    with pytest.raises(DomainError) as refused:
        services.service_create(
            cluster=personas.cluster_a, actor=personas.manager_a, data=service_data(), areas=[1]
        )
    assert refused.value.field == "code"
    # Another cluster may use the same number.
    services.service_create(
        cluster=personas.cluster_b, actor=personas.manager_b, data=service_data(), areas=[1]
    )


@pytest.mark.parametrize(
    ("values", "areas", "field"),
    [
        ({"member_price": Decimal("-1")}, [1], "member_price"),
        ({"free": True}, [1], "free"),
        ({"name": "  "}, [1], "name"),
        ({}, [], "areas"),
        ({}, [9], "areas"),
        ({"status": "planned"}, [1], "status"),
    ],
)
def test_a_wrong_service_is_refused_with_the_field_named(personas, values, areas, field):
    with pytest.raises(DomainError) as refused:
        services.service_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            data=service_data(**values),
            areas=areas,
        )
    assert refused.value.field == field
    assert not Service.objects.exists()


def test_the_owner_is_a_member_of_this_cluster_s_team(personas):
    stranger = StaffMemberFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError) as refused:
        services.service_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            data=service_data(owner=stranger),
            areas=[1],
        )
    assert refused.value.field == "owner"


def test_a_change_replaces_the_areas_and_keeps_them_when_not_given(personas):
    service = ServiceFactory(cluster=personas.cluster_a, areas=[1, 2])
    services.service_update(
        service=service, actor=personas.manager_a, data={"timing": "Monthly"}, areas=None
    )
    assert sorted(service.area_links.values_list("area", flat=True)) == [1, 2]
    services.service_update(service=service, actor=personas.manager_a, data={}, areas=[2, 4])
    assert sorted(service.area_links.values_list("area", flat=True)) == [2, 4]
    assert Service.objects.get().timing == "Monthly"


def test_a_service_never_delivered_is_deleted_and_one_delivered_is_kept(personas):
    unused = ServiceFactory(cluster=personas.cluster_a)
    used = ServiceFactory(cluster=personas.cluster_a)
    DeliveryFactory(service=used)
    services.service_delete(service=unused, actor=personas.manager_a)
    with pytest.raises(DomainError, match="retired"):
        services.service_delete(service=used, actor=personas.manager_a)
    assert list(Service.objects.all()) == [used]


def test_the_next_identifier_follows_the_highest_number(personas):
    assert services.next_service_code(personas.cluster_a) == "1"
    ServiceFactory(cluster=personas.cluster_a, code="7")
    ServiceFactory(cluster=personas.cluster_a, code="INT-2")
    assert services.next_service_code(personas.cluster_a) == "8"


# --------------------------------------------------------------------------- the delivery log


def test_a_delivery_is_logged_for_several_participants_with_an_audit_entry(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    first = OrganisationFactory(cluster=personas.cluster_a, name="Lanificio Bianchi")
    second = OrganisationFactory(cluster=personas.cluster_a, name="Tessitura Fiorentina")
    staff = StaffMemberFactory(cluster=personas.cluster_a)
    delivery = log(
        personas,
        service,
        fee="800",
        participants=[first, second],
        delivered_by=staff,
        quantity=Decimal("2"),
        unit="days",
        outcome="Two audits, one project idea",
        rating=5,
    )
    assert {o.name for o in delivery.participants.all()} == {first.name, second.name}
    entry = AuditEntry.objects.get(object_type="delivery")
    assert entry.changes["participants"] == [None, ["Lanificio Bianchi", "Tessitura Fiorentina"]]
    assert entry.changes["fee_invoiced"] == [None, "800"]


def test_a_delivery_s_fee_becomes_the_year_s_service_fee_income(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    log(personas, service, fee="800")
    log(personas, service, fee="200.50")
    line = service_fees_line(personas.cluster_a, YESTERDAY.year)
    assert (line.planned, line.actual) == (Decimal(0), Decimal("1000.50"))
    entries = AuditEntry.objects.filter(object_type="budgetline").order_by("pk")
    assert [entry.action for entry in entries] == ["created", "changed"]
    assert entries[1].changes == {"actual": ["800", "1000.5"]}


def test_a_figure_typed_before_the_log_is_kept_and_the_log_adds_to_it(personas):
    year = YESTERDAY.year
    BudgetLine.objects.create(
        cluster=personas.cluster_a,
        year=year,
        source=FundingSource.SERVICE_FEES,
        planned=Decimal("20000"),
        actual=Decimal("12000"),
    )
    service = ServiceFactory(cluster=personas.cluster_a)
    delivery = log(personas, service, fee="300")
    line = service_fees_line(personas.cluster_a, year)
    assert (line.planned, line.actual) == (Decimal("20000"), Decimal("12300"))
    services.delivery_delete(delivery=delivery, actor=personas.manager_a)
    assert service_fees_line(personas.cluster_a, year).actual == Decimal("12000")


def test_a_free_delivery_leaves_the_budget_alone(personas):
    log(personas, ServiceFactory(cluster=personas.cluster_a), fee="0")
    assert not BudgetLine.objects.exists()


def test_changing_a_delivery_s_fee_or_year_moves_the_income(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    last_year = date(TODAY.year - 1, 6, 15)
    delivery = log(personas, service, fee="500", on=last_year)
    log(personas, service, fee="100", on=YESTERDAY)
    services.delivery_update(
        delivery=delivery, actor=personas.manager_a, data={"fee_invoiced": Decimal("650")}
    )
    assert service_fees_line(personas.cluster_a, last_year.year).actual == Decimal("650")
    services.delivery_update(
        delivery=Delivery.objects.get(pk=delivery.pk),
        actor=personas.manager_a,
        data={"delivered_on": YESTERDAY},
    )
    if YESTERDAY.year != last_year.year:
        # The year it left had nothing else: its line, made by the log, goes.
        assert service_fees_line(personas.cluster_a, last_year.year) is None
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("750")


def test_deleting_the_last_paid_delivery_removes_the_line_the_log_made(personas):
    delivery = log(personas, ServiceFactory(cluster=personas.cluster_a), fee="90")
    services.delivery_delete(delivery=delivery, actor=personas.manager_a)
    assert service_fees_line(personas.cluster_a, YESTERDAY.year) is None
    assert AuditEntry.objects.filter(object_type="budgetline", action="deleted").exists()


def test_the_budget_cannot_put_service_fees_below_the_log(personas):
    log(personas, ServiceFactory(cluster=personas.cluster_a), fee="1000")
    with pytest.raises(DomainError) as refused:
        finance.budget_year_replace(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            year=YESTERDAY.year,
            amounts={"service_fees": (Decimal("0"), Decimal("400"))},
        )
    assert refused.value.field == "actual_service_fees"
    assert "1,000.00" in refused.value.message
    # Leaving the line out is refused too: the log keeps it.
    with pytest.raises(DomainError):
        finance.budget_year_replace(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            year=YESTERDAY.year,
            amounts={"regional_public": (Decimal("5000"), None)},
        )
    finance.budget_year_replace(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        year=YESTERDAY.year,
        amounts={"service_fees": (Decimal("3000"), Decimal("2500"))},
    )
    assert service_fees_line(personas.cluster_a, YESTERDAY.year).actual == Decimal("2500")


def test_the_finance_records_read_the_log_s_fees_of_a_year(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    log(personas, service, fee="250")
    ServiceFactory(cluster=personas.cluster_b)
    logged = finance.logged_income(personas.cluster_a, YESTERDAY.year)
    assert logged["service_fees"].amount == Decimal("250")
    assert logged["service_fees"].url.startswith("/c/tfc/services/deliveries/")
    assert finance.logged_income(personas.cluster_b, YESTERDAY.year) == {}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"fee_invoiced": Decimal("-10")}, "fee_invoiced"),
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"quantity": Decimal("-1")}, "quantity"),
        ({"delivered_on": TODAY + timedelta(days=1)}, "delivered_on"),
        ({"delivered_on": date(1985, 1, 1)}, "delivered_on"),
        ({"delivered_on": None}, "delivered_on"),
    ],
)
def test_a_wrong_delivery_is_refused_and_nothing_is_written(personas, values, field):
    service = ServiceFactory(cluster=personas.cluster_a)
    with pytest.raises(DomainError) as refused:
        services.delivery_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            data={"service": service, "delivered_on": YESTERDAY, **values},
            participants=[OrganisationFactory(cluster=personas.cluster_a)],
        )
    assert refused.value.field == field
    assert not Delivery.objects.exists() and not BudgetLine.objects.exists()


def test_a_delivery_cannot_name_another_cluster_s_participant(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    stranger = OrganisationFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError) as refused:
        log(personas, service, participants=[stranger])
    assert refused.value.field == "participants"
    assert not Delivery.objects.exists()


def test_a_delivery_cannot_name_another_cluster_s_service_or_team_member(personas):
    their_service = ServiceFactory(cluster=personas.cluster_b)
    with pytest.raises(DomainError) as refused:
        log(personas, their_service)
    assert refused.value.field == "service"
    with pytest.raises(DomainError) as refused:
        log(
            personas,
            ServiceFactory(cluster=personas.cluster_a),
            delivered_by=StaffMemberFactory(cluster=personas.cluster_b),
        )
    assert refused.value.field == "delivered_by"
    assert not Delivery.objects.exists()


def test_a_delivery_names_at_least_one_participant(personas):
    with pytest.raises(DomainError) as refused:
        services.delivery_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            data={"service": ServiceFactory(cluster=personas.cluster_a), "delivered_on": TODAY},
            participants=[],
        )
    assert refused.value.field == "participants"


def test_an_idea_in_the_catalogue_is_not_delivered_yet(personas):
    idea = ServiceFactory(cluster=personas.cluster_a, status=ServiceStatus.IDEA)
    with pytest.raises(DomainError, match="still an idea"):
        log(personas, idea)


def test_changing_the_participants_is_logged(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    first = OrganisationFactory(cluster=personas.cluster_a, name="Alfa")
    second = OrganisationFactory(cluster=personas.cluster_a, name="Beta")
    delivery = log(personas, service, participants=[first])
    services.delivery_update(
        delivery=delivery, actor=personas.manager_a, data={}, participants=[second]
    )
    assert list(delivery.participants.all()) == [second]
    change = AuditEntry.objects.filter(object_type="delivery", action="changed").get()
    assert change.changes == {"participants": [["Alfa"], ["Beta"]]}


@pytest.mark.parametrize(
    ("quantity", "unit", "text"),
    [
        (Decimal("1"), "days", "1 day"),
        (Decimal("2.50"), "days", "2.5 days"),
        (Decimal("3"), "hours", "3 hours"),
        (Decimal("1"), "units", "1 unit"),
        (None, "days", ""),
    ],
)
def test_the_quantity_is_said_in_its_unit(quantity, unit, text):
    assert Delivery(quantity=quantity, unit=unit).quantity_text == text
