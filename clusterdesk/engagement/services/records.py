"""The audited writes every area of the ledger shares: create, change or delete one record of a
cluster and log who did it and what changed, in one transaction. Each area checks its own rules
first and then calls these; the audit's snapshot, diff and entry are ``tenancy.audit``'s.

The values are taken as they are given, but for two things every area wants alike:

- text is stored without the spaces around it;
- a file field takes a new file, is emptied by "" or False (a form's "clear" box), and keeps
  its file for None or the stored file itself (what a form gives back when nothing was
  uploaded). A file replaced or removed, and the files of a deleted record, leave the storage
  once the change is committed, never before: a rollback keeps the record pointing at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from clusterdesk.tenancy.audit import audit_record, diff, snapshot
from clusterdesk.tenancy.models import AuditAction, Cluster

Record = TypeVar("Record", bound=models.Model)
Changes = dict[str, list[Any]]


def merged_values(
    instance: models.Model, data: Mapping[str, Any], fields: Sequence[str]
) -> dict[str, Any]:
    """The record's values of ``fields`` with ``data``'s on top: what an update is checked
    against."""
    merged = {name: getattr(instance, name) for name in fields}
    merged.update({name: value for name, value in data.items() if name in fields})
    return merged


def links_replace(
    links: Any,
    *,
    before: Sequence[models.Model] | None,
    after: Sequence[models.Model] | None,
    name: str,
) -> Changes:
    """Make a many-to-many link (``story.participants``) hold exactly ``after`` (None leaves
    it), and say so as the log shows it: ``name``: [the names before (None for a new record),
    the names after]. Nothing when the same records stay linked."""
    if after is None or {record.pk for record in after} == {record.pk for record in before or ()}:
        return {}
    links.set(after)
    return {name: [None if before is None else _names(before), _names(after)]}


def record_create(
    *,
    model: type[Record],
    cluster: Cluster,
    actor: Any,
    data: Mapping[str, Any],
    fields: Sequence[str],
    source: str = "web",
    unaudited: Mapping[str, Any] | None = None,
    related: Callable[[Record], Changes] | None = None,
) -> Record:
    """Create a record of ``cluster`` from already-checked ``data`` (its ``fields`` only) and
    the ``unaudited`` values the log leaves out (where it came from, who typed it). ``related``
    then writes what hangs on the saved record (links to participants, child rows) and returns
    what it changed, for the same log entry."""
    with transaction.atomic():
        instance = model(cluster=cluster, **(unaudited or {}))
        _assign(instance, data, fields)
        instance.save()
        changes = diff({}, snapshot(instance, fields))
        if related is not None:
            changes.update(related(instance))
        _log(instance, actor, AuditAction.CREATED, changes, source)
    return instance


def record_update(
    *,
    instance: Record,
    actor: Any,
    data: Mapping[str, Any],
    fields: Sequence[str],
    source: str = "web",
    related: Callable[[Record], Changes] | None = None,
) -> Record:
    """Change a record from already-checked ``data`` (those of its ``fields`` that ``data``
    holds); ``related`` as for ``record_create``. The record is saved and the change logged
    only when something changed, itself or what hangs on it."""
    before = snapshot(instance, fields)
    with transaction.atomic():
        replaced = _assign(instance, data, fields)
        changes = diff(before, snapshot(instance, fields))
        if related is not None:
            changes.update(related(instance))
        if changes:
            instance.save()
            _discard_files_on_commit(replaced)
            _log(instance, actor, AuditAction.CHANGED, changes, source)
    return instance


def record_delete(
    *,
    instance: models.Model,
    actor: Any,
    source: str = "web",
    changes: Changes | None = None,
    files: Iterable[FieldFile] = (),
) -> None:
    """Delete a record and log it; ``changes`` say what went with it (its training records,
    its involvements…) and ``files`` are those of rows deleted with it, to leave the storage
    with the record's own."""
    with transaction.atomic():
        _log(instance, actor, AuditAction.DELETED, changes, source)
        _discard_files_on_commit([*_files_of(instance), *files])
        instance.delete()


def _discard_files_on_commit(files: Iterable[FieldFile | None]) -> None:
    """Remove these stored files once the transaction commits."""
    stored = [(file.storage, file.name) for file in files if file and file.name]

    def discard() -> None:
        for storage, name in stored:
            storage.delete(name)

    if stored:
        transaction.on_commit(discard)


def _log(
    instance: models.Model, actor: Any, action: AuditAction, changes: Changes | None, source: str
) -> None:
    audit_record(
        cluster=instance.cluster,  # type: ignore[attr-defined]
        actor=actor,
        action=action,
        instance=instance,
        changes=changes,
        source=source,
    )


def _names(records: Iterable[models.Model]) -> list[str]:
    return sorted(str(record) for record in records)


def _is_file(instance: models.Model, name: str) -> bool:
    return isinstance(instance._meta.get_field(name), models.FileField)


def _files_of(instance: models.Model) -> list[FieldFile]:
    return [
        getattr(instance, field.name)
        for field in instance._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _assign(instance: models.Model, data: Mapping[str, Any], fields: Sequence[str]) -> list[Any]:
    """Put ``data``'s values of ``fields`` on the record; the stored files they replace."""
    replaced = []
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if _is_file(instance, name):
            if value is None or isinstance(value, FieldFile):
                continue  # nothing uploaded: the stored file stays
            replaced.append(getattr(instance, name))
            value = "" if value is False else value
        elif isinstance(value, str):
            value = value.strip()
        setattr(instance, name, value)
    return replaced
