"""Calendar files: the feeds by their secret address (no account: calendar programs cannot
sign in), and the .ics of one registration."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .. import services
from ..models import CalendarFeed

ICS_TYPE = "text/calendar; charset=utf-8"


def ics_response(content: bytes, name: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = get_object_or_404(
        CalendarFeed.objects.select_related("cluster", "contact"), token=token
    )
    return ics_response(services.feed_calendar(found), "calendar", attachment=False)
