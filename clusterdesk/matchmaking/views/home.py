"""The matchmaking home: figures for the management team and the board; a member
representative's own profile, offers and requests and best partners."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.lib.charts import Bar, bar_chart_svg
from clusterdesk.tenancy.access import role_required

from .. import index_store, queries
from ..recommendations import recommendations_for_organisation
from .common import ALL_ROLES, can_write, is_member

MEMBER_SUGGESTIONS = 5


@role_required(*ALL_ROLES)
def home(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    if is_member(request):
        organisation = request.membership.organisation
        profile = queries.profile_of(organisation) if organisation else None
        return render(
            request,
            "matchmaking/home_member.html",
            {
                "organisation": organisation,
                "profile": profile,
                "listings": queries.listings_split(profile, as_of=today),
                "suggestions": recommendations_for_organisation(
                    cluster=request.cluster, organisation=organisation, limit=MEMBER_SUGGESTIONS
                )
                if profile
                else [],
                # (after the recommendations, which build or queue the index as needed)
                "preparing": bool(profile) and index_store.index_being_prepared(request.cluster),
            },
        )
    figures = queries.home_figures(request.cluster, as_of=today)
    chart = bar_chart_svg(
        [Bar(label, count) for label, count in figures.matches_by_stage],
        title=_("Follow-ups by stage"),
    )
    return render(
        request,
        "matchmaking/home.html",
        {"figures": figures, "stage_chart": mark_safe(chart), "can_write": can_write(request)},
    )
