"""Recommended partners for a participant or for one of its offers or requests, with the
reasons in the reader's language, and "Follow up", which records the match."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import role_required

from .. import queries, services
from ..forms import FollowUpForm, RecommendationFilterForm
from ..index_store import index_for
from ..models import Listing, Match
from ..recommendations import (
    PartnerSuggestion,
    recommendations_for_listing,
    recommendations_for_organisation,
)
from .common import ALL_ROLES, WRITE_ROLES, can_write, listing_of, organisation_of, url

LIMIT = 15


def _followed(request: HttpRequest, organisation: Organisation) -> dict[int, int]:
    """partner id → match id, for the pairs already followed up."""
    followed = {}
    for match in (
        Match.objects.for_cluster(request.cluster)
        .filter(organisation=organisation)
        .only("id", "partner_id")
    ):
        followed[match.partner_id] = match.pk
    for match in (
        Match.objects.for_cluster(request.cluster)
        .filter(partner=organisation)
        .only("id", "organisation_id")
    ):
        followed[match.organisation_id] = match.pk
    return followed


def _page(
    request: HttpRequest,
    organisation: Organisation,
    suggestions: list[PartnerSuggestion],
    form: RecommendationFilterForm,
    listing: Listing | None = None,
) -> HttpResponse:
    state = index_for(request.cluster)
    followed = _followed(request, organisation)
    return render(
        request,
        "matchmaking/recommendations.html",
        {
            "organisation": organisation,
            "listing": listing,
            "has_profile": queries.profile_of(organisation) is not None,
            "rows": [(item, followed.get(item.partner.pk)) for item in suggestions],
            "form": form,
            "refreshing": state.refreshing,
            "preparing": state.refreshing and state.index is None,
            "can_write": can_write(request),
        },
    )


@role_required(*ALL_ROLES)
def organisation_recommendations(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_of(request, pk)
    form = RecommendationFilterForm(request.GET or None)
    suggestions = recommendations_for_organisation(
        cluster=request.cluster, organisation=organisation, limit=LIMIT, **form.filters()
    )
    return _page(request, organisation, suggestions, form)


@role_required(*ALL_ROLES)
def listing_recommendations(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    listing = listing_of(request, pk)
    form = RecommendationFilterForm(request.GET or None)
    suggestions = recommendations_for_listing(
        cluster=request.cluster, listing=listing, limit=LIMIT, **form.filters()
    )
    organisation = listing.profile.organisation
    return _page(request, organisation, suggestions, form, listing=listing)


def _listing_or_none(pk: int | None) -> Listing | None:
    if pk is None:
        return None
    return Listing.objects.select_related("profile").filter(pk=pk).first()


@require_POST
@role_required(*WRITE_ROLES)
def follow_up(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Record a recommended pair as a match, then show its page to add the first step."""
    organisation = organisation_of(request, pk)
    form = FollowUpForm(request.POST)
    back = url("recommendations", request, organisation.pk)
    if not form.is_valid():
        messages.error(request, _("Choose a partner among the recommendations."))
        return redirect(back)
    partner = (
        Organisation.objects.select_related("cluster")
        .filter(pk=form.cleaned_data["partner"])
        .first()
    )
    try:
        if partner is None:
            raise DomainError(_("Choose a partner among the recommendations."), field="partner")
        match = services.match_create(
            cluster=request.cluster,
            actor=request.user,
            organisation=organisation,
            partner=partner,
            listing=_listing_or_none(form.cleaned_data.get("listing")),
            partner_listing=_listing_or_none(form.cleaned_data.get("partner_listing")),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("The follow-up was started: record each step as it happens."))
    return redirect(url("match", request, match.pk))
