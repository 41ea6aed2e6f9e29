"""Pages of the cluster organisation's governance and its B3 checklist, and the board's
export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
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
from clusterdesk.lib.tabular import write_table
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .common import (
    can_edit,
    column_label,
    confirm_delete,
    file_download,
    form_page,
    table_download,
)

# Indicator B3: met with five of the six points, excellent with all six.
POINTS_MET = 5
POINTS_EXCELLENT = 6


def _governance_url(cluster_slug: str) -> str:
    return reverse("engagement:governance", kwargs={"cluster_slug": cluster_slug})


def _form(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], Any],
    success: str | Callable[[Any], str],
    title: str,
    multipart: bool = False,
) -> HttpResponse:
    """An add or edit page of the governance, which goes back to it once saved."""
    url = _governance_url(request.cluster.slug)
    return form_page(
        request,
        form,
        save=save,
        success=success,
        next_url=url,
        context={
            "title": title,
            "crumbs": [(_("Governance"), url)],
            "cancel_url": url,
            "multipart": multipart,
        },
    )


def _delete(
    request: HttpRequest, thing: object, delete: Callable[[], object], success: str
) -> HttpResponse:
    return confirm_delete(
        request,
        thing,
        delete=delete,
        success=success,
        next_url=_governance_url(request.cluster.slug),
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
def board_export(request: HttpRequest, cluster_slug: str, file_format: str) -> HttpResponse:
    """The management board, past and present members, as the governance page lists it."""
    return table_download(
        request, file_format, "management-board", lambda: _board_table(request, file_format)
    )


def _board_table(request: HttpRequest, file_format: str) -> bytes:
    headers = [
        column_label(BoardMember, "full_name"),
        column_label(BoardMember, "organisation"),
        column_label(Organisation, "category"),
        column_label(BoardMember, "board_role"),
        column_label(BoardMember, "appointment"),
        column_label(BoardMember, "started_on"),
        column_label(BoardMember, "ended_on"),
    ]
    rows = [
        [
            member.full_name,
            member.organisation.name if member.organisation else "",
            str(member.organisation.get_category_display()) if member.organisation else "",
            member.board_role,
            str(member.get_appointment_display()),
            member.started_on,
            member.ended_on or "",
        ]
        for member in BoardMember.objects.for_cluster(request.cluster).select_related(
            "organisation"
        )
    ]
    return write_table(headers, rows, file_format)


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
    return _form(
        request,
        form,
        save=lambda: governance_save(
            cluster=request.cluster, actor=request.user, data=form.service_data(), today=today
        ),
        success=_("The governance profile was saved."),
        title=_("Edit the governance profile"),
        multipart=True,
    )


def _assembly_added(assembly: GeneralAssembly) -> str:
    if assembly.date > timezone.localdate():
        return _("The planned general assembly was added.")
    return _("The general assembly was added.")


@role_required(*EDIT_ROLES)
def assembly_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = GeneralAssemblyForm(request.POST or None, request.FILES or None)
    return _form(
        request,
        form,
        save=lambda: general_assembly_create(
            cluster=request.cluster, actor=request.user, data=form.service_data()
        ),
        success=_assembly_added,
        title=_("Add a general assembly"),
        multipart=True,
    )


@role_required(*EDIT_ROLES)
def assembly_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    assembly = get_object_or_404(GeneralAssembly.objects.for_cluster(request.cluster), pk=pk)
    return _delete(
        request,
        _("the general assembly of %(date)s")
        % {"date": formats.date_format(assembly.date, "SHORT_DATE_FORMAT")},
        lambda: general_assembly_delete(assembly=assembly, actor=request.user),
        _("The general assembly was deleted."),
    )


@role_required(*EDIT_ROLES)
def board_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = BoardMemberForm(request.POST or None, cluster=request.cluster)
    return _form(
        request,
        form,
        save=lambda: board_member_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda member: _("%(name)s was added to the board.") % {"name": member.full_name},
        title=_("Add a board member"),
    )


@role_required(*EDIT_ROLES)
def board_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = get_object_or_404(BoardMember.objects.for_cluster(request.cluster), pk=pk)
    form = BoardMemberForm(request.POST or None, instance=member, cluster=request.cluster)
    return _form(
        request,
        form,
        save=lambda: board_member_update(
            board_member=BoardMember.objects.select_related("cluster").get(pk=pk),
            actor=request.user,
            data=form.cleaned_data,
        ),
        success=_("The changes were saved."),
        title=_("Edit %(name)s") % {"name": member.full_name},
    )


@role_required(*EDIT_ROLES)
def board_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    member = get_object_or_404(BoardMember.objects.for_cluster(request.cluster), pk=pk)
    return _delete(
        request,
        member,
        lambda: board_member_delete(board_member=member, actor=request.user),
        _("%(name)s was deleted.") % {"name": member.full_name},
    )


@role_required(*EDIT_ROLES)
def committee_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = CommitteeForm(request.POST or None)
    return _form(
        request,
        form,
        save=lambda: committee_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda committee: _("%(name)s was added.") % {"name": committee.name},
        title=_("Add a board or committee"),
    )


@role_required(*EDIT_ROLES)
def committee_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.for_cluster(request.cluster), pk=pk)
    form = CommitteeForm(request.POST or None, instance=committee)
    return _form(
        request,
        form,
        save=lambda: committee_update(
            committee=Committee.objects.select_related("cluster").get(pk=pk),
            actor=request.user,
            data=form.cleaned_data,
        ),
        success=_("The changes were saved."),
        title=_("Edit %(name)s") % {"name": committee.name},
    )


@role_required(*EDIT_ROLES)
def committee_delete_view(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.for_cluster(request.cluster), pk=pk)
    return _delete(
        request,
        committee,
        lambda: committee_delete(committee=committee, actor=request.user),
        _("%(name)s was deleted.") % {"name": committee.name},
    )
