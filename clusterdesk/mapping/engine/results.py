"""What the engine returns: tables a page, an export or the command line reads as they are."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .inputs import MappingParameters
from .report import ValidationReport

CLUSTER_COLUMNS = [
    "year",
    "region_code",
    "region_name",
    "region_type",
    "is_reference",
    "source",
    "cluster_code",
    "cluster_name",
    "traded",
    "employment",
    "employment_reported",
    "establishments",
    "annual_payroll",
    "average_wage",
    "region_share",
    "national_share",
    "total_share",
    "lq",
    "lq_total",
    "large_enough",
    "qualifying",
    "significant",
    "strong",
    "strong10",
    "size_star",
    "specialisation_star",
    "focus_star",
    "stars",
    "previous_year",
    "employment_change",
    "growth_rate",
]
"""One row per region × cluster × year (every cluster, 0 where the region has none):

- ``employment`` imputed (withheld cells at their size class's midpoint), beside
  ``employment_reported``; ``source`` "own" figures or "aggregated" from the region's children;
- ``average_wage``: payroll over the reported employment (withheld cells publish no payroll),
  in the payroll's unit (County Business Patterns: thousand USD) per employee;
- ``region_share``: of the region's traded employment (local for a local cluster);
  ``national_share``: of the reference's employment in the cluster; ``total_share``: of the
  region's total employment;
- ``lq`` with the traded-only or local-only base; ``lq_total`` against total employment;
- ``large_enough`` (employment and establishments above their P25), the four flags, the three
  stars and their count: null for the reference region; strong10 null for local clusters;
- growth since ``previous_year`` (the latest earlier year in the data).
"""

REGION_COLUMNS = [
    "year",
    "region_code",
    "region_name",
    "region_type",
    "is_reference",
    "source",
    "employment",
    "employment_reported",
    "traded_employment",
    "local_employment",
    "establishments",
    "annual_payroll",
    "average_wage",
    "clusters_present",
    "strong_clusters",
    "strong_employment",
    "cluster_strength",
    "previous_year",
    "employment_change",
    "growth_rate",
]
"""One row per region × year: totals, the number of clusters with employment, the traded
clusters rated strong and their employment, and ``cluster_strength`` — the share of the region's
traded employment in strong clusters."""


@dataclass(frozen=True)
class MappingResult:
    clusters: pl.DataFrame
    regions: pl.DataFrame
    flag_thresholds: pl.DataFrame
    """Per year × region type × cluster: regions holding it, P25 of employment and
    establishments, P25/P50/P75/P90 of LQ — what "strong" meant for that cluster."""
    star_thresholds: pl.DataFrame
    """Per year × region type: the employment and the share that earn a size or focus star."""
    reference: str
    parameters: MappingParameters
    report: ValidationReport
    """The warnings the input left (the blocking problems stop the mapping before it)."""

    @property
    def years(self) -> list[int]:
        return self.regions.get_column("year").unique().sort().to_list()
