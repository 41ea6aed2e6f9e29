"""A survey as a respondent sees it: sections and questions in their language, each with the
choices to make, what was answered so far (kept as a draft, or just posted) and the message
of a refused answer; and the conditions a small script uses to show a question only when it
applies."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .answers import Row, field_name, row_field_name
from .models import Option, Question, QuestionKind, Section, Survey
from .scales import DEFAULT_RATING_MAX, NPS_HIGH, NPS_LOW, NPS_POINTS, likert_choices
from .services.responding import Questionnaire


@dataclass
class Choice:
    value: str
    label: str
    checked: bool
    ident: str


@dataclass
class MatrixRow:
    label: str
    name: str
    choices: list[Choice]


@dataclass
class ShownQuestion:
    question: Question
    number: int
    text: str
    help: str
    name: str
    kind: str
    required: bool
    choices: list[Choice] = field(default_factory=list)
    rows: list[MatrixRow] = field(default_factory=list)
    value: str = ""
    error: str = ""
    condition: str = ""  # JSON for the script: {"field": …, "values": […]}
    condition_text: str = ""
    low_label: str = ""
    high_label: str = ""
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None


@dataclass
class ShownSection:
    section: Section
    title: str
    intro: str
    questions: list[ShownQuestion]


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)


class _Values:
    """What to show as answered: what was just posted (as typed), else the draft kept."""

    def __init__(self, posted: Mapping[str, Any] | None, rows_of: Mapping[int, list[Row]]):
        self.posted = posted
        self.rows_of = rows_of

    def chosen(self, question: Question, options: list[Option], name: str) -> set[str]:
        if self.posted is not None:
            getlist = getattr(self.posted, "getlist", None)
            values = getlist(name) if getlist else self.posted.get(name, [])
            return {values} if isinstance(values, str) else set(values or [])
        by_id = {option.pk: option.value for option in options}
        rows = self.rows_of.get(question.pk, [])
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            return {by_id.get(row.option_id, "") for row in rows}
        return {_number_text(row.number) for row in rows}

    def text(self, question: Question, name: str) -> str:
        if self.posted is not None:
            return str(self.posted.get(name, "") or "")
        rows = self.rows_of.get(question.pk, [])
        if not rows:
            return ""
        row = rows[0]
        if row.day is not None:
            return row.day.isoformat()
        if row.number is not None:
            return _number_text(row.number)
        return row.text

    def matrix(self, question: Question, option: Option, name: str) -> str:
        if self.posted is not None:
            return str(self.posted.get(name, "") or "")
        for row in self.rows_of.get(question.pk, []):
            if row.option_id == option.pk:
                return _number_text(row.number)
        return ""


def _choices(ident: str, pairs: list[tuple[str, str]], chosen: set[str]) -> list[Choice]:
    return [
        Choice(value, label, value in chosen, f"{ident}-{index}")
        for index, (value, label) in enumerate(pairs)
    ]


def _condition(
    question: Question, questions: dict[int, Question], language: str, options_of: dict
) -> tuple[str, str]:
    condition = questions.get(question.condition_question_id or 0)
    if condition is None:
        return "", ""
    values = list(question.condition_values or [])
    fallback = condition.survey.default_language
    labels = {
        option.value: option.label_in(language, fallback) for option in options_of[condition.pk]
    }
    if values:
        shown = ", ".join(f"“{labels.get(value, value)}”" for value in values)
        text = _("Only if your answer to “%(question)s” is %(values)s.") % {
            "question": condition.text_in(language),
            "values": shown,
        }
    else:
        text = _("Only if you answered “%(question)s”.") % {"question": condition.text_in(language)}
    script = {"field": field_name(condition), "values": values}
    if condition.kind == QuestionKind.MATRIX:
        script["prefix"] = True
    return json.dumps(script), text


def questionnaire_page(
    survey: Survey,
    questionnaire: Questionnaire,
    language: str,
    *,
    rows_of: Mapping[int, list[Row]],
    posted: Mapping[str, Any] | None = None,
    problems: Mapping[int, str] | None = None,
) -> list[ShownSection]:
    values = _Values(posted, rows_of)
    problems = problems or {}
    fallback = survey.default_language
    by_pk = {question.pk: question for question in questionnaire.questions}
    sections: dict[int, ShownSection] = {}
    for number, question in enumerate(questionnaire.questions, start=1):
        section = question.section
        section.survey = survey
        if section.pk not in sections:
            sections[section.pk] = ShownSection(
                section, section.title_in(language), section.intro_in(language), []
            )
        options = questionnaire.options_of[question.pk]
        question.survey = survey
        name = field_name(question)
        shown = ShownQuestion(
            question=question,
            number=number,
            text=question.text_in(language),
            help=question.help_in(language),
            name=name,
            kind=question.kind,
            required=question.required,
            error=problems.get(question.pk, ""),
        )
        shown.condition, shown.condition_text = _condition(
            question, by_pk, language, questionnaire.options_of
        )
        kind = question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            pairs = [(o.value, o.label_in(language, fallback)) for o in options]
            shown.choices = _choices(name, pairs, values.chosen(question, options, name))
        elif kind == QuestionKind.LIKERT:
            pairs = [(str(point), label) for point, label in likert_choices(question.scale)]
            shown.choices = _choices(name, pairs, values.chosen(question, options, name))
        elif kind == QuestionKind.NPS:
            pairs = [(str(point), str(point)) for point in NPS_POINTS]
            shown.choices = _choices(name, pairs, values.chosen(question, options, name))
            shown.low_label, shown.high_label = str(NPS_LOW), str(NPS_HIGH)
        elif kind == QuestionKind.RATING:
            most = int(question.max_value or DEFAULT_RATING_MAX)
            pairs = [(str(point), "★" * point) for point in range(1, most + 1)]
            shown.choices = _choices(name, pairs, values.chosen(question, options, name))
        elif kind == QuestionKind.MATRIX:
            scale = [(str(point), label) for point, label in likert_choices(question.scale)]
            for option in options:
                row_name = row_field_name(question, option)
                chosen = {values.matrix(question, option, row_name)}
                shown.rows.append(
                    MatrixRow(
                        option.label_in(language, fallback),
                        row_name,
                        _choices(row_name, scale, chosen),
                    )
                )
        else:
            shown.value = values.text(question, name)
            shown.max_length = question.text_limit if kind == QuestionKind.TEXT else None
            shown.min_value, shown.max_value = question.min_value, question.max_value
        sections[section.pk].questions.append(shown)
    return list(sections.values())
