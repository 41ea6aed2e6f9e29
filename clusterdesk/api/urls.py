from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("me/", views.Me.as_view(), name="api-me"),
    path(
        "c/<slug:cluster_slug>/organisations/",
        views.OrganisationList.as_view(),
        name="api-organisations",
    ),
    path(
        "c/<slug:cluster_slug>/organisations/<int:pk>/",
        views.OrganisationDetail.as_view(),
        name="api-organisation",
    ),
    path("c/<slug:cluster_slug>/contacts/", views.ContactList.as_view(), name="api-contacts"),
    path(
        "c/<slug:cluster_slug>/contacts/<int:pk>/",
        views.ContactDetail.as_view(),
        name="api-contact",
    ),
    path("c/<slug:cluster_slug>/", include("clusterdesk.api.engagement.urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.benchmarking.api_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.surveys.api_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.services.api_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.mapping.api_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.matchmaking.api_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.events.api_urls")),
]
