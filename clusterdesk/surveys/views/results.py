"""A survey's results: response rate, NPS and average satisfaction, a chart per question,
breakdowns by category and size, the free texts (all of them on a page per question) and the
export of the responses as CSV or XLSX."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from clusterdesk.engagement.views.common import table_download
from clusterdesk.tenancy.access import READ_ROLES, role_required

from .. import charts, queries
from ..models import Question, QuestionKind
from ..results import QuestionResult, responses_export, survey_results, text_answers
from ..scales import NPS_POINTS
from .surveys import reading_language

TEXT_PAGE = 50


def nps_names() -> dict[str, str]:
    return {
        "detractor": _("Detractors (0–6)"),
        "passive": _("Passives (7–8)"),
        "promoter": _("Promoters (9–10)"),
    }


def question_chart(result: QuestionResult) -> str:
    kind = result.kind
    title = f"{result.number}. {result.text}"
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        parts = [charts.Part(share.label, share.count) for share in result.shares]
        return charts.choice_bars_svg(parts, total=result.answered, title=title)
    if kind == QuestionKind.LIKERT:
        return charts.stacked_rows_svg(
            [("", result.counts)], labels=result.scale_labels, title=title
        )
    if kind == QuestionKind.MATRIX:
        return charts.stacked_rows_svg(
            [(row.label, row.counts) for row in result.rows],
            labels=result.scale_labels,
            title=title,
        )
    if kind == QuestionKind.NPS and result.recommendation is not None:
        recommendation = result.recommendation
        return charts.nps_svg(
            detractors=recommendation.detractors,
            passives=recommendation.passives,
            promoters=recommendation.promoters,
            score=recommendation.score,
            title=title,
            names=nps_names(),
        ) + charts.points_svg(
            result.counts, labels=[str(point) for point in NPS_POINTS], title=title
        )
    if kind == QuestionKind.RATING:
        return charts.points_svg(
            result.counts, labels=[f"{n}★" for n in range(1, len(result.counts) + 1)], title=title
        )
    return ""


@role_required(*READ_ROLES)
def results(request: HttpRequest, cluster_slug: str, pk: int) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    language = reading_language(survey)
    figures = survey_results(survey, language)
    for result in figures.questions:
        result.chart = mark_safe(question_chart(result))  # type: ignore[attr-defined]
    headline = None
    if figures.recommendation is not None:
        recommendation = figures.recommendation
        headline = mark_safe(
            charts.nps_svg(
                detractors=recommendation.detractors,
                passives=recommendation.passives,
                promoters=recommendation.promoters,
                score=recommendation.score,
                title=_("Recommendation score (NPS)"),
                names=nps_names(),
            )
        )
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "title": survey.title_in(language),
            "results": figures,
            "nps_chart": headline,
            "tab": "results",
        },
    )


@role_required(*READ_ROLES)
def text_answers_page(
    request: HttpRequest, cluster_slug: str, pk: int, question_pk: int
) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    question = get_object_or_404(
        Question.objects.filter(survey=survey, kind=QuestionKind.TEXT), pk=question_pk
    )
    question.survey = survey
    page = Paginator(text_answers(survey, question), TEXT_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/text_answers.html",
        {
            "survey": survey,
            "title": survey.title_in(reading_language(survey)),
            "question": question,
            "question_text": question.text_in(reading_language(survey)),
            "page": page,
            "tab": "results",
        },
    )


@role_required(*READ_ROLES)
def export(request: HttpRequest, cluster_slug: str, pk: int, file_format: str) -> HttpResponse:
    survey = queries.survey_for(request.cluster, pk)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    language = reading_language(survey)
    return table_download(
        request,
        file_format,
        f"survey-{survey.pk}-responses",
        lambda: responses_export(survey, language, file_format),
    )
