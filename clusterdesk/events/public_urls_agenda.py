"""A person's B2B agenda by their registration token (under /e/): page, PDF and .ics."""

from django.urls import path

from .views import agenda

urlpatterns = [
    path("r/<str:token>/agenda/", agenda.public_agenda, name="agenda"),
    path("r/<str:token>/agenda.pdf", agenda.public_agenda_pdf, name="agenda_pdf"),
    path("r/<str:token>/agenda.ics", agenda.public_agenda_ics, name="agenda_ics"),
]
