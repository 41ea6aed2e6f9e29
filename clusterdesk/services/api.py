"""API v1: the service portfolio — the catalogue, the delivery log and the coverage of the
service areas — under ``/api/v1/c/<cluster_slug>/``.

Views are thin, as in ``clusterdesk/api``: ``ClusterView`` resolves the cluster and the role
(the management team writes, the board reads, a member representative gets 403, another
cluster 404), a serializer checks types, and every write is one call of ``services`` with
``source="api"``, so the pages' rules hold here too. Ids of related records are looked up
among the cluster's own only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import ClusterView
from clusterdesk.api.engagement.fields import (
    ClusterRecordField,
    LedgerSerializer,
    OrganisationField,
    StaffMemberField,
)
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.participants.models import Organisation
from clusterdesk.tenancy.access import READ_ROLES

from . import queries, services
from .models import Delivery, DeliveryUnit, Service, ServiceArea, ServiceStatus

TAG = "services"
READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)

# --------------------------------------------------------------------------- shapes


class ServiceField(ClusterRecordField):
    model = Service
    default_error_messages = {"does_not_exist": _("Choose a service of this cluster.")}


class AreasField(serializers.ListField):
    """The service's areas, read from its area links."""

    def get_attribute(self, instance: Service) -> list[int]:
        return [link.area for link in instance.area_links.all()]


class ServiceSerializer(LedgerSerializer):
    areas = AreasField(
        child=serializers.ChoiceField(choices=ServiceArea.choices),
        help_text=_(
            "Service areas: 1 information, market intelligence and matchmaking; 2 R&D and "
            "innovation projects; 3 promotion and internationalisation; 4 human development "
            "and entrepreneurship; 5 testing and laboratory; 6 funding-call support; 7 skills "
            "sharing; 8 other."
        ),
    )
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text=_('Per language: {"it": {"name": "…", "description": "…"}}.'),
    )
    owner = StaffMemberField(required=False, allow_null=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "code",
            "name",
            "description",
            "translations",
            "areas",
            "targeted_companies",
            "methodology",
            "timing",
            "status",
            "free",
            "member_price",
            "non_member_price",
            "price_unit",
            "owner",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class DeliverySerializer(LedgerSerializer):
    service = ServiceField()
    participants = OrganisationField(many=True, help_text=_("Ids of the participants served."))
    delivered_by = StaffMemberField(required=False, allow_null=True)
    rating = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=5,
        help_text=_("The participant's rating, 1 (poor) to 5 (excellent)."),
    )
    unit = serializers.ChoiceField(choices=DeliveryUnit.choices, required=False)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "service",
            "participants",
            "delivered_on",
            "delivered_by",
            "provider",
            "quantity",
            "unit",
            "fee_invoiced",
            "outcome",
            "rating",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {"fee_invoiced": {"required": False}}


class CatalogueFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ServiceStatus.choices,
        required=False,
        help_text=_("Services of this status; without it, every one but the retired ones."),
    )
    area = serializers.ChoiceField(choices=ServiceArea.choices, required=False)


class DeliveryFilterSerializer(serializers.Serializer):
    service = serializers.IntegerField(required=False, min_value=1)
    participant = serializers.IntegerField(required=False, min_value=1)
    area = serializers.ChoiceField(choices=ServiceArea.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)


class CoverageParameterSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text=_("The day the last 12 months end on; today when left out.")
    )


class AreaCoverageSerializer(serializers.Serializer):
    area = serializers.IntegerField()
    label = serializers.CharField()
    core = serializers.BooleanField(help_text=_("One of the four areas indicator D4 asks for."))
    services = serializers.IntegerField(help_text=_("Services offered (new or in place)."))
    deliveries_12m = serializers.IntegerField()
    participants_12m = serializers.IntegerField()
    last_delivery = serializers.DateField(allow_null=True)
    covered = serializers.BooleanField()


class CoverageSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    period_first = serializers.DateField()
    period_last = serializers.DateField()
    core_covered = serializers.IntegerField()
    all_core_covered = serializers.BooleanField()
    areas = AreaCoverageSerializer(many=True)


# --------------------------------------------------------------------------- views


class PortfolioView(ClusterView):
    """The service portfolio is the cluster organisation's own record: the management team
    writes, the board reads, a member representative may not even read (403)."""

    read_roles = READ_ROLES


def _service_rows(view: PortfolioView) -> QuerySet[Service]:
    return (
        Service.objects.for_cluster(view.cluster)
        .select_related("cluster")
        .prefetch_related("area_links")
    )


