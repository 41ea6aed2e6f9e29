"""Recording activities and replacing the participants involved in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.engagement.models import Activity, Involvement, InvolvementRole, WorkingGroup
from clusterdesk.engagement.services.records import (
    Changes,
    merged_values,
    record_create,
    record_delete,
    record_update,
)
from clusterdesk.lib.errors import raise_first
from clusterdesk.tenancy.audit import diff
from clusterdesk.tenancy.models import Cluster

from .checks import (
    ACTIVITY_FIELDS,
    InvolvementInput,
    activity_problems,
    as_days,
    involvement_problems,
)


def _involvement_summary(rows: Sequence[tuple[int, str, Decimal]]) -> dict[str, Any]:
    return {
        "participants": len(rows),
        "active": sum(1 for _org, role, _days in rows if role == InvolvementRole.ACTIVE),
        "days": format(sum((days for _o, _r, days in rows), Decimal(0)).normalize(), "f"),
    }


def _replace_involvements(
    activity: Activity, involvements: Sequence[InvolvementInput]
) -> dict[str, list[Any]]:
    """Make the activity's involvements exactly these (kept rows keep their id)."""
    existing = {
        involvement.organisation_id: involvement
        for involvement in Involvement.objects.filter(activity=activity)
    }
    before = _involvement_summary(
        [(inv.organisation_id, inv.role, inv.days) for inv in existing.values()]
    )
    wanted = {item.organisation.pk: item for item in involvements if item.organisation}
    now = timezone.now()
    to_create: list[Involvement] = []
    to_update: list[Involvement] = []
    for organisation_id, item in wanted.items():
        days = as_days(item.days)
        involvement = existing.get(organisation_id)
        if involvement is None:
            to_create.append(
                Involvement(
                    cluster_id=activity.cluster_id,
                    activity=activity,
                    organisation=item.organisation,
                    role=item.role,
                    days=days,
                    starts_on=activity.starts_on,
                )
            )
        elif (involvement.role, involvement.days, involvement.starts_on) != (
            item.role,
            days,
            activity.starts_on,
        ):
            involvement.role, involvement.days = item.role, days
            involvement.starts_on, involvement.updated_at = activity.starts_on, now
            to_update.append(involvement)
    gone = [inv.pk for org_id, inv in existing.items() if org_id not in wanted]
    if gone:
        Involvement.objects.filter(pk__in=gone).delete()
    if to_update:
        Involvement.objects.bulk_update(to_update, ["role", "days", "starts_on", "updated_at"])
    if to_create:
        Involvement.objects.bulk_create(to_create)
    if not (gone or to_update or to_create):
        return {}
    after = _involvement_summary(
        [(org_id, item.role, as_days(item.days)) for org_id, item in wanted.items()]
    )
    changes = diff(before, after)
    changes.setdefault("participants", [before["participants"], after["participants"]])
    return {f"involvements.{key}": value for key, value in changes.items()}


def activity_create(
    *,
    cluster: Cluster,
    actor: Any,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date,
    place: str = "",
    is_international: bool = False,
    working_group: WorkingGroup | None = None,
    description: str = "",
    involvements: Sequence[InvolvementInput] = (),
    source: str = "web",
) -> Activity:
    """Record an activity with the participants involved, all or nothing."""
    involvements = list(involvements)
    values = {
        "kind": kind,
        "title": (title or "").strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": (place or "").strip(),
        "is_international": bool(is_international),
        "working_group": working_group,
        "description": description or "",
    }
    raise_first(
        activity_problems(cluster=cluster, **values)
        + involvement_problems(
            cluster_id=cluster.pk,
            starts_on=starts_on,
            ends_on=ends_on,
            involvements=involvements,
        )
    )
    return record_create(
        model=Activity,
        cluster=cluster,
        actor=actor,
        data=values,
        fields=ACTIVITY_FIELDS,
        source=source,
        unaudited={"source": source[:40]},
        related=lambda activity: _replace_involvements(activity, involvements),
    )


def activity_update(
    *,
    activity: Activity,
    actor: Any,
    data: dict[str, Any],
    involvements: Sequence[InvolvementInput] | None = None,
    source: str = "web",
) -> Activity:
    """Change an activity's fields (``data``: any of ACTIVITY_FIELDS) and, when given, replace
    its involvements. New dates are copied to its involvements; shortening an activity below
    an involvement's days is refused unless the same call gives the new days."""
    cluster = activity.cluster
    merged = merged_values(activity, data, ACTIVITY_FIELDS)
    merged["title"] = (merged["title"] or "").strip()
    merged["place"] = (merged["place"] or "").strip()
    problems = activity_problems(cluster=cluster, **merged)
    if involvements is not None:
        involvements = list(involvements)
        problems += involvement_problems(
            cluster_id=cluster.pk,
            starts_on=merged["starts_on"],
            ends_on=merged["ends_on"],
            involvements=involvements,
        )
    elif not problems:
        start, end = merged["starts_on"], merged["ends_on"]
        span = Decimal((end - start).days + 1)
        too_long = (
            Involvement.objects.filter(activity=activity, days__gt=span)
            .select_related("organisation")
            .first()
        )
        if too_long is not None:
            problems.append(
                (
                    "ends_on",
                    _(
                        "%(name)s is down for %(days)s days, more than the activity would last "
                        "(%(span)s): change its days first."
                    )
                    % {
                        "name": too_long.organisation,
                        "days": format(too_long.days.normalize(), "f"),
                        "span": span,
                    },
                )
            )
    raise_first(problems)
    starts_on = activity.starts_on

    def involve(activity: Activity) -> Changes:
        changes = {} if involvements is None else _replace_involvements(activity, involvements)
        if activity.starts_on != starts_on:
            Involvement.objects.filter(activity=activity).exclude(
                starts_on=activity.starts_on
            ).update(starts_on=activity.starts_on, updated_at=timezone.now())
        return changes

    return record_update(
        instance=activity,
        actor=actor,
        data=merged,
        fields=ACTIVITY_FIELDS,
        source=source,
        related=involve,
    )


def involvement_set(
    *,
    activity: Activity,
    actor: Any,
    involvements: Sequence[InvolvementInput],
    source: str = "web",
) -> Activity:
    """Replace the whole list of participants involved in an activity, all or nothing."""
    involvements = list(involvements)
    raise_first(
        involvement_problems(
            cluster_id=activity.cluster_id,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            involvements=involvements,
        )
    )
    return record_update(
        instance=activity,
        actor=actor,
        data={},
        fields=(),
        source=source,
        related=lambda activity: _replace_involvements(activity, involvements),
    )


def activity_delete(*, activity: Activity, actor: Any, source: str = "web") -> None:
    record_delete(
        instance=activity,
        actor=actor,
        source=source,
        changes={"involvements": [activity.involvements.count(), 0]},
    )
