"""Meeting-day set-up and request endpoints, under
``/api/v1/c/<cluster_slug>/events/<event_pk>/meetings/``."""

from django.urls import path

from .api import meeting_setup as api

PREFIX = "events/<int:event_pk>/meetings/"

urlpatterns = [
    path(f"{PREFIX}sessions/", api.SessionList.as_view(), name="api-meeting-sessions"),
    path(f"{PREFIX}sessions/<int:pk>/", api.SessionDetail.as_view(), name="api-meeting-session"),
    path(f"{PREFIX}tables/", api.TableList.as_view(), name="api-meeting-tables"),
    path(f"{PREFIX}tables/<int:pk>/", api.TableDetail.as_view(), name="api-meeting-table"),
    path(f"{PREFIX}slots/", api.SlotList.as_view(), name="api-meeting-slots"),
    path(
        f"{PREFIX}availability/<int:pk>/",
        api.Availability.as_view(),
        name="api-meeting-availability",
    ),
    path(f"{PREFIX}requests/", api.RequestList.as_view(), name="api-meeting-requests"),
    path(
        f"{PREFIX}requests/<int:pk>/accept/",
        api.RequestAccept.as_view(),
        name="api-meeting-request-accept",
    ),
    path(
        f"{PREFIX}requests/<int:pk>/decline/",
        api.RequestDecline.as_view(),
        name="api-meeting-request-decline",
    ),
    path(
        f"{PREFIX}requests/<int:pk>/withdraw/",
        api.RequestWithdraw.as_view(),
        name="api-meeting-request-withdraw",
    ),
]
