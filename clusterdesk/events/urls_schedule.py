"""The schedule of a B2B day (under /c/<slug>/events/): the scheduler's runs and report, the
grid, meetings moved, locked or placed by hand, personal agendas and table cards."""

from django.urls import path

from .views import agenda, schedule

urlpatterns = [
    path("<int:event_pk>/schedule/", schedule.schedule, name="schedule"),
    path("<int:event_pk>/schedule/run/", schedule.schedule_run, name="schedule_run"),
    path(
        "<int:event_pk>/schedule/runs/<int:pk>/status/",
        schedule.run_status,
        name="schedule_run_status",
    ),
    path("<int:event_pk>/schedule/grid/", schedule.grid_print, name="schedule_grid"),
    path(
        "<int:event_pk>/schedule/placements/<int:pk>/lock/",
        schedule.placement_lock_view,
        name="placement_lock",
    ),
    path(
        "<int:event_pk>/schedule/placements/<int:pk>/move/",
        schedule.placement_move_view,
        name="placement_move",
    ),
    path(
        "<int:event_pk>/schedule/requests/<int:pk>/place/",
        schedule.request_place_view,
        name="request_place",
    ),
    path("<int:event_pk>/table-cards/", schedule.table_cards_view, name="table_cards"),
    path("<int:event_pk>/table-cards.pdf", schedule.table_cards_pdf_view, name="table_cards_pdf"),
    path("<int:event_pk>/agendas.pdf", agenda.agendas_all_pdf, name="agendas_pdf"),
    path("<int:event_pk>/agendas/<int:pk>/", agenda.agenda, name="agenda"),
    path("<int:event_pk>/agendas/<int:pk>/agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path("<int:event_pk>/agendas/<int:pk>/agenda.ics", agenda.agenda_ics, name="agenda_ics"),
]
