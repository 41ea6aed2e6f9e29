"""What the events tests share: an event made through the services (so it has its activity),
times relative to now, and contacts of a cluster."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from clusterdesk.events import services
from clusterdesk.events.models import Event, EventKind, EventStatus, Visibility
from clusterdesk.tenancy.models import Cluster


def at(days: int, hour: int = 9) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def event_data(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": EventKind.SEMINAR,
        "title": "Circular textiles",
        "description": "What the new EU rules mean for SMEs.",
        "starts_at": at(20, 9),
        "ends_at": at(20, 17),
        "place": "Prato, Camera di Commercio",
        "online_url": "",
        "capacity": None,
        "registration_deadline": None,
        "visibility": Visibility.MEMBERS,
        "is_international": False,
        "involvement_days": Decimal("1"),
        "has_meetings": False,
        "meeting_quota": 10,
        "status": EventStatus.PUBLISHED,
    }
    data.update(changes)
    return data


def make_event(cluster: Cluster, actor: Any = None, **changes: Any) -> Event:
    return services.event_create(cluster=cluster, actor=actor, data=event_data(**changes))
