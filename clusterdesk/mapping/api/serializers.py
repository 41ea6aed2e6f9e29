"""The shapes of the cluster mapping's API: what an upload and a re-run take, what a dataset and
a page of result rows look like (the OpenAPI schema is made from them)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import DatasetLevel, DatasetStatus, MappingDataset, ResultTable
from ..services import mapping_parameters

# ----------------------------------------------------------------------------- the settings


class MappingParametersSerializer(serializers.Serializer):
    """The European Cluster Observatory's star thresholds (the U.S. flags' quantiles are fixed)
    and what to do with industry codes the classification lacks."""

    size_star_top_share = serializers.FloatField(
        required=False,
        help_text=_(
            "Size star: employment in this top share of the regional clusters of the same "
            "region type (default 0.10)."
        ),
    )
    specialisation_star_lq = serializers.FloatField(
        required=False,
        help_text=_(
            "Specialisation star: location quotient against total employment of at least "
            "this (default 2.0)."
        ),
    )
    focus_star_top_share = serializers.FloatField(
        required=False,
        help_text=_(
            "Focus star: the cluster's share of the region's employment in this top share "
            "(default 0.10)."
        ),
    )
    ignore_unknown_industries = serializers.BooleanField(
        required=False,
        help_text=_(
            "Leave out industry codes the classification lacks (a warning) instead of "
            "refusing the data (default false)."
        ),
    )


class MappingUploadSerializer(MappingParametersSerializer):
    name = serializers.CharField(max_length=200)
    # a text checked by the service, not an enum: an enum named "level" exists elsewhere in
    # the schema (excellence levels), and two could not be told apart without a settings entry
    level = serializers.CharField(
        default=DatasetLevel.INDUSTRY,
        help_text=_(
            "industry (default): employment by region × industry code × year, with a "
            "classification; cluster: figures already summed per cluster, with the cluster list."
        ),
    )
    figures_file = serializers.FileField(
        help_text=_("The statistics (CSV, XLSX or Parquet); see docs/mapping.md for columns.")
    )
    regions_file = serializers.FileField(
        help_text=_("region_code, region_name, region_type, parent_code.")
    )
    classification_file = serializers.FileField(
        required=False,
        help_text=_(
            "industry_code → cluster_code, cluster_name, traded (default for industry figures: "
            "the shipped U.S. NAICS 2012 classification); for cluster figures, the cluster "
            "list (cluster_code, cluster_name, traded), required."
        ),
    )
    reference = serializers.CharField(
        max_length=64, help_text=_("The code of the reference region (the nation or the EU).")
    )
    year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1000,
        max_value=9999,
        help_text=_("When given, the one year the statistics must hold."),
    )


class MappingRerunSerializer(MappingParametersSerializer):
    """Settings not given keep the dataset's."""


# ----------------------------------------------------------------------------- datasets


class MappingProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("e.g. unknown_industries, missing_reference."))
    message = serializers.CharField(help_text=_("The problem in plain words."))
    details = serializers.JSONField(help_text=_("Counts, codes and example rows."))
    blocking = serializers.BooleanField(
        help_text=_("True: it stopped the mapping; false: a warning beside the results.")
    )


class MappingReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text=_("Nothing stopped the mapping."))
    problems = MappingProblemSerializer(many=True)


class MappingSummarySerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
    region_types = serializers.ListField(child=serializers.CharField())
    regions = serializers.IntegerField()
    clusters = serializers.IntegerField()
    rows = serializers.IntegerField(help_text=_("Region × cluster × year rows of the results."))
    input_rows = serializers.IntegerField()
    warnings = serializers.IntegerField()
    seconds = serializers.FloatField()


class MappingResultLinksSerializer(serializers.Serializer):
    clusters = serializers.URLField()
    regions = serializers.URLField()


