"""The views every ledger endpoint derives from, and their schema.

A ledger collection is stated once, as a ``Ledger``: its model and serializer, how the schema
names it, its filters, what its reads prefetch, and the services that write it. Its list and
detail views are produced from that statement (``Ledger.views()``), schema included. Where a
collection writes in a shape of its own, its class overrides ``create_record``,
``update_record`` or ``delete_record`` and is handed to ``Ledger.list_view`` or
``Ledger.detail_view``, which give it the same schema.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import Model, Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics
from rest_framework.serializers import ModelSerializer, Serializer

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.tenancy.access import READ_ROLES

__all__ = [
    "READ_ERRORS",
    "SOURCE",
    "WRITE_ERRORS",
    "Ledger",
    "LedgerDeletes",
    "LedgerDetail",
    "LedgerList",
    "LedgerReadDelete",
    "LedgerRecords",
    "LedgerView",
]

READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)


@dataclass(frozen=True)
class Ledger:
    """One ledger collection, of its serializer's model.

    ``plural`` names it in the list's summary ("personal contacts"), ``noun`` names one record
    with its article ("a personal contact"). Every service is called with ``source="api"``:
    ``create(cluster=, actor=, data=)``, ``update(<record>=, actor=, data=)`` and
    ``delete(<record>=, actor=)``, ``record`` being the keyword the services name the record
    by; the fields in ``apart`` (links such as ``participants``) go beside ``data``, when
    given. Without ``update`` a record is added and deleted, never changed. ``lookups`` turns
    each of the ``filters`` into a queryset lookup. ``prefetch()`` gives what reads prefetch
    (anew each time: Django marks a prefetch's queryset as it runs); writes go without, as the
    services read the stored rows.
    """

    serializer: type[ModelSerializer]
    tag: str
    plural: str
    noun: str
    record: str = ""
    create: Callable[..., Any] | None = None
    update: Callable[..., Any] | None = None
    delete: Callable[..., Any] | None = None
    apart: tuple[str, ...] = ()
    filters: type[Serializer] | None = None
    lookups: Mapping[str, str] = field(default_factory=dict)
    prefetch: Callable[[], tuple[str | Prefetch, ...]] = tuple
    create_summary: str | None = None
    change_description: str | None = None

    @property
    def model(self) -> type[Model]:
        return self.serializer.Meta.model

    @property
    def name(self) -> str:
        return self.serializer.__name__.removesuffix("Serializer")

    def set_apart(self, data: dict[str, Any]) -> dict[str, Any]:
        """Take the ``apart`` fields given out of ``data``, to pass beside it."""
        return {name: data.pop(name) for name in self.apart if name in data}

    def views(self) -> tuple[type[LedgerList], type[LedgerDeletes]]:
        """A list and a detail view that write only through the declared services."""
        return self.list_view(), self.detail_view()

    def list_view(self, view: type[LedgerList] | None = None) -> type[LedgerList]:
        """``view`` (a plain LedgerList when None) for this collection, with its schema."""
        view = view or type(f"{self.name}List", (LedgerList,), {})
        view.ledger = self
        serializer = self.serializer
        return extend_schema_view(
            get=_operation(
                f"List the cluster's {self.plural}",
                self.tag,
                {200: serializer(many=True)},
                errors=WRITE_ERRORS if self.filters else READ_ERRORS,
                parameters=[self.filters] if self.filters else None,
            ),
            post=_operation(
                self.create_summary or f"Add {self.noun}",
                self.tag,
                {201: serializer},
                errors=WRITE_ERRORS,
            ),
        )(view)

    def detail_view(self, view: type[LedgerDeletes] | None = None) -> type[LedgerDeletes]:
        """``view`` (when None, a LedgerDetail, or a LedgerReadDelete without ``update``) for
        this collection, with the schema of the methods it has."""
        if view is None:
            base = LedgerDetail if self.update else LedgerReadDelete
            view = type(f"{self.name}Detail", (base,), {})
        view.ledger = self
        noun, tag, serializer = self.noun, self.tag, self.serializer
        change = {"description": self.change_description} if self.change_description else {}
        operations = {
            "get": _operation(f"Show {noun}", tag, {200: serializer}, errors=READ_ERRORS),
            "put": _operation(
                f"Replace {noun}'s details", tag, {200: serializer}, errors=WRITE_ERRORS, **change
            ),
            "patch": _operation(
                f"Change some of {noun}'s details",
                tag,
                {200: serializer},
                errors=WRITE_ERRORS,
                **change,
            ),
            "delete": _operation(f"Delete {noun}", tag, {204: None}, errors=READ_ERRORS),
        }
        return extend_schema_view(
            **{method: schema for method, schema in operations.items() if hasattr(view, method)}
        )(view)


class LedgerView(ClusterView):
    """The ledger holds the cluster organisation's internal records: the management team
    writes, the board reads, a member representative may not even read (403)."""

    read_roles = READ_ROLES


class LedgerRecords(LedgerView):
    # The records of one ledger collection. (Comments, not docstrings, on this base and the
    # next: the schema describes each operation with the nearest docstring, LedgerView's.)

    ledger: ClassVar[Ledger]

    def get_serializer_class(self) -> type[Serializer]:
        return self.ledger.serializer

    def get_queryset(self) -> QuerySet:
        model: Any = self.ledger.model
        if self.is_schema_generation:
            return model.objects.none()
        return self.for_reading(model.objects.for_cluster(self.cluster).select_related("cluster"))

    def for_reading(self, rows: QuerySet) -> QuerySet:
        """With what the serializer reads prefetched, never a query per row."""
        if self.request.method not in ("GET", "HEAD"):
            return rows
        return rows.prefetch_related(*self.ledger.prefetch())


class LedgerList(LedgerRecords, generics.ListCreateAPIView):
    def get_queryset(self) -> QuerySet:
        rows = super().get_queryset()
        filters = self.ledger.filters
        if filters is None or self.is_schema_generation:
            return rows
        return self.filtered(rows, _query_parameters(filters, self.request))

    def filtered(self, rows: QuerySet, filters: dict[str, Any]) -> QuerySet:
        """Each filter given, as its lookup."""
        lookups = self.ledger.lookups
        return rows.filter(**{lookups[name]: value for name, value in filters.items()})

    def perform_create(self, serializer: Serializer) -> None:  # type: ignore[override]
        serializer.instance = self.create_record(dict(serializer.validated_data))

    def create_record(self, data: dict[str, Any]) -> Model:
        ledger = self.ledger
        apart = ledger.set_apart(data)
        return ledger.create(  # type: ignore[misc]
            cluster=self.cluster, actor=self.request.user, data=data, source=SOURCE, **apart
        )


class LedgerDeletes(LedgerRecords):
    # A record deleted through the declared service.

    def perform_destroy(self, instance: Model) -> None:
        self.delete_record(instance)

    def delete_record(self, instance: Any) -> None:
        ledger = self.ledger
        ledger.delete(  # type: ignore[misc]
            **{ledger.record: instance}, actor=self.request.user, source=SOURCE
        )


class LedgerReadDelete(LedgerDeletes, generics.RetrieveDestroyAPIView):
    """For records the ledger adds and deletes but never changes (a training, an assembly,
    a social channel): to correct one, delete it and add it again."""


class LedgerDetail(LedgerDeletes, generics.RetrieveUpdateDestroyAPIView):
    def perform_update(self, serializer: Serializer) -> None:  # type: ignore[override]
        serializer.instance = self.update_record(
            serializer.instance, dict(serializer.validated_data)
        )

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        ledger = self.ledger
        apart = ledger.set_apart(data)
        return ledger.update(  # type: ignore[misc]
            **{ledger.record: instance}, actor=self.request.user, data=data, source=SOURCE, **apart
        )
