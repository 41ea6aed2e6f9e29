"""The list of activities, its export, an activity and its page of participants."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.engagement.forms.activities import ActivityEditor, ActivityFilterForm
from clusterdesk.engagement.models import Activity, ActivityKind, InvolvementRole, WorkingGroup
from clusterdesk.engagement.services import activities as services
from clusterdesk.lib.charts import Bar, bar_chart_svg
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Category, Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from ..common import can_edit, confirm_delete, table_download
from .common import (
    PAGE_SIZE,
    TEMPLATES,
    activity_of,
    local_today,
    safe_next,
)


def _filters(request: HttpRequest) -> tuple[ActivityFilterForm, services.ActivityFilters]:
    cluster = request.cluster
    groups = list(
        WorkingGroup.objects.for_cluster(cluster).order_by("name").values_list("id", "name")
    )
    # From the first year to the last (two index look-ups, not a scan of every activity).
    span = Activity.objects.for_cluster(cluster).aggregate(
        first=Min("starts_on"), last=Max("starts_on")
    )
    this_year = local_today().year
    first = span["first"].year if span["first"] else this_year
    last = max(span["last"].year if span["last"] else this_year, this_year)
    years = list(range(last, first - 1, -1))
    form = ActivityFilterForm(request.GET or None, groups=groups, years=years)
    return form, form.filters()


@role_required(*READ_ROLES)
def activity_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form, filters = _filters(request)
    activities = services.activity_search(request.cluster, filters)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = services.with_involvement_totals(request.cluster, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    participant = None
    if filters.participant:
        participant = (
            Organisation.objects.for_cluster(request.cluster).filter(pk=filters.participant).first()
        )
    without_participant = query.copy()
    without_participant.pop("participant", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "participant": participant,
        "without_participant": without_participant.urlencode(),
        "can_edit": can_edit(request),
    }
    if request.htmx:
        return render(request, TEMPLATES + "_activity_table.html", context)
    summary = services.activity_summary(request.cluster, filters, local_today())
    bars = [
        Bar(str(label), summary.by_kind[value])
        for value, label in ActivityKind.choices
        if summary.by_kind[value]
    ]
    context["summary"] = summary
    context["kind_chart"] = mark_safe(bar_chart_svg(bars, title=_("Activities by kind")))
    return render(request, TEMPLATES + "activity_list.html", context)


def _days_cell(days: Decimal) -> int | float:
    return int(days) if days == days.to_integral_value() else float(days)


@role_required(*READ_ROLES)
def activity_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    """One row per involvement of the filtered activities: the sheet people check figures
    with."""
    return table_download(
        request, file_format, "involvements", lambda: _involvement_table(request, file_format)
    )


def _involvement_table(request: HttpRequest, file_format: str) -> bytes:
    _form, filters = _filters(request)
    kinds, roles, categories = (
        dict(ActivityKind.choices),
        dict(InvolvementRole.choices),
        dict(Category.choices),
    )
    headers = [
        _("Date"),
        _("End date"),
        _("Activity"),
        _("Kind"),
        _("Working group"),
        _("International"),
        _("Participant"),
        _("Category"),
        _("Role"),
        _("Days"),
    ]
    yes, no = _("yes"), _("no")
    rows = [
        [
            starts_on,
            ends_on,
            title,
            str(kinds.get(kind, kind)),
            group or "",
            yes if international else no,
            organisation,
            str(categories.get(category, category)),
            str(roles.get(role, role)),
            _days_cell(days),
        ]
        for (
            starts_on,
            ends_on,
            title,
            kind,
            group,
            international,
            organisation,
            category,
            role,
            days,
        ) in services.involvement_rows(request.cluster, filters).iterator(chunk_size=2000)
    ]
    return write_table(headers, rows, file_format)


@role_required(*READ_ROLES)
def activity_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    activity = activity_of(request, pk)
    involvements = list(
        activity.involvements.select_related("organisation").order_by("organisation__name", "id")
    )
    active = [i for i in involvements if i.role == InvolvementRole.ACTIVE]
    totals = {
        "participants": len(involvements),
        "active": len(active),
        "days": sum((i.days for i in involvements), Decimal(0)),
        "active_days": sum((i.days for i in active), Decimal(0)),
    }
    return render(
        request,
        TEMPLATES + "activity_detail.html",
        {
            "activity": activity,
            "involvements": involvements,
            "totals": totals,
            "length": (activity.ends_on - activity.starts_on).days + 1,
            "can_edit": can_edit(request),
        },
    )


def _new_activity_initial(request: HttpRequest) -> dict[str, Any]:
    today = local_today()
    initial: dict[str, Any] = {"starts_on": today, "ends_on": today}
    raw = request.GET.get("working_group", "")
    if raw.isdigit():
        group = WorkingGroup.objects.for_cluster(request.cluster).filter(pk=raw).first()
        if group is not None:
            initial.update(
                working_group=group.pk,
                kind=ActivityKind.WORKING_GROUP_MEETING,
                title=_("%(group)s meeting") % {"group": group.name},
            )
    return initial


def _render_editor(
    request: HttpRequest, editor: ActivityEditor, activity: Activity | None
) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "activity_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "formset": editor.formset,
            "activity": activity,
            "next": safe_next(request, request.cluster.slug),
        },
    )


@role_required(*EDIT_ROLES)
def activity_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    if request.method != "POST":
        editor = ActivityEditor(cluster=request.cluster, initial=_new_activity_initial(request))
        return _render_editor(request, editor, None)
    editor = ActivityEditor(request.POST, cluster=request.cluster)
    if editor.is_valid():
        try:
            activity = services.activity_create(
                cluster=request.cluster,
                actor=request.user,
                involvements=editor.formset.inputs,
                **editor.activity_data(),
            )
        except DomainError as error:
            editor.add_error(error)
        else:
            messages.success(
                request,
                _("“%(title)s” was recorded with %(count)s participants.")
                % {"title": activity.title, "count": len(editor.formset.inputs)},
            )
            return redirect(
                safe_next(request, cluster_slug)
                or reverse("engagement:activity_detail", args=[cluster_slug, activity.pk])
            )
    return _render_editor(request, editor, None)


@role_required(*EDIT_ROLES)
def activity_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    activity = activity_of(request, pk)
    if request.method != "POST":
        return _render_editor(
            request, ActivityEditor(cluster=request.cluster, instance=activity), activity
        )
    editor = ActivityEditor(request.POST, cluster=request.cluster, instance=activity)
    if editor.is_valid():
        stored = activity_of(request, pk)  # the form's cleaning wrote onto ``activity``
        try:
            services.activity_update(
                activity=stored,
                actor=request.user,
                data=editor.activity_data(),
                involvements=editor.formset.inputs,
            )
        except DomainError as error:
            editor.add_error(error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(
                safe_next(request, cluster_slug)
                or reverse("engagement:activity_detail", args=[cluster_slug, pk])
            )
    return _render_editor(request, editor, activity)


@role_required(*EDIT_ROLES)
def activity_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    activity = activity_of(request, pk)
    return confirm_delete(
        request,
        activity,
        delete=lambda: services.activity_delete(activity=activity, actor=request.user),
        success=_("“%(title)s” was deleted.") % {"title": activity.title},
        next_url=reverse("engagement:activities", args=[cluster_slug]),
        cancel_url=reverse("engagement:activity_detail", args=[cluster_slug, pk]),
        consequence=_(
            "Its %(count)s involvements will be deleted too, and the participants' days "
            "will no longer count."
        )
        % {"count": activity.involvements.count()},
        template=TEMPLATES + "confirm_delete.html",
    )
