"""Follow-ups: the cluster's matches by stage, and one match's page with its steps."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import form_page
from clusterdesk.tenancy.access import role_required

from .. import queries, services
from ..forms import MatchFilterForm, OutcomeForm
from ..reason_texts import reason_sentences
from .common import ALL_ROLES, can_write, match_of, represented_id, url


@role_required(*ALL_ROLES)
def match_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = MatchFilterForm(request.GET or None)
    stage = form.cleaned_data.get("stage", "") if form.is_valid() else ""
    rows = queries.match_search(
        request.cluster, stage=stage, organisation_id=represented_id(request)
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/matches.html",
        {
            "form": form,
            "page_obj": page,
            "rows": queries.named_matches(request.cluster, page),
            "query": request.GET.urlencode(),
        },
    )


@role_required(*ALL_ROLES)
def match_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    match = match_of(request, pk)
    writable = can_write(request)
    form = OutcomeForm(request.POST or None, initial={"date": timezone.localdate()})
    cluster_names = {match.partner.cluster_id: match.partner.cluster.name}
    # The stored reasons and the partner's offer or request name the partner and its texts:
    # once another cluster's partner stops sharing its profile, they are not shown.
    shared = queries.is_shared(request.cluster, match.partner)
    partner_name = queries.shown_name(request.cluster, match.partner)
    context = {
        "match": match,
        "partner_name": partner_name,
        "shared": shared,
        "reasons": reason_sentences(match.reasons or [], cluster_names=cluster_names)
        if shared
        else [],
        "partner_listing": match.partner_listing if shared else None,
        "outcomes": match.outcomes.select_related("recorded_by").order_by("-date", "-id"),
        "can_write": writable,
        "title": f"{match.organisation.name} ↔ {partner_name}",
    }
    if request.method == "POST" and not writable:
        raise PermissionDenied
    return form_page(
        request,
        form,
        save=lambda: services.outcome_record(
            match=match, actor=request.user, data=form.outcome_data()
        ),
        success=_("The step was recorded."),
        next_url=url("match", request, match.pk),
        context=context,
        template="matchmaking/match_detail.html",
    )
