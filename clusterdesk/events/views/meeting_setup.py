"""The organiser's set-up of a B2B meeting day: sessions and their slots, tables, quotas, and
each person's availability (the team for anyone, a member representative for their
organisation's people). Also what the meeting pages share: the day and the person of the
request's cluster (404 for any other)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, confirm_delete, form_page
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required
from clusterdesk.tenancy.models import Role

from ..forms.meetings import (
    QuotaForm,
    RegistrationQuotaForm,
    SessionForm,
    TableRenameForm,
    TablesAddForm,
    availability_formset,
)
from ..models import Event, MeetingPlacement, MeetingTable, Registration, Session
from ..queries.meetings import day_summary, days_open_to, quota_of, registration_counts
from ..services import meeting_setup as setup

ALL_ROLES = (*READ_ROLES, Role.MEMBER)
ACTING_ROLES = (*EDIT_ROLES, Role.MEMBER)


def day_of(request: HttpRequest, event_pk: int) -> Event:
    """The cluster's B2B day; a member representative reaches only a published day their
    organisation takes part in (404 otherwise: its attendee list is not theirs to read)."""
    days = Event.objects.for_cluster(request.cluster).select_related("cluster")
    organisation = represented_id(request)
    if organisation is not None:
        days = days_open_to(days, organisation)
    return get_object_or_404(days, pk=event_pk, has_meetings=True)


def is_team(request: HttpRequest) -> bool:
    return request.membership.role in EDIT_ROLES


def represented_id(request: HttpRequest) -> int | None:
    """The organisation a member representative speaks for; None for the team and board."""
    if request.membership.role == Role.MEMBER:
        return request.membership.organisation_id or -1
    return None


def person_of(request: HttpRequest, event: Event, pk: int) -> Registration:
    """A registration of the day; a member representative's own organisation's only."""
    person = get_object_or_404(
        Registration.objects.for_cluster(request.cluster).select_related(
            "contact", "organisation", "event", "cluster"
        ),
        pk=pk,
        event=event,
    )
    organisation = represented_id(request)
    if organisation is not None and person.organisation_id != organisation:
        raise Http404
    return person


def url(name: str, request: HttpRequest, *args: object) -> str:
    return reverse(f"events:{name}", args=[request.cluster.slug, *args])


def _session_of(request: HttpRequest, event: Event, pk: int) -> Session:
    return get_object_or_404(Session.objects.for_cluster(request.cluster), pk=pk, event=event)


def _table_of(request: HttpRequest, event: Event, pk: int) -> MeetingTable:
    return get_object_or_404(MeetingTable.objects.for_cluster(request.cluster), pk=pk, event=event)


@role_required(*READ_ROLES)
def meeting_setup(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    return render(
        request,
        "events/meetings/setup.html",
        {
            "event": event,
            "summary": day_summary(event),
            "tables": list(event.tables.all()),
            "tables_form": TablesAddForm(),
            "quota_form": QuotaForm(initial={"meeting_quota": event.meeting_quota}),
            "can_edit": is_team(request),
        },
    )


@role_required(*ALL_ROLES)
def meeting_panel(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    """The figures of the event page's B2B panel, loaded into it by htmx."""
    event = day_of(request, event_pk)
    return render(
        request,
        "events/meetings/setup_panel_figures.html",
        {"event": event, "summary": day_summary(event, with_people=False)},
    )


def _form_context(request: HttpRequest, event: Event, title: str) -> dict:
    setup_url = url("meeting_setup", request, event.pk)
    return {
        "event": event,
        "title": title,
        "cancel_url": setup_url,
        "crumbs": [(event.title, setup_url), (_("Meeting day set-up"), setup_url)],
    }


def _session_page(request: HttpRequest, event: Event, form: SessionForm, save, title: str):  # type: ignore[no-untyped-def]
    return form_page(
        request,
        form,
        save=save,
        success=lambda session: (
            _("“%(name)s” has %(count)s slots.")
            % {"name": session.name, "count": session.slots.count()}
        ),
        next_url=url("meeting_setup", request, event.pk),
        context={
            "event": event,
            "title": title,
            "cancel_url": url("meeting_setup", request, event.pk),
        },
    )


