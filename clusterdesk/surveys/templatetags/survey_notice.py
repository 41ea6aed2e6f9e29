"""The satisfaction survey at a glance, for the engagement dashboard: how long ago the last one
closed (the excellence indicator E1 asks for one at least every 24 months) and, when it is
overdue or there never was one, a button that starts one from the ready-made questionnaire.
Two small queries; nothing is computed over the answers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

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
    months = whole_months_between(last.closed_day, today) if last else None
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
        "months": months,
        "overdue": last is None or (months or 0) > OVERDUE_MONTHS,
        "limit": OVERDUE_MONTHS,
        "running": running,
        "can_start": membership is not None and membership.role in EDIT_ROLES,
        "csrf_token": context.get("csrf_token"),
    }
