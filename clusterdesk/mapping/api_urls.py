"""The cluster mapping's endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("mapping/datasets/", api.DatasetList.as_view(), name="api-mapping-datasets"),
    path("mapping/datasets/<int:pk>/", api.DatasetDetail.as_view(), name="api-mapping-dataset"),
    path(
        "mapping/datasets/<int:pk>/rerun/",
        api.DatasetRerun.as_view(),
        name="api-mapping-rerun",
    ),
    path(
        "mapping/datasets/<int:pk>/clusters/",
        api.ClusterRows.as_view(),
        name="api-mapping-clusters",
    ),
    path(
        "mapping/datasets/<int:pk>/regions/",
        api.RegionRows.as_view(),
        name="api-mapping-regions",
    ),
]
