"""Matchmaking endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("matchmaking/profiles/", api.ProfileList.as_view(), name="api-match-profiles"),
    path(
        "matchmaking/profiles/<int:organisation_id>/",
        api.ProfileDetail.as_view(),
        name="api-match-profile",
    ),
    path("matchmaking/listings/", api.ListingList.as_view(), name="api-match-listings"),
    path("matchmaking/listings/<int:pk>/", api.ListingDetail.as_view(), name="api-match-listing"),
    path(
        "matchmaking/listings/<int:pk>/withdraw/",
        api.ListingWithdraw.as_view(),
        name="api-match-listing-withdraw",
    ),
    path(
        "matchmaking/organisations/<int:pk>/recommendations/",
        api.OrganisationRecommendations.as_view(),
        name="api-match-recommendations",
    ),
    path(
        "matchmaking/listings/<int:pk>/recommendations/",
        api.ListingRecommendations.as_view(),
        name="api-match-listing-recommendations",
    ),
    path("matchmaking/matches/", api.MatchList.as_view(), name="api-matches"),
    path("matchmaking/matches/<int:pk>/", api.MatchDetail.as_view(), name="api-match"),
    path(
        "matchmaking/matches/<int:pk>/outcomes/",
        api.OutcomeList.as_view(),
        name="api-match-outcomes",
    ),
]
