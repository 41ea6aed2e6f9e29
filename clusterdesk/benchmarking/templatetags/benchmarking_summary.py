"""The excellence readiness at a glance, for pages outside benchmarking (the dashboard): the
latest saved assessment, one query. It never computes a live assessment, so the dashboard
stays as fast as it was."""

from __future__ import annotations

from typing import Any

from django import template

from clusterdesk.benchmarking import texts
from clusterdesk.benchmarking.models import Assessment

register = template.Library()


@register.inclusion_tag("benchmarking/_readiness_stat.html")
def readiness_stat(cluster: Any) -> dict[str, Any]:
    latest = (
        Assessment.objects.for_cluster(cluster)
        .only("as_of", "score", "level", "unknown")
        .order_by("-as_of", "-id")
        .first()
    )
    return {
        "cluster": cluster,
        "latest": latest,
        "level": texts.level_label(latest.level) if latest else "",
        "percent": round(latest.score * 100) if latest else None,
    }
