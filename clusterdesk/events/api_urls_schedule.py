"""The schedule's endpoints: scheduler runs, placed meetings, a person's agenda."""

from django.urls import path

from .api import schedule as api

urlpatterns = [
    path(
        "events/<int:event_pk>/scheduler-runs/",
        api.SchedulerRunList.as_view(),
        name="api-event-scheduler-runs",
    ),
    path(
        "events/<int:event_pk>/scheduler-runs/<int:pk>/",
        api.SchedulerRunDetail.as_view(),
        name="api-event-scheduler-run",
    ),
    path(
        "events/<int:event_pk>/placements/",
        api.PlacementList.as_view(),
        name="api-event-placements",
    ),
    path(
        "events/<int:event_pk>/placements/<int:pk>/",
        api.PlacementDetail.as_view(),
        name="api-event-placement",
    ),
    path(
        "events/<int:event_pk>/registrations/<int:pk>/agenda/",
        api.AgendaDetail.as_view(),
        name="api-event-agenda",
    ),
]
