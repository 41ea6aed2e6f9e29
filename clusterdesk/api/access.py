"""Tenancy for the API, in one place: every cluster-scoped API view derives from ClusterView.

TenantMiddleware skips ``/api/`` because the API authenticates by token inside the view, so
ClusterView calls the same ``membership_for`` once the user is known: anonymous callers get
401, users without a membership of the cluster 404 on every method, and a role that may not
use a method 403. A member representative is further limited to their organisation by the
views' querysets, so every other organisation is a 404 to them.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.request import Request

from clusterdesk.tenancy.access import EDIT_ROLES, READ_ROLES, membership_for
from clusterdesk.tenancy.models import Cluster, Membership, Role

ALL_ROLES: tuple[str, ...] = (*READ_ROLES, Role.MEMBER)
# A member representative edits only their organisation and its contacts (see ClusterView).
EDIT_AND_REPRESENTATIVE_ROLES: tuple[str, ...] = (*EDIT_ROLES, Role.MEMBER)

_Row = TypeVar("_Row", bound=Model)


class ClusterView(GenericAPIView):
    """Base of every view under ``/api/v1/c/<cluster_slug>/``.

    ``read_roles`` may use GET, HEAD and OPTIONS, ``write_roles`` POST, PUT and PATCH, and
    ``delete_roles`` DELETE. Once the permissions are checked, ``self.cluster`` and
    ``self.membership`` are set.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]  # lists (nace_codes, tags) do not survive form encoding
    read_roles: tuple[str, ...] = ALL_ROLES
    write_roles: tuple[str, ...] = EDIT_ROLES
    delete_roles: tuple[str, ...] = EDIT_ROLES

    cluster: Cluster
    membership: Membership

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # anonymous: 401
        self.membership = membership_for(request.user, self.kwargs["cluster_slug"])  # else 404
        self.cluster = self.membership.cluster
        if self.membership.role not in self.roles_for(request.method or "GET"):
            self.permission_denied(
                request, message=_("Your role in this cluster does not allow this.")
            )

    def roles_for(self, method: str) -> tuple[str, ...]:
        if method in SAFE_METHODS:
            return self.read_roles
        if method == "DELETE":
            return self.delete_roles
        return self.write_roles

    @property
    def represented_organisation_id(self) -> int | None:
        """The one organisation a member representative may see; None for the other roles."""
        if self.membership.role == Role.MEMBER:
            return self.membership.organisation_id
        return None

    def represented_only(self, queryset: QuerySet[_Row], organisation_field: str) -> QuerySet[_Row]:
        """The rows a member representative may see: those of their organisation."""
        if self.represented_organisation_id is None:
            return queryset
        return queryset.filter(**{organisation_field: self.represented_organisation_id})

    @property
    def is_schema_generation(self) -> bool:
        """drf-spectacular builds views without a request user to read their querysets."""
        return bool(getattr(self, "swagger_fake_view", False))
