"""API v1: setting up a B2B day and its meeting requests — sessions (their slots are cut by the
service), tables, slots, a person's availability, and requests with accept, decline and
withdraw. The same services as the pages, with ``source="api"``: the management team writes
the set-up, the board reads it; requests and availability may also be handled by a member
representative for their organisation's people (anyone else's is a 404 to them); another
cluster gets 404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ALL_ROLES, EDIT_AND_REPRESENTATIVE_ROLES, ClusterView
from clusterdesk.api.views import SOURCE, _operation
from clusterdesk.lib.errors import DomainError
from clusterdesk.matchmaking.models import Listing
from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES
from clusterdesk.tenancy.models import Role

from ..models import Event, MeetingRequest, MeetingTable, Registration, Session, TimeSlot
from ..queries.meetings import days_open_to
from ..services import meeting_requests as requests_service
from ..services import meeting_setup as setup

TAG = "meeting days"
READ_ERRORS = (401, 403, 404)

# --------------------------------------------------------------------------- shapes


class SessionSerializer(serializers.ModelSerializer):
    slots = serializers.IntegerField(read_only=True, source="slot_count", default=0)

    class Meta:
        model = Session
        fields = ["id", "name", "starts_at", "ends_at", "slot_minutes", "break_minutes", "slots"]
        read_only_fields = ["id", "slots"]


class TableSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingTable
        fields = ["id", "label", "position"]
        read_only_fields = ["id", "position"]


class TablesAddSerializer(serializers.Serializer):
    count = serializers.IntegerField(required=False, min_value=1, max_value=200)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text=gettext_lazy(
            "Labels of the new tables; without them, T-numbers on from the last."
        ),
    )


class SlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeSlot
        fields = ["id", "session", "starts_at", "ends_at"]
        read_only_fields = fields


class WindowSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class AvailabilitySerializer(serializers.Serializer):
    registration = serializers.IntegerField(read_only=True)
    windows = WindowSerializer(
        many=True, help_text=gettext_lazy("When the person can meet; none: all day.")
    )


class MeetingRequestSerializer(serializers.ModelSerializer):
    requester = serializers.IntegerField(source="requester_id")
    invitee = serializers.IntegerField(source="invitee_id")
    listing = serializers.IntegerField(source="listing_id", required=False, allow_null=True)

    class Meta:
        model = MeetingRequest
        fields = [
            "id", "requester", "invitee", "message", "listing", "status", "answer",
            "answered_at", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "status", "answer", "answered_at", "created_at"]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(required=False, allow_blank=True, max_length=300)


# --------------------------------------------------------------------------- views


_DayRow = TypeVar("_DayRow", bound=Model)


class MeetingDayView(ClusterView):
    read_roles = READ_ROLES
    write_roles = EDIT_ROLES
    delete_roles = EDIT_ROLES

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.event  # noqa: B018  (another cluster's or an unknown day: 404 before the body is read)

    @property
    def event(self) -> Event:
        if not hasattr(self, "_event"):
            days = Event.objects.for_cluster(self.cluster).select_related("cluster")
            if self.membership.role == Role.MEMBER:
                # A representative: published days their organisation takes part in only.
                days = days_open_to(days, self.membership.organisation_id or -1)
            self._event = get_object_or_404(days, pk=self.kwargs["event_pk"], has_meetings=True)
        return self._event

    def day_rows(self, model: type[_DayRow]) -> QuerySet[_DayRow]:
        """The day's rows of ``model`` (none while the schema is generated: no request)."""
        if self.is_schema_generation:
            return model.objects.none()
        return model.objects.for_cluster(self.cluster).filter(event=self.event)

    def person(self, pk: Any, field: str = "registration") -> Registration:
        """A registration of the day; a member representative's own organisation's only."""
        found = (
            Registration.objects.for_cluster(self.cluster)
            .select_related("event__cluster", "contact", "organisation", "cluster")
            .filter(event=self.event, pk=pk)
            .first()
        )
        own = self.represented_organisation_id
        if found is None or (own is not None and found.organisation_id != own):
            if field == "registration":
                raise Http404
            raise DomainError(_("Choose someone registered for this event."), field=field)
        return found


