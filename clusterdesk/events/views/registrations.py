"""Registering people for an event (the management team any contact, a member representative
their organisation's), cancelling, the check-in page of the day, and a contact's events."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import ContactsForm, WalkInForm
from ..queries import events as event_queries
from .events_common import REGISTER_ROLES, event_of, is_team, registration_of, represented, url

SEARCH_LIMIT = 50
CHECKIN_PAGE_SIZE = 100


def _contact_search(contacts: QuerySet[Contact], query: str) -> QuerySet[Contact]:
    for word in query.split():
        contacts = contacts.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(email__icontains=word)
        )
    return contacts.select_related("organisation").order_by("last_name", "first_name", "pk")


@role_required(*REGISTER_ROLES)
def registrations_add(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    event = event_of(request, pk)
    organisation = represented(request)
    contacts = Contact.objects.for_cluster(request.cluster)
    if organisation is not None:
        contacts = contacts.filter(organisation=organisation)
    form = ContactsForm(
        request.POST or None, contacts=contacts, event=event, allow_roles=is_team(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            made, already = services.registrations_add(
                event=event,
                actor=request.user,
                contacts=form.cleaned_data["contacts"],
                role=form.cleaned_data.get("role") or "attendee",
                wants_meetings=form.cleaned_data.get("wants_meetings", False),
                by_team=is_team(request),
                representing=organisation,
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            if made:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s person registered.", "%(count)s people registered.", len(made)
                    )
                    % {"count": len(made)},
                )
            if already:
                messages.warning(
                    request,
                    _("Already registered, left as they were: %(names)s.")
                    % {"names": ", ".join(already)},
                )
            return redirect(url("detail", request, pk))
    query = request.GET.get("q", "").strip()
    candidates = _contact_search(contacts, query)
    if organisation is None and not query:
        candidates = candidates.none()
    return render(
        request,
        "events/registrations_add.html",
        {
            "nav_section": "events",
            "event": event,
            "form": form,
            "query": query,
            "candidates": candidates[:SEARCH_LIMIT],
            "closed_reason": services.registration_closed_reason(event)
            if not is_team(request)
            else "",
        },
    )


@role_required(*REGISTER_ROLES)
def registration_cancel(
    request: HttpRequest, cluster_slug: str, pk: int, registration_pk: int
) -> HttpResponse:
    event = event_of(request, pk)
    registration = registration_of(request, event, registration_pk)
    if request.method != "POST":
        return render(
            request,
            "events/registration_cancel.html",
            {"nav_section": "events", "event": event, "registration": registration},
        )
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s's registration is cancelled.") % {"name": registration.display_name},
        )
    return redirect(url("detail", request, pk))


@role_required(*EDIT_ROLES)
def checkin(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """The door's list: the confirmed people by name, a page at a time (a search's too); the
    counts at the top are the whole event's."""
    event = event_of(request, pk)
    query = request.GET.get("q", "").strip()
    rows = queries.checkin_rows(event, query)
    totals = event_queries.checkin_totals(rows)
    paginator = Paginator(rows, CHECKIN_PAGE_SIZE)
    paginator.count = totals["count"]  # counted with the guests: no second count
    page = paginator.get_page(request.GET.get("page"))
    links = request.GET.copy()
    for name in ("page", "partial"):
        links.pop(name, None)
    context = {
        "nav_section": "events",
        "event": event,
        "rows": list(page.object_list),
        "page": page,
        "page_number": page.number if page.number > 1 else "",
        "found": totals["count"],
        "query": query,
        "links": links.urlencode(),
        "counts": queries.checkin_counts(event),
        "walk_in": WalkInForm(cluster=request.cluster),
        "guests_unlinked": totals["guests_unlinked"],
        "registry": queries.walk_in_candidates(event, query),
    }
    if request.htmx and (
        request.GET.get("partial") == "rows" or request.htmx.target == "checkin-rows"
    ):
        return render(request, "events/_checkin_rows.html", context)
    return render(request, "events/checkin.html", context)


@require_POST
@role_required(*EDIT_ROLES)
def checkin_toggle(
    request: HttpRequest, cluster_slug: str, pk: int, registration_pk: int
) -> HttpResponse:
    event = event_of(request, pk)
    registration = registration_of(request, event, registration_pk)
    try:
        if registration.checked_in_at is None:
            services.registration_check_in(registration=registration, actor=request.user)
        else:
            services.registration_check_in_undo(registration=registration, actor=request.user)
    except DomainError as error:
        if not request.htmx:
            messages.error(request, error.message)
        else:
            return HttpResponse(error.message, status=400)
    back = {
        name: request.POST[name] for name in ("q", "page") if request.POST.get(name, "").strip()
    }
    if request.htmx:
        return render(
            request,
            "events/_checkin_toggle.html",
            {
                "event": event,
                "row": registration,
                "counts": queries.checkin_counts(event),
                "query": back.get("q", ""),
                "page_number": back.get("page", ""),
                "oob": True,
            },
        )
    return redirect(url("checkin", request, pk) + (f"?{urlencode(back)}" if back else ""))


@require_POST
@role_required(*EDIT_ROLES)
def walk_in(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    event = event_of(request, pk)
    form = WalkInForm(request.POST, cluster=request.cluster)
    if form.is_valid():
        data = form.cleaned_data
        guest = None
        if not data.get("contact"):
            guest = services.Guest(
                name=data["name"],
                email=data.get("email") or "",
                organisation=data.get("organisation") or "",
            )
        try:
            registration = services.walk_in_add(
                event=event,
                actor=request.user,
                contact=data.get("contact"),
                guest=guest,
                role=data["role"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is registered and checked in.") % {"name": registration.display_name},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(url("checkin", request, pk))


@role_required(*READ_ROLES)
def contact_registrations(request: HttpRequest, cluster_slug: str, contact_pk: int) -> HttpResponse:
    contact = get_object_or_404(
        Contact.objects.for_cluster(request.cluster).select_related("organisation"), pk=contact_pk
    )
    feed = services.contact_feed(contact=contact)
    return render(
        request,
        "events/contact_registrations.html",
        {
            "nav_section": "events",
            "contact": contact,
            "registrations": queries.contact_registrations(request.cluster, contact),
            "feed": feed,
            "can_edit": is_team(request),
        },
    )


@require_POST
@role_required(*EDIT_ROLES)
def contact_feed_regenerate(
    request: HttpRequest, cluster_slug: str, contact_pk: int
) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.for_cluster(request.cluster), pk=contact_pk)
    services.feed_regenerate(feed=services.contact_feed(contact=contact), actor=request.user)
    messages.success(
        request, _("The calendar feed has a new address; the old one no longer works.")
    )
    return redirect(url("contact_registrations", request, contact_pk))