@extend_schema_view(
    get=_operation(
        "List the cluster's catalogue of services",
        TAG,
        {200: ServiceSerializer(many=True)},
        errors=WRITE_ERRORS,
        parameters=[CatalogueFilterSerializer],
    ),
    post=_operation("Add a service to the catalogue", TAG, {201: ServiceSerializer}),
)
class ServiceList(PortfolioView, generics.ListCreateAPIView):
    serializer_class = ServiceSerializer

    def get_queryset(self) -> QuerySet[Service]:
        if self.is_schema_generation:
            return Service.objects.none()
        filters = _query_parameters(CatalogueFilterSerializer, self.request)
        return queries.service_search(
            self.cluster,
            queries.CatalogueFilters(status=filters.get("status", ""), area=filters.get("area")),
        )

    def perform_create(self, serializer: ServiceSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        areas = data.pop("areas")
        serializer.instance = services.service_create(
            cluster=self.cluster, actor=self.request.user, data=data, areas=areas, source=SOURCE
        )


@extend_schema_view(
    get=_operation("Show a service", TAG, {200: ServiceSerializer}, errors=READ_ERRORS),
    put=_operation("Replace a service's details", TAG, {200: ServiceSerializer}),
    patch=_operation("Change some of a service's details", TAG, {200: ServiceSerializer}),
    delete=_operation(
        "Delete a service never delivered (retire one that was)",
        TAG,
        {204: None},
        errors=WRITE_ERRORS,
    ),
)
class ServiceDetail(PortfolioView, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ServiceSerializer

    def get_queryset(self) -> QuerySet[Service]:
        if self.is_schema_generation:
            return Service.objects.none()
        return _service_rows(self)

    def perform_update(self, serializer: ServiceSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        areas = data.pop("areas", None)
        serializer.instance = services.service_update(
            service=serializer.instance,
            actor=self.request.user,
            data=data,
            areas=areas,
            source=SOURCE,
        )

    def perform_destroy(self, instance: Service) -> None:
        services.service_delete(service=instance, actor=self.request.user, source=SOURCE)


def _delivery_rows(view: PortfolioView) -> QuerySet[Delivery]:
    rows = Delivery.objects.for_cluster(view.cluster).select_related("cluster", "service")
    if view.request.method in ("GET", "HEAD"):
        rows = rows.prefetch_related(
            Prefetch("participants", queryset=Organisation.objects.only("id").order_by("pk"))
        )
    return rows


@extend_schema_view(
    get=_operation(
        "List the delivery log, latest first",
        TAG,
        {200: DeliverySerializer(many=True)},
        errors=WRITE_ERRORS,
        parameters=[DeliveryFilterSerializer],
    ),
    post=_operation(
        "Log a delivery (its fee joins the year's service-fee income)",
        TAG,
        {201: DeliverySerializer},
    ),
)
class DeliveryList(PortfolioView, generics.ListCreateAPIView):
    serializer_class = DeliverySerializer

    def get_queryset(self) -> QuerySet[Delivery]:
        if self.is_schema_generation:
            return Delivery.objects.none()
        filters = _query_parameters(DeliveryFilterSerializer, self.request)
        found = queries.delivery_search(self.cluster, queries.DeliveryFilters(**filters))
        return found.select_related("cluster", "service").prefetch_related(
            Prefetch("participants", queryset=Organisation.objects.only("id").order_by("pk"))
        )

    def perform_create(self, serializer: DeliverySerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        participants = data.pop("participants")
        serializer.instance = services.delivery_create(
            cluster=self.cluster,
            actor=self.request.user,
            data=data,
            participants=participants,
            source=SOURCE,
        )


@extend_schema_view(
    get=_operation("Show a delivery", TAG, {200: DeliverySerializer}, errors=READ_ERRORS),
    put=_operation("Replace a delivery's details", TAG, {200: DeliverySerializer}),
    patch=_operation("Change some of a delivery's details", TAG, {200: DeliverySerializer}),
    delete=_operation(
        "Delete a delivery (its fee leaves the year's service-fee income)",
        TAG,
        {204: None},
        errors=READ_ERRORS,
    ),
)
class DeliveryDetail(PortfolioView, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = DeliverySerializer

    def get_queryset(self) -> QuerySet[Delivery]:
        if self.is_schema_generation:
            return Delivery.objects.none()
        return _delivery_rows(self)

    def perform_update(self, serializer: DeliverySerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        participants = data.pop("participants", None)
        serializer.instance = services.delivery_update(
            delivery=serializer.instance,
            actor=self.request.user,
            data=data,
            participants=participants,
            source=SOURCE,
        )

    def perform_destroy(self, instance: Delivery) -> None:
        services.delivery_delete(delivery=instance, actor=self.request.user, source=SOURCE)


class ServiceCoverage(PortfolioView):
    @_operation(
        "Show the coverage of the service areas in the last 12 months (indicator D4)",
        TAG,
        {200: CoverageSerializer},
        errors=WRITE_ERRORS,
        parameters=[CoverageParameterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parameters = _query_parameters(CoverageParameterSerializer, request)
        as_of = parameters.get("as_of") or timezone.localdate()
        summary = queries.coverage_summary(self.cluster, as_of=as_of)
        data = {
            "as_of": as_of,
            "period_first": summary.period.first,
            "period_last": summary.period.last,
            "core_covered": summary.core_covered,
            "all_core_covered": summary.all_core_covered,
            "areas": [area.__dict__ for area in summary.areas],
        }
        return Response(CoverageSerializer(data).data)