@extend_schema_view(
    get=_operation(
        "List a meeting day's sessions",
        TAG,
        {200: SessionSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation("Add a session (its slots are cut from it)", TAG, {201: SessionSerializer}),
)
class SessionList(MeetingDayView, generics.ListCreateAPIView):
    serializer_class = SessionSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Session]:
        return self.day_rows(Session).annotate(slot_count=Count("slots"))

    def perform_create(self, serializer: SessionSerializer) -> None:  # type: ignore[override]
        serializer.instance = setup.session_create(
            event=self.event, actor=self.request.user, data=serializer.validated_data, source=SOURCE
        )


@extend_schema_view(
    get=_operation("Show a session", TAG, {200: SessionSerializer}, errors=READ_ERRORS),
    put=_operation("Change a session (its slots are cut again)", TAG, {200: SessionSerializer}),
    patch=_operation("Change some of a session", TAG, {200: SessionSerializer}),
    delete=_operation("Remove a session and its slots", TAG, {204: None}),
)
class SessionDetail(MeetingDayView, generics.RetrieveUpdateDestroyAPIView):
    """``?drop_placements=true`` confirms that meetings placed in disappearing slots go."""

    serializer_class = SessionSerializer

    def get_queryset(self) -> QuerySet[Session]:
        return self.day_rows(Session).select_related("event__cluster")

    def _drop(self) -> bool:
        return self.request.query_params.get("drop_placements", "") in ("1", "true", "yes")

    def perform_update(self, serializer: SessionSerializer) -> None:  # type: ignore[override]
        serializer.instance = setup.session_update(
            session=serializer.instance,
            actor=self.request.user,
            data=serializer.validated_data,
            drop_placements=self._drop(),
            source=SOURCE,
        )

    def perform_destroy(self, instance: Session) -> None:
        setup.session_delete(
            session=instance, actor=self.request.user, drop_placements=self._drop(), source=SOURCE
        )


@extend_schema_view(
    get=_operation(
        "List a meeting day's tables", TAG, {200: TableSerializer(many=True)}, errors=READ_ERRORS
    ),
)
class TableList(MeetingDayView, generics.ListAPIView):
    serializer_class = TableSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[MeetingTable]:
        return self.day_rows(MeetingTable)

    @_operation(
        "Add tables (a count, or their labels)",
        TAG,
        {201: TableSerializer(many=True)},
        request=TablesAddSerializer,
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = TablesAddSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        made = setup.tables_add(
            event=self.event,
            actor=request.user,
            count=given.validated_data.get("count"),
            labels=given.validated_data.get("labels", []),
            source=SOURCE,
        )
        return Response(TableSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=_operation("Show a table", TAG, {200: TableSerializer}, errors=READ_ERRORS),
    patch=_operation("Rename a table", TAG, {200: TableSerializer}),
    delete=_operation("Remove a table (not one with a locked meeting)", TAG, {204: None}),
)
class TableDetail(MeetingDayView, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = TableSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[MeetingTable]:
        return self.day_rows(MeetingTable).select_related("event__cluster")

    def perform_update(self, serializer: TableSerializer) -> None:  # type: ignore[override]
        serializer.instance = setup.table_rename(
            table=serializer.instance,
            actor=self.request.user,
            label=serializer.validated_data.get("label", serializer.instance.label),
            source=SOURCE,
        )

    def perform_destroy(self, instance: MeetingTable) -> None:
        setup.table_delete(table=instance, actor=self.request.user, source=SOURCE)


@extend_schema_view(
    get=_operation(
        "List a meeting day's time slots", TAG, {200: SlotSerializer(many=True)}, errors=READ_ERRORS
    ),
)
class SlotList(MeetingDayView, generics.ListAPIView):
    serializer_class = SlotSerializer
    pagination_class = None
    read_roles = ALL_ROLES

    def get_queryset(self) -> QuerySet[TimeSlot]:
        return self.day_rows(TimeSlot)


class Availability(MeetingDayView):
    read_roles = ALL_ROLES
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES
    serializer_class = AvailabilitySerializer

    def _answer(self, person: Registration) -> Response:
        windows = [
            {"starts_at": w.starts_at, "ends_at": w.ends_at} for w in person.availability.all()
        ]
        return Response(
            AvailabilitySerializer({"registration": person.pk, "windows": windows}).data
        )

    @_operation(
        "Show when a person can meet (no windows: all day)",
        TAG,
        {200: AvailabilitySerializer},
        errors=READ_ERRORS,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.person(kwargs["pk"]))

    @_operation(
        "Replace when a person can meet",
        TAG,
        {200: AvailabilitySerializer},
        request=AvailabilitySerializer,
    )
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.person(kwargs["pk"])
        given = AvailabilitySerializer(data=request.data)
        given.is_valid(raise_exception=True)
        setup.availability_replace(
            registration=person,
            actor=request.user,
            windows=[(w["starts_at"], w["ends_at"]) for w in given.validated_data["windows"]],
            drop_placements=self.request.query_params.get("drop_placements", "")
            in ("1", "true", "yes"),
            source=SOURCE,
        )
        return self._answer(person)


def _request_rows(view: MeetingDayView) -> QuerySet[MeetingRequest]:
    rows = MeetingRequest.objects.for_cluster(view.cluster).filter(event=view.event).select_related(
        "event__cluster", "requester__contact", "invitee__contact", "requester__organisation",
        "invitee__organisation", "requester__cluster", "invitee__cluster",
    )  # fmt: skip
    own = view.represented_organisation_id
    if own is not None:
        rows = rows.filter(Q(requester__organisation_id=own) | Q(invitee__organisation_id=own))
    return rows.order_by("-created_at", "-pk")


@extend_schema_view(
    get=_operation(
        "List a meeting day's requests",
        TAG,
        {200: MeetingRequestSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation("Request a meeting on someone's behalf", TAG, {201: MeetingRequestSerializer}),
)
class RequestList(MeetingDayView, generics.ListCreateAPIView):
    serializer_class = MeetingRequestSerializer
    read_roles = ALL_ROLES
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def get_queryset(self) -> QuerySet[MeetingRequest]:
        if self.is_schema_generation:
            return MeetingRequest.objects.none()
        rows = _request_rows(self)
        wanted = self.request.query_params.get("status", "")
        return rows.filter(status=wanted) if wanted else rows

    def perform_create(self, serializer: MeetingRequestSerializer) -> None:  # type: ignore[override]
        data = serializer.validated_data
        requester = self.person(data["requester_id"], field="requester")
        invitee = (
            Registration.objects.for_cluster(self.cluster)
            .select_related("contact", "organisation", "cluster")
            .filter(event=self.event, pk=data["invitee_id"])
            .first()
        )
        if invitee is None:
            raise DomainError(_("Choose someone registered for this event."), field="invitee")
        listing = None
        if data.get("listing_id"):
            listing = (
                Listing.objects.for_cluster(self.cluster).filter(pk=data["listing_id"]).first()
            )
            if listing is None:
                raise DomainError(_("Choose an offer or request of this cluster."), field="listing")
        serializer.instance = requests_service.meeting_request_create(
            requester=requester,
            invitee=invitee,
            actor=self.request.user,
            message=data.get("message", ""),
            listing=listing,
            source=SOURCE,
        )


class RequestAction(MeetingDayView):
    """Accept, decline (by the invitee's side) or withdraw (by the requester's side)."""

    read_roles = ALL_ROLES
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES
    serializer_class = AnswerSerializer
    action = ""

    def answer(self, request: Request, pk: int) -> Response:
        meeting = get_object_or_404(_request_rows(self), pk=pk)
        own = self.represented_organisation_id
        side = meeting.requester if self.action == "withdraw" else meeting.invitee
        if own is not None and side.organisation_id != own:
            raise Http404
        given = AnswerSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        answer = given.validated_data.get("answer", "")
        if self.action == "accept":
            requests_service.meeting_request_accept(
                meeting=meeting, actor=request.user, answer=answer, source=SOURCE
            )
        elif self.action == "decline":
            requests_service.meeting_request_decline(
                meeting=meeting, actor=request.user, answer=answer, source=SOURCE
            )
        else:
            requests_service.meeting_request_withdraw(
                meeting=meeting, actor=request.user, source=SOURCE
            )
        return Response(MeetingRequestSerializer(meeting).data)


def _action(name: str, summary: str) -> type[RequestAction]:
    @_operation(summary, TAG, {200: MeetingRequestSerializer}, request=AnswerSerializer)
    def post(self: RequestAction, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.answer(request, kwargs["pk"])

    return type(f"Request{name.title()}", (RequestAction,), {"action": name, "post": post})


RequestAccept = _action("accept", "Accept a meeting request (on the invitee's behalf)")
RequestDecline = _action("decline", "Decline a meeting request (on the invitee's behalf)")
RequestWithdraw = _action("withdraw", "Withdraw a meeting request (on the requester's behalf)")
