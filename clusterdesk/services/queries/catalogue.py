"""The catalogue with its figures, one service's uptake, the delivery log and one
participant's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from clusterdesk.engagement.queries.common import quarter_label
from clusterdesk.lib.periods import Period, last_12_months, quarters_before
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.models import Cluster

from ..models import (
    Delivery,
    DeliveryRecipient,
    Service,
    ServiceStatus,
)
from .coverage import year_period

ZERO = Decimal(0)

# --------------------------------------------------------------------------- the catalogue


@dataclass
class ServiceFigures:
    """A service's delivery figures: all time, and in the last 12 months."""

    deliveries: int = 0
    deliveries_12m: int = 0
    participants: int = 0
    participants_12m: int = 0
    fees: Decimal = ZERO
    fees_12m: Decimal = ZERO
    rating: float | None = None
    ratings: int = 0
    last_delivery: date | None = None


@dataclass(frozen=True)
class CatalogueFilters:
    status: str = ""
    area: int | None = None
    q: str = ""


def service_search(cluster: Cluster, filters: CatalogueFilters) -> QuerySet[Service]:
    services = (
        Service.objects.for_cluster(cluster).select_related("owner").prefetch_related("area_links")
    )
    if filters.status:
        services = services.filter(status=filters.status)
    else:
        services = services.exclude(status=ServiceStatus.RETIRED)
    if filters.area:
        services = services.filter(area_links__area=filters.area)
    if filters.q:
        services = services.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    return services.order_by("code", "name", "id")


def service_figures(
    cluster: Cluster, *, as_of: date, service_ids: list[int] | None = None
) -> dict[int, ServiceFigures]:
    """Each service's figures (two grouped queries for the whole catalogue)."""
    period = last_12_months(as_of)
    window = Q(delivered_on__range=period.range)
    deliveries = Delivery.objects.for_cluster(cluster).filter(delivered_on__lte=as_of)
    recipients = DeliveryRecipient.objects.filter(
        delivery__cluster=cluster, delivery__delivered_on__lte=as_of
    )
    if service_ids is not None:
        deliveries = deliveries.filter(service_id__in=service_ids)
        recipients = recipients.filter(delivery__service_id__in=service_ids)
    figures: dict[int, ServiceFigures] = {}
    for row in (
        deliveries.values("service_id")
        .annotate(
            deliveries=Count("pk"),
            deliveries_12m=Count("pk", filter=window),
            fees=Sum("fee_invoiced"),
            fees_12m=Sum("fee_invoiced", filter=window),
            mean_rating=Avg("rating"),
            ratings=Count("rating"),
            last=Max("delivered_on"),
        )
        .order_by()
    ):
        figures[row["service_id"]] = ServiceFigures(
            deliveries=row["deliveries"],
            deliveries_12m=row["deliveries_12m"],
            fees=row["fees"] or ZERO,
            fees_12m=row["fees_12m"] or ZERO,
            rating=float(row["mean_rating"]) if row["mean_rating"] is not None else None,
            ratings=row["ratings"],
            last_delivery=row["last"],
        )
    for service_id, reached, reached_12m in (
        recipients.values_list("delivery__service_id")
        .annotate(
            reached=Count("organisation", distinct=True),
            reached_12m=Count(
                "organisation",
                distinct=True,
                filter=Q(delivery__delivered_on__range=period.range),
            ),
        )
        .order_by()
    ):
        item = figures.setdefault(service_id, ServiceFigures())
        item.participants, item.participants_12m = reached, reached_12m
    return figures


