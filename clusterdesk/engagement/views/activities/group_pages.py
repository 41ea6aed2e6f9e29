"""Working groups: the list and its export, a group with its meetings, participation and
outputs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Prefetch, Sum
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdesk.engagement.forms.activities import OutputForm, WorkingGroupForm
from clusterdesk.engagement.models import (
    Activity,
    ActivityKind,
    Involvement,
    WorkingGroup,
    WorkingGroupOutput,
)
from clusterdesk.engagement.services import activities as services
from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.periods import last_12_months
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from ..common import (
    apply_error,
    can_edit,
    column_label,
    confirm_delete,
    file_download,
    table_download,
)
from .chooser import contacts_of
from .common import MEETINGS_SHOWN, PAGE_SIZE, TEMPLATES, days_text, group_of, local_today

GUESTS_SHOWN = 20


@role_required(*READ_ROLES)
def working_group_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = local_today()
    groups = services.working_groups_with_activity(request.cluster, today).order_by("name", "id")
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    for group in page.object_list:
        group.is_active = services.working_group_is_active(
            group.member_count, group.last_meeting_on, today
        )
    return render(
        request,
        TEMPLATES + "working_group_list.html",
        {
            "page": page,
            "active_count": services.active_working_groups(request.cluster, today).count(),
            "min_members": services.ACTIVE_GROUP_MEMBERS,
            "can_edit": can_edit(request),
        },
    )


@role_required(*READ_ROLES)
def working_group_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    """One row per member of each group (a group without members has one row of its own), with
    the member's meetings in the last 12 months and whether the group is active (SPEC B6)."""
    return table_download(
        request, file_format, "working-groups", lambda: _membership_table(request, file_format)
    )


def _membership_table(request: HttpRequest, file_format: str) -> bytes:
    cluster, today = request.cluster, local_today()
    groups = (
        services.working_groups_with_activity(cluster, today)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Organisation.objects.for_cluster(cluster)
                .only("id", "name", "category")
                .order_by("name_key", "id"),
            )
        )
        .order_by("name", "id")
    )
    attended = {  # (group, organisation) -> meetings of the group it attended in the window
        (row["activity__working_group_id"], row["organisation_id"]): row["meetings"]
        for row in Involvement.objects.for_cluster(cluster)
        .filter(
            activity__working_group__isnull=False,
            activity__kind=ActivityKind.WORKING_GROUP_MEETING,
            activity__starts_on__range=last_12_months(today).range,
        )
        .order_by()
        .values("activity__working_group_id", "organisation_id")
        .annotate(meetings=Count("id"))
    }
    headers = [
        str(capfirst(WorkingGroup._meta.verbose_name)),
        column_label(WorkingGroup, "theme"),
        column_label(WorkingGroup, "chair"),
        column_label(WorkingGroup, "chair_person"),
        _("Member organisation"),
        column_label(Organisation, "category"),
        _("Meetings attended in the last 12 months"),
        _("Active group (B6)"),
    ]
    yes, no = _("yes"), _("no")
    rows: list[list[Any]] = []
    for group in groups:
        active = services.working_group_is_active(group.member_count, group.last_meeting_on, today)
        start = [
            group.name,
            group.theme,
            group.chair.name if group.chair else "",
            group.chair_person.full_name if group.chair_person else "",
        ]
        members = list(group.members.all())
        for member in members:
            rows.append(
                [
                    *start,
                    member.name,
                    str(member.get_category_display()),
                    attended.get((group.pk, member.pk), 0),
                    yes if active else no,
                ]
            )
        if not members:
            rows.append([*start, "", "", "", yes if active else no])
    return write_table(headers, rows, file_format)


def _group_context(
    request: HttpRequest, group: WorkingGroup, output_form: OutputForm | None = None
) -> dict[str, Any]:
    today = local_today()
    group = services.working_groups_with_activity(request.cluster, today).get(pk=group.pk)
    members = list(group.members.order_by("name_key", "id").only("id", "name", "category"))
    attendance = {  # from the group's meetings, so that the database needs no table scan
        row["organisation_id"]: row
        for row in Activity.objects.for_cluster(request.cluster)
        .filter(
            working_group=group,
            kind=ActivityKind.WORKING_GROUP_MEETING,
            starts_on__lte=today,
            involvements__isnull=False,
        )
        .order_by()
        .values(organisation_id=F("involvements__organisation_id"))
        .annotate(
            meetings=Count("involvements__id"),
            days=Sum("involvements__days"),
            last=Max("starts_on"),
        )
    }
    member_ids = {member.pk for member in members}
    # Organisations that came without being members: the most regular ones.
    guest_ids = sorted(
        set(attendance) - member_ids, key=lambda pk: (-attendance[pk]["meetings"], pk)
    )
    guests = sorted(
        Organisation.objects.for_cluster(request.cluster)
        .filter(pk__in=guest_ids[:GUESTS_SHOWN])
        .only("id", "name", "category"),
        key=lambda organisation: (-attendance[organisation.pk]["meetings"], organisation.name),
    )
    participation = [
        {
            "organisation": organisation,
            "is_member": organisation.pk in member_ids,
            **attendance.get(organisation.pk, {"meetings": 0, "days": None, "last": None}),
        }
        for organisation in [*members, *guests]
    ]
    meetings = (
        Activity.objects.for_cluster(request.cluster)
        .filter(working_group=group, kind=ActivityKind.WORKING_GROUP_MEETING)
        .prefetch_related(
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related("organisation").order_by(
                    "organisation__name", "id"
                ),
            )
        )
        .order_by("-starts_on", "-id")
    )
    shown = list(meetings[:MEETINGS_SHOWN])
    for meeting in shown:
        involvements = meeting.involvements.all()
        meeting.total_days = sum((i.days for i in involvements), Decimal(0))
        for involvement in involvements:
            involvement.days_text = days_text(involvement.days)
    other_activities = (
        Activity.objects.for_cluster(request.cluster)
        .filter(working_group=group)
        .exclude(kind=ActivityKind.WORKING_GROUP_MEETING)
        .count()
    )
    return {
        "group": group,
        "is_active": services.working_group_is_active(
            group.member_count, group.last_meeting_on, today
        ),
        "enough_members": group.member_count >= services.ACTIVE_GROUP_MEMBERS,
        "min_members": services.ACTIVE_GROUP_MEMBERS,
        "since": last_12_months(today).day_before,
        "has_ended": bool(group.ended_on and group.ended_on < today),
        "participation": participation,
        "more_guests": max(0, len(guest_ids) - GUESTS_SHOWN),
        "met_recently": group.last_meeting_on in last_12_months(today),
        "meetings": shown,
        "more_meetings": max(0, meetings.count() - MEETINGS_SHOWN)
        if len(shown) == MEETINGS_SHOWN
        else 0,
        "other_activities": other_activities,
        "outputs": list(group.outputs.all()),
        "output_form": output_form or OutputForm(),
        "can_edit": can_edit(request),
    }