class MappingDatasetSerializer(serializers.ModelSerializer):
    level = serializers.CharField(read_only=True, help_text=_("industry or cluster."))
    status = serializers.ChoiceField(choices=DatasetStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.FloatField(read_only=True, help_text=_("Share of the work done, 0–1."))
    parameters = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = MappingDataset
        fields = [
            "id",
            "name",
            "level",
            "reference",
            "year",
            "parameters",
            "status",
            "status_label",
            "stage",
            "progress",
            "summary",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "results",
            "report",
            "failure",
        ]
        read_only_fields = fields

    @extend_schema_field(MappingParametersSerializer)
    def get_parameters(self, dataset: MappingDataset) -> dict[str, Any]:
        """Every setting the mapping used, the defaults included."""
        return dataclasses.asdict(mapping_parameters(dataset.parameters))

    @extend_schema_field(MappingSummarySerializer(allow_null=True))
    def get_summary(self, dataset: MappingDataset) -> dict[str, Any] | None:
        return dataset.summary or None

    def get_created_by(self, dataset: MappingDataset) -> str | None:
        person = dataset.created_by
        return (person.get_full_name() or person.get_username()) if person else None

    @extend_schema_field(MappingResultLinksSerializer(allow_null=True))
    def get_results(self, dataset: MappingDataset) -> dict[str, str] | None:
        """Where the result rows are read; null until a mapping finished (a re-run keeps the
        earlier results readable until the new ones are complete)."""
        if not default_storage.exists(dataset.result_name(ResultTable.CLUSTERS)):
            return None
        request = self.context.get("request")
        links = {}
        for table in ("clusters", "regions"):
            path = reverse(
                f"api-mapping-{table}",
                kwargs={"cluster_slug": dataset.cluster.slug, "pk": dataset.pk},
            )
            links[table] = request.build_absolute_uri(path) if request else path
        return links

    @extend_schema_field(MappingReportSerializer(allow_null=True))
    def get_report(self, dataset: MappingDataset) -> dict[str, Any] | None:
        """Refused: every problem of the data; mapped: the warnings; null before."""
        return dataset.report or None


# ----------------------------------------------------------------------------- result rows

PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000


class MappingRegionRowFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False)
    region_type = serializers.CharField(required=False, help_text=_("e.g. state, county."))
    region_code = serializers.CharField(required=False)
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE
    )


class MappingClusterRowFilterSerializer(MappingRegionRowFilterSerializer):
    cluster_code = serializers.CharField(required=False)
    strong = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text=_(
            "true: only regional clusters rated strong; false: only those rated and not "
            "strong (the reference region is never rated)."
        ),
    )


def _number(help_text: str = "") -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=help_text)


def _flag(help_text: str) -> serializers.BooleanField:
    return serializers.BooleanField(allow_null=True, help_text=help_text)


class MappingRegionFields(serializers.Serializer):
    year = serializers.IntegerField()
    region_code = serializers.CharField()
    region_name = serializers.CharField(allow_null=True)
    region_type = serializers.CharField()
    is_reference = serializers.BooleanField()
    source = serializers.CharField(
        help_text=_("own: the region's own figures; aggregated: summed from its parts.")
    )


class MappingClusterRowSerializer(MappingRegionFields):
    """One region × cluster × year (every cluster, 0 where the region has none)."""

    cluster_code = serializers.CharField()
    cluster_name = serializers.CharField(allow_null=True)
    traded = serializers.BooleanField()
    employment = serializers.FloatField(
        help_text=_("Withheld cells counted at their size class's midpoint.")
    )
    employment_reported = _number(_("The published part of the employment."))
    establishments = serializers.IntegerField(allow_null=True)
    annual_payroll = _number()
    average_wage = _number(_("Payroll over the reported employment."))
    region_share = _number(_("Of the region's traded (local for a local cluster) employment."))
    national_share = _number(_("Of the reference region's employment in the cluster."))
    total_share = _number(_("Of the region's total employment."))
    lq = _number(_("Location quotient on the traded or local base."))
    lq_total = _number(_("Location quotient against total employment."))
    large_enough = _flag(_("Employment and establishments above their 25th percentile."))
    qualifying = _flag(_("LQ above its 25th percentile."))
    significant = _flag(_("LQ above its median."))
    strong = _flag(_("LQ at least its 75th percentile and at least 1."))
    strong10 = _flag(_("LQ at least its 90th percentile and at least 1 (traded clusters)."))
    size_star = _flag(_("Employment in the top share of the region type's regional clusters."))
    specialisation_star = _flag(_("LQ against total employment at least the threshold."))
    focus_star = _flag(_("Share of the region's employment in the top share."))
    stars = serializers.IntegerField(allow_null=True)
    previous_year = serializers.IntegerField(allow_null=True)
    employment_change = _number(_("Since the previous year in the data."))
    growth_rate = _number()


class MappingRegionRowSerializer(MappingRegionFields):
    """One region × year: totals and cluster strength."""

    employment = serializers.FloatField()
    employment_reported = _number()
    traded_employment = _number()
    local_employment = _number()
    establishments = serializers.IntegerField(allow_null=True)
    annual_payroll = _number()
    average_wage = _number()
    clusters_present = serializers.IntegerField(allow_null=True)
    strong_clusters = serializers.IntegerField(
        allow_null=True, help_text=_("Traded clusters rated strong.")
    )
    strong_employment = _number()
    cluster_strength = _number(_("Share of the region's traded employment in strong clusters."))
    previous_year = serializers.IntegerField(allow_null=True)
    employment_change = _number()
    growth_rate = _number()


class MappingRowPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Rows matching the filters."))
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)


class MappingClusterRowPageSerializer(MappingRowPageSerializer):
    results = MappingClusterRowSerializer(many=True)


class MappingRegionRowPageSerializer(MappingRowPageSerializer):
    results = MappingRegionRowSerializer(many=True)
