"""The catalogue and the delivery log as tables, for CSV and XLSX."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from clusterdesk.tenancy.models import Cluster

from .catalogue import (
    CatalogueFilters,
    DeliveryFilters,
    ServiceFigures,
    catalogue_figures,
    delivery_search,
    service_search,
    with_details,
)

# --------------------------------------------------------------------------- exports


def _money(value: Decimal | None) -> Any:
    return "" if value is None else value


def catalogue_export_rows(
    cluster: Cluster, filters: CatalogueFilters, *, as_of: date
) -> tuple[list[str], list[list[Any]]]:
    services = list(service_search(cluster, filters))
    figures = catalogue_figures(cluster, as_of=as_of, service_ids=[s.pk for s in services])
    headers = [
        _("Identifier"),
        _("Name"),
        _("Service areas"),
        _("Status"),
        _("Description"),
        _("Targeted companies"),
        _("Methodology"),
        _("Timing"),
        _("Free of charge"),
        _("Member price (€)"),
        _("Non-member price (€)"),
        _("Price per"),
        _("Owner"),
        _("Deliveries in the last 12 months"),
        _("Participants reached in the last 12 months"),
        _("Fees invoiced in the last 12 months (€)"),
        _("Average rating in the last 12 months"),
        _("Last delivery"),
    ]
    yes, no = _("yes"), _("no")
    rows = []
    for service in services:
        item = figures.get(service.pk, ServiceFigures())
        rows.append(
            [
                service.code,
                service.name,
                "; ".join(link.get_area_display() for link in service.area_links.all()),
                service.get_status_display(),
                service.description,
                service.targeted_companies,
                service.methodology,
                service.timing,
                yes if service.free else no,
                _money(service.member_price),
                _money(service.non_member_price),
                service.price_unit,
                service.owner.full_name if service.owner else "",
                item.deliveries_12m,
                item.participants_12m,
                item.fees_12m,
                "" if item.rating is None else round(item.rating, 2),
                item.last_delivery or "",
            ]
        )
    return [str(header) for header in headers], rows


def delivery_export_rows(
    cluster: Cluster, filters: DeliveryFilters
) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Delivered on"),
        _("Identifier"),
        _("Service"),
        _("Participants"),
        _("Delivered by"),
        _("Outside provider"),
        _("Quantity"),
        _("Unit"),
        _("Fee invoiced (€)"),
        _("Outcome"),
        _("Rating (1–5)"),
    ]
    rows = [
        [
            delivery.delivered_on,
            delivery.service.code,
            delivery.service.name,
            "; ".join(organisation.name for organisation in delivery.participants.all()),
            delivery.delivered_by.full_name if delivery.delivered_by else "",
            delivery.provider,
            _money(delivery.quantity),
            delivery.get_unit_display(),
            delivery.fee_invoiced,
            delivery.outcome,
            "" if delivery.rating is None else delivery.rating,
        ]
        for delivery in with_details(delivery_search(cluster, filters), cluster).iterator(
            chunk_size=2000
        )
    ]
    return [str(header) for header in headers], rows
