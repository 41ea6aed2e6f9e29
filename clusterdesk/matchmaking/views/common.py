"""What the matchmaking pages share: who may see and change which participant's profile.

The management team and the board read every participant of the cluster, the team edits
them; a member representative reads and edits their own organisation only: every other
participant is a 404 to them (as in the API). Another cluster's users get 404 everywhere
(TenantMiddleware)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES
from clusterdesk.tenancy.models import Role

from ..models import Listing, Match

ALL_ROLES = (*READ_ROLES, Role.MEMBER)
WRITE_ROLES = (*EDIT_ROLES, Role.MEMBER)


def is_member(request: HttpRequest) -> bool:
    return request.membership.role == Role.MEMBER


def represented_id(request: HttpRequest) -> int | None:
    return request.membership.organisation_id if is_member(request) else None


def organisation_of(request: HttpRequest, pk: int) -> Organisation:
    """A participant of the request's cluster the user may see (404 otherwise)."""
    if is_member(request) and pk != request.membership.organisation_id:
        raise Http404
    return get_object_or_404(
        Organisation.objects.for_cluster(request.cluster).select_related("cluster"), pk=pk
    )


def listing_of(request: HttpRequest, pk: int) -> Listing:
    listing = get_object_or_404(
        Listing.objects.for_cluster(request.cluster).select_related(
            "profile__organisation", "cluster"
        ),
        pk=pk,
    )
    if is_member(request) and listing.profile.organisation_id != request.membership.organisation_id:
        raise Http404
    return listing


def match_of(request: HttpRequest, pk: int) -> Match:
    match = get_object_or_404(
        Match.objects.for_cluster(request.cluster).select_related(
            "cluster",
            "organisation",
            "partner__cluster",
            "partner__match_profile",
            "listing",
            "partner_listing",
        ),
        pk=pk,
    )
    own = represented_id(request)
    if own is not None and own not in (match.organisation_id, match.partner_id):
        raise Http404
    return match


def can_write(request: HttpRequest) -> bool:
    """May change profiles, offers and follow-ups (of their own organisation, for a member)."""
    return request.membership.role in WRITE_ROLES


def url(name: str, request: HttpRequest, *args: object) -> str:
    return reverse(f"matchmaking:{name}", args=[request.cluster.slug, *args])
