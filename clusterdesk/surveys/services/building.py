"""Making a survey (from a ready-made questionnaire or blank), its settings and its life (draft →
open → closed); its sections and questions are edited in ``editing``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError, raise_first
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from .. import library
from ..models import (
    Option,
    Question,
    Section,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from ..rules import LANGUAGE_CODES, language_problems, question_problems

MAX_CANDIDATES = 10
TEMPLATE_KINDS = {
    "satisfaction": SurveyKind.SATISFACTION,
    "service_interest": SurveyKind.SERVICE_INTEREST,
    "study_visit": SurveyKind.STUDY_VISIT,
}


def survey_languages(cluster: Cluster, offered: list[str]) -> list[str]:
    """The languages a new survey is offered in: the cluster's own first (its first local
    language is the survey's default), then English, then the other ones available."""
    order = [*(cluster.local_languages or []), "en", *offered]
    languages: list[str] = []
    for code in order:
        if code in offered and code in LANGUAGE_CODES and code not in languages:
            languages.append(code)
    return languages or ["en"]


def _audit(survey: Survey, actor: Any, action: str, changes: dict | None, source: str) -> None:
    audit_record(
        cluster=survey.cluster,
        actor=actor,
        action=action,
        instance=survey,
        changes=changes or {},
        source=source,
    )


def _option_value(label: str, taken: set[str], position: int) -> str:
    base = slugify(label)[:40] or f"option-{position}"
    value, number = base, 2
    while value in taken:
        value = f"{base}-{number}"
        number += 1
    taken.add(value)
    return value


def _question_row(survey: Survey, section: Section, position: int, spec: dict) -> Question:
    return Question(
        survey=survey,
        section=section,
        position=position,
        key=spec["key"],
        kind=spec["kind"],
        text=spec["text"],
        help=spec.get("help") or {},
        required=spec.get("required", False),
        scale=spec.get("scale") or "",
        min_value=spec.get("min_value"),
        max_value=spec.get("max_value"),
        max_length=spec.get("max_length"),
        condition_values=spec.get("condition_values") or [],
        block=spec.get("block", ""),
        measure=spec.get("measure", ""),
        profile=spec.get("profile", ""),
    )


