"""The contact log, follow-up tasks and contact import, under /c/<slug>/engagement/."""

from django.urls import path

from .views import contacts as views

urlpatterns = [
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/export.<str:file_format>", views.contacts_export, name="contacts_export"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/quick/", views.quick_log, name="quick_log"),
    path("contacts/participants/", views.participant_suggest, name="participant_suggest"),
    path("contacts/people/", views.contact_people, name="contact_people"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/import/", views.contact_import, name="contact_import"),
    path(
        "contacts/import/<str:upload>/",
        views.contact_import_preview,
        name="contact_import_preview",
    ),
    path(
        "contacts/import/<str:upload>/apply/",
        views.contact_import_apply_view,
        name="contact_import_apply",
    ),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/export.<str:file_format>", views.tasks_export, name="tasks_export"),
    path("tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("tasks/<int:pk>/reopen/", views.task_reopen_view, name="task_reopen"),
]
