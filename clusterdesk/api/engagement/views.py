"""API v1: the work with participants — personal contacts, follow-up tasks, activities with
the participants involved, working groups — and the engagement summary.

Views are thin: each collection is stated once as a ``Ledger`` (see base.py), LedgerView
resolves the cluster and the role, a serializer checks types, and every write is one call of
the engagement services with ``source="api"``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from clusterdesk.api.views import _operation, _query_parameters
from clusterdesk.engagement import queries
from clusterdesk.engagement.models import (
    Activity,
    FollowUpTask,
    Involvement,
    PersonalContact,
    WorkingGroup,
)
from clusterdesk.engagement.services import activities as activity_services
from clusterdesk.engagement.services import contacts as contact_services
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import User

from .base import (
    READ_ERRORS,
    SOURCE,
    WRITE_ERRORS,
    Ledger,
    LedgerDetail,
    LedgerList,
    LedgerRecords,
    LedgerView,
)
from .fields import fields_renamed
from .serializers import (
    ActivityFilterSerializer,
    ActivitySerializer,
    EngagementSummarySerializer,
    PersonalContactFilterSerializer,
    PersonalContactSerializer,
    SummaryParameterSerializer,
    TaskCompleteSerializer,
    TaskDoneSerializer,
    TaskFilterSerializer,
    TaskSerializer,
    WorkingGroupSerializer,
)

# --------------------------------------------------------------------------- personal contacts

FOLLOW_UP_FIELDS = {
    "follow_up_title": "follow_up.title",
    "follow_up_due_on": "follow_up.due_on",
    "follow_up_assignee": "follow_up.assigned_to",
}

PERSONAL_CONTACTS = Ledger(
    serializer=PersonalContactSerializer,
    tag="personal contacts",
    plural="personal contacts",
    noun="a personal contact",
    record="contact",
    delete=contact_services.personal_contact_delete,
    filters=PersonalContactFilterSerializer,
    lookups={
        "organisation": "organisation_id",
        "kind": "kind",
        "date_from": "date__gte",
        "date_to": "date__lte",
        "staff": "staff__pk",
    },
    prefetch=lambda: (
        Prefetch("staff", queryset=User.objects.only("pk").order_by("pk")),
        Prefetch("people_met", queryset=Contact.objects.only("pk").order_by("pk")),
        Prefetch("tasks", queryset=FollowUpTask.objects.only("pk", "personal_contact_id")),
    ),
    create_summary="Log a personal contact, with a follow-up task if given",
)


@PERSONAL_CONTACTS.list_view
class PersonalContactList(LedgerList):
    def create_record(self, data: dict[str, Any]) -> PersonalContact:
        follow_up = data.pop("follow_up", None)
        with fields_renamed(FOLLOW_UP_FIELDS):
            return contact_services.personal_contact_log(
                cluster=self.cluster,
                actor=self.request.user,
                follow_up=(
                    (follow_up["title"], follow_up["due_on"], follow_up.get("assigned_to"))
                    if follow_up
                    else None
                ),
                source=SOURCE,
                **data,
            )


@PERSONAL_CONTACTS.detail_view
class PersonalContactDetail(LedgerDetail):
    def update_record(self, instance: PersonalContact, data: dict[str, Any]) -> PersonalContact:
        data.pop("follow_up", None)
        current = {
            "organisation": instance.organisation,
            "kind": instance.kind,
            "date": instance.date,
            "staff": list(instance.staff.all()),
            "people_met": list(instance.people_met.all()),
            "notes": instance.notes,
        }
        return contact_services.personal_contact_update(
            contact=instance, actor=self.request.user, source=SOURCE, **{**current, **data}
        )


# --------------------------------------------------------------------------- tasks

TASKS = Ledger(
    serializer=TaskSerializer,
    tag="tasks",
    plural="follow-up tasks",
    noun="a follow-up task",
    filters=TaskFilterSerializer,
)


class TaskRecords(LedgerRecords):
    ledger = TASKS


@TASKS.list_view
class TaskList(LedgerList):
    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        if filters.get("open") is not None:
            rows = rows.filter(done_on__isnull=filters["open"])
        assignee = filters.get("assigned_to")
        if assignee:
            rows = rows.filter(
                assigned_to_id=self.request.user.pk if assignee == "me" else int(assignee)
            )
        return rows

    def create_record(self, data: dict[str, Any]) -> FollowUpTask:
        with fields_renamed({"assignee": "assigned_to"}):
            return contact_services.task_create(
                cluster=self.cluster,
                actor=self.request.user,
                title=data["title"],
                due_on=data["due_on"],
                assignee=data.get("assigned_to"),
                organisation=data.get("organisation"),
                personal_contact=data.get("personal_contact"),
            )


def _task_operation(summary: str, errors: tuple[int, ...], **kwargs: Any) -> Any:
    return _operation(summary, "tasks", {200: TaskSerializer}, errors=errors, **kwargs)


class TaskDetail(TaskRecords, generics.RetrieveAPIView):
    """A task is added and then done (or open again); nothing else of it changes."""

    @_task_operation("Show a follow-up task", READ_ERRORS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_task_operation(
        "Mark a task done on a day, or open again with null",
        WRITE_ERRORS,
        request=TaskDoneSerializer,
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        done_on = _body(TaskDoneSerializer, request)["done_on"]
        task = _task_done_on(task, self.request.user, done_on)
        return Response(self.get_serializer(task).data)


class TaskComplete(TaskRecords):
    @_task_operation("Mark a task done", WRITE_ERRORS, request=TaskCompleteSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        on = _body(TaskCompleteSerializer, request).get("on")
        if on is None:  # today, or the day it was done already
            task = contact_services.task_complete(task=task, actor=self.request.user)
        else:
            task = _task_done_on(task, self.request.user, on)
        return Response(self.get_serializer(task).data)


class TaskReopen(TaskRecords):
    @_task_operation("Open a done task again", READ_ERRORS, request=None)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = contact_services.task_reopen(task=self.get_object(), actor=self.request.user)
        return Response(self.get_serializer(task).data)


def _body(serializer_class: type[Serializer], request: Request) -> dict[str, Any]:
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def _task_done_on(task: FollowUpTask, actor: Any, done_on: date | None) -> FollowUpTask:
    """Done on this day (the services keep a first date, so another day reopens it first),
    or open again when None."""
    with transaction.atomic():
        if done_on is None or task.done_on not in (None, done_on):
            task = contact_services.task_reopen(task=task, actor=actor)
        if done_on is not None:
            task = contact_services.task_complete(task=task, actor=actor, on=done_on)
    return task


# --------------------------------------------------------------------------- activities

ACTIVITIES = Ledger(
    serializer=ActivitySerializer,
    tag="activities",
    plural="activities",
    noun="an activity",
    record="activity",
    delete=activity_services.activity_delete,
    filters=ActivityFilterSerializer,
    prefetch=lambda: (
        Prefetch("involvements", queryset=Involvement.objects.order_by("organisation__name")),
    ),
    create_summary="Record an activity with the participants involved",
    change_description=(
        "`involvements`, when given, replaces the whole list of participants involved."
    ),
)


@ACTIVITIES.list_view
class ActivityList(LedgerList):
    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        found = activity_services.activity_search(
            self.cluster,
            activity_services.ActivityFilters(
                kind=filters.get("kind", ""),
                working_group=filters.get("working_group"),
                date_from=filters.get("date_from"),
                date_to=filters.get("date_to"),
                participant=filters.get("organisation"),
            ),
        )
        return self.for_reading(found)

    def create_record(self, data: dict[str, Any]) -> Activity:
        rows = data.pop("involvements", [])
        return activity_services.activity_create(
            cluster=self.cluster,
            actor=self.request.user,
            involvements=_involvements(rows),
            source=SOURCE,
            **data,
        )


@ACTIVITIES.detail_view
class ActivityDetail(LedgerDetail):
    def update_record(self, instance: Activity, data: dict[str, Any]) -> Activity:
        rows = data.pop("involvements", None)
        involvements = None if rows is None else _involvements(rows)
        if involvements is not None and not data:
            return activity_services.involvement_set(
                activity=instance, actor=self.request.user, involvements=involvements, source=SOURCE
            )
        return activity_services.activity_update(
            activity=instance,
            actor=self.request.user,
            data=data,
            involvements=involvements,
            source=SOURCE,
        )


def _involvements(rows: list[dict[str, Any]]) -> list[activity_services.InvolvementInput]:
    return [
        activity_services.InvolvementInput(
            organisation=row["organisation"], role=row["role"], days=row["days"]
        )
        for row in rows
    ]


# --------------------------------------------------------------------------- working groups

WORKING_GROUPS = Ledger(
    serializer=WorkingGroupSerializer,
    tag="working groups",
    plural="working groups",
    noun="a working group",
    record="working_group",
    update=activity_services.working_group_update,
    delete=activity_services.working_group_delete,
    apart=("members",),
    prefetch=lambda: (
        Prefetch("members", queryset=Organisation.objects.only("pk").order_by("pk")),
        "outputs",
    ),
)


@WORKING_GROUPS.list_view
class WorkingGroupList(LedgerList):
    def create_record(self, data: dict[str, Any]) -> WorkingGroup:
        return activity_services.working_group_create(
            cluster=self.cluster, actor=self.request.user, source=SOURCE, **data
        )


WorkingGroupDetail = WORKING_GROUPS.detail_view()


# --------------------------------------------------------------------------- summary


class EngagementSummary(LedgerView):
    """SPEC indicators B4 and B5 for a day: who the team met, and who was actively involved,
    in the twelve months up to it."""

    @_operation(
        "Show the engagement figures of the last twelve months",
        "engagement",
        {200: EngagementSummarySerializer},
        errors=WRITE_ERRORS,
        parameters=[SummaryParameterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parameters = _query_parameters(SummaryParameterSerializer, request)
        day = parameters.get("date") or timezone.localdate()
        period = queries.last_12_months(day)
        summary = {
            "date": day,
            "period_from": period.first,
            "period_to": period.last,
            "contact_reach": queries.contact_reach(self.cluster, today=day),
            "active_involvement": queries.active_involvement(self.cluster, today=day),
            "active_days": queries.ACTIVE_DAYS,
        }
        return Response(EngagementSummarySerializer(summary).data)
