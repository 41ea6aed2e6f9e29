"""Statistical cluster mapping: pure computation with Polars, no Django.

``validate(data)`` reports every problem of the input in plain words; ``compute(data)``
refuses bad input (``MappingInputError`` with the report) and otherwise returns a
``MappingResult``: per region × cluster × year the employment (imputed and reported), shares,
location quotients, U.S. Cluster Mapping flags, European Cluster Observatory stars and growth;
per region × year the totals and the cluster strength. ``data`` is industry-level
(``MappingInput``: a long employment table and a classification) or cluster-level
(``ClusterInput``: figures already summed per cluster). The statistics are read, checked and
summed a year at a time, from a DataFrame or a LazyFrame (``pl.scan_parquet``), so that a
national series (3,221 counties × 978 industries × ten years) maps in seconds and under 1 GB.
"""

from .aggregation import AGGREGATED, OWN
from .compute import Progress, compute
from .flags import FLAG_KEYS, LQ_QUANTILES, SIZE_FILTER_QUANTILE, STRONG_MINIMUM_LQ
from .growth import growth_between
from .inputs import (
    CLASSIFICATION_TABLE,
    CLUSTER_FIGURES_TABLE,
    CLUSTERS_TABLE,
    EMPLOYMENT_TABLE,
    REGIONS_TABLE,
    ClusterInput,
    MappingInput,
    MappingParameters,
    TableSpec,
)
from .loading import (
    NAICS2012_CLASSIFICATION,
    load_csv,
    load_parquet,
    load_table,
    load_xlsx,
    naics2012_classification,
    table_format,
)
from .report import MappingInputError, Problem, ValidationReport
from .results import CLUSTER_COLUMNS, REGION_COLUMNS, MappingResult
from .suppression import SIZE_CLASS_MIDPOINTS
from .validation import validate

__all__ = [
    "AGGREGATED",
    "CLASSIFICATION_TABLE",
    "CLUSTERS_TABLE",
    "CLUSTER_COLUMNS",
    "CLUSTER_FIGURES_TABLE",
    "EMPLOYMENT_TABLE",
    "FLAG_KEYS",
    "LQ_QUANTILES",
    "NAICS2012_CLASSIFICATION",
    "OWN",
    "REGIONS_TABLE",
    "REGION_COLUMNS",
    "SIZE_CLASS_MIDPOINTS",
    "SIZE_FILTER_QUANTILE",
    "STRONG_MINIMUM_LQ",
    "ClusterInput",
    "MappingInput",
    "MappingInputError",
    "MappingParameters",
    "MappingResult",
    "Problem",
    "Progress",
    "TableSpec",
    "ValidationReport",
    "compute",
    "growth_between",
    "load_csv",
    "load_parquet",
    "load_table",
    "load_xlsx",
    "naics2012_classification",
    "table_format",
    "validate",
]
