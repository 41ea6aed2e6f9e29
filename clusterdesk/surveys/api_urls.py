"""The surveys' endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from .api import views

urlpatterns = [
    path("surveys/", views.SurveyList.as_view(), name="api-surveys"),
    path("surveys/<int:pk>/", views.SurveyDetail.as_view(), name="api-survey"),
    path("surveys/<int:pk>/open/", views.SurveyOpen.as_view(), name="api-survey-open"),
    path("surveys/<int:pk>/close/", views.SurveyClose.as_view(), name="api-survey-close"),
    path(
        "surveys/<int:pk>/invitations/",
        views.InvitationList.as_view(),
        name="api-survey-invitations",
    ),
    path("surveys/<int:pk>/remind/", views.SurveyRemind.as_view(), name="api-survey-remind"),
    path("surveys/<int:pk>/results/", views.SurveyResults.as_view(), name="api-survey-results"),
    path("surveys/<int:pk>/interest/", views.SurveyInterest.as_view(), name="api-survey-interest"),
]
