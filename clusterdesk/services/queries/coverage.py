"""The fees invoiced by year (the finance records' service-fee income) and the coverage of
the service areas (indicator D4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
)

from clusterdesk.lib.periods import Period, last_12_months
from clusterdesk.tenancy.models import Cluster

from ..models import (
    CORE_AREAS,
    Delivery,
    ServiceArea,
    ServiceAreaLink,
    ServiceStatus,
)

ZERO = Decimal(0)

# --------------------------------------------------------------------------- fees (finance)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def fees_invoiced_in_year(cluster: Cluster, year: int) -> Decimal:
    """The fees invoiced for deliveries of that calendar year: the year's service-fee income."""
    total = (
        Delivery.objects.for_cluster(cluster)
        .filter(delivered_on__range=year_period(year).range)
        .aggregate(total=Sum("fee_invoiced"))["total"]
    )
    return total or ZERO


def fees_invoiced_by_year(cluster: Cluster) -> dict[int, Decimal]:
    """Every year with deliveries, newest first, and the fees invoiced in it."""
    rows = (
        Delivery.objects.for_cluster(cluster)
        .values_list("delivered_on__year")
        .annotate(total=Sum("fee_invoiced"))
        .order_by("-delivered_on__year")
    )
    return {year: total or ZERO for year, total in rows}


# --------------------------------------------------------------------------- coverage (D4)


@dataclass(frozen=True)
class AreaCoverage:
    """One service area over the last 12 months up to a day."""

    area: int
    label: str
    core: bool  # one of the four areas indicator D4 asks for
    services: int  # catalogue services offered in the area (new or in place)
    deliveries_12m: int
    participants_12m: int
    last_delivery: date | None  # on or before the day
    covered: bool  # a delivery in the last 12 months


@dataclass(frozen=True)
class CoverageSummary:
    as_of: date
    period: Period
    areas: list[AreaCoverage]

    @property
    def core(self) -> list[AreaCoverage]:
        return [area for area in self.areas if area.core]

    @property
    def further(self) -> list[AreaCoverage]:
        return [area for area in self.areas if not area.core]

    @property
    def core_covered(self) -> int:
        return sum(1 for area in self.core if area.covered)

    @property
    def uncovered(self) -> list[AreaCoverage]:
        """The four areas with no delivery in the last 12 months."""
        return [area for area in self.core if not area.covered]

    @property
    def all_core_covered(self) -> bool:
        return not self.uncovered


def _last_delivery(cluster: Cluster, as_of: date) -> Subquery:
    """The latest delivery on or before ``as_of`` of the outer query's service: one step down
    the (service, day) index per service, whatever the size of the log."""
    return Subquery(
        Delivery.objects.for_cluster(cluster)
        .filter(service=OuterRef("service_id"), delivered_on__lte=as_of)
        .order_by("-delivered_on")
        .values("delivered_on")[:1]
    )


def _deliveries_in(cluster: Cluster, period: Period) -> Subquery:
    """How many deliveries of the outer query's service fall in the period (a range of the
    (service, day) index)."""
    return Subquery(
        Delivery.objects.for_cluster(cluster)
        .filter(service=OuterRef("service_id"), delivered_on__range=period.range)
        .order_by()
        .values("service")
        .annotate(count=Count("pk"))
        .values("count"),
        output_field=IntegerField(),
    )


def last_delivery_by_area(cluster: Cluster, *, as_of: date) -> dict[int, date | None]:
    """Service areas 1–4 → the date of the latest delivery on or before ``as_of`` (None:
    never). One query, whatever the size of the log."""
    latest: dict[int, date | None] = dict.fromkeys(CORE_AREAS)
    for area, last in (
        ServiceAreaLink.objects.filter(service__cluster=cluster, area__in=CORE_AREAS)
        .annotate(last=_last_delivery(cluster, as_of))
        .values_list("area", "last")
    ):
        if last is not None and (latest[area] is None or last > latest[area]):
            latest[area] = last
    return latest


def area_coverage(cluster: Cluster, *, as_of: date) -> list[AreaCoverage]:
    """Every service area (the four of D4 first, then the further ones): deliveries and
    participants reached in the last 12 months up to ``as_of``, the last delivery on or
    before it, and whether it is covered (a delivery in those 12 months). Two queries,
    whatever the size of the log."""
    return coverage_summary(cluster, as_of=as_of).areas


def coverage_summary(cluster: Cluster, *, as_of: date, reach: bool = True) -> CoverageSummary:
    """The coverage of every area; without ``reach`` the participants reached are not counted
    (left at 0) — one query, for a card that shows only which areas are covered."""
    period = last_12_months(as_of)
    offered = (ServiceStatus.NEW, ServiceStatus.IN_PLACE)
    services: dict[int, int] = {}
    deliveries: dict[int, int] = {}
    latest: dict[int, date] = {}
    # Per service of each area (a few dozen rows): its status, last delivery and deliveries
    # in the window, each read from the (service, day) index.
    for area, status, last, count in (
        ServiceAreaLink.objects.filter(service__cluster=cluster)
        .annotate(last=_last_delivery(cluster, as_of), count=_deliveries_in(cluster, period))
        .values_list("area", "service__status", "last", "count")
    ):
        services[area] = services.get(area, 0) + (status in offered)
        deliveries[area] = deliveries.get(area, 0) + (count or 0)
        if last is not None and (area not in latest or last > latest[area]):
            latest[area] = last
    # Participants reached per area: a participant served twice counts once.
    reached: dict[int, int] = {}
    if reach:
        reached = dict(
            ServiceAreaLink.objects.filter(
                service__cluster=cluster,
                service__deliveries__cluster=cluster,
                service__deliveries__delivered_on__range=period.range,
            )
            .values("area")
            .annotate(
                participants=Count("service__deliveries__recipients__organisation", distinct=True)
            )
            .values_list("area", "participants")
            .order_by()
        )
    areas = [
        AreaCoverage(
            area=area,
            label=str(label),
            core=area in CORE_AREAS,
            services=services.get(area, 0),
            deliveries_12m=deliveries.get(area, 0),
            participants_12m=reached.get(area, 0),
            last_delivery=latest.get(area),
            covered=deliveries.get(area, 0) > 0,
        )
        for area, label in ServiceArea.choices
    ]
    return CoverageSummary(as_of=as_of, period=period, areas=areas)
