"""Reading what a respondent typed or chose, question by question: the form's field names, the
checks of each kind of question (the option exists, the number is in range, the text is not too
long, the date is a date), and which questions are shown under their conditions. No database
writes here: ``services.responding`` stores what this accepts."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Option, Question, QuestionKind
from .scales import DEFAULT_RATING_MAX, LIKERT_POINTS, NPS_POINTS

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


@dataclass(frozen=True)
class Row:
    """One stored answer row (see models.Answer)."""

    option_id: int | None = None
    number: float | None = None
    day: date | None = None
    text: str = ""


@dataclass
class Parsed:
    """What a respondent gave to one question: the rows to store, or the problem."""

    rows: list[Row] = field(default_factory=list)
    error: str = ""
    given: bool = False  # something was typed or chosen, valid or not
    complete: bool = True  # every row of a matrix answered


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def row_field_name(question: Question, option: Option) -> str:
    return f"q{question.pk}-{option.pk}"


def _values(data: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(data, "getlist", None)
    raw = getlist(name) if getlist else data.get(name, [])
    if isinstance(raw, str):
        raw = [raw]
    return [str(value).strip() for value in raw or [] if str(value).strip()]


def _one(data: Mapping[str, Any], name: str) -> str:
    values = _values(data, name)
    return values[-1] if values else ""


def _whole(text: str, points: Iterable[int]) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value in set(points) else None


def parse_number(text: str) -> float | None:
    """A number as people write it: 12, 3.5, 3,5, 1 200, 1,200.50."""
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in cleaned and "." in cleaned:
        cleaned = (
            cleaned.replace(",", "")
            if cleaned.rfind(".") > cleaned.rfind(",")
            else (cleaned.replace(".", "").replace(",", "."))
        )
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _shown(value: float) -> str:
    return number_format(value, decimal_pos=None if value != int(value) else 0)


def parse(question: Question, options: list[Option], data: Mapping[str, Any]) -> Parsed:
    """Check one question's answer in the posted ``data``."""
    kind = question.kind
    name = field_name(question)
    by_value = {option.value: option for option in options}
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        values = _values(data, name)
        if kind == QuestionKind.SINGLE:
            values = values[-1:]
        if not values:
            return Parsed()
        if any(value not in by_value for value in values):
            return Parsed(error=_("Choose one of the options."), given=True)
        chosen = dict.fromkeys(values)  # in order, once each
        return Parsed(rows=[Row(option_id=by_value[v].pk) for v in chosen], given=True)
    if kind == QuestionKind.MATRIX:
        rows, given, complete = [], False, True
        for option in options:
            text = _one(data, row_field_name(question, option))
            if not text:
                complete = False
                continue
            given = True
            point = _whole(text, LIKERT_POINTS)
            if point is None:
                return Parsed(
                    error=_("Choose a point of the scale on each row you answer."), given=True
                )
            rows.append(Row(option_id=option.pk, number=float(point)))
        return Parsed(rows=rows, given=given, complete=complete)
    text = _one(data, name)
    if not text:
        return Parsed()
    if kind == QuestionKind.TEXT:
        limit = question.text_limit
        text = text.replace("\r\n", "\n")
        if len(text) > limit:
            return Parsed(
                error=ngettext(
                    "This answer is %(length)s characters long; shorten it to %(limit)s character.",
                    "This answer is %(length)s characters long; shorten it to %(limit)s "
                    "characters.",
                    limit,
                )
                % {"length": f"{len(text):,}", "limit": f"{limit:,}"},
                given=True,
            )
        return Parsed(rows=[Row(text=text)], given=True)
    if kind == QuestionKind.DATE:
        day = parse_date(text)
        if day is None:
            return Parsed(error=_("Write a date, such as 2026-03-01."), given=True)
        return Parsed(rows=[Row(day=day)], given=True)
    if kind == QuestionKind.LIKERT:
        point = _whole(text, LIKERT_POINTS)
        if point is None:
            return Parsed(error=_("Choose a point of the scale, from 1 to 5."), given=True)
        return Parsed(rows=[Row(number=float(point))], given=True)
    if kind == QuestionKind.NPS:
        point = _whole(text, NPS_POINTS)
        if point is None:
            return Parsed(error=_("Choose a number from 0 to 10."), given=True)
        return Parsed(rows=[Row(number=float(point))], given=True)
    if kind == QuestionKind.RATING:
        most = int(question.max_value or DEFAULT_RATING_MAX)
        point = _whole(text, range(1, most + 1))
        if point is None:
            return Parsed(
                error=_("Choose from 1 to %(count)s stars.") % {"count": most}, given=True
            )
        return Parsed(rows=[Row(number=float(point))], given=True)
    # a number
    value = parse_number(text)
    if value is None:
        return Parsed(error=_("Write a number, such as 12 or 3.5."), given=True)
    low, high = question.min_value, question.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            message = _("Give a number from %(low)s to %(high)s.")
        elif low is not None:
            message = _("Give a number of at least %(low)s.")
        else:
            message = _("Give a number of at most %(high)s.")
        shown = {"low": _shown(low or 0), "high": _shown(high or 0)}
        return Parsed(error=message % shown, given=True)
    return Parsed(rows=[Row(number=value)], given=True)


def answer_values(question: Question, rows: Iterable[Row], options: list[Option]) -> set[str]:
    """What a condition compares with: chosen options' values, or scale points as text."""
    by_id = {option.pk: option.value for option in options}
    values: set[str] = set()
    for row in rows:
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            values.add(by_id.get(row.option_id, ""))
        elif row.number is not None:
            values.add(str(int(row.number)) if row.number == int(row.number) else str(row.number))
        else:
            values.add("given")
    return values


def visible_questions(
    questions: list[Question],
    rows_of: Mapping[int, list[Row]],
    options_of: Mapping[int, list[Option]],
) -> set[int]:
    """The questions shown, given the answers: one whose condition question is hidden, not
    answered, or answered otherwise than the condition waits for, is hidden (questions come
    in survey order, a condition always on an earlier question)."""
    shown: set[int] = set()
    by_pk = {question.pk: question for question in questions}
    for question in questions:
        condition = question.condition_question_id
        if condition is None:
            shown.add(question.pk)
            continue
        if condition not in shown:
            continue
        rows = rows_of.get(condition) or []
        if not rows:
            continue
        wanted = set(question.condition_values or [])
        if not wanted or wanted & answer_values(by_pk[condition], rows, options_of[condition]):
            shown.add(question.pk)
    return shown


def required_problem(question: Question, parsed: Parsed) -> str:
    if not question.required:
        return ""
    if not parsed.rows:
        return _("Please answer this question.")
    if question.kind == QuestionKind.MATRIX and not parsed.complete:
        return _("Please answer every row.")
    return ""
