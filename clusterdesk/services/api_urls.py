"""The service portfolio's endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("services/", api.ServiceList.as_view(), name="api-services"),
    path("services/<int:pk>/", api.ServiceDetail.as_view(), name="api-service"),
    path("deliveries/", api.DeliveryList.as_view(), name="api-deliveries"),
    path("deliveries/<int:pk>/", api.DeliveryDetail.as_view(), name="api-delivery"),
    path("service-coverage/", api.ServiceCoverage.as_view(), name="api-service-coverage"),
]
