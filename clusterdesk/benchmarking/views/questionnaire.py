"""The benchmarking questionnaire: what no record answers (when services were last delivered,
when the satisfaction survey closed, which label the organisation holds). Every answer is
dated, given by a person and may carry a document; earlier answers stay as history."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import apply_error, can_edit, confirm_delete
from clusterdesk.lib.downloads import file_download
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, role_required

from .. import presentation, services, texts
from ..forms import AnswerForm
from ..frameworks import active_framework
from ..models import Answer


def _questionnaire_url(cluster_slug: str, question_id: str = "") -> str:
    url = reverse("benchmarking:questionnaire", kwargs={"cluster_slug": cluster_slug})
    return f"{url}#q-{question_id}" if question_id else url


def answer_text(question: Any, value: str) -> str:
    """An answer as a person reads it: a choice's label, a date in the reader's format."""
    if question is not None and question.kind in ("choice", "yes_no"):
        return texts.choice_label(value)
    if question is not None and question.kind == "date":
        try:
            return date_format(date.fromisoformat(value))
        except ValueError:
            return value
    return value


@role_required(*READ_ROLES)
def questionnaire(request: HttpRequest, cluster_slug: str) -> HttpResponse:
    _version, framework = active_framework()
    editable = can_edit(request)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    answers: dict[str, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.for_cluster(request.cluster).select_related("answered_by"):
        answers[answer.question].append(answer)
    posted = request.POST.get("question") if request.method == "POST" else None
    status = 200
    if posted is not None and posted not in {question.id for question in framework.questions}:
        messages.error(request, _("This question is not in the indicator framework."))
        status = 400
    questions = []
    for question in framework.questions:
        form = None
        if editable:
            bound = posted == question.id
            form = AnswerForm(
                request.POST if bound else None,
                request.FILES if bound else None,
                question=question,
            )
            if bound and form.is_valid():
                try:
                    services.answer_give(
                        cluster=request.cluster, actor=request.user, data=form.cleaned_data
                    )
                except DomainError as error:
                    apply_error(form, error)
                else:
                    messages.success(request, _("The answer was recorded."))
                    return redirect(_questionnaire_url(cluster_slug, question.id))
            if bound:
                status = 400
        given = answers.get(question.id, [])
        indicator = None
        if question.indicator:
            try:
                definition = framework.indicator(question.indicator)
            except KeyError:
                definition = None
            if definition is not None:
                indicator = {
                    "id": definition.id,
                    "name": texts.tr(definition.name),
                    "url": presentation.indicator_url(cluster_slug, definition.id),
                }
        questions.append(
            {
                "id": question.id,
                "text": texts.tr(question.text),
                "help": texts.tr(question.help),
                "indicator": indicator,
                "latest": given[0] if given else None,
                "latest_text": answer_text(question, given[0].value) if given else "",
                "earlier": [(answer, answer_text(question, answer.value)) for answer in given[1:]],
                "form": form,
            }
        )
    return render(
        request,
        "benchmarking/questionnaire.html",
        {"questions": questions, "can_edit": editable},
        status=status,
    )


def _answer(request: HttpRequest, pk: int) -> Answer:
    return get_object_or_404(Answer.objects.for_cluster(request.cluster), pk=pk)


@role_required(*READ_ROLES)
def answer_document(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    return file_download(_answer(request, pk).document)


@role_required(*EDIT_ROLES)
def answer_delete(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    answer = _answer(request, pk)
    _version, framework = active_framework()
    try:
        question = framework.question(answer.question)
    except KeyError:
        question = None
    name = _("the answer “%(value)s” of %(date)s") % {
        "value": answer_text(question, answer.value),
        "date": date_format(answer.answered_on),
    }
    return confirm_delete(
        request,
        name,
        delete=lambda: services.answer_delete(answer=answer, actor=request.user),
        success=_("The answer was deleted."),
        next_url=_questionnaire_url(cluster_slug, answer.question),
        consequence=_(
            "Assessments from now on read the answer given before it, if there is one; saved "
            "snapshots keep what they read."
        ),
    )
