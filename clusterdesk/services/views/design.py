"""The guide's design workflow (chapter 5) as pages: a design round's long list of ideas, the
shortlist of at most ten, the service-interest questionnaire made from it, the ranking by
interest, expected benefit and willingness to pay (overall and by segment), a SWOT per idea,
and the decision that turns an idea into a new catalogue service or rejects it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete, form_page
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import CandidateForm, DecisionForm, DesignRoundForm, SurveyTitleForm, SwotForm
from ..models import SHORTLIST_LIMIT, CandidateStatus, DesignRound
from .common import candidate_of, round_of, url


def _crumbs(request: HttpRequest, design_round: DesignRound | None = None) -> list:
    crumbs = [
        (_("Service portfolio"), url("catalogue", request)),
        (_("Designing new services"), url("design_rounds", request)),
    ]
    if design_round is not None:
        crumbs.append((design_round.title, url("design_round", request, design_round.pk)))
    return crumbs


@role_required(*READ_ROLES)
def design_rounds(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    rounds = (
        DesignRound.objects.for_cluster(request.cluster)
        .annotate(
            ideas=Count("candidates"),
            shortlisted=Count("candidates", filter=~Q(candidates__status=CandidateStatus.IDEA)),
            introduced=Count("candidates", filter=Q(candidates__status=CandidateStatus.INTRODUCED)),
        )
        .order_by("-started_on", "-id")
    )
    return render(
        request,
        "services/design_rounds.html",
        {"rounds": rounds, "can_edit": can_edit(request), "limit": SHORTLIST_LIMIT},
    )


@role_required(*EDIT_ROLES)
def design_round_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = DesignRoundForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.design_round_create(
            cluster=request.cluster, actor=request.user, data=form.cleaned_data
        ),
        success=lambda saved: _("The round %(title)s was started.") % {"title": saved.title},
        next_url=lambda saved: url("design_round", request, saved.pk),
        context={
            "title": _("Start a design round"),
            "intro": _(
                "A round gathers ideas for new services (the guide's team brainstormed about "
                "20), keeps the best ten for a questionnaire to the members, and ends with a "
                "decision on each."
            ),
            "crumbs": _crumbs(request),
            "cancel_url": url("design_rounds", request),
        },
    )


@role_required(*READ_ROLES)
def design_round(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    current = round_of(request, pk)
    candidates = list(current.candidates.select_related("service").order_by("name", "pk"))
    shortlisted = [c for c in candidates if c.status != CandidateStatus.IDEA]
    return render(
        request,
        "services/design_round.html",
        {
            "round": current,
            "candidates": candidates,
            "shortlisted": shortlisted,
            "progress": queries.round_progress(current),
            "limit": SHORTLIST_LIMIT,
            "full": len(shortlisted) >= SHORTLIST_LIMIT,
            "survey_form": SurveyTitleForm(),
            "can_edit": can_edit(request),
        },
    )


@role_required(*EDIT_ROLES)
def design_round_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    current = round_of(request, pk)
    form = DesignRoundForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        save=lambda: services.design_round_update(
            design_round=round_of(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=url("design_round", request, pk),
        context={
            "title": _("Edit %(name)s") % {"name": current.title},
            "crumbs": _crumbs(request, current),
            "cancel_url": url("design_round", request, pk),
        },
    )


@role_required(*EDIT_ROLES)
def design_round_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    current = round_of(request, pk)
    return confirm_delete(
        request,
        current,
        delete=lambda: services.design_round_delete(design_round=current, actor=request.user),
        success=_("%(name)s was deleted.") % {"name": current.title},
        next_url=url("design_rounds", request),
        cancel_url=url("design_round", request, pk),
        consequence=_(
            "Its ideas go with it; services introduced from it stay in the catalogue, and its "
            "questionnaire stays with the surveys."
        ),
    )


# --------------------------------------------------------------------------- ideas


@role_required(*EDIT_ROLES)
def candidate_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    current = round_of(request, pk)
    form = CandidateForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.candidate_create(
            design_round=current, actor=request.user, data=form.cleaned_data
        ),
        success=lambda saved: _("%(name)s is on the long list.") % {"name": saved.name},
        next_url=url("design_round", request, pk),
        context={
            "title": _("Add an idea to %(name)s") % {"name": current.title},
            "crumbs": _crumbs(request, current),
            "cancel_url": url("design_round", request, pk),
        },
    )


@role_required(*READ_ROLES)
def candidate(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    idea = candidate_of(request, pk)
    scores = []
    if idea.design_round.survey_id:
        scores = [
            row
            for rows in queries.candidate_ranking(idea.design_round).values()
            for row in rows
            if row.candidate.pk == idea.pk
        ]
    return render(
        request,
        "services/candidate.html",
        {
            "candidate": idea,
            "round": idea.design_round,
            "score": scores[0] if scores else None,
            "swot": [
                (_("Strengths"), idea.strengths, "strengths"),
                (_("Weaknesses"), idea.weaknesses, "weaknesses"),
                (_("Opportunities"), idea.opportunities, "opportunities"),
                (_("Threats"), idea.threats, "threats"),
            ],
            "can_edit": can_edit(request),
        },
    )


@role_required(*EDIT_ROLES)
def candidate_edit(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    idea = candidate_of(request, pk)
    form = CandidateForm(request.POST or None, instance=idea)
    return form_page(
        request,
        form,
        save=lambda: services.candidate_update(
            candidate=candidate_of(request, pk), actor=request.user, data=form.cleaned_data
        ),
        success=_("The changes were saved."),
        next_url=url("candidate", request, pk),
        context={
            "title": _("Edit %(name)s") % {"name": idea.name},
            "crumbs": _crumbs(request, idea.design_round),
            "cancel_url": url("candidate", request, pk),
        },
    )


@role_required(*EDIT_ROLES)
def candidate_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    idea = candidate_of(request, pk)
    back = url("design_round", request, idea.design_round_id)
    if request.method == "POST":
        try:
            services.candidate_delete(candidate=idea, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s was deleted.") % {"name": idea.name})
        return redirect(back)
    return render(request, "engagement/confirm_delete.html", {"object": idea, "cancel_url": back})


@role_required(*EDIT_ROLES)
def candidate_shortlist(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Put an idea on the shortlist (``shortlisted=1``) or take it off (``0``); POST only."""
    idea = candidate_of(request, pk)  # first: another cluster's idea is a 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    wanted = request.POST.get("shortlisted") == "1"
    try:
        services.candidate_shortlist(candidate=idea, actor=request.user, shortlisted=wanted)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            (_("%(name)s is on the shortlist.") if wanted else _("%(name)s is off the shortlist."))
            % {"name": idea.name},
        )
    return redirect(url("design_round", request, idea.design_round_id) + "#ideas")


