"""The delivery log: which participants received which service, when, from whom, how much,
the fee invoiced, the outcome and their rating; log, change, delete and export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import (
    can_edit,
    confirm_delete,
    form_page,
    table_download,
)
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import DeliveryFilterForm, DeliveryForm
from ..models import Delivery, Service, ServiceStatus
from .common import delivery_of, url

PAGE_SIZE = 50


@role_required(*READ_ROLES)
def delivery_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster = request.cluster
    form = DeliveryFilterForm(request.GET or None, cluster=cluster)
    filters = form.filters()
    deliveries = queries.delivery_search(cluster, filters)
    totals = deliveries.aggregate(count=Count("pk"), fees=Sum("fee_invoiced"))
    paginator = Paginator(queries.with_details(deliveries, cluster), PAGE_SIZE)
    paginator.count = totals["count"]  # counted with the fees above: no second count
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "services/delivery_list.html",
        {
            "form": form,
            "page": page,
            "totals": totals,
            "filtered": any(
                (filters.service, filters.area, filters.year, filters.q, filters.participant)
            ),
            "query": query.urlencode(),
            "can_edit": can_edit(request),
        },
    )


@role_required(*READ_ROLES)
def delivery_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    filters = DeliveryFilterForm(request.GET or None, cluster=request.cluster).filters()
    return table_download(
        request,
        file_format,
        "service-deliveries",
        lambda: write_table(*queries.delivery_export_rows(request.cluster, filters), file_format),
    )


def _delivery_form(
    request: HttpRequest, form: DeliveryForm, *, title: str, save, success, cancel_url: str
) -> HttpResponse:  # type: ignore[no-untyped-def]
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=url("deliveries", request),
        context={
            "title": title,
            "crumbs": [
                (_("Service portfolio"), url("catalogue", request)),
                (_("Delivery log"), url("deliveries", request)),
            ],
            "chosen": form.chosen_participants(),
            "cancel_url": cancel_url,
            "submit": _("Save the delivery"),
        },
        template="services/delivery_form.html",
    )


def _prefilled(request: HttpRequest) -> dict:
    """``?service=`` and ``?participant=`` of the link that opened the form (from a service's
    or a participant's page), when they are the cluster's."""
    initial: dict = {}
    service = request.GET.get("service", "")
    if service.isdigit():
        found = (
            Service.objects.for_cluster(request.cluster)
            .filter(pk=service)
            .exclude(status__in=(ServiceStatus.IDEA, ServiceStatus.SHORTLISTED))
            .first()
        )
        if found:
            initial["service"] = found.pk
            if found.member_price is not None:
                initial["fee_invoiced"] = found.member_price
    participant = request.GET.get("participant", "")
    if participant.isdigit() and (
        Organisation.objects.for_cluster(request.cluster).filter(pk=participant).exists()
    ):
        initial["participants"] = [int(participant)]
    return initial


@role_required(*EDIT_ROLES)
def delivery_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = DeliveryForm(request.POST or None, cluster=request.cluster, initial=_prefilled(request))
    return _delivery_form(
        request,
        form,
        title=_("Log a delivery"),
        save=lambda: services.delivery_create(
            cluster=request.cluster,
            actor=request.user,
            data=form.delivery_data(),
            participants=form.received_by(),
        ),
        success=lambda delivery: (
            _("The delivery of %(name)s was logged.") % {"name": delivery.service.name}
        ),
        cancel_url=url("deliveries", request),
    )


@role_required(*EDIT_ROLES)
def delivery_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    delivery = delivery_of(request, pk)
    form = DeliveryForm(request.POST or None, cluster=request.cluster, instance=delivery)
    return _delivery_form(
        request,
        form,
        title=_("Edit the delivery of %(name)s") % {"name": delivery.service.name},
        # The form's cleaning wrote onto the instance; the service starts from the stored row.
        save=lambda: services.delivery_update(
            delivery=delivery_of(request, pk),
            actor=request.user,
            data=form.delivery_data(),
            participants=form.received_by(),
        ),
        success=_("The changes were saved."),
        cancel_url=url("deliveries", request),
    )


@role_required(*EDIT_ROLES)
def delivery_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    delivery: Delivery = delivery_of(request, pk)
    consequence = ""
    if delivery.fee_invoiced:
        consequence = _(
            "Its fee of %(fee)s € leaves the service-fee income of %(year)s in the finance records."
        ) % {"fee": delivery.fee_invoiced, "year": delivery.delivered_on.year}
    return confirm_delete(
        request,
        delivery,
        delete=lambda: services.delivery_delete(delivery=delivery, actor=request.user),
        success=_("The delivery was deleted."),
        next_url=url("deliveries", request),
        consequence=consequence,
    )
