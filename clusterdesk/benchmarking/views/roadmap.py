"""The roadmap: the indicators that are short, ordered by what gains most score for least
effort, each with the guide's recommendation and a suggested target; one click turns an item
into an action of the implementation plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import can_edit
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import presentation, services
from ..forms import RoadmapActionForm
from ..frameworks import active_framework
from ..targets import percent
from .readiness import page_status, run_for


@role_required(*READ_ROLES)
def roadmap(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, run, query = run_for(request)
    rows = presentation.roadmap_rows(cluster_slug, run.framework, run.assessment)
    total = sum(row.item.gain for row in rows)
    return render(
        request,
        "benchmarking/roadmap.html",
        {
            "form": form,
            "query": query,
            "assessment": run.assessment,
            "rows": rows,
            "score": percent(run.assessment.score),
            "reachable": percent(min(run.assessment.score + total, 1.0)),
            "gold_score": percent(run.framework.labels.gold_score),
            "year": timezone.localdate().year,
            "can_edit": can_edit(request),
        },
        status=page_status(form),
    )


@role_required(*EDIT_ROLES)
@require_POST
def roadmap_action(request: HttpRequest, cluster_slug: str, indicator_id: str) -> HttpResponse:
    _version, framework = active_framework()
    try:
        indicator = framework.indicator(indicator_id)
    except KeyError:
        raise Http404 from None
    form = RoadmapActionForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {errors[0]}" if label else errors[0])
        return redirect("benchmarking:roadmap", cluster_slug=cluster_slug)
    data = form.cleaned_data
    try:
        action = services.roadmap_action_create(
            cluster=request.cluster,
            actor=request.user,
            framework=framework,
            indicator_id=indicator.id,
            title=data["title"],
            target_value=data["target_value"],
            unit=data["unit"],
            year=data["year"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("benchmarking:roadmap", cluster_slug=cluster_slug)
    messages.success(
        request,
        _("“%(title)s” was added to the %(year)s implementation plan.")
        % {"title": action.title, "year": action.year},
    )
    return redirect("engagement:strategy_plan", cluster_slug=cluster_slug, year=action.year)
