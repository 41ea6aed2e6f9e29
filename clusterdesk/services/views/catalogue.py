"""The catalogue: the services as the guide's portfolio tables describe them, with their
figures; one service's page with its uptake; add, edit, delete and export."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.engagement.charts import Series, column_chart_svg
from clusterdesk.engagement.views.common import can_edit, form_page, table_download
from clusterdesk.lib.charts import PALETTE
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import CatalogueFilterForm, ServiceForm
from ..models import Candidate, Delivery
from .common import service_of, url


@role_required(*READ_ROLES)
def catalogue(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster = request.cluster
    today = timezone.localdate()
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters()
    rows = list(queries.service_search(cluster, filters))
    figures = queries.catalogue_figures(cluster, as_of=today, service_ids=[row.pk for row in rows])
    empty = queries.ServiceFigures()
    return render(
        request,
        "services/catalogue.html",
        {
            "form": form,
            "rows": [(service, figures.get(service.pk, empty)) for service in rows],
            "totals": queries.catalogue_totals(cluster, as_of=today),
            "coverage": queries.coverage_summary(cluster, as_of=today, reach=False),
            "filtered": bool(filters.status or filters.area or filters.q),
            "query": request.GET.urlencode(),
            "can_edit": can_edit(request),
        },
    )


@role_required(*READ_ROLES)
def catalogue_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    filters = CatalogueFilterForm(request.GET or None).filters()
    return table_download(
        request,
        file_format,
        "services",
        lambda: write_table(
            *queries.catalogue_export_rows(request.cluster, filters, as_of=timezone.localdate()),
            file_format,
        ),
    )


@role_required(*READ_ROLES)
def service_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    service = service_of(request, pk)
    today = timezone.localdate()
    uptake = queries.service_uptake(service, as_of=today)
    chart = column_chart_svg(
        [quarter.label.replace(" ", "\n", 1) for quarter in uptake],
        [
            Series(_("Deliveries"), [quarter.deliveries for quarter in uptake]),
            Series(_("Participants"), [quarter.participants for quarter in uptake], PALETTE[1]),
        ],
        title=_("Uptake of %(name)s by quarter") % {"name": service.name},
        chart_id=f"uptake-{service.pk}",
        height=200,
    )
    figures = queries.service_figures(request.cluster, as_of=today, service_ids=[service.pk])
    latest = queries.with_details(
        Delivery.objects.for_cluster(request.cluster).filter(service=service), request.cluster
    ).order_by("-delivered_on", "-id")[:10]
    return render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "areas": [link.get_area_display() for link in service.area_links.all()],
            "figures": figures.get(service.pk, queries.ServiceFigures()),
            "chart": mark_safe(chart),  # built from escaped parts
            "income": queries.service_income_by_year(service),
            "latest": latest,
            "candidates": Candidate.objects.filter(service=service).select_related("design_round"),
            "translations": sorted((service.translations or {}).items()),
            "can_edit": can_edit(request),
        },
    )


def _service_page(request: HttpRequest, title: str, cancel_url: str) -> dict:
    return {
        "title": title,
        "crumbs": [(_("Service portfolio"), url("catalogue", request))],
        "cancel_url": cancel_url,
    }


@role_required(*EDIT_ROLES)
def service_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = ServiceForm(
        request.POST or None,
        cluster=request.cluster,
        initial={"code": services.next_service_code(request.cluster)},
    )
    return form_page(
        request,
        form,
        save=lambda: services.service_create(
            cluster=request.cluster,
            actor=request.user,
            data=form.service_data(),
            areas=form.cleaned_data["areas"],
        ),
        success=lambda service: _("%(name)s was added to the catalogue.") % {"name": service.name},
        next_url=lambda service: url("service_detail", request, service.pk),
        context=_service_page(request, _("Add a service"), url("catalogue", request)),
        template="services/service_form.html",
    )


@role_required(*EDIT_ROLES)
def service_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    service = service_of(request, pk)
    form = ServiceForm(request.POST or None, cluster=request.cluster, instance=service)
    return form_page(
        request,
        form,
        # The form's cleaning wrote onto the instance; the service starts from the stored row.
        save=lambda: services.service_update(
            service=service_of(request, pk),
            actor=request.user,
            data=form.service_data(),
            areas=form.cleaned_data["areas"],
        ),
        success=_("The changes were saved."),
        next_url=url("service_detail", request, pk),
        context=_service_page(
            request,
            _("Edit %(name)s") % {"name": service.name},
            url("service_detail", request, pk),
        ),
        template="services/service_form.html",
    )


@role_required(*EDIT_ROLES)
def service_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Delete a service never delivered; one with deliveries is refused (retire it)."""
    service = service_of(request, pk)
    if request.method == "POST":
        try:
            services.service_delete(service=service, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(url("service_detail", request, pk))
        messages.success(request, _("%(name)s was deleted.") % {"name": service.name})
        return redirect(url("catalogue", request))
    return render(
        request,
        "services/service_confirm_delete.html",
        {
            "object": service,
            "delivered": service.deliveries.count(),
            "cancel_url": url("service_detail", request, pk),
        },
    )
