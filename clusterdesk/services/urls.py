"""Service portfolio pages, under /c/<slug>/services/."""

from django.urls import path

from .views import catalogue, coverage, deliveries, design

app_name = "services"
urlpatterns = [
    # catalogue.py
    path("", catalogue.catalogue, name="catalogue"),
    path("new/", catalogue.service_new, name="service_new"),
    path("export/<str:file_format>/", catalogue.catalogue_export, name="catalogue_export"),
    path("<int:pk>/", catalogue.service_detail, name="service_detail"),
    path("<int:pk>/edit/", catalogue.service_edit, name="service_edit"),
    path("<int:pk>/delete/", catalogue.service_delete, name="service_delete"),
    # deliveries.py
    path("deliveries/", deliveries.delivery_list, name="deliveries"),
    path("deliveries/new/", deliveries.delivery_new, name="delivery_new"),
    path(
        "deliveries/export/<str:file_format>/",
        deliveries.delivery_export,
        name="delivery_export",
    ),
    path("deliveries/<int:pk>/edit/", deliveries.delivery_edit, name="delivery_edit"),
    path("deliveries/<int:pk>/delete/", deliveries.delivery_delete, name="delivery_delete"),
    # coverage.py
    path("coverage/", coverage.coverage, name="coverage"),
    # design.py
    path("design/", design.design_rounds, name="design_rounds"),
    path("design/new/", design.design_round_new, name="design_round_new"),
    path("design/<int:pk>/", design.design_round, name="design_round"),
    path("design/<int:pk>/edit/", design.design_round_edit, name="design_round_edit"),
    path("design/<int:pk>/delete/", design.design_round_delete, name="design_round_delete"),
    path("design/<int:pk>/ideas/new/", design.candidate_new, name="candidate_new"),
    path(
        "design/<int:pk>/questionnaire/",
        design.interest_survey_make,
        name="interest_survey_make",
    ),
    path("design/<int:pk>/ranking/", design.ranking, name="ranking"),
    path("design/ideas/<int:pk>/", design.candidate, name="candidate"),
    path("design/ideas/<int:pk>/edit/", design.candidate_edit, name="candidate_edit"),
    path("design/ideas/<int:pk>/delete/", design.candidate_delete, name="candidate_delete"),
    path(
        "design/ideas/<int:pk>/shortlist/",
        design.candidate_shortlist,
        name="candidate_shortlist",
    ),
    path("design/ideas/<int:pk>/swot/", design.candidate_swot, name="candidate_swot"),
    path("design/ideas/<int:pk>/decision/", design.candidate_decide, name="candidate_decide"),
]
