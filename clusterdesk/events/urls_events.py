"""The events' pages under /c/<slug>/events/ (the B2B meeting days' are in urls_meetings)."""

from django.urls import path

from .views import events, registrations

urlpatterns = [
    path("", events.event_list, name="list"),
    path("new/", events.event_new, name="new"),
    path("feed/regenerate/", events.feed_regenerate, name="feed_regenerate"),
    path("<int:pk>/", events.event_detail, name="detail"),
    path("<int:pk>/edit/", events.event_edit, name="edit"),
    path("<int:pk>/publish/", events.event_publish, name="publish"),
    path("<int:pk>/cancel/", events.event_cancel, name="cancel"),
    path("<int:pk>/delete/", events.event_delete, name="delete"),
    path("<int:pk>/event.ics", events.event_ics, name="ics"),
    path(
        "<int:pk>/registrations.<str:file_format>",
        events.event_export,
        name="export",
    ),
    path("<int:pk>/register/", registrations.registrations_add, name="register"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
    path("<int:pk>/check-in/", registrations.checkin, name="checkin"),
    path(
        "<int:pk>/check-in/<int:registration_pk>/",
        registrations.checkin_toggle,
        name="checkin_toggle",
    ),
    path("<int:pk>/walk-in/", registrations.walk_in, name="walk_in"),
    path(
        "contacts/<int:contact_pk>/",
        registrations.contact_registrations,
        name="contact_registrations",
    ),
    path(
        "contacts/<int:contact_pk>/feed/",
        registrations.contact_feed_regenerate,
        name="contact_feed_regenerate",
    ),
]
