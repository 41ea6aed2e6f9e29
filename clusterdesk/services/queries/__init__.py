"""Reads of the service portfolio, each taking the cluster first: the catalogue with its
figures, one service's uptake, a participant's history, the coverage of the service areas
(indicator D4), the fees invoiced by year (the finance records' service-fee income) and the
design rounds' ranking.

"Last 12 months" is ``clusterdesk.lib.periods.last_12_months``, the window every indicator
counts in: from the day after the same date a year earlier through the given day.
"""

from .catalogue import (
    CatalogueFilters,
    CatalogueTotals,
    DeliveryFilters,
    ParticipantServices,
    QuarterUptake,
    ServiceFigures,
    catalogue_figures,
    catalogue_totals,
    delivery_search,
    delivery_years,
    participant_services,
    service_figures,
    service_income_by_year,
    service_search,
    service_uptake,
    team_of,
    with_details,
)
from .coverage import (
    AreaCoverage,
    CoverageSummary,
    area_coverage,
    coverage_summary,
    fees_invoiced_by_year,
    fees_invoiced_in_year,
    last_delivery_by_area,
    year_period,
)
from .design import (
    SEGMENTS,
    RankedCandidate,
    RoundProgress,
    candidate_ranking,
    round_progress,
    segment_label,
    shortlist_of,
)
from .exports import (
    catalogue_export_rows,
    delivery_export_rows,
)

__all__ = [
    "AreaCoverage",
    "CatalogueFilters",
    "CatalogueTotals",
    "CoverageSummary",
    "DeliveryFilters",
    "ParticipantServices",
    "QuarterUptake",
    "RankedCandidate",
    "RoundProgress",
    "SEGMENTS",
    "ServiceFigures",
    "area_coverage",
    "candidate_ranking",
    "catalogue_export_rows",
    "catalogue_figures",
    "catalogue_totals",
    "coverage_summary",
    "delivery_export_rows",
    "delivery_search",
    "delivery_years",
    "fees_invoiced_by_year",
    "fees_invoiced_in_year",
    "last_delivery_by_area",
    "participant_services",
    "round_progress",
    "segment_label",
    "service_figures",
    "service_income_by_year",
    "service_search",
    "service_uptake",
    "shortlist_of",
    "team_of",
    "with_details",
    "year_period",
]
