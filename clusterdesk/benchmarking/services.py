"""Every write of excellence benchmarking, and the one place an assessment is computed: the
readiness page, the report, the API, the CLI and the saved snapshots all call
``assessment_run``."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.services.records import record_create, record_delete
from clusterdesk.engagement.services.strategy import plan_action_create
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from .engine import (
    Assessment,
    Framework,
    PastAssessment,
    assess,
    assessment_to_dict,
)
from .facts import cluster_facts
from .frameworks import active_framework, framework_of
from .models import Answer, FrameworkVersion
from .models import Assessment as SavedAssessment

# The earliest date an assessment may be run for: before it the ledger means nothing.
EARLIEST_AS_OF = date(2000, 1, 1)
MAX_ANSWER_LENGTH = 255
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while an assessment builds its tens of thousands of
    small, acyclic objects (facts, evidence): on Python 3.11 its passes cost a third of a
    20,000-participant assessment. Nothing here makes cycles; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Run:
    """An assessment and what it was computed with."""

    assessment: Assessment
    framework: Framework
    version: FrameworkVersion


def as_of_problems(as_of: date, *, today: date) -> list[tuple[str, str]]:
    if as_of > today:
        return [("as_of", _("An assessment cannot be made for a day in the future."))]
    if as_of < EARLIEST_AS_OF:
        return [("as_of", _("Give a date from 2000 on."))]
    return []


def earlier_assessments(cluster: Cluster, *, before: date) -> list[PastAssessment]:
    """Saved assessments before ``before``, as the Silver rule compares with them."""
    return [
        PastAssessment(pk, as_of, areas)
        for pk, as_of, areas in SavedAssessment.objects.for_cluster(cluster)
        .filter(as_of__lt=before)
        .values_list("pk", "as_of", "area_scores")
    ]


def assessment_run(
    *,
    cluster: Cluster,
    as_of: date | None = None,
    version: FrameworkVersion | None = None,
    evidence: bool | Collection[str] = True,
) -> Run:
    """The cluster's assessment on ``as_of`` (today by default) with the active framework.
    ``evidence``: the records behind every figure (True), none (False: what a page of figures
    needs, several times faster at 20,000 participants) or those of the given indicators."""
    as_of = as_of or timezone.localdate()
    problems = as_of_problems(as_of, today=timezone.localdate())
    if problems:
        raise DomainError(problems[0][1], field=problems[0][0])
    if version is None:
        version, framework = active_framework()
    else:
        framework = framework_of(version)
    with collection_paused():
        assessment = assess(
            framework,
            cluster_facts(cluster, as_of=as_of),
            earlier=earlier_assessments(cluster, before=as_of),
            evidence=evidence,
        )
    return Run(assessment, framework, version)


@transaction.atomic
def assessment_save(
    *, cluster: Cluster, actor: Any, as_of: date | None = None, note: str = "", source: str = "web"
) -> SavedAssessment:
    """Compute and keep a dated snapshot, with the framework version it used."""
    run = assessment_run(cluster=cluster, as_of=as_of)
    assessment = run.assessment
    saved = SavedAssessment.objects.create(
        cluster=cluster,
        as_of=assessment.as_of,
        framework=run.version,
        score=assessment.score,
        earned=assessment.earned,
        total_weight=assessment.total_weight,
        unknown=assessment.unknown,
        level=assessment.readiness.level,
        bronze_eligible=assessment.readiness.bronze_eligible,
        gold_ready=assessment.readiness.gold_ready,
        area_scores=assessment.area_scores(),
        values={result.id: result.value for result in assessment.indicators},
        statuses={result.id: result.status for result in assessment.indicators},
        result=assessment_to_dict(assessment),
        note=note.strip()[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        cluster=cluster,
        actor=actor,
        action=AuditAction.CREATED,
        instance=saved,
        changes={"as_of": [None, str(saved.as_of)], "score": [None, round(saved.score, 4)]},
        source=source,
    )
    return saved


def assessment_delete(*, saved: SavedAssessment, actor: Any, source: str = "web") -> None:
    record_delete(instance=saved, actor=actor, source=source)


# --------------------------------------------------------------------------- questionnaire

ANSWER_FIELDS = ["question", "value", "answered_on", "document", "note"]


def answer_problems(
    *, framework: Framework, data: dict[str, Any], today: date
) -> list[tuple[str, str]]:
    """What is wrong with an answer, per field, in plain words."""
    try:
        question = framework.question(str(data.get("question", "")))
    except KeyError:
        return [("question", _("This question is not in the indicator framework."))]
    problems: list[tuple[str, str]] = []
    value = str(data.get("value") or "").strip()
    answered_on = data.get("answered_on")
    if not value:
        problems.append(("value", _("Give an answer.")))
    elif len(value) > MAX_ANSWER_LENGTH:
        problems.append(
            ("value", _("Keep the answer under %(max)s characters.") % {"max": MAX_ANSWER_LENGTH})
        )
    elif question.kind == "date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            problems.append(("value", _("Give a date, e.g. 2026-03-01.")))
        else:
            if day > today:
                problems.append(("value", _("This date is in the future.")))
            elif day < EARLIEST_AS_OF:
                problems.append(("value", _("Give a date from 2000 on.")))
    elif question.kind == "choice" and value not in question.choices:
        problems.append(("value", _("Choose one of the answers offered.")))
    elif question.kind == "yes_no" and value not in ("yes", "no"):
        problems.append(("value", _("Answer yes or no.")))
    elif question.kind == "number":
        try:
            float(value)
        except ValueError:
            problems.append(("value", _("Give a number.")))
    if not isinstance(answered_on, date):
        problems.append(("answered_on", _("Give the date the answer holds from.")))
    elif answered_on > today:
        problems.append(("answered_on", _("This date is in the future.")))
    document = data.get("document")
    if document and getattr(document, "size", 0) > MAX_DOCUMENT_BYTES:
        problems.append(("document", _("The document is larger than 20 MB.")))
    return problems


def answer_give(
    *, cluster: Cluster, actor: Any, data: dict[str, Any], source: str = "web"
) -> Answer:
    """Record an answer. Earlier answers stay: the history of what was said, and when."""
    _version, framework = active_framework()
    cleaned = {name: data.get(name) for name in ANSWER_FIELDS}
    cleaned["value"] = str(cleaned.get("value") or "").strip()
    cleaned["note"] = str(cleaned.get("note") or "").strip()
    problems = answer_problems(framework=framework, data=cleaned, today=timezone.localdate())
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)
    cleaned["answered_by"] = actor if getattr(actor, "is_authenticated", False) else None
    return record_create(
        model=Answer,
        cluster=cluster,
        actor=actor,
        data=cleaned,
        fields=[*ANSWER_FIELDS, "answered_by"],
        source=source,
    )


def answer_delete(*, answer: Answer, actor: Any, source: str = "web") -> None:
    record_delete(instance=answer, actor=actor, source=source)


# --------------------------------------------------------------------------- roadmap


def roadmap_action_create(
    *,
    cluster: Cluster,
    actor: Any,
    framework: Framework,
    indicator_id: str,
    title: str,
    target_value: Any = None,
    unit: str = "",
    year: int | None = None,
    source: str = "web",
) -> Any:
    """Turn a roadmap item into an action of the implementation plan (engagement ledger)."""
    try:
        indicator = framework.indicator(indicator_id)
    except KeyError as error:
        raise DomainError(_("This indicator is not in the framework.")) from error
    return plan_action_create(
        cluster=cluster,
        actor=actor,
        data={
            "year": year or timezone.localdate().year,
            "title": title[:255],
            "indicator": f"{indicator.id} · {indicator.name}"[:255],
            "target_value": target_value,
            "unit": unit[:50],
            "owner": actor if getattr(actor, "is_authenticated", False) else None,
        },
        source=source,
    )
