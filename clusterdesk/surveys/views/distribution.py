"""Who is asked and who answered: the invitations with each person's state, inviting chosen
contacts or a segment of the registry, reminders, and the anonymous public link."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import can_edit
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Contact
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import ContactsInviteForm, SegmentInviteForm
from ..models import Invitation
from .surveys import reading_language, survey_url

PAGE_SIZE = 50


def _invited(request: HttpRequest, count: int) -> None:
    if count:
        messages.success(
            request,
            ngettext("%(count)s person was invited.", "%(count)s people were invited.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("Nobody new to invite: they were invited already."))


@role_required(*READ_ROLES)
def distribution(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        invited = survey.invitations.values("contact_id")
        found = list(
            Contact.objects.for_cluster(request.cluster)
            .exclude(email="")
            .exclude(pk__in=invited)
            .filter(
                Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
                | Q(email__icontains=q)
                | Q(organisation__name__icontains=q)
            )
            .select_related("organisation")
            .order_by("organisation__name", "last_name")[:PAGE_SIZE]
        )
    page = Paginator(queries.invitations_with_status(survey), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "surveys/distribution.html",
        {
            "survey": survey,
            "title": survey.title_in(reading_language(survey)),
            "rate": queries.response_rate(survey),
            "page": page,
            "q": q,
            "found": found,
            "segment_form": SegmentInviteForm(),
            "public_url": services.public_link(survey) if survey.public_link else "",
            "can_edit": can_edit(request),
            "tab": "distribution",
        },
    )


@role_required(*EDIT_ROLES)
@require_POST
def invite_segment(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    form = SegmentInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whom to invite."))
        return redirect(survey_url(survey, "distribution"))
    try:
        count = services.invitations_add(
            survey=survey,
            actor=request.user,
            segment=form.cleaned_data["segment"],
            category=form.cleaned_data["category"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        _invited(request, count)
    return redirect(survey_url(survey, "distribution"))


@role_required(*EDIT_ROLES)
@require_POST
def invite_contacts(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    form = ContactsInviteForm(request.POST, survey=survey)
    if not form.is_valid():
        messages.error(request, _("Tick the contacts to invite."))
        return redirect(survey_url(survey, "distribution"))
    try:
        count = services.invitations_add(
            survey=survey, actor=request.user, contacts=form.cleaned_data["contacts"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        _invited(request, count)
    return redirect(survey_url(survey, "distribution"))


@role_required(*EDIT_ROLES)
@require_POST
def remind(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    try:
        count = services.invitations_remind(survey=survey, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "A reminder is being sent to %(count)s person who has not answered.",
                "A reminder is being sent to %(count)s people who have not answered.",
                count,
            )
            % {"count": count},
        )
    return redirect(survey_url(survey, "distribution"))


@role_required(*EDIT_ROLES)
@require_POST
def invitation_withdraw(
    request: HttpRequest, cluster_slug: str, pk: int, invitation_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    invitation = get_object_or_404(Invitation.objects.filter(survey=survey), pk=invitation_pk)
    try:
        services.invitation_delete(invitation=invitation, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation was withdrawn; its link no longer works."))
    return redirect(survey_url(survey, "distribution"))
