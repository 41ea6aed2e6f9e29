"""Answering a survey, without signing in: through a personal link (/s/<token>/) or the
anonymous public link (/s/p/<key>/). The page works on a phone and without script; with
script, every change is kept as a draft at once (for the public link, the draft is found again
through a cookie). A link that cannot be answered gets a page that says why (404 or 410)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Question, Response, Survey
from ..presentation import questionnaire_page
from ..services import (
    AnswersRefused,
    Questionnaire,
    Unavailable,
    invitation_for_token,
    response_save,
    response_start,
    response_submit,
    survey_for_public_key,
)

COOKIE_DAYS = 120


def _cookie_name(survey: Survey) -> str:
    return f"cd_survey_{survey.pk}"


def _language(request: HttpRequest, survey: Survey, *preferred: str) -> str:
    """The language chosen on the page (a switch), else the draft's, the invitation's, the
    browser's — the first the survey is offered in — else the survey's first."""
    wanted = request.POST.get("language") or request.GET.get("lang") or ""
    for language in (wanted, *preferred, translation.get_language_from_request(request)):
        code = (language or "").split("-")[0].lower()
        if code in survey.languages:
            return code
    return survey.default_language


def unavailable(request: HttpRequest, refusal: Unavailable) -> HttpResponse:
    survey = refusal.survey
    language = _language(request, survey) if survey else translation.get_language()
    with translation.override(language):
        return render(
            request,
            "surveys/answer/unavailable.html",
            {
                "reason": refusal.reason,
                "survey": survey,
                "title": survey.title_in(language) if survey else "",
                "response": refusal.response,
                "language": language,
                "again_url": (
                    reverse("answer:public_again", args=[survey.public_key])
                    if survey
                    and refusal.reason == "submitted"
                    and refusal.response
                    and refusal.response.invitation_id is None
                    else ""
                ),
            },
            status=refusal.status,
        )


def broken_link(request: HttpRequest, rest: str) -> HttpResponse:
    return unavailable(request, Unavailable("unknown"))


def _page(
    request: HttpRequest,
    survey: Survey,
    response: Response | None,
    language: str,
    *,
    save_url: str,
    submit_url: str,
    posted: bool = False,
    problems: dict[int, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        questionnaire = Questionnaire.of(survey)
        rows_of = questionnaire.stored_rows(response) if response else {}
        sections = questionnaire_page(
            survey,
            questionnaire,
            language,
            rows_of=rows_of,
            posted=request.POST if posted else None,
            problems=problems,
        )
        return render(
            request,
            "surveys/answer/form.html",
            {
                "survey": survey,
                "cluster": None,
                "survey_cluster": survey.cluster,
                "title": survey.title_in(language),
                "intro": survey.intro_in(language),
                "sections": sections,
                "language": language,
                "languages": [
                    (code, dict(settings.LANGUAGES).get(code, code)) for code in survey.languages
                ],
                "save_url": save_url,
                "submit_url": submit_url,
                "problems": problems or {},
                "message": message,
                "saved_at": response.updated_at if response and response.pk else None,
                "question_count": len(questionnaire.questions),
                "texts": {
                    "saving": _("Saving…"),
                    "sending": _("Sending…"),
                    "offline": _(
                        "Not saved: no connection. Your answers stay on this page and are "
                        "saved when the connection is back."
                    ),
                },
            },
            status=status,
        )


def _saved(
    request: HttpRequest, survey: Survey, language: str, problems: dict[int, str]
) -> HttpResponse:
    """The answer to a draft save: the time it was kept, and each question's message (empty
    ones clear what an earlier save said)."""
    questions = Question.objects.filter(survey=survey).values_list("pk", flat=True)
    with translation.override(language):
        return render(
            request,
            "surveys/answer/_saved.html",
            {
                "slots": [(pk, problems.get(pk, "")) for pk in questions],
                "problems": problems,
                "now": timezone.now(),
            },
        )


# --------------------------------------------------------------------------- personal link


def token_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation, response = invitation_for_token(token)
    except Unavailable as refusal:
        return unavailable(request, refusal)
    survey = invitation.survey
    language = _language(
        request, survey, response.language if response else "", invitation.language
    )
    urls = {
        "save_url": reverse("answer:token_save", args=[token]),
        "submit_url": reverse("answer:token", args=[token]),
    }
    if request.method == "POST":
        response = response or response_start(
            survey=survey, language=language, invitation=invitation
        )
        try:
            with translation.override(language):
                response_submit(response=response, data=request.POST, language=language)
        except AnswersRefused as refused:
            return _page(
                request,
                survey,
                response,
                language,
                posted=True,
                problems=refused.problems,
                message=refused.message,
                status=400,
                **urls,
            )
        except Unavailable as refusal:
            return unavailable(request, refusal)
        return redirect("answer:token_thanks", token=token)
    return _page(request, survey, response, language, **urls)


@require_POST
def token_save(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation, response = invitation_for_token(token)
    except Unavailable as refusal:
        return unavailable(request, refusal)
    survey = invitation.survey
    language = _language(request, survey, invitation.language)
    response = response or response_start(survey=survey, language=language, invitation=invitation)
    try:
        with translation.override(language):
            problems = response_save(response=response, data=request.POST, language=language)
    except Unavailable as refusal:
        return unavailable(request, refusal)
    return _saved(request, survey, language, problems)


def token_thanks(request: HttpRequest, token: str) -> HttpResponse:
    response = (
        Response.objects.select_related("survey__cluster", "invitation")
        .filter(invitation__token=token, status="submitted")
        .first()
        if len(token) <= 64
        else None
    )
    if response is None:
        return redirect("answer:token", token=token)
    return _thanks(request, response)


def _thanks(request: HttpRequest, response: Response) -> HttpResponse:
    survey = response.survey
    with translation.override(response.language):
        return render(
            request,
            "surveys/answer/thanks.html",
            {
                "survey": survey,
                "title": survey.title_in(response.language),
                "language": response.language,
                "response": response,
            },
        )


# --------------------------------------------------------------------------- public link


def _resume_key(request: HttpRequest, key: str) -> str:
    survey = Survey.objects.filter(public_key=key).only("pk").first()
    return request.COOKIES.get(_cookie_name(survey), "") if survey else ""


def _remember(http: HttpResponse, survey: Survey, response: Response) -> HttpResponse:
    http.set_cookie(
        _cookie_name(survey),
        response.resume_key or "",
        max_age=COOKIE_DAYS * 24 * 3600,
        path=reverse("answer:public", args=[survey.public_key]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return http


def public_answer(request: HttpRequest, key: str) -> HttpResponse:
    try:
        survey, response = survey_for_public_key(key, _resume_key(request, key))
    except Unavailable as refusal:
        return unavailable(request, refusal)
    language = _language(request, survey, response.language if response else "")
    urls = {
        "save_url": reverse("answer:public_save", args=[key]),
        "submit_url": reverse("answer:public", args=[key]),
    }
    if request.method == "POST":
        response = response or response_start(survey=survey, language=language)
        try:
            with translation.override(language):
                response_submit(response=response, data=request.POST, language=language)
        except AnswersRefused as refused:
            page = _page(
                request,
                survey,
                response,
                language,
                posted=True,
                problems=refused.problems,
                message=refused.message,
                status=400,
                **urls,
            )
            return _remember(page, survey, response)
        except Unavailable as refusal:
            return unavailable(request, refusal)
        return _remember(redirect("answer:public_thanks", key=key), survey, response)
    return _page(request, survey, response, language, **urls)


@require_POST
def public_save(request: HttpRequest, key: str) -> HttpResponse:
    try:
        survey, response = survey_for_public_key(key, _resume_key(request, key))
    except Unavailable as refusal:
        return unavailable(request, refusal)
    language = _language(request, survey)
    response = response or response_start(survey=survey, language=language)
    try:
        with translation.override(language):
            problems = response_save(response=response, data=request.POST, language=language)
    except Unavailable as refusal:
        return unavailable(request, refusal)
    return _remember(_saved(request, survey, language, problems), survey, response)


def public_thanks(request: HttpRequest, key: str) -> HttpResponse:
    survey = Survey.objects.filter(public_key=key).first() if len(key) <= 64 else None
    resume = request.COOKIES.get(_cookie_name(survey), "") if survey else ""
    response = (
        Response.objects.select_related("survey__cluster")
        .filter(survey=survey, resume_key=resume, status="submitted")
        .first()
        if survey and resume
        else None
    )
    if response is None:
        return redirect("answer:public", key=key)
    return _thanks(request, response)


@require_POST
def public_again(request: HttpRequest, key: str) -> HttpResponse:
    """Someone else answers in this browser: forget the answers sent from it."""
    http = redirect("answer:public", key=key)
    survey = Survey.objects.filter(public_key=key).first() if len(key) <= 64 else None
    if survey is not None:
        http.delete_cookie(
            _cookie_name(survey), path=reverse("answer:public", args=[survey.public_key])
        )
    return http
