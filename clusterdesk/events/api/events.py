"""API v1: events, their registrations and check-in, under ``/api/v1/c/<cluster_slug>/``.

Thin views, as in ``clusterdesk/api``: ``ClusterView`` resolves the cluster and the role, a
serializer checks types, and every write is one call of the same service as the pages with
``source="api"``. The team (manager, staff) writes; the board reads; a member representative
reads published events, sees and registers only their own organisation's people."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ALL_ROLES, EDIT_AND_REPRESENTATIVE_ROLES, ClusterView
from clusterdesk.api.engagement.fields import LedgerSerializer, PersonField
from clusterdesk.api.views import SOURCE, _operation
from clusterdesk.tenancy.access import EDIT_ROLES
from clusterdesk.tenancy.models import Role

from .. import queries, services
from ..models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationRole,
    RegistrationStatus,
    Visibility,
)
from ..services.events import EVENT_FIELDS

TAG = "events"
READ_ERRORS = (401, 403, 404)


def inline_choices(choices: list[tuple[str, Any]], **kwargs: Any) -> serializers.ChoiceField:
    """A choice field whose values the schema lists in its description: other apps have
    fields named "kind", "role" or "status" with other values, and one enum name would clash."""
    values = ", ".join(value for value, _label in choices if value)

    @extend_schema_field({"type": "string", "description": f"One of: {values}."})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


class CountField(serializers.IntegerField):
    """A count the list annotates (0 on a record just written)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Any) -> int:
        return getattr(instance, self.field_name, 0) or 0


class EventSerializer(LedgerSerializer):
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text=_('Per language: {"it": {"title": "…", "description": "…"}}.'),
    )
    active_roles = serializers.ListField(
        child=inline_choices(RegistrationRole.choices),
        required=False,
        help_text=_("Registration roles that make an organisation actively involved."),
    )
    capacity = serializers.IntegerField(required=False, allow_null=True)
    involvement_days = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        required=False,
        allow_null=True,
        help_text=_("Days of involvement per attendance, in half days; empty: from the length."),
    )
    kind = inline_choices(EventKind.choices)
    visibility = inline_choices(Visibility.choices, required=False)
    status = inline_choices(EventStatus.choices, read_only=True)
    registered = CountField(help_text=_("Confirmed registrations."))
    waiting = CountField(help_text=_("People on the waiting list."))
    checked_in = CountField()

    class Meta:
        model = Event
        fields = [
            "id",
            *EVENT_FIELDS,
            "status",
            "activity",
            "registered",
            "waiting",
            "checked_in",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "language", "activity", "created_at", "updated_at"]


class EventCreateSerializer(EventSerializer):
    publish = serializers.BooleanField(
        write_only=True, required=False, default=False, help_text=_("Publish at once.")
    )

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "publish"]


class RegistrationSerializer(LedgerSerializer):
    contact = PersonField(
        required=False, allow_null=True, help_text=_("A person of the registry; or a guest.")
    )
    guest_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    guest_email = serializers.EmailField(required=False, allow_blank=True)
    guest_organisation = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, allow_blank=True, max_length=8)
    role = inline_choices(RegistrationRole.choices, required=False)
    status = inline_choices(RegistrationStatus.choices, read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "contact",
            "organisation",
            "guest_name",
            "guest_email",
            "guest_organisation",
            "language",
            "role",
            "status",
            "registered_at",
            "checked_in_at",
            "wants_meetings",
            "note",
        ]
        read_only_fields = [
            "id",
            "event",
            "organisation",
            "status",
            "registered_at",
            "checked_in_at",
        ]


class EventView(ClusterView):
    read_roles = ALL_ROLES
    write_roles = EDIT_ROLES
    delete_roles = EDIT_ROLES

    @property
    def is_team(self) -> bool:
        return self.membership.role in EDIT_ROLES

    def events(self) -> QuerySet[Event]:
        rows = Event.objects.for_cluster(self.cluster).select_related("cluster", "activity")
        if self.membership.role == Role.MEMBER:
            rows = rows.exclude(status=EventStatus.DRAFT)
        return queries.with_counts(rows)

    def event(self) -> Event:
        return get_object_or_404(self.events(), pk=self.kwargs["pk"])


