from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("clusterdesk.api.urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.participants.urls")),
    path("c/<slug:cluster_slug>/engagement/", include("clusterdesk.engagement.urls")),
    path("c/<slug:cluster_slug>/excellence/", include("clusterdesk.benchmarking.urls")),
    path("c/<slug:cluster_slug>/mapping/", include("clusterdesk.mapping.urls")),
    path("c/<slug:cluster_slug>/services/", include("clusterdesk.services.urls")),
    path("c/<slug:cluster_slug>/surveys/", include("clusterdesk.surveys.urls")),
    path("c/<slug:cluster_slug>/matchmaking/", include("clusterdesk.matchmaking.urls")),
    path("c/<slug:cluster_slug>/events/", include("clusterdesk.events.urls")),
    path("s/", include("clusterdesk.surveys.public_urls")),
    path("e/", include("clusterdesk.events.public_urls")),
    path("c/<slug:cluster_slug>/", include("clusterdesk.tenancy.cluster_urls")),
    path("", include("clusterdesk.tenancy.urls")),
]

# No public media: every stored document is served by a view that checked tenancy first.
