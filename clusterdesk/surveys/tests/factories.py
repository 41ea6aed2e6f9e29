"""Surveys for tests: made through the services, as the pages make them, and answered through
the same path a respondent takes."""

from __future__ import annotations

from typing import Any

from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from ..answers import field_name, row_field_name
from ..models import Invitation, Question, Response, Survey, SurveyStatus
from ..services import invitations_add, response_start, response_submit


def form_data(survey: Survey, answers: dict[str, Any]) -> dict[str, Any]:
    """Form fields for answers given by question key: a scale point or number, an option
    value (a list of them for multiple choice), a text or a date, or for a matrix a dict of
    row value → point."""
    data: dict[str, Any] = {}
    questions = {q.key: q for q in Question.objects.filter(survey=survey)}
    for key, value in answers.items():
        question = questions[key]
        if isinstance(value, dict):
            rows = {o.value: o for o in question.options.all()}
            for row, point in value.items():
                data[row_field_name(question, rows[row])] = str(point)
        elif isinstance(value, list):
            data[field_name(question)] = [str(item) for item in value]
        else:
            data[field_name(question)] = str(value)
    return data


def open_survey(survey: Survey) -> Survey:
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status"])
    return survey


def invite(survey: Survey, contact: Contact, actor: Any = None) -> Invitation:
    invitations_add(survey=survey, actor=actor, contacts=[contact])
    return survey.invitations.get(contact=contact)


def answer(
    survey: Survey,
    answers: dict[str, Any],
    *,
    organisation: Organisation | None = None,
    language: str = "en",
) -> Response:
    """A submitted response: through a personal invitation of a new contact of
    ``organisation`` when given, else through the public link."""
    if organisation is not None:
        contact = ContactFactory(organisation=organisation)
        invitation = invite(survey, contact)
        response = response_start(survey=survey, language=language, invitation=invitation)
    else:
        response = response_start(survey=survey, language=language)
    return response_submit(response=response, data=form_data(survey, answers))


def organisation(cluster, **fields: Any) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(cluster=cluster, **fields)
