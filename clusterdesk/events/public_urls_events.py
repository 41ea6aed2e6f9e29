"""Event pages without an account, under /e/. The fixed prefixes ("feeds", "r") come before
``<cluster_slug>/<token>/`` so that they are never read as a cluster's address."""

from django.urls import path

from .views import feeds, public

urlpatterns = [
    path("feeds/<str:token>.ics", feeds.feed, name="feed"),
    path("r/<str:token>/", public.registration_page, name="registration"),
    path("r/<str:token>/thanks/", public.registration_thanks, name="thanks"),
    path("r/<str:token>/cancel/", public.registration_cancel, name="registration_cancel"),
    path("r/<str:token>/event.ics", public.registration_ics, name="registration_ics"),
    path("<slug:cluster>/<str:token>/", public.public_event, name="event"),
]
