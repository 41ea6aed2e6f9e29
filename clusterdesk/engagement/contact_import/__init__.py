"""Importing the contact log from sheets (CSV, XLSX) and calendars (.ics): reading the file,
matching it to participants, and the preview of what an import will do."""

from .plan import (
    ACTIONS,
    CREATE,
    REJECTED,
    SKIPPED,
    SOURCE_CALENDAR,
    SOURCE_TABLE,
    UNCHANGED,
    ContactDraft,
    ImportPlan,
    PlanRow,
)
from .preview import build_plan
from .storage import upload_discard, upload_read, upload_save

__all__ = [
    "ACTIONS",
    "CREATE",
    "REJECTED",
    "SKIPPED",
    "SOURCE_CALENDAR",
    "SOURCE_TABLE",
    "UNCHANGED",
    "ContactDraft",
    "ImportPlan",
    "PlanRow",
    "build_plan",
    "upload_discard",
    "upload_read",
    "upload_save",
]
