"""Pages of the management team: who is in it, their training, and the posts' continuity."""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.forms.team import StaffEndForm, StaffMemberForm, TrainingRecordForm
from clusterdesk.engagement.models import StaffMember, TrainingRecord
from clusterdesk.engagement.services.team import (
    TRAINING_DAYS_EXPECTED,
    staff_member_create,
    staff_member_delete,
    staff_member_end,
    staff_member_update,
    staff_status,
    staff_with_training_days,
    team_export,
    team_overview,
    training_record_create,
    training_record_delete,
)
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def apply_error(form: forms.BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def can_edit(request: HttpRequest) -> bool:
    return request.membership.role in EDIT_ROLES


def file_download(document: FieldFile | None) -> FileResponse:
    """A stored document, to the people who may see its record (never a public address)."""
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(document.name))


def _team_url(cluster_slug: str) -> str:
    return reverse("engagement:team", kwargs={"cluster_slug": cluster_slug})


def _member(request: HttpRequest, pk: int) -> StaffMember:
    return get_object_or_404(StaffMember.objects.for_cluster(request.cluster), pk=pk)


def _stored(request: HttpRequest, pk: int) -> StaffMember:
    # The form's cleaning writes onto its instance; the service compares with the stored row.
    return StaffMember.objects.select_related("cluster").get(pk=pk, cluster=request.cluster)


@role_required(*READ_ROLES)
def team(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    overview = team_overview(request.cluster, timezone.localdate())
    return render(
        request, "engagement/team/index.html", {"overview": overview, "can_edit": can_edit(request)}
    )


@role_required(*READ_ROLES)
def staff_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    today = timezone.localdate()
    member = get_object_or_404(staff_with_training_days(request.cluster, today), pk=pk)
    trainings = TrainingRecord.objects.for_cluster(request.cluster).filter(staff_member=member)
    status = staff_status(member, today)
    return render(
        request,
        "engagement/team/staff_detail.html",
        {
            "member": member,
            "status": status,
            "training_short": status == "current"
            and member.training_days <= TRAINING_DAYS_EXPECTED,
            "training_days_expected": TRAINING_DAYS_EXPECTED,
            "trainings": trainings,
            "can_edit": can_edit(request),
        },
    )


@role_required(*READ_ROLES)
def staff_document(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    return file_download(_member(request, pk).job_description)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "engagement/team/form.html", context)


@role_required(*EDIT_ROLES)
def staff_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = StaffMemberForm(request.POST or None, request.FILES or None, cluster=request.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            member = staff_member_create(
                cluster=request.cluster, actor=request.user, data=form.service_data()
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, _("%(name)s was added to the team.") % {"name": member.full_name}
            )
            return redirect("engagement:team", cluster_slug=cluster_slug)
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Add a staff member"),
            "crumbs": [(_("Management team"), _team_url(cluster_slug))],
            "cancel_url": _team_url(cluster_slug),
            "multipart": True,
        },
    )


@role_required(*EDIT_ROLES)
def staff_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = StaffMemberForm(
        request.POST or None, request.FILES or None, instance=member, cluster=request.cluster
    )
    if request.method == "POST" and form.is_valid():
        try:
            staff_member_update(
                staff_member=_stored(request, pk), actor=request.user, data=form.service_data()
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("engagement:team_staff", cluster_slug=cluster_slug, pk=pk)
    detail_url = reverse("engagement:team_staff", kwargs={"cluster_slug": cluster_slug, "pk": pk})
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": member.full_name},
            "crumbs": [(_("Management team"), _team_url(cluster_slug))],
            "cancel_url": detail_url,
            "multipart": True,
        },
    )


@role_required(*EDIT_ROLES)
def staff_end(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = StaffEndForm(
        request.POST or None,
        staff_member=member,
        initial={"ended_on": member.ended_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            staff_member_end(
                staff_member=_stored(request, pk),
                actor=request.user,
                ended_on=form.cleaned_data["ended_on"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s's time in the post was ended.") % {"name": member.full_name},
            )
            return redirect("engagement:team", cluster_slug=cluster_slug)
    return _form_page(
        request,
        {
            "form": form,
            "title": _("%(name)s leaves the post") % {"name": member.full_name},
            "intro": _(
                "The post stays in the team's history: a successor added with the same post "
                "shows the handover, or how long the post stood empty."
            ),
            "crumbs": [(_("Management team"), _team_url(cluster_slug))],
            "cancel_url": _team_url(cluster_slug),
            "submit": _("Save the last day"),
        },
    )


@role_required(*EDIT_ROLES)
def staff_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    if request.method == "POST":
        staff_member_delete(staff_member=member, actor=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": member.full_name})
        return redirect("engagement:team", cluster_slug=cluster_slug)
    return render(
        request,
        "engagement/team/confirm_delete.html",
        {
            "object": member,
            "consequence": _(
                "Their training records are deleted too. If the person left the team, end "
                "their time in the post instead: the post's history keeps them."
            ),
            "cancel_url": _team_url(cluster_slug),
        },
    )


@role_required(*EDIT_ROLES)
def training_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    today = timezone.localdate()
    form = TrainingRecordForm(request.POST or None, staff_member=member, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            training_record_create(
                staff_member=member, actor=request.user, data=form.cleaned_data, today=today
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The training was recorded."))
            return redirect("engagement:team_staff", cluster_slug=cluster_slug, pk=pk)
    detail_url = reverse("engagement:team_staff", kwargs={"cluster_slug": cluster_slug, "pk": pk})
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Add training for %(name)s") % {"name": member.full_name},
            "crumbs": [
                (_("Management team"), _team_url(cluster_slug)),
                (member.full_name, detail_url),
            ],
            "cancel_url": detail_url,
        },
    )


@role_required(*EDIT_ROLES)
def training_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    record = get_object_or_404(
        TrainingRecord.objects.for_cluster(request.cluster).select_related("staff_member"),
        pk=pk,
    )
    detail_url = reverse(
        "engagement:team_staff",
        kwargs={"cluster_slug": cluster_slug, "pk": record.staff_member_id},
    )
    if request.method == "POST":
        training_record_delete(training_record=record, actor=request.user)
        messages.success(request, _("The training record was deleted."))
        return redirect(detail_url)
    return render(
        request,
        "engagement/team/confirm_delete.html",
        {
            "object": _("the training “%(topic)s” of %(name)s")
            % {"topic": record.topic, "name": record.staff_member.full_name},
            "cancel_url": detail_url,
        },
    )


@role_required(*READ_ROLES)
def export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    if file_format not in EXPORT_TYPES:
        raise Http404
    today = timezone.localdate()
    response = HttpResponse(
        team_export(request.cluster, file_format, today), content_type=EXPORT_TYPES[file_format]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{cluster_slug}-team-{today.isoformat()}.{file_format}"'
    )
    return response
