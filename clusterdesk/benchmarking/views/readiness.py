"""The readiness page (the score against the Gold line, the label readiness, every indicator
with its status and data gaps) and each indicator's evidence page, with their downloads."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import EXPORT_TYPES, can_edit, table_download
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import presentation, services, texts
from ..charts import threshold_bar_svg
from ..engine import Assessment, Framework, assessment_from_dict
from ..forms import AsOfForm
from ..frameworks import framework_of
from ..models import Assessment as SavedAssessment

# --------------------------------------------------------------------------- shared by the pages


def as_of_form(request: HttpRequest) -> tuple[AsOfForm, date | None]:
    """The ``?as_of=`` form and its date (None: today, or a date the form refused)."""
    value = request.GET.get("as_of", "").strip()
    if not value:
        return AsOfForm(), None
    form = AsOfForm({"as_of": value})
    return form, form.cleaned_data["as_of"] if form.is_valid() else None


def as_of_query(as_of: date | None) -> str:
    return urlencode({"as_of": as_of.isoformat()}) if as_of else ""


def run_for(
    request: HttpRequest, *, evidence: bool | Collection[str] = False
) -> tuple[AsOfForm, services.Run, str]:
    """The assessment a page shows: as of ``?as_of=`` when it is a good date, else today (the
    form then says what is wrong with the date). Also the query that keeps the date in links.
    Pages of figures ask for no evidence lists; an evidence page for its indicator's only."""
    form, as_of = as_of_form(request)
    run = services.assessment_run(cluster=request.cluster, as_of=as_of, evidence=evidence)
    return form, run, as_of_query(as_of)


def page_status(form: AsOfForm) -> int:
    return 400 if form.errors else 200


def snapshot_or_404(request: HttpRequest, pk: Any) -> SavedAssessment:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(
        SavedAssessment.objects.for_cluster(request.cluster).select_related(
            "framework", "created_by"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class Source:
    """Where a page's assessment comes from: computed now (as of a date) or a saved one."""

    assessment: Assessment
    framework: Framework
    form: AsOfForm
    query: str
    saved: SavedAssessment | None = None


def source_for(request: HttpRequest, indicator_id: str) -> Source:
    if "snapshot" in request.GET:
        saved = snapshot_or_404(request, request.GET["snapshot"])
        return Source(
            assessment_from_dict(saved.result),
            framework_of(saved.framework),
            AsOfForm(),
            urlencode({"snapshot": saved.pk}),
            saved,
        )
    form, run, query = run_for(request, evidence={indicator_id})
    return Source(run.assessment, run.framework, form, query)


# --------------------------------------------------------------------------- readiness


@role_required(*READ_ROLES)
def readiness(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, run, query = run_for(request)
    context = presentation.readiness_context(
        request.cluster, run.framework, run.assessment, query=query
    )
    context.update(
        {
            "form": form,
            "query": query,
            "version": run.version,
            "can_edit": can_edit(request),
            "is_today": not query,
        }
    )
    return render(request, "benchmarking/readiness.html", context, status=page_status(form))


@role_required(*READ_ROLES)
def readiness_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    if file_format not in EXPORT_TYPES:
        raise Http404
    form, as_of = as_of_form(request)
    if form.errors:
        return HttpResponseBadRequest(form.errors["as_of"][0])
    run = services.assessment_run(cluster=request.cluster, as_of=as_of, evidence=False)
    return table_download(
        request,
        file_format,
        f"excellence-{run.assessment.as_of.isoformat()}",
        lambda: write_table(*presentation.export_table(run.framework, run.assessment), file_format),
    )


# --------------------------------------------------------------------------- evidence


def _result(source: Source, indicator_id: str) -> tuple[Any, Any]:
    try:
        return source.framework.indicator(indicator_id), source.assessment.indicator(indicator_id)
    except KeyError:
        raise Http404 from None


def _page_number(request: HttpRequest, key: str) -> str | int:
    return request.GET.get("page", 1) if request.GET.get("group") == key else 1


def _threshold_bar(indicator: Any, result: Any) -> str:
    clause = indicator.met.value_clause
    if clause is None:
        return ""
    if indicator.unit == "share":
        top = 1.0
    elif indicator.unit == "points" and indicator.out_of:
        top = float(indicator.out_of)
    else:
        top = max(result.value or 0.0, clause.threshold) * 1.25 or 1.0
    value_text = texts.format_value(indicator, result.value)
    threshold_text = texts.format_condition(indicator, indicator.met)
    return threshold_bar_svg(
        result.value,
        clause.threshold,
        top=top,
        status=result.status,
        title=_("Value against the threshold"),
        description=_("Value %(value)s; met when %(threshold)s.")
        % {"value": value_text, "threshold": threshold_text},
        threshold_label=threshold_text,
    )


@role_required(*READ_ROLES)
def indicator(request: HttpRequest, cluster_slug: str, indicator_id: str) -> HttpResponse:
    source = source_for(request, indicator_id)
    definition, result = _result(source, indicator_id)
    row = presentation.indicator_row(cluster_slug, source.framework, result, query=source.query)
    groups = []
    base = f"{source.query}&" if source.query else ""
    for group in result.evidence:
        page = Paginator(group.items, presentation.EVIDENCE_PAGE_SIZE).get_page(
            _page_number(request, group.key)
        )
        rows = [presentation.evidence_row(cluster_slug, item) for item in page]
        groups.append(
            {
                "key": group.key,
                "title": texts.evidence_title(group.key),
                "counted": group.counted,
                "count": len(group.items),
                "page": page,
                "rows": rows,
                "query": f"{base}group={group.key}",
                # Columns no row of the page fills are left out.
                "dates": any(row.on for row in rows),
                "numbers": any(row.number for row in rows),
                "notes": any(row.note for row in rows),
            }
        )
    return render(
        request,
        "benchmarking/indicator.html",
        {
            "indicator": definition,
            "row": row,
            "result": result,
            "groups": groups,
            "assessment": source.assessment,
            "saved": source.saved,
            "form": source.form,
            "query": source.query,
            "chart": _threshold_bar(definition, result),
        },
        status=page_status(source.form),
    )


@role_required(*READ_ROLES)
def indicator_export(
    request: HttpRequest, cluster_slug: str, indicator_id: str, file_format: str
) -> HttpResponse:
    if file_format not in EXPORT_TYPES:
        raise Http404
    source = source_for(request, indicator_id)
    if source.form.errors:
        return HttpResponseBadRequest(source.form.errors["as_of"][0])
    _definition, result = _result(source, indicator_id)
    return table_download(
        request,
        file_format,
        f"excellence-{indicator_id}-{source.assessment.as_of.isoformat()}",
        lambda: write_table(*presentation.evidence_table(result), file_format),
    )