@role_required(*EDIT_ROLES)
def interest_survey_make(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    """Make the round's questionnaire from its shortlist; POST only."""
    current = round_of(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SurveyTitleForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    try:
        services.interest_survey_make(design_round=current, actor=request.user, title=title)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The service-interest questionnaire was made as a draft: check it, then send it "
                "to the members from the surveys."
            ),
        )
    return redirect(url("design_round", request, pk))


@role_required(*READ_ROLES)
def ranking(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    current = round_of(request, pk)
    segment = request.GET.get("segment", "all")
    if segment not in queries.SEGMENTS:
        segment = "all"
    ranked = queries.candidate_ranking(current, segment_by=queries.SEGMENTS[segment])
    segments = [
        ("all", _("All respondents")),
        ("category", _("By participant category")),
        ("size", _("By size")),
    ]
    return render(
        request,
        "services/ranking.html",
        {
            "round": current,
            "segment": segment,
            "segments": segments,
            "groups": sorted(
                ranked.items(), key=lambda item: (item[0] != "all", item[1][0].segment_label)
            ),
            "crumbs": _crumbs(request, current),
        },
    )


@role_required(*EDIT_ROLES)
def candidate_swot(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    idea = candidate_of(request, pk)
    form = SwotForm(request.POST or None, candidate=idea)
    return form_page(
        request,
        form,
        save=lambda: services.candidate_swot_update(
            candidate=candidate_of(request, pk), actor=request.user, swot=form.cleaned_data
        ),
        success=_("The SWOT of %(name)s was saved.") % {"name": idea.name},
        next_url=url("candidate", request, pk),
        context={
            "title": _("SWOT of %(name)s") % {"name": idea.name},
            "intro": _(
                "What speaks for and against the service: its strengths and weaknesses, and the "
                "opportunities and threats around it. The questionnaire's answers are a good "
                "start."
            ),
            "crumbs": _crumbs(request, idea.design_round),
            "cancel_url": url("candidate", request, pk),
            "submit": _("Save the SWOT"),
        },
    )


@role_required(*EDIT_ROLES)
def candidate_decide(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    idea = candidate_of(request, pk)
    form = DecisionForm(
        request.POST or None,
        initial={"code": services.next_service_code(request.cluster)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.candidate_decide(
                candidate=idea,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                code=form.cleaned_data["code"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            if decided.service_id:
                messages.success(
                    request,
                    _("%(name)s joins the catalogue as a new service.") % {"name": idea.name},
                )
                return redirect(url("service_detail", request, decided.service_id))
            messages.success(request, _("%(name)s was rejected.") % {"name": idea.name})
            return redirect(url("design_round", request, idea.design_round_id))
    return render(
        request,
        "services/decision_form.html",
        {
            "form": form,
            "candidate": idea,
            "title": _("Decide on %(name)s") % {"name": idea.name},
            "crumbs": _crumbs(request, idea.design_round),
            "cancel_url": url("candidate", request, pk),
        },
    )
