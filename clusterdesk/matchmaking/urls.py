"""Matchmaking pages, under /c/<slug>/matchmaking/."""

from django.urls import path

from .views import home, matches, profiles, recommendations

app_name = "matchmaking"
urlpatterns = [
    path("", home.home, name="home"),
    # profiles.py
    path("participants/", profiles.profile_list, name="profiles"),
    path("participants/<int:pk>/", profiles.profile_detail, name="profile"),
    path("participants/<int:pk>/edit/", profiles.profile_edit, name="profile_edit"),
    path("participants/<int:pk>/listings/new/", profiles.listing_new, name="listing_new"),
    path("listings/<int:pk>/edit/", profiles.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/withdraw/", profiles.listing_withdraw, name="listing_withdraw"),
    # recommendations.py
    path(
        "participants/<int:pk>/recommendations/",
        recommendations.organisation_recommendations,
        name="recommendations",
    ),
    path(
        "listings/<int:pk>/recommendations/",
        recommendations.listing_recommendations,
        name="listing_recommendations",
    ),
    path("participants/<int:pk>/follow-up/", recommendations.follow_up, name="follow_up"),
    # matches.py
    path("follow-ups/", matches.match_list, name="matches"),
    path("follow-ups/<int:pk>/", matches.match_detail, name="match"),
]
