"""Pages without an account: a public event's page with its registration form, the thank-you
page, and each registered person's own page by their token (their registration, calendar file,
cancellation and, on a B2B day, links to their meetings). A members-only or unpublished event
has no public page (404)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation

from clusterdesk.engagement.views.common import apply_error
from clusterdesk.lib.errors import DomainError

from .. import services
from ..emails import meeting_links
from ..forms import GuestForm
from ..models import Event, EventStatus, Registration, RegistrationStatus, Visibility
from .feeds import ics_response


def _language(request: HttpRequest) -> str:
    return (translation.get_language() or "en").split("-")[0]


def public_event(request: HttpRequest, cluster: str, token: str) -> HttpResponse:
    # ``cluster``, not ``cluster_slug``: the tenancy middleware asks members to sign in for
    # any view taking a cluster_slug, and this page is for anyone.
    event = get_object_or_404(
        Event.objects.select_related("cluster"),
        cluster__slug=cluster,
        token=token,
        visibility=Visibility.PUBLIC,
        status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
    )
    language = _language(request)
    closed_reason = services.registration_closed_reason(event)
    form = GuestForm(request.POST or None, initial={"language": language})
    if request.method == "POST" and not closed_reason and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                actor=None,
                guest=services.Guest(
                    name=data["name"],
                    email=data["email"],
                    organisation=data.get("organisation") or "",
                    language=data["language"],
                ),
                source="public",
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            return redirect("events_public:thanks", registration.token)
    return render(
        request,
        "events/public/event.html",
        {
            "event": event,
            "title": event.title_in(language),
            "description": event.description_in(language),
            "form": form,
            "closed_reason": closed_reason,
            "full": event.capacity is not None
            and services.confirmed_count(event) >= event.capacity,
        },
    )


def _registration(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "event__cluster", "contact", "organisation"),
        token=token,
    )


def _page(
    request: HttpRequest, registration: Registration, template: str, error: str = ""
) -> HttpResponse:
    language = _language(request)
    event = registration.event
    # A contact's own feed (all their events and meetings) only on the page of a registration
    # the team or their representative made for them, never on one typed as a guest: anyone
    # may type an address.
    feed = (
        services.contact_feed(contact=registration.contact)
        if registration.contact_id and not registration.guest_name
        else None
    )
    return render(
        request,
        template,
        {
            "registration": registration,
            "event": event,
            "title": event.title_in(language),
            "description": event.description_in(language),
            "feed": feed,
            "meeting_links": meeting_links(registration)
            if registration.status == RegistrationStatus.CONFIRMED
            else {},
            "can_cancel": registration.status != RegistrationStatus.CANCELLED
            and registration.checked_in_at is None
            and event.status != EventStatus.CANCELLED,
            "error": error,
            "just_cancelled": request.GET.get("cancelled") == "1",
        },
    )


def registration_thanks(request: HttpRequest, token: str) -> HttpResponse:
    return _page(request, _registration(token), "events/public/thanks.html")


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    return _page(request, _registration(token), "events/public/registration.html")


def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    if request.method != "POST":
        return _page(request, registration, "events/public/cancel.html")
    try:
        services.registration_cancel(registration=registration, actor=None, source="public")
    except DomainError as error:
        return _page(request, registration, "events/public/cancel.html", error.message)
    return redirect(reverse("events_public:registration", args=[token]) + "?cancelled=1")


def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    if registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    return ics_response(
        services.registration_calendar(registration), f"event-{registration.event_id}"
    )
