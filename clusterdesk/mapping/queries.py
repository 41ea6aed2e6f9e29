"""Reads of a finished mapping: its result tables as lazy Polars frames over the stored Parquet
files, so that a page reads only the rows and columns it shows."""

from __future__ import annotations

import polars as pl
from django.core.files.storage import default_storage
from django.http import Http404

from clusterdesk.tenancy.models import Cluster

from .models import MappingDataset, ResultTable


def dataset_for(cluster: Cluster, pk: int) -> MappingDataset:
    """The cluster's dataset, or 404 (another cluster's id reads as unknown)."""
    dataset = MappingDataset.objects.for_cluster(cluster).filter(pk=pk).first()
    if dataset is None:
        raise Http404
    return dataset


def result_scan(dataset: MappingDataset, table: str = ResultTable.CLUSTERS) -> pl.LazyFrame:
    """A result table of a mapped dataset; 404 when it has none (not mapped, or refused)."""
    if table not in ResultTable.values:
        raise Http404
    name = dataset.result_name(table)
    if not default_storage.exists(name):
        raise Http404
    return pl.scan_parquet(default_storage.path(name))
