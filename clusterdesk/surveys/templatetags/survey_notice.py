"""The satisfaction survey at a glance, for the engagement dashboard: how long ago the last one
closed (the excellence indicator E1 asks for one at least every 24 months) and, when it is
overdue or there never was one, a button that starts one from the ready-made questionnaire.
Two small queries; nothing is computed over the answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from clusterdesk.benchmarking.engine.computations import SURVEY_QUESTION
from clusterdesk.benchmarking.models import Answer
from clusterdesk.lib.periods import whole_months_between
from clusterdesk.tenancy.access import EDIT_ROLES

from ..models import Survey, SurveyKind, SurveyStatus
from ..queries import last_satisfaction_survey_closed

register = template.Library()

OVERDUE_MONTHS = 24


@register.inclusion_tag("surveys/_satisfaction_stat.html", takes_context=True)
def satisfaction_survey_stat(context: template.Context, cluster: Any) -> dict[str, Any]:
    today = timezone.localdate()
    last = last_satisfaction_survey_closed(cluster, as_of=today)
    closed = last.closed_day if last else None
    # A survey run outside ClusterDesk, dated in the excellence questionnaire, counts for E1
    # too: the card says what the indicator says.
    answered = questionnaire_date(cluster, today)
    from_questionnaire = answered is not None and (closed is None or answered > closed)
    if from_questionnaire:
        closed = answered
    months = whole_months_between(closed, today) if closed else None
    running = (
        Survey.objects.for_cluster(cluster)
        .filter(kind=SurveyKind.SATISFACTION)
        .exclude(status=SurveyStatus.CLOSED)
        .order_by("-created_at")
        .only("pk", "status")
        .first()
    )
    membership = context.get("membership")
    return {
        "cluster": cluster,
        "last": last,
        "closed": closed,
        "from_questionnaire": from_questionnaire,
        "months": months,
        "overdue": closed is None or (months or 0) > OVERDUE_MONTHS,
        "limit": OVERDUE_MONTHS,
        "running": running,
        "can_start": membership is not None and membership.role in EDIT_ROLES,
        "csrf_token": context.get("csrf_token"),
    }


def questionnaire_date(cluster: Any, today: date) -> date | None:
    """The closing day of the last satisfaction survey as the excellence questionnaire gives
    it (its latest answer on or before today), when it is a date not after today."""
    value = (
        Answer.objects.for_cluster(cluster)
        .filter(question=SURVEY_QUESTION, answered_on__lte=today)
        .order_by("-answered_on", "-id")
        .values_list("value", flat=True)
        .first()
    )
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day <= today else None
