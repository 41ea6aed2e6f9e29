"""The events of a cluster: the list (upcoming and past), one event with its registrations,
and the management team's forms to create, change, publish, cancel and delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, table_download
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import write_table
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import EventFilterForm, EventForm
from ..models import RegistrationRole, RegistrationStatus
from ..queries import events as event_queries
from .events_common import ALL_ROLES, event_of, is_team, represented, url

PAGE_SIZE = 30


@role_required(*ALL_ROLES)
def event_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    when, kind = form.values()
    events = queries.event_search(
        request.cluster,
        queries.EventFilters(when=when, kind=kind, published_only=not is_team(request)),
    )
    page = Paginator(events.select_related("cluster"), PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        event.fill = queries.fill_share(event)
    feed = services.cluster_feed(cluster=request.cluster) if is_team(request) else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "nav_section": "events",
            "form": form,
            "when": when,
            "page": page,
            "feed": feed,
            "can_edit": is_team(request),
            "is_member": represented(request) is not None,
            "query": query.urlencode(),
        },
    )


REGISTRATIONS_PAGE_SIZE = 100
WAITING_PREVIEW = 50  # the head of the waiting list shown below the registered people
SHOWN = {
    "": RegistrationStatus.CONFIRMED,
    "waiting": RegistrationStatus.WAITING,
    "cancelled": RegistrationStatus.CANCELLED,
}


@role_required(*ALL_ROLES)
def event_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """One event, its registrations a page at a time: the registered people (with the head of
    the waiting list below them), the whole waiting list (``?show=waiting``) or the cancelled
    (``?show=cancelled``). The facts count the whole event; the tabs what the reader may see."""
    event_of(request, pk)  # 404 for another cluster's, and for a draft to a representative
    event = queries.event_with_counts(request.cluster, pk).get()
    organisation = represented(request)
    show = request.GET.get("show", "")
    show = show if show in SHOWN else ""
    status = SHOWN[show]
    counts = event_queries.registration_status_counts(event, organisation=organisation)
    paginator = Paginator(
        event_queries.registrations_of_event(event, organisation=organisation, status=status),
        REGISTRATIONS_PAGE_SIZE,
    )
    paginator.count = counts[status]  # counted with the tabs: no second count
    page = paginator.get_page(request.GET.get("page"))
    waiting = (  # always read on the first tab: the same queries with or without a list
        list(
            event_queries.registrations_of_event(
                event, organisation=organisation, status=RegistrationStatus.WAITING
            )[:WAITING_PREVIEW]
        )
        if not show
        else []
    )
    # The B2B panel opens to a representative once one of their people confirmed takes part.
    taking_part = (
        list(
            event_queries.registrations_of_event(
                event, organisation=organisation, status=RegistrationStatus.CONFIRMED
            ).filter(wants_meetings=True)[:1]
        )
        if organisation is not None and event.has_meetings
        else []
    )
    query = request.GET.copy()
    query.pop("page", None)
    event.fill = queries.fill_share(event)
    return render(
        request,
        "events/event_detail.html",
        {
            "nav_section": "events",
            "event": event,
            "show": show,
            "counts": counts,
            "page": page,
            "rows": list(page.object_list),
            "offset": max(page.start_index() - 1, 0),
            "waiting": waiting,
            "confirmed": taking_part,  # what the B2B panel looks at
            "more_waiting": counts[RegistrationStatus.WAITING] - len(waiting),
            "query": query.urlencode(),
            "closed_reason": services.registration_closed_reason(event),
            "can_edit": is_team(request),
            "can_read_all": request.membership.role in READ_ROLES,
            "organisation": organisation,
            "translations": sorted((event.translations or {}).items()),
            "active_role_labels": [
                RegistrationRole(role).label
                for role in event.active_roles or ()
                if role in RegistrationRole.values
            ],
        },
    )


def _form_page(request: HttpRequest, form: EventForm, *, title: str, save, cancel_url: str):  # type: ignore[no-untyped-def]
    if request.method == "POST" and form.is_valid():
        try:
            event = save(form.data_for_service())
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(url("detail", request, event.pk))
    return render(
        request,
        "events/event_form.html",
        {"nav_section": "events", "form": form, "title": title, "cancel_url": cancel_url},
    )


@role_required(*EDIT_ROLES)
def event_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = EventForm(request.POST or None, cluster=request.cluster)
    return _form_page(
        request,
        form,
        title=_("New event"),
        save=lambda data: services.event_create(
            cluster=request.cluster, actor=request.user, data=data
        ),
        cancel_url=url("list", request),
    )


@role_required(*EDIT_ROLES)
def event_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    event = event_of(request, pk)
    form = EventForm(request.POST or None, cluster=request.cluster, event=event)
    return _form_page(
        request,
        form,
        title=_("Change the event"),
        save=lambda data: services.event_update(event=event, actor=request.user, data=data),
        cancel_url=url("detail", request, pk),
    )


def _status_change(request: HttpRequest, pk: int, change, success: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    event = event_of(request, pk)
    try:
        change(event=event, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(url("detail", request, pk))


@require_POST
@role_required(*EDIT_ROLES)
def event_publish(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    return _status_change(request, pk, services.event_publish, _("The event is published."))


@role_required(*EDIT_ROLES)
def event_cancel(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _confirm(request, pk, "cancel")
    return _status_change(request, pk, services.event_cancel, _("The event is cancelled."))


@role_required(*EDIT_ROLES)
def event_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    event = event_of(request, pk)
    if request.method != "POST":
        return _confirm(request, pk, "delete")
    try:
        services.event_delete(event=event, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(url("detail", request, pk))
    messages.success(request, _("The event is deleted."))
    return redirect(url("list", request))


def _confirm(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    event = event_of(request, pk)
    return render(
        request,
        "events/event_confirm.html",
        {"nav_section": "events", "event": event, "action": action},
    )


@role_required(*READ_ROLES)
def event_export(
    request: HttpRequest, cluster_slug: str, pk: int, file_format: str
) -> HttpResponse:
    event = event_of(request, pk)
    return table_download(
        request,
        file_format,
        f"event-{event.pk}-registrations",
        lambda: write_table(*queries.registration_export_rows(event), file_format),
    )


@role_required(*ALL_ROLES)
def event_ics(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    event = event_of(request, pk)
    from .feeds import ics_response

    return ics_response(services.event_calendar(event, language=event.language), f"event-{pk}")


@require_POST
@role_required(*EDIT_ROLES)
def feed_regenerate(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    services.feed_regenerate(
        feed=services.cluster_feed(cluster=request.cluster), actor=request.user
    )
    messages.success(
        request, _("The calendar feed has a new address; the old one no longer works.")
    )
    return redirect(url("list", request))