def catalogue_figures(
    cluster: Cluster, *, as_of: date, service_ids: list[int] | None = None
) -> dict[int, ServiceFigures]:
    """Each service's figures over the last 12 months, and its last delivery: what the
    catalogue shows (three queries, reading the window's deliveries only)."""
    period = last_12_months(as_of)
    deliveries = Delivery.objects.for_cluster(cluster).filter(delivered_on__range=period.range)
    recipients = DeliveryRecipient.objects.filter(
        delivery__cluster=cluster, delivery__delivered_on__range=period.range
    )
    services = Service.objects.for_cluster(cluster)
    if service_ids is not None:
        deliveries = deliveries.filter(service_id__in=service_ids)
        recipients = recipients.filter(delivery__service_id__in=service_ids)
        services = services.filter(pk__in=service_ids)
    figures = {
        pk: ServiceFigures(last_delivery=last)
        for pk, last in services.annotate(
            last=Subquery(
                Delivery.objects.for_cluster(cluster)
                .filter(service=OuterRef("pk"), delivered_on__lte=as_of)
                .order_by("-delivered_on")
                .values("delivered_on")[:1]
            )
        ).values_list("pk", "last")
    }
    for row in (
        deliveries.values("service_id")
        .annotate(
            count=Count("pk"),
            fees=Sum("fee_invoiced"),
            mean_rating=Avg("rating"),
            ratings=Count("rating"),
        )
        .order_by()
    ):
        item = figures.setdefault(row["service_id"], ServiceFigures())
        item.deliveries_12m = row["count"]
        item.fees_12m = row["fees"] or ZERO
        item.rating = float(row["mean_rating"]) if row["mean_rating"] is not None else None
        item.ratings = row["ratings"]
    for service_id, reached in (
        recipients.values_list("delivery__service_id")
        .annotate(reached=Count("organisation", distinct=True))
        .order_by()
    ):
        figures.setdefault(service_id, ServiceFigures()).participants_12m = reached
    return figures


@dataclass(frozen=True)
class CatalogueTotals:
    services_offered: int
    deliveries_12m: int
    participants_12m: int
    fees_this_year: Decimal
    rating_12m: float | None


def catalogue_totals(cluster: Cluster, *, as_of: date) -> CatalogueTotals:
    period = last_12_months(as_of)
    year = Period(date(as_of.year, 1, 1), as_of)
    window = Q(delivered_on__range=period.range)
    # One pass over the last 12 months and this year so far (the year is within them, but
    # for the first day of the window's month).
    totals = (
        Delivery.objects.for_cluster(cluster)
        .filter(delivered_on__range=(min(period.first, year.first), as_of))
        .aggregate(
            deliveries=Count("pk", filter=window),
            mean_rating=Avg("rating", filter=window),
            fees_this_year=Sum("fee_invoiced", filter=Q(delivered_on__range=year.range)),
        )
    )
    reached = (
        DeliveryRecipient.objects.filter(
            delivery__cluster=cluster, delivery__delivered_on__range=period.range
        )
        .values("organisation")
        .distinct()
        .count()
    )
    return CatalogueTotals(
        services_offered=Service.objects.for_cluster(cluster)
        .filter(status__in=(ServiceStatus.NEW, ServiceStatus.IN_PLACE))
        .count(),
        deliveries_12m=totals["deliveries"],
        participants_12m=reached,
        fees_this_year=totals["fees_this_year"] or ZERO,
        rating_12m=(float(totals["mean_rating"]) if totals["mean_rating"] is not None else None),
    )


# --------------------------------------------------------------------------- one service


@dataclass(frozen=True)
class QuarterUptake:
    label: str
    deliveries: int
    participants: int


def service_uptake(service: Service, *, as_of: date, quarters: int = 8) -> list[QuarterUptake]:
    """Deliveries and participants reached per calendar quarter, the last ``quarters`` up to
    the one of ``as_of``, oldest first (two queries)."""
    periods = quarters_before(as_of, quarters, include_current=True)
    deliveries = Delivery.objects.filter(service=service).aggregate(
        **{
            f"q{index}": Count("pk", filter=Q(delivered_on__range=period.range))
            for index, period in enumerate(periods)
        }
    )
    reached = DeliveryRecipient.objects.filter(delivery__service=service).aggregate(
        **{
            f"q{index}": Count(
                "organisation",
                distinct=True,
                filter=Q(delivery__delivered_on__range=period.range),
            )
            for index, period in enumerate(periods)
        }
    )
    return [
        QuarterUptake(quarter_label(period), deliveries[f"q{index}"], reached[f"q{index}"])
        for index, period in enumerate(periods)
    ]


