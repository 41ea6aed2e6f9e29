"""Coverage of the service areas: the four the guide asks for (indicator D4) and the further
ones, with the areas that had no delivery in the last 12 months shown plainly."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.lib.charts import Bar, bar_chart_svg
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import queries
from ..models import AREA_SHORT_LABELS
from .common import as_of_param


@role_required(*READ_ROLES)
def coverage(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    as_of = as_of_param(request)
    summary = queries.coverage_summary(request.cluster, as_of=as_of)
    chart = bar_chart_svg(
        [Bar(str(AREA_SHORT_LABELS[area.area]), area.participants_12m) for area in summary.areas],
        title=_("Participants reached in the last 12 months, by service area"),
    )
    return render(
        request,
        "services/coverage.html",
        {
            "summary": summary,
            "chart": mark_safe(chart),  # built from escaped parts
            "as_of": as_of,
        },
    )
