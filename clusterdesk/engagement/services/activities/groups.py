"""Working groups, their members and outputs, and whether a group is active (SPEC B6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, DateField, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from clusterdesk.engagement.models import Activity, ActivityKind, WorkingGroup, WorkingGroupOutput
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.audit import audit_record, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, Cluster

from .checks import (
    ACTIVE_GROUP_MEMBERS,
    WORKING_GROUP_FIELDS,
    output_problems,
    raise_first,
    working_group_problems,
)


def _member_names(members: Sequence[Organisation]) -> list[str]:
    return sorted(str(member) for member in members)


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
    fields = {
        "name": (name or "").strip(),
        "theme": (theme or "").strip(),
        "chair": chair,
        "chair_person": chair_person,
        "started_on": started_on,
        "ended_on": ended_on,
        "description": description or "",
    }
    raise_first(working_group_problems(cluster=cluster, members=members, **fields))
    with transaction.atomic():
        group = WorkingGroup.objects.create(cluster=cluster, **fields)
        group.members.set(members)
        changes = diff({}, snapshot(group, WORKING_GROUP_FIELDS))
        changes["members"] = [None, _member_names(members)]
        audit_record(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=group,
            changes=changes,
            source=source,
        )
    return group


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
    before = snapshot(group, WORKING_GROUP_FIELDS)
    current = list(group.members.all())
    merged = {name: getattr(group, name) for name in WORKING_GROUP_FIELDS}
    merged.update({key: value for key, value in data.items() if key in WORKING_GROUP_FIELDS})
    for name in ("name", "theme"):
        merged[name] = (merged[name] or "").strip()
    chair, wanted = _with_chair(
        merged["chair"], merged["chair_person"], current if members is None else members
    )
    merged["chair"] = chair
    raise_first(working_group_problems(cluster=group.cluster, members=wanted, **merged))
    with transaction.atomic():
        for name in WORKING_GROUP_FIELDS:
            setattr(group, name, merged[name])
        changes = diff(before, snapshot(group, WORKING_GROUP_FIELDS))
        if changes:
            group.save()
        if {m.pk for m in wanted} != {m.pk for m in current}:
            group.members.set(wanted)
            changes["members"] = [_member_names(current), _member_names(wanted)]
        if changes:
            audit_record(
                cluster=group.cluster,
                actor=actor,
                action=AuditAction.CHANGED,
                instance=group,
                changes=changes,
                source=source,
            )
    return group


def _delete_files_after_commit(files: list[Any]) -> None:
    def delete() -> None:
        for document in files:
            document.storage.delete(document.name)

    if files:
        transaction.on_commit(delete)


def working_group_delete(*, working_group: WorkingGroup, actor: Any, source: str = "web") -> None:
    """Delete a group and its outputs; its meetings stay as activities, without a group."""
    group = working_group
    with transaction.atomic():
        outputs = list(group.outputs.exclude(document=""))
        audit_record(
            cluster=group.cluster,
            actor=actor,
            action=AuditAction.DELETED,
            instance=group,
            changes={
                "members": [group.members.count(), 0],
                "outputs": [group.outputs.count(), 0],
            },
            source=source,
        )
        group.delete()
        _delete_files_after_commit([output.document for output in outputs])


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
    with transaction.atomic():
        output = WorkingGroupOutput(
            cluster_id=working_group.cluster_id,
            working_group=working_group,
            title=title,
            date=date,
            description=description or "",
        )
        if document:
            output.document = document
        output.save()
        audit_record(
            cluster=working_group.cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=output,
            changes=diff(
                {}, snapshot(output, ["working_group", "title", "date", "description", "document"])
            ),
            source=source,
        )
    return output


def working_group_output_delete(
    *, output: WorkingGroupOutput, actor: Any, source: str = "web"
) -> None:
    with transaction.atomic():
        audit_record(
            cluster=output.cluster,
            actor=actor,
            action=AuditAction.DELETED,
            instance=output,
            changes={"working_group": [str(output.working_group), None]},
            source=source,
        )
        document = output.document
        output.delete()
        _delete_files_after_commit([document] if document else [])


# Is a group active? ------------------------------------------------------------------------


def twelve_months_before(today: date) -> date:
    """The same day a year earlier (28 February for 29 February). "In the last 12 months"
    means after this day, up to and including today."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def working_group_is_active(member_count: int, last_meeting_on: date | None, today: date) -> bool:
    """SPEC B6: at least three participants, and a meeting in the last 12 months (a meeting
    planned for later does not count yet)."""
    return (
        member_count >= ACTIVE_GROUP_MEMBERS
        and last_meeting_on is not None
        and twelve_months_before(today) < last_meeting_on <= today
    )


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
        last_meeting_on__gt=twelve_months_before(today),
        last_meeting_on__lte=today,
    )
