"""Routes of collaborative activities and working groups, under /c/<slug>/engagement/."""

from django.urls import path

from .views import activities as views

urlpatterns = [
    path("activities/", views.activity_list, name="activities"),
    path("activities/export.<str:file_format>", views.activity_export, name="activities_export"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/participants/", views.participant_pick, name="participant_pick"),
    path(
        "activities/participants/chosen/",
        views.participant_chosen,
        name="participant_chosen",
    ),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("working-groups/", views.working_group_list, name="working_groups"),
    path(
        "working-groups/export.<str:file_format>",
        views.working_group_export,
        name="working_groups_export",
    ),
    path("working-groups/new/", views.working_group_new, name="working_group_new"),
    path("working-groups/<int:pk>/", views.working_group_detail, name="working_group_detail"),
    path("working-groups/<int:pk>/edit/", views.working_group_edit, name="working_group_edit"),
    path(
        "working-groups/<int:pk>/delete/",
        views.working_group_delete,
        name="working_group_delete",
    ),
    path(
        "working-groups/<int:pk>/outputs/new/",
        views.working_group_output_add,
        name="working_group_output_add",
    ),
    path(
        "working-groups/<int:pk>/outputs/<int:output_pk>/delete/",
        views.working_group_output_delete,
        name="working_group_output_delete",
    ),
    path(
        "working-groups/<int:pk>/outputs/<int:output_pk>/document/",
        views.working_group_output_document,
        name="working_group_output_document",
    ),
]
