"""What the event pages share: the records of the request's cluster (404 for any other), who
may do what, and a service's refusal shown as a message."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.models import Role

from ..models import Event, EventStatus, Registration

ALL_ROLES = (*EDIT_ROLES, Role.BOARD, Role.MEMBER)
REGISTER_ROLES = (*EDIT_ROLES, Role.MEMBER)


def is_team(request: HttpRequest) -> bool:
    return request.membership.role in EDIT_ROLES


def represented(request: HttpRequest) -> Organisation | None:
    """The organisation a member representative speaks for; None for the other roles."""
    if request.membership.role == Role.MEMBER:
        return request.membership.organisation
    return None


def event_of(request: HttpRequest, pk: int) -> Event:
    """The cluster's event; a member representative sees published (and cancelled) ones only."""
    event = get_object_or_404(
        Event.objects.for_cluster(request.cluster).select_related("cluster", "activity"), pk=pk
    )
    if represented(request) is not None and event.status == EventStatus.DRAFT:
        raise Http404
    return event


def registration_of(request: HttpRequest, event: Event, pk: int) -> Registration:
    rows = Registration.objects.for_cluster(request.cluster).filter(event=event)
    organisation = represented(request)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return get_object_or_404(
        rows.select_related("event", "event__cluster", "contact", "organisation", "cluster"),
        pk=pk,
    )


def url(name: str, request: HttpRequest, *args: object) -> str:
    return reverse(f"events:{name}", args=[request.cluster.slug, *args])
