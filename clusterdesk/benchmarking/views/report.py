"""The excellence report: the HTML page and its PDF, in the reader's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation

from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import report as reports
from .readiness import page_status, run_for


@role_required(*READ_ROLES)
def report(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, run, query = run_for(request)
    context = reports.report_context(request.cluster, run)
    context.update({"form": form, "query": query})
    return render(request, "benchmarking/report.html", context, status=page_status(form))


@role_required(*READ_ROLES)
def report_pdf(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, run, _query = run_for(request)
    if form.errors:
        return HttpResponseBadRequest(form.errors["as_of"][0])
    pdf = reports.report_pdf(request.cluster, run, language=translation.get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = reports.report_filename(request.cluster, run)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
