"""The cluster profile: what the cluster organisation says about itself (sector, region,
founding date, languages), changed by its manager and written to the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError

from .audit import audit_record, diff, snapshot
from .models import AuditAction, Cluster

PROFILE_FIELDS = ["sector", "region", "founded_on", "local_languages", "target_market_languages"]


def cluster_profile_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if "sector" in data and not str(data.get("sector") or "").strip():
        problems.append(("sector", _("Say what the cluster's sector or technology area is.")))
    founded_on = data.get("founded_on")
    if founded_on is not None and founded_on > timezone.localdate():
        problems.append(("founded_on", _("The founding date cannot be in the future.")))
    return problems


@transaction.atomic
def cluster_profile_update(
    *, cluster: Cluster, actor: Any, data: Mapping[str, Any], source: str = "web"
) -> Cluster:
    """Change the profile's fields given in ``data``; the audit log keeps what changed."""
    problems = cluster_profile_problems(data)
    if problems:
        raise DomainError(problems[0][1], field=problems[0][0])
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    before = snapshot(cluster, PROFILE_FIELDS)
    for name in PROFILE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("sector", "region"):
            value = str(value or "").strip()
        elif name in ("local_languages", "target_market_languages"):
            value = list(value or [])
        setattr(cluster, name, value)
    changes = diff(before, snapshot(cluster, PROFILE_FIELDS))
    if changes:
        cluster.save(update_fields=list(changes))
        audit_record(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CHANGED,
            instance=cluster,
            changes=changes,
            source=source,
        )
    return cluster
