"""Surveys pages of the management team, under /c/<slug>/surveys/."""

from django.urls import path

from .views import builder, distribution, results, surveys

app_name = "surveys"
urlpatterns = [
    # surveys.py
    path("", surveys.survey_list, name="list"),
    path("new/", surveys.survey_new, name="new"),
    path("start-satisfaction/", surveys.satisfaction_start, name="start_satisfaction"),
    path("<int:pk>/", surveys.survey_detail, name="detail"),
    path("<int:pk>/settings/", surveys.survey_settings, name="settings"),
    path("<int:pk>/open/", surveys.survey_open, name="open"),
    path("<int:pk>/close/", surveys.survey_close, name="close"),
    path("<int:pk>/delete/", surveys.survey_delete, name="delete"),
    # builder.py
    path("<int:pk>/questions/", builder.questions, name="questions"),
    path("<int:pk>/sections/new/", builder.section_new, name="section_new"),
    path("<int:pk>/sections/<int:section_pk>/edit/", builder.section_edit, name="section_edit"),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/",
        builder.section_delete,
        name="section_delete",
    ),
    path("<int:pk>/sections/<int:section_pk>/move/", builder.section_move, name="section_move"),
    path(
        "<int:pk>/sections/<int:section_pk>/questions/new/",
        builder.question_new,
        name="question_new",
    ),
    path("<int:pk>/questions/<int:question_pk>/edit/", builder.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        builder.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/questions/<int:question_pk>/move/", builder.question_move, name="question_move"),
    # distribution.py
    path("<int:pk>/distribution/", distribution.distribution, name="distribution"),
    path("<int:pk>/distribution/segment/", distribution.invite_segment, name="invite_segment"),
    path("<int:pk>/distribution/contacts/", distribution.invite_contacts, name="invite_contacts"),
    path("<int:pk>/distribution/remind/", distribution.remind, name="remind"),
    path(
        "<int:pk>/distribution/<int:invitation_pk>/withdraw/",
        distribution.invitation_withdraw,
        name="invitation_withdraw",
    ),
    # results.py
    path("<int:pk>/results/", results.results, name="results"),
    path(
        "<int:pk>/results/<int:question_pk>/texts/",
        results.text_answers_page,
        name="text_answers",
    ),
    path("<int:pk>/export/<str:file_format>/", results.export, name="export"),
]
