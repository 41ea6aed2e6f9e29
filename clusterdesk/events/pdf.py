"""PDFs of a B2B day with WeasyPrint, never reaching the network (styles inlined, the fetcher
reads ``data:`` only): a person's agenda, every agenda of the day (one page per person) and
the table cards (one page per table)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from clusterdesk.benchmarking.report import no_network_fetcher

from .agenda import agendas_for
from .models import Event, Registration
from .queries.schedule import table_cards

CONTENT_TYPES = {"pdf": "application/pdf", "ics": "text/calendar; charset=utf-8"}


def download(data: bytes, filename: str) -> HttpResponse:
    """A PDF or .ics as an attachment (the type from the file's extension)."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=no_network_fetcher()).write_pdf()


def agendas_html(event: Event, registrations: list[Registration], *, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "events/meetings/agenda_document.html",
            {"event": event, "agendas": agendas_for(event, registrations), "language": language},
        )


def agendas_pdf(event: Event, registrations: list[Registration], *, language: str) -> bytes:
    """One page per registration, in ``language``."""
    return html_to_pdf(agendas_html(event, registrations, language=language))


def table_cards_html(event: Event, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "events/meetings/table_cards_document.html",
            {"event": event, "cards": table_cards(event), "language": language},
        )


def table_cards_pdf(event: Event, *, language: str) -> bytes:
    """One page per table: its label large, the event, its meetings by slot."""
    return html_to_pdf(table_cards_html(event, language=language))