@role_required(*EDIT_ROLES)
def session_new(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    form = SessionForm(request.POST or None, event=event)
    return _session_page(
        request,
        event,
        form,
        lambda: setup.session_create(event=event, actor=request.user, data=form.session_data()),
        _("Add a session"),
    )


@role_required(*EDIT_ROLES)
def session_edit(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    session = _session_of(request, event, pk)
    form = SessionForm(request.POST or None, event=event, session=session)
    return _session_page(
        request,
        event,
        form,
        lambda: setup.session_update(
            session=session,
            actor=request.user,
            data=form.session_data(),
            drop_placements=form.cleaned_data.get("drop_placements", False),
        ),
        _("Change the session %(name)s") % {"name": session.name},
    )


@role_required(*EDIT_ROLES)
def session_delete(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    session = _session_of(request, event, pk)
    placed = MeetingPlacement.objects.filter(slot__session=session).count()
    consequence = (
        _("%(count)s placed meeting(s) in its slots leave the schedule.") % {"count": placed}
        if placed
        else _("Its %(count)s slots go with it.") % {"count": session.slots.count()}
    )
    return confirm_delete(
        request,
        session,
        delete=lambda: setup.session_delete(
            session=session, actor=request.user, drop_placements=True
        ),
        success=_("The session was removed."),
        next_url=url("meeting_setup", request, event.pk),
        consequence=consequence,
    )


def _back_with(
    request: HttpRequest, event: Event, error: DomainError | None, done: str
) -> HttpResponse:
    if error is None:
        messages.success(request, done)
    else:
        messages.error(request, error.message)
    return redirect(url("meeting_setup", request, event.pk))


@require_POST
@role_required(*EDIT_ROLES)
def tables_add(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    form = TablesAddForm(request.POST)
    error = None
    if not form.is_valid():
        error = DomainError(" ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            setup.tables_add(
                event=event,
                actor=request.user,
                count=form.cleaned_data["count"],
                labels=setup.split_labels(form.cleaned_data["labels"]),
            )
        except DomainError as refused:
            error = refused
    return _back_with(request, event, error, _("The tables were added."))


@role_required(*EDIT_ROLES)
def table_edit(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    table = _table_of(request, event, pk)
    form = TableRenameForm(request.POST or None, initial={"label": table.label})
    return form_page(
        request,
        form,
        save=lambda: setup.table_rename(
            table=table, actor=request.user, label=form.cleaned_data["label"]
        ),
        success=_("The table was renamed."),
        next_url=url("meeting_setup", request, event.pk),
        context=_form_context(
            request, event, _("Rename the table %(label)s") % {"label": table.label}
        ),
    )


@role_required(*EDIT_ROLES)
def table_delete(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    table = _table_of(request, event, pk)
    if request.method == "POST":
        try:
            setup.table_delete(table=table, actor=request.user)
        except DomainError as error:
            return _back_with(request, event, error, "")
        return _back_with(request, event, None, _("The table was removed."))
    return confirm_delete(
        request,
        table,
        delete=lambda: None,
        success="",
        next_url=url("meeting_setup", request, event.pk),
        consequence=_("Meetings placed at this table leave the schedule."),
    )


@require_POST
@role_required(*EDIT_ROLES)
def quota_set(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = day_of(request, event_pk)
    form = QuotaForm(request.POST)
    error = None
    if not form.is_valid():
        error = DomainError(_("A quota is between 1 and 100 meetings."))
    else:
        try:
            setup.meeting_quota_set(
                event=event, actor=request.user, quota=form.cleaned_data["meeting_quota"]
            )
        except DomainError as refused:
            error = refused
    return _back_with(request, event, error, _("The quota was saved."))


@role_required(*ACTING_ROLES)
def person(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    """One person's availability (and, for the team, their own quota)."""
    event = day_of(request, event_pk)
    registration = person_of(request, event, pk)
    data = request.POST if request.method == "POST" else None
    windows = availability_formset(event, registration, data)
    quota_form = (
        RegistrationQuotaForm(data, initial={"meeting_quota": registration.meeting_quota})
        if is_team(request)
        else None
    )
    confirm_drop = False
    if data is not None and windows.is_valid() and (quota_form is None or quota_form.is_valid()):
        try:
            setup.availability_replace(
                registration=registration,
                actor=request.user,
                windows=windows.windows(),
                drop_placements=request.POST.get("drop_placements") == "on",
            )
            if quota_form is not None:
                setup.registration_quota_set(
                    registration=registration,
                    actor=request.user,
                    quota=quota_form.cleaned_data["meeting_quota"],
                )
        except DomainError as error:
            windows.non_form_errors().append(error.message)
            confirm_drop = error.code == "placements"
            if quota_form is not None and error.field == "meeting_quota":
                apply_error(quota_form, error)
        else:
            messages.success(request, _("The availability was saved."))
            return redirect(url("meeting_person", request, event.pk, registration.pk))
    return render(
        request,
        "events/meetings/availability.html",
        {
            "event": event,
            "person": registration,
            "windows": windows,
            "quota_form": quota_form,
            "quota": quota_of(registration, event),
            "counts": registration_counts(registration),
            "sessions": list(event.sessions.all()),
            "back_url": url("meeting_requests", request, event.pk),
            "confirm_drop": confirm_drop,
        },
    )
