"""Pages of the cluster organisation's governance and its B3 checklist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.forms.governance import (
    BoardMemberForm,
    CommitteeForm,
    GeneralAssemblyForm,
    GovernanceForm,
)
from clusterdesk.engagement.models import BoardMember, Committee, GeneralAssembly
from clusterdesk.engagement.services.governance import (
    board_member_create,
    board_member_delete,
    board_member_update,
    checklist_points,
    committee_create,
    committee_delete,
    committee_update,
    general_assembly_create,
    general_assembly_delete,
    governance_checklist,
    governance_of,
    governance_save,
)
from clusterdesk.engagement.services.team import period_status
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .team import apply_error, can_edit, file_download

# Indicator B3: met with five of the six points, excellent with all six.
POINTS_MET = 5
POINTS_EXCELLENT = 6


def _governance_url(cluster_slug: str) -> str:
    return reverse("engagement:governance", kwargs={"cluster_slug": cluster_slug})


def _form_page(request: HttpRequest, cluster_slug: str, context: dict[str, Any]) -> HttpResponse:
    context.setdefault("crumbs", [(_("Governance"), _governance_url(cluster_slug))])
    context.setdefault("cancel_url", _governance_url(cluster_slug))
    return render(request, "engagement/team/form.html", context)


def _confirm_delete(request: HttpRequest, cluster_slug: str, thing: object) -> HttpResponse:
    return render(
        request,
        "engagement/team/confirm_delete.html",
        {"object": thing, "cancel_url": _governance_url(cluster_slug)},
    )


@role_required(*READ_ROLES)
def governance(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    cluster, today = request.cluster, timezone.localdate()
    checklist = governance_checklist(cluster, today)
    points = checklist_points(checklist)
    board = [
        (member, period_status(member.started_on, member.ended_on, today))
        for member in BoardMember.objects.for_cluster(cluster).select_related("organisation")
    ]
    committees = [
        (committee, period_status(committee.started_on, committee.ended_on, today))
        for committee in Committee.objects.for_cluster(cluster)
    ]
    return render(
        request,
        "engagement/governance/index.html",
        {
            "today": today,
            "profile": governance_of(cluster),
            "checklist": checklist,
            "points": points,
            "points_met": points >= POINTS_MET,
            "points_excellent": points >= POINTS_EXCELLENT,
            "assemblies": GeneralAssembly.objects.for_cluster(cluster),
            "board": board,
            "committees": committees,
            "can_edit": can_edit(request),
        },
    )


@role_required(*READ_ROLES)
def statutes_document(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    profile = governance_of(request.cluster)
    return file_download(profile.statutes if profile else None)


@role_required(*READ_ROLES)
def assembly_minutes(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    assembly = get_object_or_404(GeneralAssembly.objects.for_cluster(request.cluster), pk=pk)
    return file_download(assembly.minutes)


@role_required(*EDIT_ROLES)
def governance_edit(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    today = timezone.localdate()
    form = GovernanceForm(
        request.POST or None,
        request.FILES or None,
        instance=governance_of(request.cluster),
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        try:
            governance_save(
                cluster=request.cluster, actor=request.user, data=form.service_data(), today=today
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The governance profile was saved."))
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(
        request,
        cluster_slug,
        {"form": form, "title": _("Edit the governance profile"), "multipart": True},
    )


@role_required(*EDIT_ROLES)
def assembly_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = GeneralAssemblyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            assembly = general_assembly_create(
                cluster=request.cluster, actor=request.user, data=form.service_data()
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            if assembly.date > timezone.localdate():
                messages.success(request, _("The planned general assembly was added."))
            else:
                messages.success(request, _("The general assembly was added."))
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(
        request,
        cluster_slug,
        {"form": form, "title": _("Add a general assembly"), "multipart": True},
    )


@role_required(*EDIT_ROLES)
def assembly_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    assembly = get_object_or_404(GeneralAssembly.objects.for_cluster(request.cluster), pk=pk)
    if request.method == "POST":
        general_assembly_delete(assembly=assembly, actor=request.user)
        messages.success(request, _("The general assembly was deleted."))
        return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _confirm_delete(
        request,
        cluster_slug,
        _("the general assembly of %(date)s")
        % {"date": formats.date_format(assembly.date, "SHORT_DATE_FORMAT")},
    )


@role_required(*EDIT_ROLES)
def board_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = BoardMemberForm(request.POST or None, cluster=request.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            member = board_member_create(
                cluster=request.cluster, actor=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, _("%(name)s was added to the board.") % {"name": member.full_name}
            )
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(request, cluster_slug, {"form": form, "title": _("Add a board member")})


@role_required(*EDIT_ROLES)
def board_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = get_object_or_404(BoardMember.objects.for_cluster(request.cluster), pk=pk)
    form = BoardMemberForm(request.POST or None, instance=member, cluster=request.cluster)
    if request.method == "POST" and form.is_valid():
        stored = BoardMember.objects.select_related("cluster").get(pk=pk)
        try:
            board_member_update(board_member=stored, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(
        request,
        cluster_slug,
        {"form": form, "title": _("Edit %(name)s") % {"name": member.full_name}},
    )


@role_required(*EDIT_ROLES)
def board_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = get_object_or_404(BoardMember.objects.for_cluster(request.cluster), pk=pk)
    if request.method == "POST":
        board_member_delete(board_member=member, actor=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": member.full_name})
        return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _confirm_delete(request, cluster_slug, member)


@role_required(*EDIT_ROLES)
def committee_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = committee_create(
                cluster=request.cluster, actor=request.user, data=form.cleaned_data
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": committee.name})
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(request, cluster_slug, {"form": form, "title": _("Add a board or committee")})


@role_required(*EDIT_ROLES)
def committee_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.for_cluster(request.cluster), pk=pk)
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        stored = Committee.objects.select_related("cluster").get(pk=pk)
        try:
            committee_update(committee=stored, actor=request.user, data=form.cleaned_data)
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _form_page(
        request,
        cluster_slug,
        {"form": form, "title": _("Edit %(name)s") % {"name": committee.name}},
    )


@role_required(*EDIT_ROLES)
def committee_delete_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.for_cluster(request.cluster), pk=pk)
    if request.method == "POST":
        committee_delete(committee=committee, actor=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": committee.name})
        return redirect("engagement:governance", cluster_slug=cluster_slug)
    return _confirm_delete(request, cluster_slug, committee)
