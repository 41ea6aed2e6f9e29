"""API v1: the statistical cluster mapping — a cluster's datasets (upload, status and progress,
validation report, summary, re-run, delete) and their results, page by page and filtered.

``serializers`` holds the shapes, ``views`` the endpoints; the URLs are in ``api_urls``.
"""

from .views import (
    ClusterRows,
    DatasetDetail,
    DatasetList,
    DatasetRerun,
    MappingView,
    RegionRows,
    result_page,
)

__all__ = [
    "ClusterRows",
    "DatasetDetail",
    "DatasetList",
    "DatasetRerun",
    "MappingView",
    "RegionRows",
    "result_page",
]
