"""The management team and governance pages, under /c/<slug>/engagement/."""

from django.urls import path

from .views import governance, team

urlpatterns = [
    path("team/", team.team, name="team"),
    path("team/export.<str:file_format>", team.export, name="team_export"),
    path("team/staff/new/", team.staff_new, name="team_staff_new"),
    path("team/staff/<int:pk>/", team.staff_detail, name="team_staff"),
    path("team/staff/<int:pk>/edit/", team.staff_edit, name="team_staff_edit"),
    path("team/staff/<int:pk>/end/", team.staff_end, name="team_staff_end"),
    path("team/staff/<int:pk>/delete/", team.staff_delete, name="team_staff_delete"),
    path(
        "team/staff/<int:pk>/job-description/",
        team.staff_document,
        name="team_staff_job_description",
    ),
    path("team/staff/<int:pk>/training/new/", team.training_new, name="team_training_new"),
    path("team/training/<int:pk>/delete/", team.training_delete, name="team_training_delete"),
    path("governance/", governance.governance, name="governance"),
    path("governance/edit/", governance.governance_edit, name="governance_edit"),
    path("governance/export.<str:file_format>", governance.board_export, name="governance_export"),
    path("governance/statutes/", governance.statutes_document, name="governance_statutes"),
    path("governance/assemblies/new/", governance.assembly_new, name="governance_assembly_new"),
    path(
        "governance/assemblies/<int:pk>/delete/",
        governance.assembly_delete,
        name="governance_assembly_delete",
    ),
    path(
        "governance/assemblies/<int:pk>/minutes/",
        governance.assembly_minutes,
        name="governance_assembly_minutes",
    ),
    path("governance/board/new/", governance.board_new, name="governance_board_new"),
    path("governance/board/<int:pk>/edit/", governance.board_edit, name="governance_board_edit"),
    path(
        "governance/board/<int:pk>/delete/", governance.board_delete, name="governance_board_delete"
    ),
    path("governance/committees/new/", governance.committee_new, name="governance_committee_new"),
    path(
        "governance/committees/<int:pk>/edit/",
        governance.committee_edit,
        name="governance_committee_edit",
    ),
    path(
        "governance/committees/<int:pk>/delete/",
        governance.committee_delete_view,
        name="governance_committee_delete",
    ),
]
