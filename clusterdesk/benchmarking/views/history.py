"""Saved assessments (dated snapshots): the history of the score and each area, one saved
snapshot's readiness as it was, and two snapshots compared (the Silver rule needs three areas
improved against an assessment 18 to 24 months earlier)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import presentation, services, texts
from ..comparison import comparison as compare_assessments
from ..engine import assessment_from_dict
from ..forms import SnapshotForm
from ..frameworks import active_framework, framework_of
from ..models import Assessment as SavedAssessment
from ..targets import percent
from .readiness import snapshot_or_404

HISTORY_PAGE_SIZE = 50


def _history_url(cluster_slug: str) -> str:
    return reverse("benchmarking:history", kwargs={"cluster_slug": cluster_slug})


def _snapshots(request: HttpRequest) -> Any:
    """The cluster's snapshots without their (possibly large) full result."""
    return (
        SavedAssessment.objects.for_cluster(request.cluster)
        .select_related("created_by", "framework")
        .defer("result", "values", "statuses")
    )


def _history_page(request: HttpRequest, form: SnapshotForm, *, status: int = 200) -> HttpResponse:
    snapshots = _snapshots(request)
    _version, framework = active_framework()
    oldest_first = list(snapshots.order_by("as_of", "id"))
    page = Paginator(snapshots, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "benchmarking/history.html",
        {
            "form": form,
            "page": page,
            "snapshots": [
                {
                    "saved": saved,
                    "score": percent(saved.score),
                    "level": texts.level_label(saved.level),
                }
                for saved in page
            ],
            "choices": list(reversed(oldest_first)),
            "chart": presentation.history_chart(framework, oldest_first) if oldest_first else "",
            "can_edit": can_edit(request),
            "silver_areas": framework.labels.silver_areas_improved,
            "silver_window": framework.labels.silver_window_months,
        },
        status=status,
    )


@role_required(*READ_ROLES)
def history(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    return _history_page(request, SnapshotForm())


@role_required(*EDIT_ROLES)
@require_POST
def snapshot_save(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = SnapshotForm(request.POST)
    if form.is_valid():
        try:
            saved = services.assessment_save(
                cluster=request.cluster,
                actor=request.user,
                as_of=form.cleaned_data["as_of"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                _("The assessment of %(date)s was saved: score %(score)s.")
                % {
                    "date": date_format(saved.as_of),
                    "score": percent(saved.score),
                },
            )
            return redirect("benchmarking:snapshot", cluster_slug=cluster_slug, pk=saved.pk)
    return _history_page(request, form, status=400)


@role_required(*READ_ROLES)
def snapshot(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    saved = snapshot_or_404(request, pk)
    framework = framework_of(saved.framework)
    assessment = assessment_from_dict(saved.result)
    context = presentation.readiness_context(
        request.cluster, framework, assessment, query=f"snapshot={saved.pk}"
    )
    context.update({"saved": saved, "can_edit": can_edit(request), "version": saved.framework})
    return render(request, "benchmarking/snapshot.html", context)


@role_required(*EDIT_ROLES)
def snapshot_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    saved = snapshot_or_404(request, pk)
    name = _("the snapshot of %(date)s (score %(score)s)") % {
        "date": date_format(saved.as_of),
        "score": percent(saved.score),
    }
    return confirm_delete(
        request,
        name,
        delete=lambda: services.assessment_delete(saved=saved, actor=request.user),
        success=_("The snapshot was deleted."),
        next_url=_history_url(cluster_slug),
        consequence=_(
            "The Silver rule compares with saved snapshots: without this one, an assessment "
            "18 to 24 months later has one fewer to compare with."
        ),
    )


@role_required(*READ_ROLES)
def compare(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    choices = list(_snapshots(request))
    if not request.GET.get("a") or not request.GET.get("b"):
        return render(
            request,
            "benchmarking/compare.html",
            {"choices": choices, "comparison": None},
        )
    first, second = (
        snapshot_or_404(request, request.GET["a"]),
        snapshot_or_404(request, request.GET["b"]),
    )
    if first.pk == second.pk:
        return render(
            request,
            "benchmarking/compare.html",
            {
                "choices": choices,
                "comparison": None,
                "error": _("Choose two different snapshots."),
            },
            status=400,
        )
    earlier, later = sorted((first, second), key=lambda saved: (saved.as_of, saved.pk))
    framework = framework_of(later.framework)
    before, after = assessment_from_dict(earlier.result), assessment_from_dict(later.result)
    comparison = compare_assessments(cluster_slug, framework, before, after)
    return render(
        request,
        "benchmarking/compare.html",
        {
            "choices": choices,
            "earlier": earlier,
            "later": later,
            "earlier_score": percent(earlier.score),
            "later_score": percent(later.score),
            "comparison": comparison,
            "radar": presentation.radar(
                framework,
                [(date_format(earlier.as_of), before), (date_format(later.as_of), after)],
                title=_("Score by area, both snapshots"),
            ),
        },
    )
