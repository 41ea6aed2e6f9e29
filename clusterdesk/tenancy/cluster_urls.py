from django.urls import path

from . import views

app_name = "tenancy"
urlpatterns = [
    path("team/", views.team, name="team"),
    path(
        "team/invitations/<int:pk>/revoke/", views.invitation_revoke_view, name="invitation_revoke"
    ),
    path("team/members/<int:pk>/remove/", views.membership_remove_view, name="membership_remove"),
    path("audit/", views.audit_log, name="audit"),
    path("profile/", views.cluster_profile, name="cluster_profile"),
]