def survey_build(
    *,
    cluster: Cluster,
    actor: Any,
    spec: dict[str, Any],
    title: str = "",
    languages: list[str] | None = None,
    source: str = "web",
) -> Survey:
    """A draft survey made from a description (``library.survey_spec``): its sections,
    questions, options and conditions, in a handful of bulk writes."""
    languages = languages or survey_languages(cluster, spec["languages"])
    raise_first(language_problems(languages))
    titles = {k: v for k, v in spec["title"].items() if k in languages}
    if title.strip():
        titles = {languages[0]: title.strip()}
    keys = [q["key"] for section in spec["sections"] for q in section["questions"]]
    if len(set(keys)) != len(keys):
        raise DomainError(_("Two questions have the same key."), field="candidates")
    for section in spec["sections"]:
        for question in section["questions"]:
            raise_first(question_problems(question, first_language=languages[0]))
    with transaction.atomic():
        survey = Survey.objects.create(
            cluster=cluster,
            kind=spec.get("kind", SurveyKind.CUSTOM),
            template=spec.get("key", ""),
            title=titles,
            intro={k: v for k, v in spec.get("intro", {}).items() if k in languages},
            languages=languages,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        sections = Section.objects.bulk_create(
            Section(
                survey=survey,
                position=position,
                title={k: v for k, v in section["title"].items() if k in languages},
                intro={k: v for k, v in section.get("intro", {}).items() if k in languages},
            )
            for position, section in enumerate(spec["sections"])
        )
        rows: list[Question] = []
        specs: list[dict] = []
        for section, section_spec in zip(sections, spec["sections"], strict=True):
            for position, question in enumerate(section_spec["questions"]):
                rows.append(_question_row(survey, section, position, question))
                specs.append(question)
        questions = Question.objects.bulk_create(rows)
        by_key = {question.key: question for question in questions}
        options: list[Option] = []
        for question, question_spec in zip(questions, specs, strict=True):
            taken: set[str] = set()
            for position, option in enumerate(question_spec.get("options") or []):
                label = {k: v for k, v in option["label"].items() if k in languages}
                value = option.get("value") or _option_value(
                    next(iter(label.values()), ""), taken, position + 1
                )
                taken.add(value)
                options.append(
                    Option(question=question, position=position, value=value, label=label)
                )
        Option.objects.bulk_create(options)
        dependent = []
        for question, question_spec in zip(questions, specs, strict=True):
            if question_spec.get("condition"):
                question.condition_question = by_key[question_spec["condition"]]
                dependent.append(question)
        Question.objects.bulk_update(dependent, ["condition_question"])
        _audit(survey, actor, AuditAction.CREATED, {"template": [None, survey.template]}, source)
    return survey


def survey_create(
    *,
    cluster: Cluster,
    actor: Any,
    title: str,
    kind: str = SurveyKind.CUSTOM,
    template: str = "",
    languages: list[str] | None = None,
    source: str = "web",
) -> Survey:
    """A new draft survey: from a ready-made questionnaire (``template``) or blank (one empty
    section to start from)."""
    if template:
        if template not in library.TEMPLATES:
            raise DomainError(_("There is no such ready-made questionnaire."), field="template")
        return survey_build(
            cluster=cluster,
            actor=actor,
            spec=library.survey_spec(template),
            title=title,
            languages=languages,
            source=source,
        )
    if not title.strip():
        raise DomainError(_("Give the survey a title."), field="title")
    if kind not in SurveyKind.values:
        raise DomainError(_("Choose the kind of survey."), field="kind")
    languages = languages or survey_languages(cluster, list(LANGUAGE_CODES))[:1]
    spec = {
        "key": "",
        "kind": kind,
        "title": {languages[0]: title.strip()},
        "intro": {},
        "languages": languages,
        "sections": [{"title": {}, "intro": {}, "questions": []}],
    }
    return survey_build(cluster=cluster, actor=actor, spec=spec, languages=languages, source=source)


# --------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class InterestCandidate:
    """A shortlisted service to ask the participants about."""

    key: str  # stable id chosen by the caller, e.g. f"candidate-{pk}"
    name: str
    description: str


def interest_survey_create(
    *,
    cluster: Cluster,
    actor: Any,
    title: str,
    candidates: list[InterestCandidate],
) -> Survey:
    """A draft service-interest questionnaire (from the ready-made template): per candidate
    three questions — interest (Likert 1–5), expected benefit (Likert 1–5) and willingness to
    pay (single choice: "would not pay", "member price", "full price") — plus the template's
    profile questions. Raises DomainError when more than 10 candidates or none."""
    if not candidates:
        raise DomainError(_("Choose the services to ask about (at least one)."), field="candidates")
    if len(candidates) > MAX_CANDIDATES:
        raise DomainError(
            _("A questionnaire asks about at most %(count)s services; shorten the list.")
            % {"count": MAX_CANDIDATES},
            field="candidates",
        )
    keys = [candidate.key.strip() for candidate in candidates]
    if any(not key for key in keys) or len(set(keys)) != len(keys):
        raise DomainError(_("Every service needs its own key."), field="candidates")
    if any(not candidate.name.strip() for candidate in candidates):
        raise DomainError(_("Every service needs a name."), field="candidates")
    languages = survey_languages(cluster, library.template_languages("service_interest"))
    # The names and descriptions are written in one language: every language shows them.
    blocks = [
        library.Block(
            key=candidate.key.strip()[:60],
            name={language: candidate.name.strip() for language in languages},
            description=(
                {language: candidate.description.strip() for language in languages}
                if candidate.description.strip()
                else {}
            ),
        )
        for candidate in candidates
    ]
    spec = library.survey_spec("service_interest", candidates=blocks)
    return survey_build(cluster=cluster, actor=actor, spec=spec, title=title, languages=languages)


# --------------------------------------------------------------------------- settings, life


SETTINGS_FIELDS = ("title", "intro", "languages", "deadline", "public_link")


def survey_update(
    *, survey: Survey, actor: Any, data: dict[str, Any], source: str = "web"
) -> Survey:
    """Change a survey's titles and introductions (per language), languages offered,
    deadline and anonymous link."""
    languages = data.get("languages", survey.languages)
    raise_first(language_problems(languages))
    if survey.status != SurveyStatus.DRAFT and languages[0] != survey.languages[0]:
        raise DomainError(
            _("The first language of an open survey stays; add or remove the others."),
            field="languages",
        )
    title = {k: v.strip() for k, v in data.get("title", survey.title).items() if v and v.strip()}
    if not title.get(languages[0]):
        raise DomainError(_("Give the survey a title in its first language."), field="title")
    deadline = data.get("deadline", survey.deadline)
    if deadline is not None and deadline != survey.deadline and deadline < timezone.localdate():
        raise DomainError(_("The deadline cannot be in the past."), field="deadline")
    before = {name: getattr(survey, name) for name in SETTINGS_FIELDS}
    survey.title = title
    survey.intro = {k: v.strip() for k, v in data.get("intro", survey.intro).items() if v.strip()}
    survey.languages = languages
    survey.deadline = deadline
    survey.public_link = bool(data.get("public_link", survey.public_link))
    changes = {
        name: [str(before[name]), str(getattr(survey, name))]
        for name in SETTINGS_FIELDS
        if before[name] != getattr(survey, name)
    }
    if changes:
        survey.updated_at = timezone.now()
        with transaction.atomic():
            survey.save()
            _audit(survey, actor, AuditAction.CHANGED, changes, source)
    return survey


def survey_open(*, survey: Survey, actor: Any, source: str = "web") -> Survey:
    """Open a draft (or reopen a closed) survey to answers; invitations already prepared are
    sent."""
    from .distribution import invitations_send_pending

    if survey.status == SurveyStatus.OPEN:
        raise DomainError(_("The survey is already open."))
    if not survey.questions.exists():
        raise DomainError(_("Add at least one question before opening the survey."))
    if survey.is_past_deadline():
        raise DomainError(
            _("The deadline has passed: set a later one before opening the survey."),
            field="deadline",
        )
    with transaction.atomic():
        before = survey.status
        survey.status = SurveyStatus.OPEN
        survey.opened_at = survey.opened_at or timezone.now()
        survey.closed_on = None
        survey.updated_at = timezone.now()
        survey.save(update_fields=["status", "opened_at", "closed_on", "updated_at"])
        _audit(survey, actor, AuditAction.CHANGED, {"status": [before, survey.status]}, source)
        invitations_send_pending(survey=survey)
    return survey


def survey_close(
    *, survey: Survey, actor: Any, on: date | None = None, source: str = "web"
) -> Survey:
    """Close a survey: no more answers; drafts left unsent are not counted."""
    if survey.status != SurveyStatus.OPEN:
        raise DomainError(_("Only an open survey can be closed."))
    with transaction.atomic():
        survey.status = SurveyStatus.CLOSED
        survey.closed_on = on or timezone.localdate()
        survey.updated_at = timezone.now()
        survey.save(update_fields=["status", "closed_on", "updated_at"])
        _audit(survey, actor, AuditAction.CHANGED, {"status": ["open", "closed"]}, source)
    return survey


def survey_delete(*, survey: Survey, actor: Any, source: str = "web") -> None:
    with transaction.atomic():
        _audit(
            survey,
            actor,
            AuditAction.DELETED,
            {"responses": [survey.responses.count(), 0]},
            source,
        )
        survey.delete()
