"""Editing a survey's sections and questions: adding, changing, moving and removing them. Once
a survey is open only the texts change, so that answers already given keep their meaning."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, raise_first

from ..models import (
    Option,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyStatus,
)
from ..rules import question_problems
from .building import _option_value

# --------------------------------------------------------------------------- sections


def _draft_only(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(
            _(
                "Once a survey has been opened, only its texts can change: sections and "
                "questions are added or removed while it is a draft."
            ),
            code="not_draft",
        )


def _texts(values: dict[str, str] | None, languages: list[str]) -> dict[str, str]:
    return {k: v.strip() for k, v in (values or {}).items() if k in languages and v and v.strip()}


def section_create(
    *, survey: Survey, actor: Any, title: dict[str, str], intro: dict[str, str] | None = None
) -> Section:
    _draft_only(survey)
    last = survey.sections.aggregate(last=Max("position"))["last"]
    return Section.objects.create(
        survey=survey,
        position=0 if last is None else last + 1,
        title=_texts(title, survey.languages),
        intro=_texts(intro, survey.languages),
    )


def section_update(
    *, section: Section, actor: Any, title: dict[str, str], intro: dict[str, str] | None = None
) -> Section:
    languages = section.survey.languages
    section.title = _texts(title, languages)
    section.intro = _texts(intro, languages)
    section.save(update_fields=["title", "intro"])
    return section


def section_delete(*, section: Section, actor: Any) -> None:
    survey = section.survey
    _draft_only(survey)
    if survey.sections.count() == 1:
        raise DomainError(_("A survey keeps at least one section."))
    if (
        Question.objects.filter(condition_question__section=section)
        .exclude(section=section)
        .exists()
    ):
        raise DomainError(
            _("A question of another section depends on a question of this one; change it first.")
        )
    section.delete()


def _swap(rows: list[Any], index: int, step: int) -> list[Any]:
    other = index + step
    if not 0 <= other < len(rows):
        return []
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    return rows


def _conditions_in_order(survey: Survey) -> None:
    """Every question that depends on another still comes after it."""
    order = {
        question.pk: index
        for index, question in enumerate(survey.questions.select_related("section"))
    }
    for pk, condition in survey.questions.filter(condition_question__isnull=False).values_list(
        "pk", "condition_question"
    ):
        if order[condition] >= order[pk]:
            raise DomainError(_("A question must stay after the question it depends on."))


def section_move(*, section: Section, actor: Any, step: int) -> None:
    """One place up or down in the survey."""
    sections = list(section.survey.sections.all())
    index = next(i for i, row in enumerate(sections) if row.pk == section.pk)
    moved = _swap(sections, index, 1 if step > 0 else -1)
    if moved:
        with transaction.atomic():
            Section.objects.bulk_update(moved, ["position"])
            _conditions_in_order(section.survey)


# --------------------------------------------------------------------------- questions


QUESTION_FIELDS = (
    "kind",
    "text",
    "help",
    "required",
    "scale",
    "min_value",
    "max_value",
    "max_length",
    "condition_question",
    "condition_values",
    "profile",
)


def _clean_question(survey: Survey, data: dict[str, Any], question: Question | None) -> dict:
    languages = survey.languages
    clean = {
        "kind": data.get("kind", question.kind if question else None),
        "text": _texts(data.get("text"), languages),
        "help": _texts(data.get("help"), languages),
        "required": bool(data.get("required", False)),
        "scale": data.get("scale") or "",
        "min_value": data.get("min_value"),
        "max_value": data.get("max_value"),
        "max_length": data.get("max_length"),
        "condition_question": data.get("condition_question"),
        "condition_values": [str(v) for v in data.get("condition_values") or []],
        "profile": data.get("profile") or "",
        "options": [
            {"value": o.get("value", ""), "label": _texts(o.get("label"), languages)}
            for o in data.get("options") or []
        ],
    }
    kind = clean["kind"]
    if kind not in (QuestionKind.LIKERT, QuestionKind.MATRIX):
        clean["scale"] = ""
    if kind not in (QuestionKind.NUMBER, QuestionKind.RATING):
        clean["min_value"] = clean["max_value"] = None
    if kind == QuestionKind.RATING:
        clean["min_value"] = None
        clean["max_value"] = clean["max_value"] or 5
    if kind != QuestionKind.TEXT:
        clean["max_length"] = None
    condition = clean["condition_question"]
    condition_kind = None
    if condition is not None:
        if condition.survey_id != survey.pk:
            raise DomainError(_("Choose a question of this survey."), field="condition_question")
        if question is not None and condition.pk == question.pk:
            raise DomainError(_("A question cannot depend on itself."), field="condition_question")
        if question is not None and _comes_after(condition, question):
            raise DomainError(
                _("A question can only depend on a question that comes before it."),
                field="condition_question",
            )
        condition_kind = condition.kind
        clean["condition_options"] = list(condition.options.values_list("value", flat=True))
    else:
        clean["condition_values"] = []
    raise_first(
        question_problems(clean, first_language=languages[0], condition_kind=condition_kind)
    )
    clean.pop("condition_options", None)
    return clean


def _order(question: Question) -> tuple[int, int, int]:
    return (question.section.position, question.section_id, question.position)


def _comes_after(first: Question, second: Question) -> bool:
    return _order(first) >= _order(second)


def _set_options(question: Question, options: list[dict[str, Any]]) -> None:
    """Keep existing options by position (their values stay), add or remove the rest."""
    existing = list(question.options.all())
    taken = {option.value for option in existing[: len(options)]}
    keep, add = [], []
    for position, spec in enumerate(options):
        if position < len(existing):
            option = existing[position]
            option.label = spec["label"]
            keep.append(option)
        else:
            label = next(iter(spec["label"].values()), "")
            value = spec.get("value") or _option_value(label, taken, position + 1)
            taken.add(value)
            add.append(
                Option(question=question, position=position, value=value, label=spec["label"])
            )
    Option.objects.bulk_update(keep, ["label"])
    Option.objects.bulk_create(add)
    question.options.filter(position__gte=len(options)).exclude(
        pk__in=[option.pk for option in keep]
    ).delete()


def _new_key(survey: Survey, text: str) -> str:
    taken = set(survey.questions.values_list("key", flat=True))
    base = slugify(text)[:50] or "question"
    key, number = base, 2
    while key in taken:
        key = f"{base}-{number}"
        number += 1
    return key


def question_create(
    *, section: Section, actor: Any, data: dict[str, Any], source: str = "web"
) -> Question:
    """Add a question at the end of a section. ``data``: kind, text and help ({language:
    text}), required, scale, min_value, max_value, max_length, options ([{"label":
    {language: text}}]), condition_question (a Question or None), condition_values, profile."""
    survey = section.survey
    _draft_only(survey)
    clean = _clean_question(survey, data, None)
    options = clean.pop("options")
    last = section.questions.aggregate(last=Max("position"))["last"]
    with transaction.atomic():
        question = Question.objects.create(
            survey=survey,
            section=section,
            position=0 if last is None else last + 1,
            key=data.get("key") or _new_key(survey, clean["text"][survey.languages[0]]),
            **clean,
        )
        _set_options(question, options)
    return question


def question_update(
    *, question: Question, actor: Any, data: dict[str, Any], source: str = "web"
) -> Question:
    """Change a question (see ``question_create``). Once the survey is open only its texts
    (question, explanation, option labels) change."""
    survey = question.survey
    clean = _clean_question(survey, data, question)
    options = clean.pop("options")
    if survey.status != SurveyStatus.DRAFT:
        current = list(question.options.values_list("pk", flat=True))
        structural = [
            name
            for name in ("kind", "required", "scale", "min_value", "max_value", "max_length")
            if clean[name] != getattr(question, name)
        ]
        if (
            structural
            or len(options) != len(current)
            or clean["condition_question"] != question.condition_question
            or clean["condition_values"] != question.condition_values
        ):
            _draft_only(survey)
    with transaction.atomic():
        for name, value in clean.items():
            setattr(question, name, value)
        question.save()
        if question.has_options:
            _set_options(question, options)
        else:
            question.options.all().delete()
    return question


def question_delete(*, question: Question, actor: Any) -> None:
    _draft_only(question.survey)
    if question.dependants.exists():
        raise DomainError(
            _("Another question is shown only when this one is answered; change it first.")
        )
    question.delete()


def question_move(*, question: Question, actor: Any, step: int) -> None:
    """One place up or down inside its section."""
    questions = list(question.section.questions.all())
    index = next(i for i, row in enumerate(questions) if row.pk == question.pk)
    moved = _swap(questions, index, 1 if step > 0 else -1)
    if moved:
        with transaction.atomic():
            Question.objects.bulk_update(moved, ["position"])
            _conditions_in_order(question.survey)
