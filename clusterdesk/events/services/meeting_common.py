"""What the meeting day's set-up services share: times in words, the audit entry, and the
check that the event has B2B meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.audit import audit_record

from ..models import Event


def hhmm(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def span(starts_at: datetime, ends_at: datetime) -> str:
    """“09:00–12:00”, with the day when it is not the same at both ends."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date():
        return f"{start:%d/%m %H:%M}–{end:%d/%m %H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def audit(cluster: Any, actor: Any, action: str, instance: Any, source: str, changes=None) -> None:  # type: ignore[no-untyped-def]
    audit_record(
        cluster=cluster,
        actor=actor,
        action=action,
        instance=instance,
        changes=changes,
        source=source,
    )


def require_meetings(event: Event) -> None:
    if not event.has_meetings:
        raise DomainError(_("This event has no B2B meetings."))
