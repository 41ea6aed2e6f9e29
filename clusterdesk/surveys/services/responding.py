"""Answering: finding the survey behind a personal or public link (or saying plainly why it
cannot be answered), keeping the answers as a draft as the respondent goes, and sending them
once, checked question by question."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Category

from ..answers import Parsed, Row, parse, required_problem, visible_questions
from ..models import (
    Answer,
    Invitation,
    Option,
    Profile,
    Question,
    Response,
    ResponseStatus,
    SizeBand,
    Survey,
    SurveyStatus,
    new_token,
    size_band,
)


class Unavailable(Exception):
    """The link cannot be answered. ``reason``: unknown (no such link, or tampered with),
    not_open (a draft), closed, expired (past the deadline) or submitted (already answered)."""

    GONE = ("closed", "expired", "submitted")

    def __init__(
        self, reason: str, survey: Survey | None = None, response: Response | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.survey = survey
        self.response = response

    @property
    def status(self) -> int:
        return 410 if self.reason in self.GONE else 404


class AnswersRefused(DomainError):
    """Some answers are missing or wrong; ``problems`` maps question ids to messages. The
    valid answers were kept as a draft."""

    def __init__(self, problems: dict[int, str]) -> None:
        super().__init__(
            _("Some answers need your attention: see the messages beside the questions."),
            code="invalid_answers",
        )
        self.problems = problems


def _check_survey(survey: Survey) -> None:
    if survey.status == SurveyStatus.DRAFT:
        raise Unavailable("not_open", survey)
    if survey.status == SurveyStatus.CLOSED:
        raise Unavailable("closed", survey)
    if survey.is_past_deadline():
        raise Unavailable("expired", survey)


def invitation_for_token(token: str) -> tuple[Invitation, Response | None]:
    """The invitation of a personal link and its response so far, or Unavailable."""
    invitation = (
        Invitation.objects.select_related("survey__cluster", "contact__organisation")
        .filter(token=token)
        .first()
        if token and len(token) <= 64
        else None
    )
    if invitation is None:
        raise Unavailable("unknown")
    response = Response.objects.filter(invitation=invitation).first()
    _check_survey(invitation.survey)
    if response is not None and response.is_submitted:
        raise Unavailable("submitted", invitation.survey, response)
    return invitation, response


def survey_for_public_key(key: str, resume_key: str = "") -> tuple[Survey, Response | None]:
    """The survey of an anonymous public link and the draft this browser started (its resume
    key kept in a cookie), or Unavailable."""
    survey = (
        Survey.objects.select_related("cluster").filter(public_key=key, public_link=True).first()
        if key and len(key) <= 64
        else None
    )
    if survey is None:
        raise Unavailable("unknown")
    _check_survey(survey)
    response = None
    if resume_key:
        response = Response.objects.filter(survey=survey, resume_key=resume_key).first()
        if response is not None and response.is_submitted:
            raise Unavailable("submitted", survey, response)
    return survey, response


def response_start(
    *,
    survey: Survey,
    language: str,
    invitation: Invitation | None = None,
) -> Response:
    """A draft response: for an invitation (one only, kept with its organisation's category
    and size as they are today) or for the public link (with a new resume key)."""
    language = survey.language_for(language)
    if invitation is not None:
        organisation = invitation.contact.organisation
        response, _created = Response.objects.get_or_create(
            invitation=invitation,
            defaults={
                "cluster": survey.cluster,
                "survey": survey,
                "language": language,
                "organisation": organisation,
                "category": organisation.category,
                "size_band": size_band(organisation.employees),
            },
        )
        return response
    return Response.objects.create(
        cluster=survey.cluster,
        survey=survey,
        language=language,
        resume_key=new_token(),
        size_band=SizeBand.UNKNOWN,
    )


@dataclass
class Questionnaire:
    """A survey's questions in order with their options: loaded once per request."""

    questions: list[Question]
    options_of: dict[int, list[Option]]

    @classmethod
    def of(cls, survey: Survey) -> Questionnaire:
        questions = list(
            Question.objects.filter(survey=survey)
            .select_related("section")
            .order_by("section__position", "section_id", "position", "id")
        )
        options_of: dict[int, list[Option]] = {question.pk: [] for question in questions}
        for option in Option.objects.filter(question__survey=survey).order_by("position", "id"):
            options_of[option.question_id].append(option)
        return cls(questions, options_of)

    def parse(self, data: Mapping[str, Any]) -> dict[int, Parsed]:
        return {
            question.pk: parse(question, self.options_of[question.pk], data)
            for question in self.questions
        }

    def stored_rows(self, response: Response) -> dict[int, list[Row]]:
        rows: dict[int, list[Row]] = {question.pk: [] for question in self.questions}
        if response.pk is None:
            return rows
        for question_id, option_id, number, day, text in (
            Answer.objects.filter(response=response)
            .order_by("id")
            .values_list("question_id", "option_id", "number", "day", "text")
        ):
            rows.setdefault(question_id, []).append(Row(option_id, number, day, text))
        return rows


