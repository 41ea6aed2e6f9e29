"""Events, registrations and check-in under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from .api import events as api

urlpatterns = [
    path("events/", api.EventList.as_view(), name="api-events"),
    path("events/<int:pk>/", api.EventDetail.as_view(), name="api-event"),
    path("events/<int:pk>/publish/", api.EventPublish.as_view(), name="api-event-publish"),
    path("events/<int:pk>/cancel/", api.EventCancel.as_view(), name="api-event-cancel"),
    path(
        "events/<int:pk>/registrations/",
        api.RegistrationList.as_view(),
        name="api-event-registrations",
    ),
    path(
        "events/<int:pk>/registrations/<int:registration_pk>/cancel/",
        api.RegistrationCancel.as_view(),
        name="api-registration-cancel",
    ),
    path(
        "events/<int:pk>/registrations/<int:registration_pk>/check-in/",
        api.RegistrationCheckIn.as_view(),
        name="api-registration-check-in",
    ),
]
