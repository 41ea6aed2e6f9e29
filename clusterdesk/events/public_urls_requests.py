"""A person's meeting requests by their registration's token, under /e/r/<token>/meetings/."""

from django.urls import path

from .views import meeting_public

urlpatterns = [
    path("r/<str:token>/meetings/", meeting_public.meetings, name="meetings"),
    path(
        "r/<str:token>/meetings/ask/<int:invitee_pk>/",
        meeting_public.request_new,
        name="meetings_request",
    ),
    path("r/<str:token>/meetings/<int:pk>/answer/", meeting_public.answer, name="meetings_answer"),
    path(
        "r/<str:token>/meetings/<int:pk>/withdraw/",
        meeting_public.withdraw,
        name="meetings_withdraw",
    ),
    path(
        "r/<str:token>/meetings/availability/",
        meeting_public.availability,
        name="meetings_availability",
    ),
]
