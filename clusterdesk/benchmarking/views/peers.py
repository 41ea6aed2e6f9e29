"""Peer portfolios (aggregates only) and the anonymous reference files that feed them: upload,
preview, apply whole, delete."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import references as reference_files
from .. import services
from ..engine import Framework, Quartiles
from ..frameworks import active_framework
from ..models import ReferenceSet
from ..peers import (
    INSTALLATION,
    POOLS,
    Portfolio,
    peer_portfolios,
    quarter_label,
    quartile_strip_svg,
    stat_text,
)
from ..references import (
    ReferenceFileError,
    reference_read,
    reference_upload,
    reference_upload_apply,
    reference_upload_discard,
    reference_upload_save,
)
from ..texts import indicator_texts

QUARTER_BADGES = {1: "bad", 2: "warn", 3: "ok", 4: "excellent"}


def _peers_url(cluster_slug: str) -> str:
    return reverse("benchmarking:peers", kwargs={"cluster_slug": cluster_slug})


def _percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{number_format(round(value * 100), decimal_pos=0)} %"


def _score_summary(portfolio: Portfolio, own_score: float) -> dict[str, Any]:
    stats = portfolio.score
    return {
        "key": portfolio.key,
        "label": portfolio.label,
        "shown": portfolio.shown,
        "count": portfolio.count if portfolio.shown else None,
        "stats": (
            {"q1": _percent(stats.q1), "median": _percent(stats.median), "q3": _percent(stats.q3)}
            if stats
            else None
        ),
        "own": _percent(own_score),
        "quarter": portfolio.score_position,
        "quarter_label": quarter_label(portfolio.score_position),
        "badge": QUARTER_BADGES.get(portfolio.score_position or 0, "unknown"),
    }


def _indicator_rows(
    portfolio: Portfolio, framework: Framework, run: services.Run
) -> list[dict[str, Any]]:
    rows = []
    for indicator in framework.indicators:
        peer = portfolio.indicator(indicator.id)
        stats: Quartiles | None = peer.stats if peer else None
        quarter = peer.position if peer else None
        own = run.assessment.indicator(indicator.id).value
        rows.append(
            {
                "id": indicator.id,
                "name": indicator_texts(indicator)["name"],
                "own": stat_text(indicator, own),
                "stats": (
                    {
                        "q1": stat_text(indicator, stats.q1),
                        "median": stat_text(indicator, stats.median),
                        "q3": stat_text(indicator, stats.q3),
                    }
                    if stats
                    else None
                ),
                "quarter": quarter,
                "quarter_label": quarter_label(quarter),
                "badge": QUARTER_BADGES.get(quarter or 0, "unknown"),
                "strip": (
                    mark_safe(quartile_strip_svg(indicator, stats, own, quarter)) if stats else ""
                ),
            }
        )
    return rows


@role_required(*READ_ROLES)
def peers(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster = request.cluster
    run = services.assessment_run(cluster=cluster, evidence=False)
    pool = request.GET.get("pool", INSTALLATION)
    if pool not in POOLS:
        pool = INSTALLATION
    portfolios = peer_portfolios(cluster, run.framework, run.assessment, pool)
    shown = [portfolio for portfolio in portfolios if portfolio.shown]
    selected = next(
        (item for item in shown if item.key == request.GET.get("portfolio")),
        next((item for item in shown if item.key == "all"), shown[0] if shown else None),
    )
    files = list(
        ReferenceSet.objects.visible_to(cluster).order_by("cluster_id", "-imported_at", "-id")
    )
    return render(
        request,
        "benchmarking/peers.html",
        {
            "pool": pool,
            "pools": [(key, str(label)) for key, label in POOLS.items()],
            "summaries": [_score_summary(item, run.assessment.score) for item in portfolios],
            "selected": _score_summary(selected, run.assessment.score) if selected else None,
            "rows": _indicator_rows(selected, run.framework, run) if selected else [],
            "minimum": run.framework.labels.peer_minimum,
            "own_score": _percent(run.assessment.score),
            "as_of": run.assessment.as_of,
            "files": files,
            "has_own_files": any(item.cluster_id == cluster.pk for item in files),
            "can_edit": can_edit(request),
        },
    )


# --------------------------------------------------------------------------- reference files


class ReferenceUploadForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        help_text=gettext_lazy("How the file is listed, e.g. “National cluster survey 2025”."),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Where the figures come from, e.g. the programme behind them."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or Excel (.xlsx), one row per cluster."),
    )


@role_required(*EDIT_ROLES)
def references(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = ReferenceUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = reference_upload_save(
                cluster=request.cluster,
                upload=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            return redirect(
                "benchmarking:reference_preview", cluster_slug=cluster_slug, token=token
            )
    _version, framework = active_framework()
    return render(
        request,
        "benchmarking/references.html",
        {
            "form": form,
            "indicators": [
                (indicator.id, indicator_texts(indicator)["name"], indicator.unit)
                for indicator in framework.indicators
            ],
            "framework": framework,
        },
    )


@role_required(*EDIT_ROLES)
def reference_preview(request: HttpRequest, cluster_slug: str, token: str) -> HttpResponse:
    """The preview of a waiting upload; posting to it abandons the upload."""
    upload = reference_upload(cluster=request.cluster, token=token)
    if upload is None:
        raise Http404
    if request.method == "POST":
        reference_upload_discard(cluster=request.cluster, token=token)
        messages.info(request, _("The file was set aside; nothing was imported."))
        return redirect(_peers_url(cluster_slug))
    _version, framework = active_framework()
    preview = reference_read(upload.content, upload.original_name, framework)
    return render(
        request,
        "benchmarking/references_preview.html",
        {"upload": upload, "preview": preview, "token": token},
    )


@role_required(*EDIT_ROLES)
@require_POST
def reference_apply(request: HttpRequest, cluster_slug: str, token: str) -> HttpResponse:
    if reference_upload(cluster=request.cluster, token=token) is None:
        raise Http404
    try:
        reference_set = reference_upload_apply(
            cluster=request.cluster, actor=request.user, token=token
        )
    except ReferenceFileError as error:
        messages.error(request, error.message)
        return redirect("benchmarking:reference_preview", cluster_slug=cluster_slug, token=token)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(_peers_url(cluster_slug))
    messages.success(
        request,
        ngettext(
            "“%(name)s” was imported: %(count)s cluster.",
            "“%(name)s” was imported: %(count)s clusters.",
            reference_set.rows,
        )
        % {"name": reference_set.name, "count": reference_set.rows},
    )
    return redirect(f"{_peers_url(cluster_slug)}?pool=own")


@role_required(*EDIT_ROLES)
def reference_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Only the cluster's own files: a shared one is the operator's, and is a 404 here."""
    reference_set = get_object_or_404(ReferenceSet.objects.for_cluster(request.cluster), pk=pk)
    return confirm_delete(
        request,
        reference_set,
        delete=lambda: reference_files.reference_delete(
            reference_set=reference_set, actor=request.user
        ),
        success=_("%(name)s was deleted.") % {"name": reference_set.name},
        next_url=_peers_url(cluster_slug),
        consequence=_("Its clusters leave your peer portfolios."),
    )
