"""Pages of the management team: who is in it, their training, and the posts' continuity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
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
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import can_edit, confirm_delete, file_download, form_page, table_download


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


def _form(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], Any],
    success: str | Callable[[Any], str],
    next_url: str,
    title: str,
    crumbs: list[tuple[str, str]] | None = None,
    **extra: Any,
) -> HttpResponse:
    """An add or edit page of the team, with the team page first in its crumbs."""
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=next_url,
        context={
            "title": title,
            "crumbs": [(_("Management team"), _team_url(request.cluster.slug)), *(crumbs or [])],
            "cancel_url": next_url,
            **extra,
        },
    )


def _staff_url(cluster_slug: str, pk: int) -> str:
    return reverse("engagement:team_staff", kwargs={"cluster_slug": cluster_slug, "pk": pk})


@role_required(*EDIT_ROLES)
def staff_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = StaffMemberForm(request.POST or None, request.FILES or None, cluster=request.cluster)
    return _form(
        request,
        form,
        save=lambda: staff_member_create(
            cluster=request.cluster, actor=request.user, data=form.service_data()
        ),
        success=lambda member: _("%(name)s was added to the team.") % {"name": member.full_name},
        next_url=_team_url(cluster_slug),
        title=_("Add a staff member"),
        multipart=True,
    )


@role_required(*EDIT_ROLES)
def staff_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = StaffMemberForm(
        request.POST or None, request.FILES or None, instance=member, cluster=request.cluster
    )
    return _form(
        request,
        form,
        save=lambda: staff_member_update(
            staff_member=_stored(request, pk), actor=request.user, data=form.service_data()
        ),
        success=_("The changes were saved."),
        next_url=_staff_url(cluster_slug, pk),
        title=_("Edit %(name)s") % {"name": member.full_name},
        multipart=True,
    )


@role_required(*EDIT_ROLES)
def staff_end(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    form = StaffEndForm(
        request.POST or None,
        staff_member=member,
        initial={"ended_on": member.ended_on or timezone.localdate()},
    )
    return _form(
        request,
        form,
        save=lambda: staff_member_end(
            staff_member=_stored(request, pk),
            actor=request.user,
            ended_on=form.cleaned_data["ended_on"],
        ),
        success=_("%(name)s's time in the post was ended.") % {"name": member.full_name},
        next_url=_team_url(cluster_slug),
        title=_("%(name)s leaves the post") % {"name": member.full_name},
        intro=_(
            "The post stays in the team's history: a successor added with the same post "
            "shows the handover, or how long the post stood empty."
        ),
        submit=_("Save the last day"),
    )


@role_required(*EDIT_ROLES)
def staff_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    return confirm_delete(
        request,
        member,
        delete=lambda: staff_member_delete(staff_member=member, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": member.full_name},
        next_url=_team_url(cluster_slug),
        consequence=_(
            "Their training records are deleted too. If the person left the team, end "
            "their time in the post instead: the post's history keeps them."
        ),
    )


@role_required(*EDIT_ROLES)
def training_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = _member(request, pk)
    today = timezone.localdate()
    form = TrainingRecordForm(request.POST or None, staff_member=member, today=today)
    detail_url = _staff_url(cluster_slug, pk)
    return _form(
        request,
        form,
        save=lambda: training_record_create(
            staff_member=member, actor=request.user, data=form.cleaned_data, today=today
        ),
        success=_("The training was recorded."),
        next_url=detail_url,
        title=_("Add training for %(name)s") % {"name": member.full_name},
        crumbs=[(member.full_name, detail_url)],
    )


@role_required(*EDIT_ROLES)
def training_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    record = get_object_or_404(
        TrainingRecord.objects.for_cluster(request.cluster).select_related("staff_member"),
        pk=pk,
    )
    return confirm_delete(
        request,
        _("the training “%(topic)s” of %(name)s")
        % {"topic": record.topic, "name": record.staff_member.full_name},
        delete=lambda: training_record_delete(training_record=record, actor=request.user),
        success=_("The training record was deleted."),
        next_url=_staff_url(cluster_slug, record.staff_member_id),
    )


@role_required(*READ_ROLES)
def export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    return table_download(
        request,
        file_format,
        "team",
        lambda: team_export(request.cluster, file_format, timezone.localdate()),
    )