def _refuse_if_submitted(response: Response) -> None:
    if response.is_submitted:
        raise Unavailable("submitted", response.survey, response)


def _store(
    response: Response, parsed: dict[int, Parsed], questions: list[int], submitted: bool = False
) -> None:
    Answer.objects.filter(response=response, question_id__in=questions).delete()
    Answer.objects.bulk_create(
        Answer(
            survey_id=response.survey_id,
            response=response,
            question_id=question,
            option_id=row.option_id,
            number=row.number,
            day=row.day,
            text=row.text,
            submitted=submitted,
        )
        for question in questions
        for row in parsed[question].rows
    )


def response_save(
    *,
    response: Response,
    data: Mapping[str, Any],
    language: str = "",
    questionnaire: Questionnaire | None = None,
) -> dict[int, str]:
    """Keep the answers posted as the draft (the whole form each time): valid ones replace
    what was kept, a wrong one leaves the kept answer as it was. Returns the problems found,
    question id → message, for the respondent to fix."""
    _refuse_if_submitted(response)
    _check_survey(response.survey)
    questionnaire = questionnaire or Questionnaire.of(response.survey)
    parsed = questionnaire.parse(data)
    valid = [pk for pk, answer in parsed.items() if not answer.error]
    with transaction.atomic():
        # Only a draft is changed, even when a submission lands at the same moment.
        fields: dict[str, Any] = {"updated_at": timezone.now()}
        if language:
            fields["language"] = response.survey.language_for(language)
        if not Response.objects.filter(pk=response.pk, status=ResponseStatus.DRAFT).update(
            **fields
        ):
            raise Unavailable("submitted", response.survey, response)
        _store(response, parsed, valid)
    return {pk: answer.error for pk, answer in parsed.items() if answer.error}


def _profile_snapshot(response: Response, questionnaire: Questionnaire, parsed: dict) -> None:
    """Category and size of an unknown respondent's organisation, from the questions about
    who answers."""
    if response.organisation_id is not None:
        return
    for question in questionnaire.questions:
        if not question.profile or not parsed[question.pk].rows:
            continue
        chosen = parsed[question.pk].rows[0].option_id
        value = next(o.value for o in questionnaire.options_of[question.pk] if o.pk == chosen)
        if question.profile == Profile.CATEGORY and value in Category.values:
            response.category = value
        elif question.profile == Profile.SIZE and value in SizeBand.values:
            response.size_band = value


def response_submit(*, response: Response, data: Mapping[str, Any], language: str = "") -> Response:
    """Send the answers: all posted answers are first kept as the draft (so nothing is lost
    when some are refused), then every shown question is checked — required ones answered,
    values allowed; a question hidden by its condition is not asked for and its answer is
    dropped. A response is sent once: a second submission is refused."""
    questionnaire = Questionnaire.of(response.survey)
    problems = response_save(
        response=response, data=data, language=language, questionnaire=questionnaire
    )
    parsed = questionnaire.parse(data)
    rows_of = {pk: answer.rows for pk, answer in parsed.items()}
    shown = visible_questions(questionnaire.questions, rows_of, questionnaire.options_of)
    for question in questionnaire.questions:
        if question.pk in shown and question.pk not in problems:
            message = required_problem(question, parsed[question.pk])
            if message:
                problems[question.pk] = message
    problems = {pk: message for pk, message in problems.items() if pk in shown}
    if problems:
        raise AnswersRefused(problems)
    hidden = [question.pk for question in questionnaire.questions if question.pk not in shown]
    now = timezone.now()
    _profile_snapshot(response, questionnaire, parsed)
    with transaction.atomic():
        sent = Response.objects.filter(pk=response.pk, status=ResponseStatus.DRAFT).update(
            status=ResponseStatus.SUBMITTED,
            submitted_at=now,
            updated_at=now,
            category=response.category,
            size_band=response.size_band,
        )
        if not sent:
            raise Unavailable("submitted", response.survey, response)
        Answer.objects.filter(response=response, question_id__in=hidden).delete()
        Answer.objects.filter(response=response).update(submitted=True)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = now
    return response