def service_income_by_year(service: Service) -> list[tuple[int, Decimal, int]]:
    """(year, fees invoiced, deliveries), newest first."""
    rows = (
        Delivery.objects.filter(service=service)
        .values("delivered_on__year")
        .annotate(total=Sum("fee_invoiced"), count=Count("pk"))
        .order_by("-delivered_on__year")
    )
    return [(row["delivered_on__year"], row["total"] or ZERO, row["count"]) for row in rows]


# --------------------------------------------------------------------------- the log


@dataclass(frozen=True)
class DeliveryFilters:
    service: int | None = None
    area: int | None = None
    year: int | None = None
    q: str = ""  # a participant's name
    participant: int | None = None


def delivery_search(cluster: Cluster, filters: DeliveryFilters) -> QuerySet[Delivery]:
    deliveries = Delivery.objects.for_cluster(cluster)
    if filters.service:
        deliveries = deliveries.filter(service_id=filters.service)
    if filters.area:
        deliveries = deliveries.filter(service__area_links__area=filters.area)
    if filters.year:
        deliveries = deliveries.filter(delivered_on__range=year_period(filters.year).range)
    if filters.participant:
        deliveries = deliveries.filter(recipients__organisation_id=filters.participant)
    if filters.q:
        deliveries = deliveries.filter(
            pk__in=DeliveryRecipient.objects.filter(
                delivery__cluster=cluster, organisation__name__icontains=filters.q
            ).values("delivery_id")
        )
    return deliveries.order_by("-delivered_on", "-id")


def with_details(deliveries: QuerySet[Delivery], cluster: Cluster) -> QuerySet[Delivery]:
    """What a table of the cluster's deliveries shows, in a fixed number of queries. The
    participants are read through those deliveries (the services let a delivery name only
    the cluster's own): filtering or sorting the registry as well made SQLite walk all of it
    (0.4 s at 20,000 participants) instead of reading the page's recipients."""
    from django.db.models import Prefetch

    return deliveries.select_related("service", "delivered_by").prefetch_related(
        Prefetch("participants", queryset=Organisation.objects.only("id", "name"))
    )


def delivery_years(cluster: Cluster) -> list[int]:
    """The years from the first delivery to the last, newest first (two ends of an index)."""
    days = Delivery.objects.for_cluster(cluster).values_list("delivered_on", flat=True)
    # Two lookups: SQLite reads MIN and MAX from the index only one at a time.
    first, last = days.order_by("delivered_on").first(), days.order_by("-delivered_on").first()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


# --------------------------------------------------------------------------- one participant


@dataclass
class ParticipantServices:
    deliveries: list[Delivery] = field(default_factory=list)
    count: int = 0
    services: int = 0
    fees: Decimal = ZERO
    rating: float | None = None
    last_delivery: date | None = None


def participant_services(
    cluster: Cluster, organisation: Organisation, *, limit: int = 10
) -> ParticipantServices:
    """The services a participant received, latest first (``limit`` of them), and its totals.
    A delivery to several participants counts its whole fee for each of them."""
    received = Delivery.objects.for_cluster(cluster).filter(recipients__organisation=organisation)
    totals = received.aggregate(
        count=Count("pk"),
        services=Count("service", distinct=True),
        fees=Sum("fee_invoiced"),
        mean_rating=Avg("rating"),
        last=Max("delivered_on"),
    )
    latest = list(
        received.select_related("service", "delivered_by").order_by("-delivered_on", "-id")[:limit]
    )
    return ParticipantServices(
        deliveries=latest,
        count=totals["count"],
        services=totals["services"],
        fees=totals["fees"] or ZERO,
        rating=float(totals["mean_rating"]) if totals["mean_rating"] is not None else None,
        last_delivery=totals["last"],
    )


def team_of(cluster: Cluster) -> QuerySet[Any]:
    """The cluster's management team, who own and deliver services (those who left too, so
    that an older record keeps its person)."""
    from clusterdesk.engagement.models import StaffMember

    return StaffMember.objects.for_cluster(cluster).order_by("ended_on", "full_name", "pk")
