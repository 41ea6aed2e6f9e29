"""Excellence benchmarking's endpoints, included under ``/api/v1/c/<cluster_slug>/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("assessments/", api.SnapshotList.as_view(), name="api-assessments"),
    path("assessments/live/", api.AssessmentLive.as_view(), name="api-assessment-live"),
    path("assessments/peers/", api.AssessmentPeers.as_view(), name="api-assessment-peers"),
    path("assessments/answers/", api.AnswerList.as_view(), name="api-assessment-answers"),
    path("assessments/framework/", api.FrameworkDetail.as_view(), name="api-assessment-framework"),
    path("assessments/<int:pk>/", api.SnapshotDetail.as_view(), name="api-assessment"),
]
