"""The views every ledger endpoint derives from, and their schema.

A ledger list or detail view names its model and serializer, narrows and prefetches its rows,
and says which service writes: ``create_record``, ``update_record`` and ``delete_record``
each call one service with ``source="api"``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics
from rest_framework.serializers import Serializer

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.tenancy.access import READ_ROLES

__all__ = [
    "READ_ERRORS",
    "SOURCE",
    "WRITE_ERRORS",
    "LedgerDetail",
    "LedgerList",
    "LedgerReadDelete",
    "LedgerView",
    "detail_schema",
    "list_schema",
]

READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)


class LedgerView(ClusterView):
    """The ledger holds the cluster organisation's internal records: the management team
    writes, the board reads, a member representative may not even read (403)."""

    read_roles = READ_ROLES
    model: type[Model]

    def records(self) -> QuerySet:
        """The cluster's rows of the model, with what the serializer reads joined or
        prefetched (never a query per row)."""
        return self.model.objects.for_cluster(self.cluster)  # type: ignore[attr-defined]

    def get_queryset(self) -> QuerySet:
        if self.is_schema_generation:
            return self.model.objects.none()  # type: ignore[attr-defined]
        return self.records()


class LedgerList(LedgerView, generics.ListCreateAPIView):
    filter_serializer: type[Serializer] | None = None

    def get_queryset(self) -> QuerySet:
        rows = super().get_queryset()
        if self.filter_serializer is None or self.is_schema_generation:
            return rows
        return self.filtered(rows, _query_parameters(self.filter_serializer, self.request))

    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        return rows

    def perform_create(self, serializer: Serializer) -> None:  # type: ignore[override]
        serializer.instance = self.create_record(dict(serializer.validated_data))

    def create_record(self, data: dict[str, Any]) -> Model:
        raise NotImplementedError


class LedgerDetail(LedgerView, generics.RetrieveUpdateDestroyAPIView):
    def perform_update(self, serializer: Serializer) -> None:  # type: ignore[override]
        serializer.instance = self.update_record(
            serializer.instance, dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: Model) -> None:
        self.delete_record(instance)

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def delete_record(self, instance: Any) -> None:
        raise NotImplementedError


class LedgerReadDelete(LedgerView, generics.RetrieveDestroyAPIView):
    """For records the ledger adds and deletes but never changes (a training, an assembly,
    a social channel): to correct one, delete it and add it again."""

    def perform_destroy(self, instance: Model) -> None:
        self.delete_record(instance)

    def delete_record(self, instance: Any) -> None:
        raise NotImplementedError


def list_schema(
    tag: str,
    plural: str,
    noun: str,
    serializer: type[Serializer],
    *,
    filters: type[Serializer] | None = None,
    create: str | None = None,
) -> Any:
    """``plural``: "personal contacts"; ``noun`` with its article: "a personal contact"."""
    return extend_schema_view(
        get=_operation(
            f"List the cluster's {plural}",
            tag,
            {200: serializer(many=True)},
            errors=WRITE_ERRORS if filters else READ_ERRORS,
            parameters=[filters] if filters else None,
        ),
        post=_operation(create or f"Add {noun}", tag, {201: serializer}, errors=WRITE_ERRORS),
    )


def detail_schema(
    tag: str,
    noun: str,
    serializer: type[Serializer],
    *,
    changes: bool = True,
    description: str | None = None,
) -> Any:
    operations = {
        "get": _operation(f"Show {noun}", tag, {200: serializer}, errors=READ_ERRORS),
        "delete": _operation(f"Delete {noun}", tag, {204: None}, errors=READ_ERRORS),
    }
    if changes:
        extra = {"description": description} if description else {}
        operations["put"] = _operation(
            f"Replace {noun}'s details", tag, {200: serializer}, errors=WRITE_ERRORS, **extra
        )
        operations["patch"] = _operation(
            f"Change some of {noun}'s details",
            tag,
            {200: serializer},
            errors=WRITE_ERRORS,
            **extra,
        )
    return extend_schema_view(**operations)
