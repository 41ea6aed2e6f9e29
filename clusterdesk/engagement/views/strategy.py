"""Strategy documents and the implementation plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.forms.strategy import PlanActionForm, StrategyDocumentForm
from clusterdesk.engagement.models import PlanAction, StrategyDocument
from clusterdesk.engagement.services import strategy
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import can_edit, confirm_delete, file_download, form_page, table_download
from .finance import year_or_404, year_param


def _strategy_url(cluster_slug: str) -> str:
    return reverse("engagement:strategy", kwargs={"cluster_slug": cluster_slug})


def _plan_url(cluster_slug: str, year: int) -> str:
    return reverse("engagement:strategy_plan", kwargs={"cluster_slug": cluster_slug, "year": year})


THRESHOLDS = {
    "d1": strategy.D1_MET_MONTHS,
    "d1_excellent": strategy.D1_EXCELLENT_MONTHS,
    "d2": int(strategy.D2_MET_SHARE * 100),
    "d3": int(strategy.D3_MET_SHARE * 100),
}


@role_required(*READ_ROLES)
def strategy_overview(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    cluster = request.cluster
    documents = StrategyDocument.objects.for_cluster(cluster).order_by("-updated_on", "-id")
    months = strategy.months_since_update(strategy.latest_strategy_update(cluster), today=today)
    years = sorted({*strategy.plan_years(cluster), today.year, today.year + 1}, reverse=True)
    return render(
        request,
        "engagement/strategy/overview.html",
        {
            "documents": documents,
            "months": months,
            "age_status": strategy.strategy_age_status(months),
            "current": strategy.plan_summary(cluster, today.year),
            "last": strategy.plan_summary(cluster, today.year - 1),
            "years": years,
            "today": today,
            "can_edit": can_edit(request),
            "thresholds": THRESHOLDS,
        },
    )


def _document(request: HttpRequest, pk: int) -> StrategyDocument:
    return get_object_or_404(StrategyDocument.objects.for_cluster(request.cluster), pk=pk)


@role_required(*READ_ROLES)
def document_file(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    return file_download(_document(request, pk).document)


def _document_page(request: HttpRequest, title: str) -> dict[str, Any]:
    url = _strategy_url(request.cluster.slug)
    return {
        "title": title,
        "crumbs": [(_("Strategy and plan"), url)],
        "cancel_url": url,
        "multipart": True,
    }


@role_required(*EDIT_ROLES)
def document_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = StrategyDocumentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        save=lambda: strategy.strategy_document_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda document: _("%(title)s was added.") % {"title": document.title},
        next_url=_strategy_url(cluster_slug),
        context=_document_page(request, _("Add a strategy document")),
    )


@role_required(*EDIT_ROLES)
def document_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    document = _document(request, pk)
    form = StrategyDocumentForm(request.POST or None, request.FILES or None, instance=document)
    return form_page(
        request,
        form,
        save=lambda: strategy.strategy_document_update(
            document=_document(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=_strategy_url(cluster_slug),
        context=_document_page(request, _("Edit %(name)s") % {"name": document.title}),
    )


@role_required(*EDIT_ROLES)
def document_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return confirm_delete(
        request,
        document,
        delete=lambda: strategy.strategy_document_delete(document=document, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": document},
        next_url=_strategy_url(cluster_slug),
    )


@role_required(*READ_ROLES)
def plan_year(request: HttpRequest, cluster_slug: str, year: int) -> HttpResponse:
    year = year_or_404(year)
    today = timezone.localdate()
    cluster = request.cluster
    years = sorted({*strategy.plan_years(cluster), today.year, today.year + 1, year}, reverse=True)
    return render(
        request,
        "engagement/strategy/plan.html",
        {
            "year": year,
            "years": years,
            "summary": strategy.plan_summary(cluster, year),
            "actions": strategy.plan_actions(cluster, year),
            "is_past": year < today.year,
            "is_current": year == today.year,
            "can_edit": can_edit(request),
            "thresholds": THRESHOLDS,
        },
    )


@role_required(*READ_ROLES)
def plan_export(
    request: HttpRequest, cluster_slug: str, year: int, file_format: str
) -> HttpResponse:
    year = year_or_404(year)
    return table_download(
        request,
        file_format,
        f"plan-{year}",
        lambda: write_table(*strategy.plan_export_rows(request.cluster, year), file_format),
    )


def _action(request: HttpRequest, pk: int) -> PlanAction:
    return get_object_or_404(PlanAction.objects.for_cluster(request.cluster), pk=pk)


ACTION_FORM = "engagement/strategy/action_form.html"


def _action_page(cluster_slug: str, title: str, year: int) -> dict[str, Any]:
    url = _plan_url(cluster_slug, year)
    return {
        "title": title,
        "crumbs": [(_("Plan %(year)s") % {"year": year}, url)],
        "cancel_url": url,
    }


@role_required(*EDIT_ROLES)
def action_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    form = PlanActionForm(request.POST or None, cluster=request.cluster, initial={"year": year})
    return form_page(
        request,
        form,
        save=lambda: strategy.plan_action_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=_("The action was added to the plan."),
        next_url=lambda action: _plan_url(cluster_slug, action.year),
        context=_action_page(cluster_slug, _("Add an action to the plan"), year),
        template=ACTION_FORM,
    )


@role_required(*EDIT_ROLES)
def action_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    action = _action(request, pk)
    year = action.year
    form = PlanActionForm(request.POST or None, cluster=request.cluster, instance=action)
    return form_page(
        request,
        form,
        save=lambda: strategy.plan_action_update(
            action=_action(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=lambda saved: _plan_url(cluster_slug, saved.year),
        context=_action_page(cluster_slug, _("Edit %(name)s") % {"name": action.title}, year),
        template=ACTION_FORM,
    )


@role_required(*EDIT_ROLES)
def action_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    action = _action(request, pk)
    return confirm_delete(
        request,
        action,
        delete=lambda: strategy.plan_action_delete(action=action, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": action},
        next_url=_plan_url(cluster_slug, action.year),
    )
