"""The cluster mapping's API views: thin, as in ``clusterdesk/api`` — ``ClusterView`` resolves
the cluster and the role, a serializer checks types and shapes the answer, the services keep,
re-run and delete datasets, and result rows are read from the stored Parquet files with the
filters applied before anything is loaded."""

from __future__ import annotations

from typing import Any

import polars as pl
import polars.selectors as cs
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from clusterdesk.api.access import ClusterView
from clusterdesk.api.views import _operation, _query_parameters
from clusterdesk.tenancy.access import READ_ROLES

from .. import queries, services
from ..models import MappingDataset, ResultTable
from .serializers import (
    MappingClusterRowFilterSerializer,
    MappingClusterRowPageSerializer,
    MappingDatasetSerializer,
    MappingRegionRowFilterSerializer,
    MappingRegionRowPageSerializer,
    MappingRerunSerializer,
    MappingUploadSerializer,
)

TAG = "cluster mapping"
READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (400, 401, 403, 404)
PARAMETER_NAMES = services.PARAMETER_FIELDS


class MappingView(ClusterView):
    """The cluster's statistical mapping is its management's business: managers and staff
    upload, re-run and delete, the board reads, a member representative may not read (403)."""

    read_roles = READ_ROLES


class DatasetRecord(MappingView, generics.GenericAPIView):
    serializer_class = MappingDatasetSerializer

    def get_object(self) -> MappingDataset:
        return queries.dataset_for(self.cluster, self.kwargs["pk"])

    def detail(self, dataset: MappingDataset, code: int = status.HTTP_200_OK) -> Response:
        answer = MappingDatasetSerializer(dataset, context=self.get_serializer_context())
        return Response(answer.data, status=code)


class DatasetList(MappingView, generics.ListAPIView):
    serializer_class = MappingDatasetSerializer
    parser_classes = [MultiPartParser]

    def get_queryset(self) -> QuerySet[MappingDataset]:
        if self.is_schema_generation:
            return MappingDataset.objects.none()
        return MappingDataset.objects.for_cluster(self.cluster).select_related(
            "created_by", "cluster"
        )

    @_operation(
        "List the cluster's mapping datasets, the newest first",
        TAG,
        {200: MappingDatasetSerializer(many=True)},
        errors=READ_ERRORS,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @_operation(
        "Upload statistics to map (mapped in the background; poll the dataset's status)",
        TAG,
        {201: MappingDatasetSerializer},
        errors=WRITE_ERRORS,
        request=MappingUploadSerializer,
        description=(
            "multipart/form-data. The files are kept at once and mapped by the background "
            "worker: the answer says `queued`; the dataset's `status`, `stage` and `progress` "
            "follow the work. Data with problems ends as `invalid` with every problem in "
            "`report`."
        ),
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = MappingUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        dataset = services.dataset_create(
            cluster=self.cluster,
            actor=request.user,
            name=data["name"],
            level=data["level"],
            figures=data["figures_file"],
            regions=data["regions_file"],
            classification=data.get("classification_file"),
            reference=data["reference"],
            year=data.get("year"),
            parameters={name: data[name] for name in PARAMETER_NAMES if name in data},
        )
        answer = MappingDatasetSerializer(dataset, context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)


class DatasetDetail(DatasetRecord):
    @_operation(
        "Show a dataset: its status and progress, the validation report and the summary",
        TAG,
        {200: MappingDatasetSerializer},
        errors=READ_ERRORS,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.detail(self.get_object())

    @_operation("Delete a dataset with its files and results", TAG, {204: None}, errors=READ_ERRORS)
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.dataset_delete(dataset=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DatasetRerun(DatasetRecord):
    parser_classes = [JSONParser]

    @_operation(
        "Map a dataset's files again, with other settings when given",
        TAG,
        {202: MappingDatasetSerializer},
        errors=WRITE_ERRORS,
        request=MappingRerunSerializer,
        description=(
            "Settings not given keep the dataset's. The earlier results stay readable until "
            "the new ones are complete. A dataset being mapped cannot be re-run (400)."
        ),
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        dataset = self.get_object()
        body = MappingRerunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        parameters = {**dataset.parameters, **body.validated_data}
        dataset = services.dataset_rerun(dataset=dataset, actor=request.user, parameters=parameters)
        return self.detail(dataset, status.HTTP_202_ACCEPTED)


class ResultRows(DatasetRecord):
    """A page of a result table's rows, filtered."""

    table: str
    filters: type[MappingRegionRowFilterSerializer]

    def rows(self, request: Request) -> Response:
        dataset = self.get_object()
        filters = _query_parameters(self.filters, request)
        page, size = filters.pop("page"), filters.pop("page_size")
        count, rows = result_page(dataset, self.table, filters, page=page, size=size)
        if page > 1 and (page - 1) * size >= count:
            raise NotFound(_("There is no page %(page)s of these rows.") % {"page": page})
        url = request.build_absolute_uri()
        return Response(
            {
                "count": count,
                "next": replace_query_param(url, "page", page + 1) if page * size < count else None,
                "previous": replace_query_param(url, "page", page - 1) if page > 1 else None,
                "results": rows,
            }
        )


class ClusterRows(ResultRows):
    table = ResultTable.CLUSTERS
    filters = MappingClusterRowFilterSerializer

    @_operation(
        "List the mapped regional clusters (region × cluster × year), page by page",
        TAG,
        {200: MappingClusterRowPageSerializer},
        errors=(400, 401, 403, 404),
        parameters=[MappingClusterRowFilterSerializer],
        description="404 while the dataset has no results (not mapped yet, or refused).",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.rows(request)


class RegionRows(ResultRows):
    table = ResultTable.REGIONS
    filters = MappingRegionRowFilterSerializer

    @_operation(
        "List the mapped regions (region × year: totals and cluster strength), page by page",
        TAG,
        {200: MappingRegionRowPageSerializer},
        errors=(400, 401, 403, 404),
        parameters=[MappingRegionRowFilterSerializer],
        description="404 while the dataset has no results (not mapped yet, or refused).",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.rows(request)


def result_page(
    dataset: MappingDataset, table: str, filters: dict[str, Any], *, page: int, size: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many rows of a result table match the filters, and those of one page (in the
    table's order: year, region, cluster). The filters reach the Parquet scan, so only the
    matching rows are read."""
    try:
        scan = queries.result_scan(dataset, table)
    except Http404:
        raise NotFound(
            _("This dataset has no results yet (%(status)s).")
            % {"status": dataset.get_status_display()}
        ) from None
    conditions = [
        pl.col(name) == value
        for name, value in filters.items()
        if value is not None and value != ""
    ]
    matching = scan.filter(*conditions) if conditions else scan
    counted, shown = pl.collect_all(
        [
            matching.select(pl.len()),
            # NaN is no JSON number: a value that could not be computed reads as null
            matching.slice((page - 1) * size, size).with_columns(cs.float().fill_nan(None)),
        ]
    )
    return counted.item(), shown.to_dicts()
