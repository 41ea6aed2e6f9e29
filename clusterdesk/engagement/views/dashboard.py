"""The cluster's engagement dashboard: who the team met, who takes part, and who to call."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.lib.charts import PALETTE
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import queries
from ..charts import Series, column_chart_svg


@role_required(*READ_ROLES)
def dashboard(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    figures = queries.dashboard(request.cluster, today=today)
    months = [date_format(month.month, "M") for month in figures.months]
    contacts_chart = column_chart_svg(
        months,
        [Series(_("Personal contacts"), [month.contacts for month in figures.months])],
        title=_("Personal contacts by month, %(year)s") % {"year": today.year},
        chart_id="contacts-by-month",
        future_from=today.month,
    )
    activities_chart = column_chart_svg(
        months,
        [Series(_("Activities"), [month.activities for month in figures.months], PALETTE[1])],
        title=_("Activities by month, %(year)s") % {"year": today.year},
        chart_id="activities-by-month",
        future_from=today.month,
    )
    return render(
        request,
        "engagement/dashboard.html",
        {
            "figures": figures,
            "period": queries.last_12_months(today),
            "contacts_chart": mark_safe(contacts_chart),  # built from escaped parts
            "activities_chart": mark_safe(activities_chart),
        },
    )
