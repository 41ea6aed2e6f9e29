"""The ledger's pages under /c/<slug>/engagement/, one module of routes per area."""

from django.urls import include, path

from . import urls_activities, urls_contacts, urls_dashboard, urls_organisation, urls_team

app_name = "engagement"
urlpatterns = [
    path("", include(urls_dashboard)),
    path("", include(urls_contacts)),
    path("", include(urls_activities)),
    path("", include(urls_team)),
    path("", include(urls_organisation)),
]
