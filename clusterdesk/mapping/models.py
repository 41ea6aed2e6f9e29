"""A statistical cluster mapping: the files a cluster uploaded, the state of their computation
and, once done, the results (stored as Parquet files beside the inputs, read with Polars).

Datasets and results belong to the cluster that uploaded them; files live in the private media
storage and reach a person only through a view that checked tenancy first.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.tenancy.models import Cluster


class DatasetLevel(models.TextChoices):
    INDUSTRY = "industry", _("Employment by industry, with a classification into clusters")
    CLUSTER = "cluster", _("Figures already summed per cluster")


class DatasetStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Mapping")
    INVALID = "invalid", _("Refused: the data has problems")
    DONE = "done", _("Mapped")
    FAILED = "failed", _("Stopped by an unexpected error")


class ResultTable(models.TextChoices):
    """The tables a finished mapping keeps, each a Parquet file."""

    CLUSTERS = "clusters", _("Regional clusters")
    REGIONS = "regions", _("Regions")
    FLAG_THRESHOLDS = "flag_thresholds", _("Flag thresholds")
    STAR_THRESHOLDS = "star_thresholds", _("Star thresholds")


def dataset_folder(dataset: MappingDataset) -> str:
    return f"mapping/{dataset.cluster_id}/{dataset.folder}"


def input_path(dataset: MappingDataset, filename: str) -> str:
    return f"{dataset_folder(dataset)}/input/{filename}"


class MappingDatasetQuerySet(models.QuerySet["MappingDataset"]):
    def for_cluster(self, cluster: Cluster) -> MappingDatasetQuerySet:
        return self.filter(cluster=cluster)


class MappingDataset(models.Model):
    """One upload (statistics, classification, regions, reference) and its mapping."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="mapping_datasets")
    folder = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(
        _("what the figures file holds"),
        max_length=16,
        choices=DatasetLevel.choices,
        default=DatasetLevel.INDUSTRY,
    )
    figures_file = models.FileField(_("statistics"), upload_to=input_path, max_length=300)
    classification_file = models.FileField(
        _("classification"), upload_to=input_path, max_length=300, blank=True
    )
    """Empty for industry figures: the shipped U.S. NAICS 2012 classification (67 clusters)."""
    regions_file = models.FileField(_("regions"), upload_to=input_path, max_length=300)
    reference = models.CharField(_("reference region"), max_length=64)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    """When given, the one year the statistics must hold (mixed years are refused)."""
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    """``MappingParameters`` fields that differ from the defaults (star thresholds, …)."""

    status = models.CharField(
        max_length=16, choices=DatasetStatus.choices, default=DatasetStatus.QUEUED
    )
    stage = models.CharField(max_length=32, blank=True)
    progress = models.FloatField(default=0.0)
    """Share of the work done, 0 to 1."""
    report = models.JSONField(default=dict, blank=True)
    """``ValidationReport.to_dict()``: the blocking problems when refused, the warnings when
    mapped."""
    failure = models.TextField(blank=True)
    summary = models.JSONField(default=dict, blank=True)
    """years, region_types, region and cluster counts, rows, input rows, seconds."""
    language = models.CharField(max_length=8, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = MappingDatasetQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mapping dataset")
        verbose_name_plural = _("mapping datasets")

    def __str__(self) -> str:
        return self.name

    @property
    def is_done(self) -> bool:
        return self.status == DatasetStatus.DONE

    @property
    def is_working(self) -> bool:
        return self.status in (DatasetStatus.QUEUED, DatasetStatus.RUNNING)

    @property
    def progress_percent(self) -> int:
        return max(0, min(100, round(100 * self.progress)))

    def result_name(self, table: str) -> str:
        """Where a result table's Parquet file is stored (written only once complete)."""
        return f"{dataset_folder(self)}/result/{table}.parquet"
