"""The questionnaire builder: a survey's sections and questions in order, and the pages that
add, change, move and delete them (texts in every language the survey is offered in)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.engagement.views.common import apply_error, can_edit
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import queries, services
from ..forms import QuestionForm, SectionForm, language_name
from ..models import Question, QuestionKind, Section, Survey
from ..scales import likert_labels
from .surveys import reading_language, survey_url


def _section(survey: Survey, pk: int) -> Section:
    return get_object_or_404(Section.objects.filter(survey=survey), pk=pk)


def _question(survey: Survey, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.filter(survey=survey).select_related("section", "condition_question"),
        pk=pk,
    )


def _describe(question: Question, language: str) -> str:
    """What a question asks for, in a few words, for the builder's list."""
    kind = question.get_kind_display()
    if question.kind in (QuestionKind.LIKERT, QuestionKind.MATRIX):
        labels = likert_labels(question.scale)
        return f"{kind}: {labels[0]} … {labels[-1]}"
    if question.kind == QuestionKind.NUMBER and (
        question.min_value is not None or question.max_value is not None
    ):
        low = "" if question.min_value is None else f"{question.min_value:g}"
        high = "" if question.max_value is None else f"{question.max_value:g}"
        return f"{kind} ({low}–{high})"
    if question.kind == QuestionKind.TEXT:
        return _("%(kind)s, at most %(count)s characters") % {
            "kind": kind,
            "count": question.text_limit,
        }
    if question.kind == QuestionKind.RATING:
        return _("%(kind)s, %(count)s stars") % {
            "kind": kind,
            "count": int(question.max_value or 5),
        }
    return str(kind)


@role_required(*READ_ROLES)
def questions(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    language = reading_language(survey)
    sections = list(survey.sections.all())
    all_questions = list(
        Question.objects.filter(survey=survey)
        .select_related("section", "condition_question")
        .prefetch_related("options")
        .order_by("section__position", "section_id", "position", "id")
    )
    numbers = {question.pk: number for number, question in enumerate(all_questions, start=1)}
    labels = {
        question.pk: {
            option.value: option.label_in(language, survey.default_language)
            for option in question.options.all()
        }
        for question in all_questions
    }
    by_section: dict[int, list[dict]] = {section.pk: [] for section in sections}
    for question in all_questions:
        question.survey = survey
        missing = [language_name(code) for code in survey.languages if not question.text.get(code)]
        condition = question.condition_question
        by_section[question.section_id].append(
            {
                "question": question,
                "number": numbers[question.pk],
                "text": question.text_in(language),
                "describe": _describe(question, language),
                "options": [
                    option.label_in(language, survey.default_language)
                    for option in question.options.all()
                ],
                "condition": numbers.get(condition.pk) if condition else None,
                "condition_values": [
                    f"“{labels.get(condition.pk, {}).get(value, value)}”"
                    for value in question.condition_values
                ]
                if condition
                else [],
                "missing": missing,
            }
        )
    for section in sections:
        section.survey = survey
    return render(
        request,
        "surveys/questions.html",
        {
            "survey": survey,
            "title": survey.title_in(language),
            "sections": [
                {
                    "section": section,
                    "title": section.title_in(language),
                    "intro": section.intro_in(language),
                    "questions": by_section[section.pk],
                }
                for section in sections
            ],
            "can_edit": can_edit(request),
            "structure_locked": not survey.is_draft,
            "tab": "questions",
        },
    )


def _form_page(request, survey, form, *, heading, save, success):  # type: ignore[no-untyped-def]
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except DomainError as error:
            apply_error(form, error)
        else:
            messages.success(request, success)
            return redirect(survey_url(survey, "questions"))
    return render(
        request,
        "surveys/builder_form.html",
        {
            "survey": survey,
            "title": survey.title_in(reading_language(survey)),
            "form": form,
            "heading": heading,
            "cancel_url": survey_url(survey, "questions"),
        },
        status=400 if form.errors else 200,
    )


@role_required(*EDIT_ROLES)
def section_new(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    form = SectionForm(request.POST or None, survey=survey)
    return _form_page(
        request,
        survey,
        form,
        heading=_("Add a section"),
        save=lambda: services.section_create(
            survey=survey, actor=request.user, **form.service_data()
        ),
        success=_("The section was added."),
    )


@role_required(*EDIT_ROLES)
def section_edit(request: HttpRequest, cluster_slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    section = _section(survey, section_pk)
    form = SectionForm(request.POST or None, survey=survey, section=section)
    return _form_page(
        request,
        survey,
        form,
        heading=_("Change the section"),
        save=lambda: services.section_update(
            section=section, actor=request.user, **form.service_data()
        ),
        success=_("The changes were saved."),
    )


def _delete_page(request, survey, thing: str, *, delete, success: str, consequence: str = ""):  # type: ignore[no-untyped-def]
    """Ask before deleting; once confirmed, the service deletes or says why it may not."""
    back = survey_url(survey, "questions")
    if request.method == "POST":
        try:
            delete()
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect(back)
    return render(
        request,
        "engagement/confirm_delete.html",
        {"object": thing, "consequence": consequence, "cancel_url": back},
    )


@role_required(*EDIT_ROLES)
def section_delete(
    request: HttpRequest, cluster_slug: str, pk: int, section_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    section = _section(survey, section_pk)
    section.survey = survey
    return _delete_page(
        request,
        survey,
        section.title_in(reading_language(survey)) or _("the section"),
        delete=lambda: services.section_delete(section=section, actor=request.user),
        success=_("The section and its questions were deleted."),
        consequence=_("Its questions are deleted with it."),
    )


@role_required(*EDIT_ROLES)
@require_POST
def section_move(request: HttpRequest, cluster_slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    section = _section(survey, section_pk)
    try:
        services.section_move(section=section, actor=request.user, step=_step(request))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(survey_url(survey, "questions") + f"#section-{section.pk}")


def _step(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@role_required(*EDIT_ROLES)
def question_new(request: HttpRequest, cluster_slug: str, pk: int, section_pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    section = _section(survey, section_pk)
    section.survey = survey
    form = QuestionForm(request.POST or None, survey=survey)
    return _form_page(
        request,
        survey,
        form,
        heading=_("Add a question to “%(section)s”")
        % {"section": section.title_in(reading_language(survey)) or _("the section")},
        save=lambda: services.question_create(
            section=section, actor=request.user, data=form.service_data()
        ),
        success=_("The question was added."),
    )


@role_required(*EDIT_ROLES)
def question_edit(
    request: HttpRequest, cluster_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    question = _question(survey, question_pk)
    question.survey = survey
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    return _form_page(
        request,
        survey,
        form,
        heading=_("Change the question"),
        save=lambda: services.question_update(
            question=question, actor=request.user, data=form.service_data()
        ),
        success=_("The changes were saved."),
    )


@role_required(*EDIT_ROLES)
def question_delete(
    request: HttpRequest, cluster_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    question = _question(survey, question_pk)
    question.survey = survey
    return _delete_page(
        request,
        survey,
        question.text_in(reading_language(survey))[:80],
        delete=lambda: services.question_delete(question=question, actor=request.user),
        success=_("The question was deleted."),
    )


@role_required(*EDIT_ROLES)
@require_POST
def question_move(
    request: HttpRequest, cluster_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    question = _question(survey, question_pk)
    try:
        services.question_move(question=question, actor=request.user, step=_step(request))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(survey_url(survey, "questions") + f"#question-{question.pk}")
