from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdesk.lib.periods import last_12_months
from clusterdesk.services import queries
from clusterdesk.services.models import ServiceStatus
from clusterdesk.testing.factories import OrganisationFactory

from .factories import DeliveryFactory, ServiceFactory

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 15)  # the last 12 months: 16 June 2025 – 15 June 2026


def test_the_last_delivery_of_each_of_the_four_areas_is_on_or_before_the_day(personas):
    cluster = personas.cluster_a
    matchmaking = ServiceFactory(cluster=cluster, areas=[1, 5])
    projects = ServiceFactory(cluster=cluster, areas=[2])
    DeliveryFactory(service=matchmaking, delivered_on=date(2026, 5, 1))
    DeliveryFactory(service=matchmaking, delivered_on=date(2026, 6, 20))  # after the day
    DeliveryFactory(service=projects, delivered_on=date(2024, 2, 1))
    DeliveryFactory(service=ServiceFactory(cluster=personas.cluster_b, areas=[3]))
    assert queries.last_delivery_by_area(cluster, as_of=AS_OF) == {
        1: date(2026, 5, 1),
        2: date(2024, 2, 1),
        3: None,
        4: None,
    }


def test_coverage_counts_the_last_12_months_and_says_which_areas_were_not_served(personas):
    cluster = personas.cluster_a
    alfa, beta, gamma = (OrganisationFactory(cluster=cluster) for _ in range(3))
    audit = ServiceFactory(cluster=cluster, areas=[1, 2])
    fairs = ServiceFactory(cluster=cluster, areas=[3])
    ServiceFactory(cluster=cluster, areas=[4], status=ServiceStatus.RETIRED)
    DeliveryFactory(service=audit, delivered_on=date(2026, 1, 10), participants=[alfa, beta])
    DeliveryFactory(service=audit, delivered_on=date(2026, 3, 10), participants=[alfa])
    # The first day of the window counts; the day before it does not.
    DeliveryFactory(service=fairs, delivered_on=date(2025, 6, 16), participants=[gamma])
    DeliveryFactory(service=fairs, delivered_on=date(2025, 6, 15), participants=[alfa])
    areas = {area.area: area for area in queries.area_coverage(cluster, as_of=AS_OF)}
    assert len(areas) == 8 and [a.core for a in areas.values()] == [True] * 4 + [False] * 4
    assert (areas[1].deliveries_12m, areas[1].participants_12m, areas[1].covered) == (2, 2, True)
    assert (areas[2].services, areas[2].last_delivery) == (1, date(2026, 3, 10))
    assert (areas[3].deliveries_12m, areas[3].participants_12m) == (1, 1)
    assert areas[3].covered
    assert (areas[4].services, areas[4].covered, areas[4].last_delivery) == (0, False, None)
    summary = queries.coverage_summary(cluster, as_of=AS_OF)
    assert summary.core_covered == 3 and not summary.all_core_covered
    assert [area.area for area in summary.uncovered] == [4]
    assert summary.period == last_12_months(AS_OF)


def test_an_area_whose_last_delivery_is_older_than_12_months_is_not_covered(personas):
    service = ServiceFactory(cluster=personas.cluster_a, areas=[2])
    DeliveryFactory(service=service, delivered_on=AS_OF - timedelta(days=400))
    area = queries.area_coverage(personas.cluster_a, as_of=AS_OF)[1]
    assert (area.covered, area.last_delivery) == (False, AS_OF - timedelta(days=400))


def test_coverage_takes_the_same_number_of_queries_for_a_small_and_a_large_log(personas):
    cluster = personas.cluster_a
    service = ServiceFactory(cluster=cluster, areas=[1, 2, 3, 4])
    DeliveryFactory(service=service, delivered_on=date(2026, 1, 1))
    with CaptureQueriesContext(connection) as few:
        queries.area_coverage(cluster, as_of=AS_OF)
    organisations = [OrganisationFactory(cluster=cluster) for _ in range(5)]
    for day in range(30):
        DeliveryFactory(
            service=ServiceFactory(cluster=cluster, areas=[day % 8 + 1]),
            delivered_on=date(2026, 1, 1) + timedelta(days=day),
            participants=organisations[: day % 5 + 1],
        )
    with CaptureQueriesContext(connection) as many:
        queries.area_coverage(cluster, as_of=AS_OF)
    assert len(few) == len(many) == 2


