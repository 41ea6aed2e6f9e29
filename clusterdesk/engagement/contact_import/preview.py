"""The preview of an uploaded contact file, a sheet (CSV, XLSX) or a calendar (.ics)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import read_table
from clusterdesk.tenancy.models import Cluster

from .calendar import CalendarError, read_calendar
from .calendar_plan import calendar_plan
from .plan import SOURCE_CALENDAR, SOURCE_TABLE, ImportPlan
from .sheet_plan import table_plan


def build_plan(
    cluster: Cluster, actor: Any, content: bytes, filename: str, *, today: date | None = None
) -> ImportPlan:
    """The preview of an uploaded file: a sheet (CSV, XLSX) or a calendar (.ics)."""
    today = today or timezone.localdate()
    if filename.lower().endswith((".ics", ".ical", ".ifb", ".icalendar")):
        try:
            events = read_calendar(content, zone=timezone.get_default_timezone(), until=today)
        except CalendarError:
            return ImportPlan(
                SOURCE_CALENDAR,
                file_errors=[
                    _(
                        "The file could not be read as a calendar. Export it again from "
                        "Outlook or Google Calendar as an .ics file."
                    )
                ],
            )
        return calendar_plan(cluster, actor, events, today=today)
    try:
        table = read_table(content, filename)
    except DomainError as error:
        return ImportPlan(SOURCE_TABLE, file_errors=[error.message])
    return table_plan(cluster, actor, table, today=today)