@extend_schema_view(
    get=_operation(
        "List the cluster's events, latest first",
        TAG,
        {200: EventSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation(
        "Create an event (a draft unless published at once)", TAG, {201: EventSerializer}
    ),
)
class EventList(EventView, generics.ListCreateAPIView):
    def get_serializer_class(self) -> type[serializers.Serializer]:
        return EventCreateSerializer if self.request.method == "POST" else EventSerializer

    def get_queryset(self) -> QuerySet[Event]:
        if self.is_schema_generation:
            return Event.objects.none()
        return self.events().order_by("-starts_at", "-pk")

    def perform_create(self, serializer: EventCreateSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        if data.pop("publish", False):
            data["status"] = EventStatus.PUBLISHED
        serializer.instance = services.event_create(
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(EventSerializer(serializer.instance).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=_operation("Show an event", TAG, {200: EventSerializer}, errors=READ_ERRORS),
    put=_operation("Replace an event's details", TAG, {200: EventSerializer}),
    patch=_operation("Change some of an event's details", TAG, {200: EventSerializer}),
    delete=_operation(
        "Delete an event nobody attended (cancel one people attended)", TAG, {204: None}
    ),
)
class EventDetail(EventView, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet[Event]:
        if self.is_schema_generation:
            return Event.objects.none()
        return self.events()

    def perform_update(self, serializer: EventSerializer) -> None:  # type: ignore[override]
        serializer.instance = services.event_update(
            event=serializer.instance,
            actor=self.request.user,
            data=dict(serializer.validated_data),
            source=SOURCE,
        )

    def perform_destroy(self, instance: Event) -> None:
        services.event_delete(event=instance, actor=self.request.user, source=SOURCE)


class EventStatusChange(EventView):
    serializer_class = EventSerializer
    change: Any = None

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.event()
        type(self).change(event=event, actor=request.user, source=SOURCE)
        return Response(EventSerializer(event).data)


class EventPublish(EventStatusChange):
    change = staticmethod(services.event_publish)

    @_operation("Publish a draft event", TAG, {200: EventSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


class EventCancel(EventStatusChange):
    change = staticmethod(services.event_cancel)

    @_operation("Cancel an event", TAG, {200: EventSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


class RegistrationView(EventView):
    serializer_class = RegistrationSerializer
    read_roles = ALL_ROLES
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def registrations(self, event: Event) -> QuerySet[Registration]:
        rows = queries.registration_rows(event)
        return self.represented_only(rows, "organisation_id")

    def registration(self) -> Registration:
        event = self.event()
        return get_object_or_404(
            self.registrations(event).select_related("event", "event__cluster", "cluster"),
            pk=self.kwargs["registration_pk"],
        )


@extend_schema_view(
    get=_operation(
        "List an event's registrations, in order of registration",
        TAG,
        {200: RegistrationSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation(
        "Register a contact of the registry or a guest (beyond the capacity: waiting list)",
        TAG,
        {201: RegistrationSerializer},
    ),
)
class RegistrationList(RegistrationView, generics.ListCreateAPIView):
    serializer_class = RegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        if self.is_schema_generation:
            return Registration.objects.none()
        return self.registrations(self.event()).order_by("registered_at", "pk")

    def perform_create(self, serializer: RegistrationSerializer) -> None:  # type: ignore[override]
        data = serializer.validated_data
        event = self.event()
        guest = None
        if not data.get("contact"):
            guest = services.Guest(
                name=data.get("guest_name", ""),
                email=data.get("guest_email", ""),
                organisation=data.get("guest_organisation", ""),
                language=data.get("language", ""),
            )
        serializer.instance = services.registration_create(
            event=event,
            actor=self.request.user,
            contact=data.get("contact"),
            guest=guest,
            role=data.get("role", RegistrationRole.ATTENDEE),
            wants_meetings=data.get("wants_meetings", False),
            note=data.get("note", ""),
            by_team=self.is_team,
            representing=self.membership.organisation if not self.is_team else None,
            source=SOURCE,
        )


class RegistrationCancel(RegistrationView):
    @_operation(
        "Cancel a registration (the first person waiting takes the place)",
        TAG,
        {200: RegistrationSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = services.registration_cancel(
            registration=self.registration(), actor=request.user, source=SOURCE
        )
        return Response(RegistrationSerializer(registration, context={"view": self}).data)


class RegistrationCheckIn(RegistrationView):
    write_roles = EDIT_ROLES
    delete_roles = EDIT_ROLES

    @_operation(
        "Check a person in (their organisation's involvement follows)",
        TAG,
        {200: RegistrationSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = services.registration_check_in(
            registration=self.registration(), actor=request.user, source=SOURCE
        )
        return Response(RegistrationSerializer(registration, context={"view": self}).data)

    @_operation("Undo a check-in", TAG, {200: RegistrationSerializer})
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = services.registration_check_in_undo(
            registration=self.registration(), actor=request.user, source=SOURCE
        )
        return Response(RegistrationSerializer(registration, context={"view": self}).data)
