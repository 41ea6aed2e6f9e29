"""Working groups, their members and outputs, and whether a group is active (SPEC B6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Count, DateField, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from clusterdesk.engagement.models import Activity, ActivityKind, WorkingGroup, WorkingGroupOutput
from clusterdesk.engagement.services.records import (
    links_replace,
    merged_values,
    record_create,
    record_delete,
    record_update,
)
from clusterdesk.lib.errors import raise_first
from clusterdesk.lib.periods import last_12_months
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Cluster

from .checks import (
    ACTIVE_GROUP_MEMBERS,
    WORKING_GROUP_FIELDS,
    output_problems,
    working_group_problems,
)


def _with_chair(
    chair: Organisation | None, chair_person: Contact | None, members: Sequence[Organisation]
) -> tuple[Organisation | None, list[Organisation]]:
    """The chair is the chair person's organisation when only the person is given, and the
    chair organisation is always among the members."""
    if chair is None and chair_person is not None:
        chair = chair_person.organisation
    members = list(members)
    if chair is not None and chair.pk not in {member.pk for member in members}:
        members.append(chair)
    return chair, members


def working_group_create(
    *,
    cluster: Cluster,
    actor: Any,
    name: str,
    theme: str = "",
    chair: Organisation | None = None,
    chair_person: Contact | None = None,
    members: Sequence[Organisation] = (),
    started_on: date | None = None,
    ended_on: date | None = None,
    description: str = "",
    source: str = "web",
) -> WorkingGroup:
    chair, members = _with_chair(chair, chair_person, members)
    values = {
        "name": (name or "").strip(),
        "theme": (theme or "").strip(),
        "chair": chair,
        "chair_person": chair_person,
        "started_on": started_on,
        "ended_on": ended_on,
        "description": description or "",
    }
    raise_first(working_group_problems(cluster=cluster, members=members, **values))
    return record_create(
        model=WorkingGroup,
        cluster=cluster,
        actor=actor,
        data=values,
        fields=WORKING_GROUP_FIELDS,
        source=source,
        related=lambda group: links_replace(
            group.members, before=None, after=members, name="members"
        ),
    )


def working_group_update(
    *,
    working_group: WorkingGroup,
    actor: Any,
    data: dict[str, Any],
    members: Sequence[Organisation] | None = None,
    source: str = "web",
) -> WorkingGroup:
    """Change a working group (``data``: any of WORKING_GROUP_FIELDS) and, when given, set its
    member organisations to exactly these."""
    group = working_group
    current = list(group.members.all())
    merged = merged_values(group, data, WORKING_GROUP_FIELDS)
    for name in ("name", "theme"):
        merged[name] = (merged[name] or "").strip()
    chair, wanted = _with_chair(
        merged["chair"], merged["chair_person"], current if members is None else members
    )
    merged["chair"] = chair
    raise_first(working_group_problems(cluster=group.cluster, members=wanted, **merged))
    return record_update(
        instance=group,
        actor=actor,
        data=merged,
        fields=WORKING_GROUP_FIELDS,
        source=source,
        related=lambda group: links_replace(
            group.members, before=current, after=wanted, name="members"
        ),
    )


def working_group_delete(*, working_group: WorkingGroup, actor: Any, source: str = "web") -> None:
    """Delete a group and its outputs; its meetings stay as activities, without a group."""
    group = working_group
    record_delete(
        instance=group,
        actor=actor,
        source=source,
        changes={
            "members": [group.members.count(), 0],
            "outputs": [group.outputs.count(), 0],
        },
        files=[output.document for output in group.outputs.exclude(document="")],
    )


def working_group_output_add(
    *,
    working_group: WorkingGroup,
    actor: Any,
    title: str,
    date: date | None,
    description: str = "",
    document: Any = None,
    source: str = "web",
) -> WorkingGroupOutput:
    title = (title or "").strip()
    raise_first(output_problems(title=title, date=date))
    return record_create(
        model=WorkingGroupOutput,
        cluster=working_group.cluster,
        actor=actor,
        data={
            "working_group": working_group,
            "title": title,
            "date": date,
            "description": description or "",
            "document": document,
        },
        fields=("working_group", "title", "date", "description", "document"),
        source=source,
    )


def working_group_output_delete(
    *, output: WorkingGroupOutput, actor: Any, source: str = "web"
) -> None:
    record_delete(
        instance=output,
        actor=actor,
        source=source,
        changes={"working_group": [str(output.working_group), None]},
    )


# Is a group active? ------------------------------------------------------------------------


def working_group_is_active(member_count: int, last_meeting_on: date | None, today: date) -> bool:
    """SPEC B6: at least three participants, and a meeting in the last 12 months (a meeting
    planned for later does not count yet)."""
    return member_count >= ACTIVE_GROUP_MEMBERS and last_meeting_on in last_12_months(today)


def _meetings_of_group(today: date) -> QuerySet[Activity]:
    return Activity.objects.filter(
        working_group=OuterRef("pk"),
        kind=ActivityKind.WORKING_GROUP_MEETING,
        starts_on__lte=today,
    )


def working_groups_with_activity(cluster: Cluster, today: date) -> QuerySet[WorkingGroup]:
    """The cluster's working groups with ``member_count``, ``meeting_count`` (held so far)
    and ``last_meeting_on``, each from one subquery (no join fan-out, no query per group)."""
    members = (
        WorkingGroup.members.through.objects.filter(workinggroup_id=OuterRef("pk"))
        .order_by()
        .values("workinggroup_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    meetings = _meetings_of_group(today)
    meeting_count = (
        meetings.order_by().values("working_group").annotate(total=Count("pk")).values("total")
    )
    last = meetings.order_by("-starts_on").values("starts_on")[:1]
    return (
        WorkingGroup.objects.for_cluster(cluster)
        .select_related("chair", "chair_person")
        .annotate(
            member_count=Coalesce(Subquery(members, output_field=IntegerField()), Value(0)),
            meeting_count=Coalesce(Subquery(meeting_count, output_field=IntegerField()), Value(0)),
            last_meeting_on=Subquery(last, output_field=DateField()),
        )
    )


def active_working_groups(cluster: Cluster, today: date) -> QuerySet[WorkingGroup]:
    """The groups that count for SPEC B6 on ``today``, computed by the database."""
    return working_groups_with_activity(cluster, today).filter(
        member_count__gte=ACTIVE_GROUP_MEMBERS,
        last_meeting_on__range=last_12_months(today).range,
    )
