"""API v1: the schedule of a B2B day — start the scheduler and read its runs, list the placed
meetings and move or lock one, and read a person's agenda. The same services as the pages,
with ``source="api"``; the management team writes, the board reads, a member representative
reads only the agendas of their organisation's people, another cluster gets 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ALL_ROLES, ClusterView
from clusterdesk.api.views import SOURCE, _operation
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES

from ..agenda import agendas_for
from ..models import Event, MeetingPlacement, MeetingTable, Registration, SchedulerRun, TimeSlot
from ..services.placements import placement_lock, placement_move
from ..services.scheduling import MAX_TIME_LIMIT, scheduler_run_start

TAG = "events"
READ_ERRORS = (401, 403, 404)

# --------------------------------------------------------------------------- shapes


class SchedulerRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchedulerRun
        fields = [
            "id",
            "status",
            "time_limit",
            "report",
            "problems",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class RunStartSerializer(serializers.Serializer):
    time_limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_TIME_LIMIT,
        help_text=gettext_lazy("Seconds; the SCHEDULER_TIME_LIMIT setting when left out."),
    )


class PlacementSerializer(serializers.ModelSerializer):
    requester = serializers.IntegerField(source="request.requester_id", read_only=True)
    invitee = serializers.IntegerField(source="request.invitee_id", read_only=True)

    class Meta:
        model = MeetingPlacement
        fields = ["id", "request", "requester", "invitee", "slot", "table", "locked"]
        read_only_fields = fields


class PlacementChangeSerializer(serializers.Serializer):
    slot = serializers.IntegerField(required=False, min_value=1)
    table = serializers.IntegerField(required=False, min_value=1)
    locked = serializers.BooleanField(
        required=False,
        help_text=gettext_lazy("A meeting moved (slot or table given) is always locked."),
    )


class AgendaPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")
    organisation = serializers.CharField(source="organisation_name")


class AgendaEntrySerializer(serializers.Serializer):
    slot = serializers.IntegerField(source="slot.pk")
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    session = serializers.CharField(source="slot.session.name")
    table = serializers.CharField(source="placement.table.label", default=None)
    other = AgendaPersonSerializer(allow_null=True)
    message = serializers.CharField()
    available = serializers.BooleanField()


class AgendaSerializer(serializers.Serializer):
    registration = AgendaPersonSerializer()
    meetings = serializers.IntegerField()
    entries = AgendaEntrySerializer(many=True)


# --------------------------------------------------------------------------- views


class ScheduleView(ClusterView):
    read_roles = READ_ROLES
    write_roles = EDIT_ROLES

    def event(self) -> Event:
        return get_object_or_404(
            Event.objects.for_cluster(self.cluster).select_related("cluster"),
            pk=self.kwargs["event_pk"],
        )


@extend_schema_view(
    get=_operation(
        "List the scheduler's runs of a B2B day, latest first",
        TAG,
        {200: SchedulerRunSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation(
        "Start the scheduler (it runs in the background; poll the run)",
        TAG,
        {202: SchedulerRunSerializer},
        request=RunStartSerializer,
    ),
)
class SchedulerRunList(ScheduleView, generics.ListAPIView):
    serializer_class = SchedulerRunSerializer

    def get_queryset(self) -> QuerySet[SchedulerRun]:
        if self.is_schema_generation:
            return SchedulerRun.objects.none()
        return SchedulerRun.objects.for_cluster(self.cluster).filter(event=self.event())

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event()
        given = RunStartSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run = scheduler_run_start(
            event=event,
            actor=request.user,
            time_limit=given.validated_data.get("time_limit"),
            source=SOURCE,
        )
        return Response(SchedulerRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    get=_operation(
        "Show a run: its status, report or problems",
        TAG,
        {200: SchedulerRunSerializer},
        errors=READ_ERRORS,
    )
)
class SchedulerRunDetail(ScheduleView, generics.RetrieveAPIView):
    serializer_class = SchedulerRunSerializer

    def get_queryset(self) -> QuerySet[SchedulerRun]:
        if self.is_schema_generation:
            return SchedulerRun.objects.none()
        return SchedulerRun.objects.for_cluster(self.cluster).filter(event=self.event())


def _placements(view: ScheduleView) -> QuerySet[MeetingPlacement]:
    return (
        MeetingPlacement.objects.for_cluster(view.cluster)
        .filter(request__event=view.event())
        .select_related("request", "slot", "table")
        .order_by("slot__starts_at", "table__position", "id")
    )


@extend_schema_view(
    get=_operation(
        "List the placed meetings of a B2B day in time order",
        TAG,
        {200: PlacementSerializer(many=True)},
        errors=READ_ERRORS,
    )
)
class PlacementList(ScheduleView, generics.ListAPIView):
    serializer_class = PlacementSerializer

    def get_queryset(self) -> QuerySet[MeetingPlacement]:
        if self.is_schema_generation:
            return MeetingPlacement.objects.none()
        return _placements(self)


@extend_schema_view(
    get=_operation("Show a placed meeting", TAG, {200: PlacementSerializer}, errors=READ_ERRORS),
    patch=_operation(
        "Move a meeting to a free slot and table (it is locked), or lock or unlock it",
        TAG,
        {200: PlacementSerializer},
        request=PlacementChangeSerializer,
    ),
)
class PlacementDetail(ScheduleView, generics.RetrieveAPIView):
    serializer_class = PlacementSerializer

    def get_queryset(self) -> QuerySet[MeetingPlacement]:
        if self.is_schema_generation:
            return MeetingPlacement.objects.none()
        return _placements(self)

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        placement = self.get_object()
        given = PlacementChangeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if "slot" in data or "table" in data:
            event = placement.request.event
            slot = TimeSlot.objects.filter(
                cluster=self.cluster, event=event, pk=data.get("slot", placement.slot_id)
            ).first()
            if slot is None:
                raise DomainError(_("Choose a time slot of this event."), field="slot")
            table = MeetingTable.objects.filter(
                cluster=self.cluster, event=event, pk=data.get("table", placement.table_id)
            ).first()
            if table is None:
                raise DomainError(_("Choose a table of this event."), field="table")
            placement = placement_move(
                placement=placement, slot=slot, table=table, actor=request.user, source=SOURCE
            )
        if "locked" in data:
            placement = placement_lock(
                placement=placement, locked=data["locked"], actor=request.user, source=SOURCE
            )
        return Response(PlacementSerializer(placement).data)


@extend_schema_view(
    get=_operation(
        "A person's agenda: every slot with their meeting or free",
        TAG,
        {200: AgendaSerializer},
        errors=READ_ERRORS,
    )
)
class AgendaDetail(ScheduleView, generics.GenericAPIView):
    read_roles = ALL_ROLES
    serializer_class = AgendaSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event()
        rows = self.represented_only(
            Registration.objects.for_cluster(self.cluster)
            .filter(event=event)
            .select_related("contact", "organisation"),
            "organisation_id",
        )
        registration = get_object_or_404(rows, pk=self.kwargs["pk"])
        agenda = agendas_for(event, [registration])[0]
        return Response(AgendaSerializer(agenda).data)
