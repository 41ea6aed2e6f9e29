"""The management team's survey pages: the list, a new survey (ready-made or blank), a
survey's overview with its life (open, close), its settings, deleting it, and the one-click
start of a satisfaction survey from the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import NewSurveyForm, SurveySettingsForm, language_name
from ..models import Survey


def survey_url(survey: Survey, name: str = "detail") -> str:
    return reverse(f"surveys:{name}", kwargs={"cluster_slug": survey.cluster.slug, "pk": survey.pk})


def reading_language(survey: Survey) -> str:
    """The manager's interface language when the survey is offered in it, else its first."""
    return survey.language_for(translation.get_language())


@role_required(*READ_ROLES)
def survey_list(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    surveys = list(queries.surveys_with_counts(request.cluster))
    language = translation.get_language()
    rows = [
        {"survey": survey, "title": survey.title_in(survey.language_for(language))}
        for survey in surveys
    ]
    return render(
        request,
        "surveys/survey_list.html",
        {"rows": rows, "can_edit": can_edit(request), "form": NewSurveyForm()},
    )


@role_required(*EDIT_ROLES)
def survey_new(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    form = NewSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                cluster=request.cluster,
                actor=request.user,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                template=form.cleaned_data["template"],
            )
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The survey was created as a draft."))
            return redirect(survey_url(survey, "questions"))
    return render(
        request, "surveys/survey_new.html", {"form": form}, status=400 if form.errors else 200
    )


@role_required(*EDIT_ROLES)
@require_POST
def satisfaction_start(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    """The dashboard's one click: a draft satisfaction survey from the ready-made one."""
    survey = services.survey_create(
        cluster=request.cluster, actor=request.user, title="", template="satisfaction"
    )
    messages.success(
        request,
        _("A satisfaction survey was created from the ready-made one: check it, then open it."),
    )
    return redirect(survey_url(survey, "questions"))


@role_required(*READ_ROLES)
def survey_detail(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    language = reading_language(survey)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "title": survey.title_in(language),
            "intro": survey.intro_in(language),
            "languages": [language_name(code) for code in survey.languages],
            "rate": queries.response_rate(survey),
            "question_count": survey.questions.count(),
            "public_url": services.public_link(survey) if survey.public_link else "",
            "can_edit": can_edit(request),
            "tab": "overview",
        },
    )


@role_required(*EDIT_ROLES)
def survey_settings(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    form = SurveySettingsForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, actor=request.user, data=form.service_data())
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(survey_url(survey))
    return render(
        request,
        "surveys/survey_settings.html",
        {"survey": survey, "form": form, "title": survey.title_in(reading_language(survey))},
        status=400 if form.errors else 200,
    )


def _life(request: HttpRequest, pk: int, change) -> HttpResponse:  # type: ignore[no-untyped-def]
    survey = queries.survey_for(request.cluster, pk)
    try:
        message = change(survey)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect(request.POST.get("next") or survey_url(survey))


@role_required(*EDIT_ROLES)
@require_POST
def survey_open(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    def change(survey: Survey) -> str:
        services.survey_open(survey=survey, actor=request.user)
        return _("The survey is open: invitations prepared are being sent.")

    return _life(request, pk, change)


@role_required(*EDIT_ROLES)
@require_POST
def survey_close(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    def change(survey: Survey) -> str:
        services.survey_close(survey=survey, actor=request.user)
        return _("The survey is closed: no more answers are accepted.")

    return _life(request, pk, change)


@role_required(*EDIT_ROLES)
def survey_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    count = survey.responses.count()
    return confirm_delete(
        request,
        survey,
        delete=lambda: services.survey_delete(survey=survey, actor=request.user),
        success=_("The survey was deleted."),
        next_url=reverse("surveys:list", kwargs={"cluster_slug": cluster_slug}),
        cancel_url=survey_url(survey),
        consequence=_("Its %(count)s responses are deleted with it.") % {"count": count}
        if count
        else "",
    )
