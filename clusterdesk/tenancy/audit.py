"""The audit log: who created, changed or deleted which record, and what changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditAction, AuditEntry, Cluster


def audit_value(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [audit_value(item) for item in value]
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, FieldFile):  # an empty one has no url: never ask it for one
        return value.name or ""
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: audit_value(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as field → [before, after]."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_entry(
    *,
    cluster: Cluster,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    source: str = "web",
) -> AuditEntry:
    """An unsaved entry, for bulk writes."""
    return AuditEntry(
        cluster=cluster,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=instance._meta.model_name or "",
        object_id=instance.pk,
        object_repr=str(instance)[:255],
        changes=changes or {},
        source=source,
    )


def audit_record(
    *,
    cluster: Cluster,
    actor: Any,
    action: AuditAction | str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    source: str = "web",
) -> AuditEntry:
    entry = audit_entry(
        cluster=cluster,
        actor=actor,
        action=action,
        instance=instance,
        changes=changes,
        source=source,
    )
    entry.save()
    return entry
