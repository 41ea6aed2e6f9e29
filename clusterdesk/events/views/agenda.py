"""Personal B2B agendas: the organiser's view of anyone's agenda (a member representative sees
those of their organisation's people only), the person's own page by their registration token,
each as a page, a PDF and an .ics file; and every agenda of the day in one PDF."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from clusterdesk.tenancy.access import READ_ROLES, role_required
from clusterdesk.tenancy.models import Role

from ..agenda import agendas_for, meeting_components
from ..calendars import calendar_bytes
from ..models import Event, Registration, RegistrationStatus
from ..pdf import agendas_pdf, download
from ..services.scheduling import meeting_participants
from .schedule import event_of

AGENDA_ROLES = (*READ_ROLES, Role.MEMBER)


def _registration_of(request: HttpRequest, event: Event, pk: int) -> Registration:
    rows = (
        Registration.objects.for_cluster(request.cluster)
        .filter(event=event)
        .select_related("contact", "organisation", "event", "cluster")
    )
    if request.membership.role == Role.MEMBER:
        rows = rows.filter(organisation_id=request.membership.organisation_id)
    return get_object_or_404(rows, pk=pk)


def _by_token(token: str) -> Registration:
    registration = (
        Registration.objects.select_related("contact", "organisation", "event__cluster", "cluster")
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(token=token, event__has_meetings=True)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def _language(request: HttpRequest, registration: Registration) -> str:
    return registration.language or request.LANGUAGE_CODE


def _page(request: HttpRequest, registration: Registration, *, public: bool) -> HttpResponse:
    event = registration.event
    with translation.override(_language(request, registration) if public else None):
        return render(
            request,
            "events/meetings/agenda.html",
            {
                "event": event,
                "event_title": event.title_in((translation.get_language() or "en").split("-")[0]),
                "registration": registration,
                "agenda": agendas_for(event, [registration])[0],
                "public": public,
                "nav_section": "events",
            },
        )


def _pdf(request: HttpRequest, registration: Registration) -> HttpResponse:
    data = agendas_pdf(
        registration.event, [registration], language=_language(request, registration)
    )
    return download(data, f"agenda-{registration.event_id}-{registration.pk}.pdf")


def _ics(request: HttpRequest, registration: Registration) -> HttpResponse:
    language = _language(request, registration)
    with translation.override(language):
        data = calendar_bytes(
            meeting_components([registration], language=language),
            name=registration.event.title_in(language),
        )
    return download(data, f"agenda-{registration.event_id}-{registration.pk}.ics")


@role_required(*AGENDA_ROLES)
def agenda(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    registration = _registration_of(request, event_of(request, event_pk), pk)
    return _page(request, registration, public=False)


@role_required(*AGENDA_ROLES)
def agenda_pdf(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    return _pdf(request, _registration_of(request, event_of(request, event_pk), pk))


@role_required(*AGENDA_ROLES)
def agenda_ics(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    return _ics(request, _registration_of(request, event_of(request, event_pk), pk))


@role_required(*READ_ROLES)
def agendas_all_pdf(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    """Every participant's agenda, one page each, in the reader's language."""
    event = event_of(request, event_pk)
    data = agendas_pdf(event, meeting_participants(event), language=request.LANGUAGE_CODE)
    return download(data, f"agendas-{event.pk}.pdf")


def public_agenda(request: HttpRequest, token: str) -> HttpResponse:
    return _page(request, _by_token(token), public=True)


def public_agenda_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf(request, _by_token(token))


def public_agenda_ics(request: HttpRequest, token: str) -> HttpResponse:
    return _ics(request, _by_token(token))