@role_required(*READ_ROLES)
def working_group_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    group = group_of(request, pk)
    return render(request, TEMPLATES + "working_group_detail.html", _group_context(request, group))


def _render_group_form(
    request: HttpRequest, form: WorkingGroupForm, group: WorkingGroup | None
) -> HttpResponse:
    chair = form.chosen_chair()
    return render(
        request,
        TEMPLATES + "working_group_form.html",
        {
            "form": form,
            "group": group,
            "chair": chair,
            "chair_contacts": contacts_of(chair),
            "chosen_person_id": form.chosen_person_id(),
            "members": form.chosen_members(),
        },
    )


@role_required(*EDIT_ROLES)
def working_group_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = WorkingGroupForm(request.POST or None, cluster=request.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.working_group_create(
                cluster=request.cluster,
                actor=request.user,
                members=list(form.cleaned_data["members"]),
                **form.service_data(),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": group.name})
            return redirect("engagement:working_group_detail", cluster_slug, group.pk)
    return _render_group_form(request, form, None)


@role_required(*EDIT_ROLES)
def working_group_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    group = group_of(request, pk)
    form = WorkingGroupForm(request.POST or None, cluster=request.cluster, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.working_group_update(
                working_group=group_of(request, pk),
                actor=request.user,
                data=form.service_data(),
                members=list(form.cleaned_data["members"]),
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("engagement:working_group_detail", cluster_slug, pk)
    return _render_group_form(request, form, group)


@role_required(*EDIT_ROLES)
def working_group_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    group = group_of(request, pk)
    return confirm_delete(
        request,
        group,
        delete=lambda: services.working_group_delete(working_group=group, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": group.name},
        next_url=reverse("engagement:working_groups", args=[cluster_slug]),
        cancel_url=reverse("engagement:working_group_detail", args=[cluster_slug, pk]),
        consequence=_(
            "Its %(outputs)s outputs will be deleted. Its %(meetings)s meetings stay in the "
            "list of activities, without a group."
        )
        % {"outputs": group.outputs.count(), "meetings": group.meetings.count()},
        template=TEMPLATES + "confirm_delete.html",
    )


@role_required(*EDIT_ROLES)
def working_group_output_add(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    group = group_of(request, pk)
    detail = reverse("engagement:working_group_detail", args=[cluster_slug, pk])
    if request.method != "POST":
        return redirect(detail + "#outputs")
    form = OutputForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            output = services.working_group_output_add(
                working_group=group, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("“%(title)s” was added.") % {"title": output.title})
            return redirect(detail + "#outputs")
    return render(
        request, TEMPLATES + "working_group_detail.html", _group_context(request, group, form)
    )


def _output(request: HttpRequest, pk: int, output_pk: int) -> WorkingGroupOutput:
    return get_object_or_404(
        WorkingGroupOutput.objects.for_cluster(request.cluster).select_related(
            "working_group", "cluster"
        ),
        pk=output_pk,
        working_group_id=pk,
    )


@role_required(*EDIT_ROLES)
def working_group_output_delete(
    request: HttpRequest, cluster_slug: str, pk: int, output_pk: int
) -> HttpResponse:
    output = _output(request, pk, output_pk)
    return confirm_delete(
        request,
        output,
        delete=lambda: services.working_group_output_delete(output=output, actor=request.user),
        success=_("“%(title)s” was deleted.") % {"title": output.title},
        next_url=reverse("engagement:working_group_detail", args=[cluster_slug, pk]) + "#outputs",
        template=TEMPLATES + "confirm_delete.html",
    )


@role_required(*READ_ROLES)
@require_GET
def working_group_output_document(
    request: HttpRequest, cluster_slug: str, pk: int, output_pk: int
) -> FileResponse:
    """The output's document, for the cluster's team only (never a public media address)."""
    return file_download(_output(request, pk, output_pk).document)
