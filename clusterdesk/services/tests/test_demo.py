"""`manage.py seed_demo` gives the Tuscany Fashion Cluster a service portfolio that tells the
same story as its excellence questionnaire, and İSİM none."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from clusterdesk.benchmarking.engine.results import MET
from clusterdesk.benchmarking.models import Assessment as SavedAssessment
from clusterdesk.benchmarking.services import assessment_run
from clusterdesk.engagement.models import BudgetLine, FundingSource
from clusterdesk.lib.periods import last_12_months
from clusterdesk.participants.demo import REFERENCE_DATE
from clusterdesk.participants.models import Organisation
from clusterdesk.services.demo import story_rounds
from clusterdesk.services.models import (
    CORE_AREAS,
    Delivery,
    DeliveryRecipient,
    Service,
    ServiceAreaLink,
    ServiceStatus,
)
from clusterdesk.services.queries import (
    coverage_summary,
    fees_invoiced_by_year,
    last_delivery_by_area,
)
from clusterdesk.tenancy.models import Cluster

TUSCANY, ISIM = "tuscany-fashion", "isim"


def seed(*args: str) -> None:
    call_command("seed_demo", *args, "--as-of", REFERENCE_DATE.isoformat(), stdout=StringIO())


def tuscany() -> Cluster:
    return Cluster.objects.get(slug=TUSCANY)


def area_days(cluster: Cluster) -> dict[int, list]:
    days: dict[int, list] = {number: [] for number in CORE_AREAS}
    for number, day in (
        ServiceAreaLink.objects.filter(service__cluster=cluster, area__in=CORE_AREAS)
        .filter(service__deliveries__isnull=False)
        .values_list("area", "service__deliveries__delivered_on")
    ):
        days[number].append(day)
    return days


@pytest.mark.django_db
def test_the_textile_cluster_has_a_catalogue_of_ten_services_in_italian():
    seed()
    services = Service.objects.for_cluster(tuscany())

    assert services.count() == 10
    statuses = set(services.values_list("status", flat=True))
    assert statuses == {
        ServiceStatus.IN_PLACE,
        ServiceStatus.NEW,
        ServiceStatus.IDEA,
        ServiceStatus.RETIRED,
    }
    assert services.filter(status=ServiceStatus.IDEA).count() == 1
    assert services.filter(status=ServiceStatus.RETIRED).count() == 1
    assert not Delivery.objects.filter(service__status=ServiceStatus.IDEA).exists()
    priced = services.filter(free=False, non_member_price__isnull=False)
    assert all(s.member_price < s.non_member_price for s in priced)
    assert services.filter(free=True).exists()
    assert set(
        ServiceAreaLink.objects.filter(service__cluster=tuscany()).values_list("area", flat=True)
    ) >= {1, 2, 3, 4, 5, 6}
    assert services.filter(name__icontains="Horizon Europe").exists()


@pytest.mark.django_db
def test_the_portfolio_covers_four_of_four_areas_on_the_ledger_day():
    seed()
    cluster = tuscany()

    summary = coverage_summary(cluster, as_of=REFERENCE_DATE)
    assert summary.core_covered == 4
    assert all(area.deliveries_12m > 0 and area.participants_12m > 0 for area in summary.core)
    # The last delivery of each area is the one the questionnaire last gave.
    rounds = story_rounds(TUSCANY, REFERENCE_DATE)
    assert last_delivery_by_area(cluster, as_of=REFERENCE_DATE) == {
        number: rounds[number][-1].value for number in CORE_AREAS
    }
    # Deliveries over the last three years, to the cluster's own participants.
    deliveries = Delivery.objects.for_cluster(cluster)
    assert 50 <= deliveries.count() <= 120
    assert deliveries.earliest("delivered_on").delivered_on >= REFERENCE_DATE - timedelta(
        days=3 * 365 + 120
    )
    assert not deliveries.filter(delivered_on__gt=REFERENCE_DATE).exists()
    recipients = DeliveryRecipient.objects.filter(delivery__cluster=cluster)
    assert not recipients.exclude(organisation__cluster=cluster).exists()
    assert (
        Organisation.objects.filter(service_receipts__delivery__cluster=cluster).distinct().count()
        > 50
    )
    assert deliveries.filter(rating__isnull=False).count() == deliveries.count()
    assert not deliveries.filter(outcome="").exclude(service__code="9").exists()


@pytest.mark.django_db
def test_no_delivery_comes_later_than_what_the_questionnaire_says_nor_changes_an_area():
    seed()
    cluster = tuscany()
    rounds = story_rounds(TUSCANY, REFERENCE_DATE)
    logged = area_days(cluster)

    for number in CORE_AREAS:
        said = rounds[number]
        # On every day the questionnaire was answered, and on the ledger day, the log's last
        # delivery of the area is the one it gives, or an earlier one.
        for day, value in [(r.answered_on, r.value) for r in said] + [
            (REFERENCE_DATE, said[-1].value)
        ]:
            latest = max((d for d in logged[number] if d <= day), default=None)
            assert latest is None or latest <= value, (number, day, latest, value)
        # And on every day since the first answer, the area is covered with the log exactly
        # when it is covered by the questionnaire alone.
        day = said[0].answered_on
        while day <= REFERENCE_DATE:
            window = last_12_months(day)
            answer = [r.value for r in said if r.answered_on <= day][-1]
            latest = max((d for d in logged[number] if d <= day), default=None)
            with_log = max(answer, latest) if latest else answer
            assert (with_log in window) == (answer in window), (number, day)
            day += timedelta(days=1)


@pytest.mark.django_db
def test_every_saved_assessment_keeps_its_d4_and_the_live_one_agrees():
    seed()
    cluster = tuscany()
    saved = list(SavedAssessment.objects.filter(cluster=cluster).order_by("as_of"))
    assert len(saved) >= 7

    for snapshot in saved:
        assessment = assessment_run(cluster=cluster, as_of=snapshot.as_of).assessment
        assert assessment.indicator("D4").value == snapshot.values["D4"], snapshot.as_of
    live = assessment_run(cluster=cluster, as_of=REFERENCE_DATE).assessment
    latest = saved[-1]
    assert latest.as_of == REFERENCE_DATE
    assert live.indicator("D4").value == 4 and live.indicator("D4").status == MET
    # The finance figures the history was saved with are the ones the ledger still gives.
    for indicator in ("C2", "C3", "D4", "E1"):
        assert live.indicator(indicator).value == latest.values[indicator], indicator
    assert live.score == pytest.approx(latest.score)


@pytest.mark.django_db
def test_the_fees_invoiced_are_within_each_year_s_service_fee_income():
    seed()
    cluster = tuscany()
    fees = fees_invoiced_by_year(cluster)
    actual = dict(
        BudgetLine.objects.for_cluster(cluster)
        .filter(source=FundingSource.SERVICE_FEES)
        .values_list("year", "actual")
    )

    assert sum(fees.values()) > 0
    for year, amount in fees.items():
        assert actual[year] is not None and amount <= actual[year], year


@pytest.mark.django_db
def test_the_machinery_cluster_has_no_services():
    seed()

    isim = Cluster.objects.get(slug=ISIM)
    assert not Service.objects.for_cluster(isim).exists()
    assert coverage_summary(isim, as_of=REFERENCE_DATE).core_covered == 0


@pytest.mark.django_db
def test_reset_logs_the_same_deliveries_and_seeding_again_adds_none():
    seed()

    def log():
        return sorted(
            Delivery.objects.filter(cluster__slug=TUSCANY).values_list(
                "service__code", "delivered_on", "fee_invoiced", "rating", "outcome"
            )
        )

    first = log()
    seed()
    assert log() == first
    seed("--reset")
    assert log() == first


@pytest.mark.django_db
def test_a_cluster_with_logged_deliveries_can_be_deleted_but_a_delivered_service_cannot():
    from django.db.models import RestrictedError

    from clusterdesk.services.models import Delivery, Service
    from clusterdesk.services.tests.factories import DeliveryFactory

    delivery = DeliveryFactory()
    with pytest.raises(RestrictedError):
        delivery.service.delete()
    delivery.cluster.delete()
    assert not Delivery.objects.exists() and not Service.objects.exists()
