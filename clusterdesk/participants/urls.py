from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.cluster_home, name="home"),
    path("participants/", views.organisation_list, name="list"),
    path("participants/new/", views.organisation_new, name="new"),
    path("participants/<int:pk>/", views.organisation_detail, name="detail"),
    path("participants/<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("participants/<int:pk>/agreement/", views.organisation_agreement, name="agreement"),
    path("participants/<int:pk>/delete/", views.organisation_remove, name="delete"),
    path("participants/<int:pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_remove, name="contact_delete"),
    path("export/<str:kind>.<str:file_format>", views.export, name="export"),
    path("imports/", views.import_index, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", views.import_apply_view, name="import_apply"),
]
