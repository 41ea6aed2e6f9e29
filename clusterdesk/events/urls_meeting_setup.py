"""B2B meeting-day pages under /c/<slug>/events/<event_pk>/meetings/: the set-up (sessions,
tables, quota, each person's availability), the attendee list, the marketplace and the
meeting requests."""

from django.urls import path

from .views import meeting_requests, meeting_setup

PREFIX = "<int:event_pk>/meetings/"

urlpatterns = [
    # meeting_setup.py
    path(f"{PREFIX}setup/", meeting_setup.meeting_setup, name="meeting_setup"),
    path(f"{PREFIX}panel/", meeting_setup.meeting_panel, name="meeting_panel"),
    path(f"{PREFIX}sessions/new/", meeting_setup.session_new, name="meeting_session_new"),
    path(
        f"{PREFIX}sessions/<int:pk>/edit/",
        meeting_setup.session_edit,
        name="meeting_session_edit",
    ),
    path(
        f"{PREFIX}sessions/<int:pk>/delete/",
        meeting_setup.session_delete,
        name="meeting_session_delete",
    ),
    path(f"{PREFIX}tables/add/", meeting_setup.tables_add, name="meeting_tables_add"),
    path(f"{PREFIX}tables/<int:pk>/edit/", meeting_setup.table_edit, name="meeting_table_edit"),
    path(
        f"{PREFIX}tables/<int:pk>/delete/",
        meeting_setup.table_delete,
        name="meeting_table_delete",
    ),
    path(f"{PREFIX}quota/", meeting_setup.quota_set, name="meeting_quota"),
    path(f"{PREFIX}people/<int:pk>/", meeting_setup.person, name="meeting_person"),
    # meeting_requests.py
    path(f"{PREFIX}attendees/", meeting_requests.attendees, name="meeting_attendees"),
    path(f"{PREFIX}marketplace/", meeting_requests.marketplace, name="meeting_marketplace"),
    path(f"{PREFIX}requests/", meeting_requests.requests_page, name="meeting_requests"),
    path(f"{PREFIX}requests/new/", meeting_requests.request_new, name="meeting_request_new"),
    path(
        f"{PREFIX}requests/<int:pk>/answer/",
        meeting_requests.request_answer,
        name="meeting_request_answer",
    ),
    path(
        f"{PREFIX}requests/<int:pk>/withdraw/",
        meeting_requests.request_withdraw,
        name="meeting_request_withdraw",
    ),
]
