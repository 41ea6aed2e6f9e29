"""Excellence benchmarking pages, under /c/<slug>/excellence/."""

from django.urls import path

from .views import history, peers, questionnaire, readiness, report, roadmap

app_name = "benchmarking"
urlpatterns = [
    # readiness.py
    path("", readiness.readiness, name="readiness"),
    path("export/<str:file_format>/", readiness.readiness_export, name="export"),
    path("indicators/<str:indicator_id>/", readiness.indicator, name="indicator"),
    path(
        "indicators/<str:indicator_id>/export/<str:file_format>/",
        readiness.indicator_export,
        name="indicator_export",
    ),
    # questionnaire.py
    path("questionnaire/", questionnaire.questionnaire, name="questionnaire"),
    path("questionnaire/<int:pk>/document/", questionnaire.answer_document, name="answer_document"),
    path("questionnaire/<int:pk>/delete/", questionnaire.answer_delete, name="answer_delete"),
    # history.py
    path("history/", history.history, name="history"),
    path("history/save/", history.snapshot_save, name="snapshot_save"),
    path("history/compare/", history.compare, name="compare"),
    path("history/<int:pk>/", history.snapshot, name="snapshot"),
    path("history/<int:pk>/delete/", history.snapshot_delete, name="snapshot_delete"),
    # roadmap.py
    path("roadmap/", roadmap.roadmap, name="roadmap"),
    path("roadmap/<str:indicator_id>/action/", roadmap.roadmap_action, name="roadmap_action"),
    # report.py
    path("report/", report.report, name="report"),
    path("report/pdf/", report.report_pdf, name="report_pdf"),
    # peers.py
    path("peers/", peers.peers, name="peers"),
    path("peers/references/", peers.references, name="references"),
    path("peers/references/<str:token>/", peers.reference_preview, name="reference_preview"),
    path("peers/references/<str:token>/apply/", peers.reference_apply, name="reference_apply"),
    path("peers/references/<int:pk>/delete/", peers.reference_delete, name="reference_delete"),
]
