"""The organiser's schedule of a B2B day: run the scheduler and read its report, the grid of
slots × tables (also as a print page), lock, move or place meetings by hand, and the printable
table cards. The management team writes, the board reads."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from clusterdesk.engagement.views.common import apply_error, can_edit
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from ..models import (
    Event,
    MeetingPlacement,
    MeetingRequest,
    MeetingTable,
    RequestStatus,
    SchedulerRun,
    TimeSlot,
)
from ..pdf import download, table_cards_pdf
from ..queries import schedule as queries
from ..services.placements import placement_create, placement_lock, placement_move
from ..services.scheduling import MAX_TIME_LIMIT, scheduler_run_start


def event_of(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.for_cluster(request.cluster).select_related("cluster"), pk=pk
    )


def schedule_url(request: HttpRequest, event: Event) -> str:
    return reverse("events:schedule", args=[request.cluster.slug, event.pk])


MARKER = 987654321


@dataclass(frozen=True)
class Link:
    """An address whose last argument is a row's id, reversed once for all the rows: the
    template writes ``{{ link.before }}{{ id }}{{ link.after }}`` (the grid of a big day has
    thousands of meetings, each with four links)."""

    before: str
    after: str


def link_for(name: str, *args: object) -> Link:
    before, after = reverse(name, args=[*args, MARKER]).rsplit(str(MARKER), 1)
    return Link(before, after)


def grid_links(request: HttpRequest, event: Event) -> dict[str, Link]:
    args = (request.cluster.slug, event.pk)
    return {
        "agenda_link": link_for("events:agenda", *args),
        "lock_link": link_for("events:placement_lock", *args),
        "move_link": link_for("events:placement_move", *args),
    }


class RunForm(forms.Form):
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"),
        min_value=1,
        max_value=MAX_TIME_LIMIT,
        help_text=gettext_lazy(
            "The solver stops at this limit and keeps the best schedule found; it stops sooner "
            "when it has proven that no schedule places more meetings."
        ),
    )


class PlacementForm(forms.Form):
    slot = forms.ModelChoiceField(queryset=TimeSlot.objects.none(), label=gettext_lazy("Slot"))
    table = forms.ModelChoiceField(
        queryset=MeetingTable.objects.none(), label=gettext_lazy("Table")
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        slots = TimeSlot.objects.for_cluster(event.cluster).filter(event=event)
        self.fields["slot"].queryset = slots.order_by("starts_at")
        self.fields["slot"].label_from_instance = lambda slot: (
            f"{timezone.localtime(slot.starts_at):%H:%M}–{timezone.localtime(slot.ends_at):%H:%M}"
        )
        self.fields["table"].queryset = MeetingTable.objects.for_cluster(event.cluster).filter(
            event=event
        )


def _run_context(request: HttpRequest, event: Event) -> dict:
    runs = queries.runs_of(event)
    latest = runs[0] if runs else None
    return {
        "event": event,
        "runs": runs,
        "latest": latest,
        "summary": queries.run_summary(latest),
    }


@role_required(*READ_ROLES)
def schedule(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = event_of(request, event_pk)
    context = _run_context(request, event)
    summary = context["summary"]
    reasons = summary.reasons if summary else {}
    context.update(
        grid=queries.schedule_grid(event),
        unplaced=[(item, reasons.get(item.pk, "")) for item in queries.unplaced_requests(event)],
        run_form=RunForm(initial={"time_limit": settings.SCHEDULER_TIME_LIMIT}),
        can_edit=can_edit(request),
        nav_section="events",
        **grid_links(request, event),
    )
    return render(request, "events/meetings/schedule.html", context)


@require_POST
@role_required(*EDIT_ROLES)
def schedule_run(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = event_of(request, event_pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(schedule_url(request, event))
    try:
        scheduler_run_start(
            event=event, actor=request.user, time_limit=form.cleaned_data["time_limit"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The scheduler has started."))
    return redirect(schedule_url(request, event))


@role_required(*READ_ROLES)
def run_status(request: HttpRequest, cluster_slug: str, event_pk: int, pk: int) -> HttpResponse:
    """What the page polls while a run is queued or running; once it is over, the page again."""
    event = event_of(request, event_pk)
    run = get_object_or_404(
        SchedulerRun.objects.for_cluster(request.cluster).filter(event=event), pk=pk
    )
    if not request.htmx:
        return redirect(schedule_url(request, event))
    if not run.is_working:
        return HttpResponseClientRefresh()
    return render(request, "events/meetings/run_status.html", {"event": event, "latest": run})


@role_required(*READ_ROLES)
def grid_print(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = event_of(request, event_pk)
    return render(
        request,
        "events/meetings/grid_print.html",
        {
            "event": event,
            "grid": queries.schedule_grid(event),
            "nav_section": "events",
            **grid_links(request, event),
        },
    )


def _placement_of(request: HttpRequest, event: Event, pk: int) -> MeetingPlacement:
    return get_object_or_404(
        MeetingPlacement.objects.for_cluster(request.cluster)
        .filter(request__event=event)
        .select_related("slot", "table", "request", *queries.PEOPLE),
        pk=pk,
    )


@require_POST
@role_required(*EDIT_ROLES)
def placement_lock_view(
    request: HttpRequest, cluster_slug: str, event_pk: int, pk: int
) -> HttpResponse:
    event = event_of(request, event_pk)
    placement = _placement_of(request, event, pk)
    locked = request.POST.get("locked") == "1"
    try:
        placement_lock(placement=placement, locked=locked, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The meeting is locked where it is.") if locked else _("The meeting is unlocked."),
        )
    return redirect(schedule_url(request, event) + "#grid")


def _placement_page(
    request: HttpRequest, event: Event, *, meeting: MeetingRequest, save, title: str, initial
) -> HttpResponse:  # type: ignore[no-untyped-def]
    form = PlacementForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data["slot"], form.cleaned_data["table"])
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The meeting is placed and locked."))
            return redirect(schedule_url(request, event) + "#grid")
    return render(
        request,
        "events/meetings/schedule_place.html",
        {"event": event, "meeting": meeting, "form": form, "title": title, "nav_section": "events"},
        status=400 if form.errors else 200,
    )


@role_required(*EDIT_ROLES)
def placement_move_view(
    request: HttpRequest, cluster_slug: str, event_pk: int, pk: int
) -> HttpResponse:
    event = event_of(request, event_pk)
    placement = _placement_of(request, event, pk)
    return _placement_page(
        request,
        event,
        meeting=placement.request,
        title=_("Move a meeting"),
        initial={"slot": placement.slot_id, "table": placement.table_id},
        save=lambda slot, table: placement_move(
            placement=placement, slot=slot, table=table, actor=request.user
        ),
    )


@role_required(*EDIT_ROLES)
def request_place_view(
    request: HttpRequest, cluster_slug: str, event_pk: int, pk: int
) -> HttpResponse:
    event = event_of(request, event_pk)
    meeting = get_object_or_404(
        MeetingRequest.objects.for_cluster(request.cluster)
        .filter(event=event, status=RequestStatus.ACCEPTED)
        .select_related("requester__contact", "invitee__contact"),
        pk=pk,
    )
    return _placement_page(
        request,
        event,
        meeting=meeting,
        title=_("Place a meeting by hand"),
        initial={},
        save=lambda slot, table: placement_create(
            request=meeting, slot=slot, table=table, actor=request.user
        ),
    )


@role_required(*READ_ROLES)
def table_cards_view(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = event_of(request, event_pk)
    return render(
        request,
        "events/meetings/table_cards.html",
        {"event": event, "cards": queries.table_cards(event), "nav_section": "events"},
    )


@role_required(*READ_ROLES)
def table_cards_pdf_view(request: HttpRequest, cluster_slug: str, event_pk: int) -> HttpResponse:
    event = event_of(request, event_pk)
    language = request.LANGUAGE_CODE
    return download(table_cards_pdf(event, language=language), f"table-cards-{event.pk}.pdf")
