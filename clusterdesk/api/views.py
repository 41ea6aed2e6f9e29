"""API v1: the registry's organisations and contacts, and who the caller is.

Views are thin: ClusterView resolves the cluster and the role, a serializer checks types, and
every write goes through the participants' services with ``source="api"``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from clusterdesk.participants import queries, services
from clusterdesk.participants.models import Contact, Organisation
from clusterdesk.tenancy.models import Membership

from .access import EDIT_AND_REPRESENTATIVE_ROLES, ClusterView
from .serializers import (
    ContactFilterSerializer,
    ContactSerializer,
    ErrorSerializer,
    MeSerializer,
    OrganisationFilterSerializer,
    OrganisationSerializer,
)

SOURCE = "api"


def _operation(
    summary: str,
    tag: str,
    responses: dict[int, Any],
    *,
    errors: tuple[int, ...] = (400, 401, 403, 404),
    **kwargs: Any,
) -> Any:
    """The schema of one operation: its answer, and the errors it may give in the one shape."""
    return extend_schema(
        summary=summary,
        tags=[tag],
        responses={**responses, **{status: ErrorSerializer for status in errors}},
        **kwargs,
    )


def _query_parameters(serializer_class: type[Serializer], request: Request) -> dict[str, Any]:
    """The list's query parameters, checked: a wrong value is a 400, not an empty list."""
    parameters = serializer_class(data=request.query_params)
    parameters.is_valid(raise_exception=True)
    return dict(parameters.validated_data)


@extend_schema_view(
    get=_operation(
        "List the cluster's organisations",
        "organisations",
        {200: OrganisationSerializer(many=True)},
        errors=(400, 401, 404),
        parameters=[OrganisationFilterSerializer],
    ),
    post=_operation("Add an organisation", "organisations", {201: OrganisationSerializer}),
)
class OrganisationList(ClusterView, generics.ListCreateAPIView):
    """A member representative sees only the organisation they speak for, and adds none."""

    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        if self.is_schema_generation:
            return Organisation.objects.none()
        filters = _query_parameters(OrganisationFilterSerializer, self.request)
        ordering, sort = filters.pop("ordering"), filters.pop("sort")
        organisations = queries.organisation_search(
            self.cluster, queries.RegistryFilters(**filters, sort=ordering or sort or "name")
        )
        return self.represented_only(organisations, "pk").prefetch_related("sectors")

    def perform_create(self, serializer: OrganisationSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        nace_codes = data.pop("nace_codes", [])
        serializer.instance = services.organisation_create(
            cluster=self.cluster,
            actor=self.request.user,
            data=data,
            nace_codes=nace_codes,
            source=SOURCE,
        )


@extend_schema_view(
    get=_operation(
        "Show an organisation", "organisations", {200: OrganisationSerializer}, errors=(401, 404)
    ),
    put=_operation(
        "Replace an organisation's details", "organisations", {200: OrganisationSerializer}
    ),
    patch=_operation(
        "Change some of an organisation's details", "organisations", {200: OrganisationSerializer}
    ),
    delete=_operation(
        "Delete an organisation and its contacts",
        "organisations",
        {204: None},
        errors=(401, 403, 404),
    ),
)
class OrganisationDetail(ClusterView, generics.RetrieveUpdateDestroyAPIView):
    """A member representative may read and change only their organisation, and not delete it."""

    serializer_class = OrganisationSerializer
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def get_queryset(self) -> QuerySet[Organisation]:
        if self.is_schema_generation:
            return Organisation.objects.none()
        organisations = self.represented_only(
            Organisation.objects.for_cluster(self.cluster).select_related("cluster"), "pk"
        )
        if self.request.method in ("GET", "HEAD"):
            # Not for writes: the services compare the codes with the stored rows.
            organisations = organisations.prefetch_related("sectors")
        return organisations

    def perform_update(self, serializer: OrganisationSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        nace_codes = data.pop("nace_codes", None)  # None: keep the codes it has
        services.organisation_update(
            organisation=serializer.instance,
            actor=self.request.user,
            data=data,
            nace_codes=nace_codes,
            source=SOURCE,
            by_representative=self.represented_organisation_id is not None,
        )

    def perform_destroy(self, instance: Organisation) -> None:
        services.organisation_delete(organisation=instance, actor=self.request.user, source=SOURCE)


@extend_schema_view(
    get=_operation(
        "List the cluster's contacts",
        "contacts",
        {200: ContactSerializer(many=True)},
        errors=(400, 401, 404),
        parameters=[ContactFilterSerializer],
    ),
    post=_operation("Add a contact to an organisation", "contacts", {201: ContactSerializer}),
)
class ContactList(ClusterView, generics.ListCreateAPIView):
    """A member representative sees and adds only the contacts of their organisation."""

    serializer_class = ContactSerializer
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def get_queryset(self) -> QuerySet[Contact]:
        if self.is_schema_generation:
            return Contact.objects.none()
        filters = _query_parameters(ContactFilterSerializer, self.request)
        contacts = self.represented_only(
            queries.contact_search(self.cluster, filters["q"]), "organisation_id"
        )
        if "organisation" in filters:
            contacts = contacts.filter(organisation_id=filters["organisation"])
        return contacts

    def perform_create(self, serializer: ContactSerializer) -> None:  # type: ignore[override]
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = services.contact_create(
            organisation=organisation, actor=self.request.user, data=data, source=SOURCE
        )


@extend_schema_view(
    get=_operation("Show a contact", "contacts", {200: ContactSerializer}, errors=(401, 404)),
    put=_operation("Replace a contact's details", "contacts", {200: ContactSerializer}),
    patch=_operation("Change some of a contact's details", "contacts", {200: ContactSerializer}),
    delete=_operation("Delete a contact", "contacts", {204: None}, errors=(401, 403, 404)),
)
class ContactDetail(ClusterView, generics.RetrieveUpdateDestroyAPIView):
    """A member representative may read, change and delete the contacts of their organisation."""

    serializer_class = ContactSerializer
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES
    delete_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def get_queryset(self) -> QuerySet[Contact]:
        if self.is_schema_generation:
            return Contact.objects.none()
        contacts = Contact.objects.for_cluster(self.cluster).select_related(
            "organisation", "cluster"
        )
        return self.represented_only(contacts, "organisation_id")

    def perform_update(self, serializer: ContactSerializer) -> None:  # type: ignore[override]
        services.contact_update(
            contact=serializer.instance,
            actor=self.request.user,
            data=dict(serializer.validated_data),
            source=SOURCE,
        )

    def perform_destroy(self, instance: Contact) -> None:
        services.contact_delete(contact=instance, actor=self.request.user, source=SOURCE)


class Me(APIView):
    """Who the token belongs to, and their clusters and roles: a token's first call."""

    permission_classes = [IsAuthenticated]

    @_operation("Show the caller and their clusters", "me", {200: MeSerializer}, errors=(401,))
    def get(self, request: Request) -> Response:
        memberships = (
            Membership.objects.filter(user=request.user)
            .select_related("cluster")
            .order_by("cluster__name")
        )
        user = request.user
        serializer = MeSerializer(
            {"email": user.email, "full_name": user.full_name, "clusters": memberships}
        )
        return Response(serializer.data)