def test_a_service_s_figures_count_reach_fees_and_ratings(personas):
    cluster = personas.cluster_a
    alfa, beta = OrganisationFactory(cluster=cluster), OrganisationFactory(cluster=cluster)
    service = ServiceFactory(cluster=cluster)
    DeliveryFactory(
        service=service,
        delivered_on=date(2026, 2, 1),
        fee_invoiced=Decimal("400"),
        rating=4,
        participants=[alfa, beta],
    )
    DeliveryFactory(
        service=service,
        delivered_on=date(2024, 2, 1),
        fee_invoiced=Decimal("100"),
        rating=2,
        participants=[alfa],
    )
    figures = queries.service_figures(cluster, as_of=AS_OF)[service.pk]
    assert (figures.deliveries, figures.deliveries_12m) == (2, 1)
    assert (figures.participants, figures.participants_12m) == (2, 2)
    assert (figures.fees, figures.fees_12m) == (Decimal("500"), Decimal("400"))
    assert (figures.rating, figures.ratings) == (3.0, 2)
    assert figures.last_delivery == date(2026, 2, 1)
    assert queries.service_income_by_year(service) == [
        (2026, Decimal("400"), 1),
        (2024, Decimal("100"), 1),
    ]


def test_uptake_is_counted_by_quarter_oldest_first(personas):
    cluster = personas.cluster_a
    alfa, beta = OrganisationFactory(cluster=cluster), OrganisationFactory(cluster=cluster)
    service = ServiceFactory(cluster=cluster)
    DeliveryFactory(service=service, delivered_on=date(2026, 4, 2), participants=[alfa, beta])
    DeliveryFactory(service=service, delivered_on=date(2026, 5, 2), participants=[alfa])
    DeliveryFactory(service=service, delivered_on=date(2025, 1, 5), participants=[beta])
    uptake = queries.service_uptake(service, as_of=AS_OF)
    assert len(uptake) == 8
    assert (uptake[-1].label, uptake[-1].deliveries, uptake[-1].participants) == ("Q2 2026", 2, 2)
    assert (uptake[1].label, uptake[1].deliveries) == ("Q4 2024", 0)
    assert (uptake[2].label, uptake[2].deliveries, uptake[2].participants) == ("Q1 2025", 1, 1)


def test_a_participant_s_history_is_its_own_deliveries_latest_first(personas):
    cluster = personas.cluster_a
    alfa, beta = OrganisationFactory(cluster=cluster), OrganisationFactory(cluster=cluster)
    first = ServiceFactory(cluster=cluster)
    second = ServiceFactory(cluster=cluster)
    old = DeliveryFactory(
        service=first,
        delivered_on=date(2025, 1, 1),
        fee_invoiced=Decimal("50"),
        rating=3,
        participants=[alfa],
    )
    new = DeliveryFactory(
        service=second,
        delivered_on=date(2026, 1, 1),
        fee_invoiced=Decimal("70"),
        rating=5,
        participants=[alfa, beta],
    )
    DeliveryFactory(service=first, participants=[beta])
    history = queries.participant_services(cluster, alfa)
    assert history.deliveries == [new, old]
    assert (history.count, history.services, history.fees, history.rating) == (
        2,
        2,
        Decimal("120"),
        4.0,
    )
    assert queries.participant_services(cluster, alfa, limit=1).deliveries == [new]


def test_the_fees_invoiced_are_summed_by_calendar_year(personas):
    service = ServiceFactory(cluster=personas.cluster_a)
    DeliveryFactory(service=service, delivered_on=date(2025, 12, 31), fee_invoiced=Decimal("10"))
    DeliveryFactory(service=service, delivered_on=date(2026, 1, 1), fee_invoiced=Decimal("20"))
    DeliveryFactory(service=service, delivered_on=date(2026, 3, 1), fee_invoiced=Decimal("5"))
    assert queries.fees_invoiced_by_year(personas.cluster_a) == {
        2026: Decimal("25"),
        2025: Decimal("10"),
    }
    assert queries.fees_invoiced_in_year(personas.cluster_a, 2026) == Decimal("25")
    assert queries.fees_invoiced_in_year(personas.cluster_b, 2026) == Decimal("0")
