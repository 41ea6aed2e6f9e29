"""Import of organisations and contacts: upload → preview (a background task) → apply."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.lib.tabular import read_table
from clusterdesk.tenancy.audit import audit_entry
from clusterdesk.tenancy.models import AuditAction, AuditEntry, Cluster

from ..matching import name_key
from ..models import (
    Contact,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Organisation,
    OrganisationSector,
)
from .plan import CREATE, UPDATE, Plan, contact_plan, organisation_plan

MAX_FILE_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def import_start(*, cluster: Cluster, actor: Any, kind: str, upload: UploadedFile) -> ImportBatch:
    """Keep the uploaded file and have its preview computed in the background."""
    if kind not in ImportKind.values:
        raise DomainError(_("Choose what the file holds."), field="kind")
    name = upload.name or "upload"
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise DomainError(_("Upload a CSV or an Excel (.xlsx) file."), field="file")
    if upload.size and upload.size > MAX_FILE_BYTES:
        raise DomainError(
            _("The file is larger than 20 MB; split it into smaller files."), field="file"
        )
    batch = ImportBatch.objects.create(
        cluster=cluster,
        kind=kind,
        language=translation.get_language() or "",
        file=upload,
        original_name=name[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    from ..tasks import import_analyse_task

    transaction.on_commit(lambda: import_analyse_task.enqueue(batch_id=batch.pk))
    return batch


def _compute_plan(batch: ImportBatch, progress: Any = None) -> Plan:
    batch.file.open("rb")
    try:
        content = batch.file.read()
    finally:
        batch.file.close()
    table = read_table(content, batch.original_name)
    if progress is not None:
        progress(0, len(table.rows))
    build = organisation_plan if batch.kind == ImportKind.ORGANISATIONS else contact_plan
    step = (lambda done: progress(done, len(table.rows))) if progress is not None else None
    return build(batch.cluster, table, today=timezone.localdate(), progress=step)


def import_analyse(*, batch: ImportBatch) -> ImportBatch:
    """Compute the preview of every row and store it on the batch."""

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=done, total_rows=total)

    try:
        plan = _compute_plan(batch, progress)
    except DomainError as error:
        batch.status = ImportStatus.FAILED
        batch.error = error.message
        batch.save(update_fields=["status", "error"])
        return batch
    _store_plan(batch, plan)
    return batch


def _store_plan(batch: ImportBatch, plan: Plan) -> None:
    batch.plan = [row.as_json(plan.labels) for row in plan.rows]
    batch.summary = plan.summary
    batch.total_rows = batch.processed_rows = len(plan.rows)
    batch.status = ImportStatus.READY if plan.can_apply else ImportStatus.HAS_ERRORS
    batch.error = ""
    batch.save(update_fields=["plan", "summary", "total_rows", "processed_rows", "status", "error"])


def import_apply(*, batch: ImportBatch, actor: Any) -> dict[str, int]:
    """Apply every row or none. The plan is computed again so that it matches the registry
    as it is now; if that changes what the preview promised, nothing is applied."""
    if batch.status == ImportStatus.APPLIED:
        raise DomainError(_("This file was already applied."))
    if batch.status not in (ImportStatus.READY, ImportStatus.HAS_ERRORS):
        raise DomainError(_("The preview is not ready yet."))
    with transaction.atomic():
        # Lock the batch row so that two clicks cannot apply it twice.
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == ImportStatus.APPLIED:
            raise DomainError(_("This file was already applied."))
        plan = _compute_plan(batch)
        promised = {key: batch.summary.get(key) for key in ("create", "update", "rejected")}
        if plan.can_apply and promised == {key: plan.summary[key] for key in promised}:
            source = f"import:{batch.pk}"
            if batch.kind == ImportKind.ORGANISATIONS:
                counts = _apply_organisations(batch.cluster, plan, actor, source)
            else:
                counts = _apply_contacts(batch.cluster, plan, actor, source)
            batch.status = ImportStatus.APPLIED
            batch.applied_at = timezone.now()
            batch.save(update_fields=["status", "applied_at"])
            return counts
    # Nothing was written; show the person the preview as it stands now.
    _store_plan(batch, plan)
    if not plan.can_apply:
        raise DomainError(_("Some rows cannot be imported; correct the file and upload it again."))
    raise DomainError(
        _("The registry changed since the preview; check the new preview and apply again.")
    )


def _organisation_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != "nace_codes"}


def _apply_organisations(cluster: Cluster, plan: Plan, actor: Any, source: str) -> dict[str, int]:
    now = timezone.now()
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    new = [
        Organisation(
            cluster=cluster,
            name_key=name_key(row.values["name"]),
            created_at=now,
            updated_at=now,
            **_organisation_fields(row.values),
        )
        for row in creates
    ]
    Organisation.objects.bulk_create(new, batch_size=500)
    sectors = [
        OrganisationSector(organisation=organisation, code=code, division=code[:2])
        for organisation, row in zip(new, creates, strict=True)
        for code in row.values.get("nace_codes", [])
    ]
    entries = [
        audit_entry(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=organisation,
            changes=row.changes,
            source=source,
        )
        for organisation, row in zip(new, creates, strict=True)
    ]
    if updates:
        changed = Organisation.objects.for_cluster(cluster).in_bulk(
            [row.target_id for row in updates]
        )
        fields: set[str] = {"updated_at", "name_key"}
        recoded: list[int] = []
        for row in updates:
            organisation = changed[row.target_id]
            for key, value in _organisation_fields(row.values).items():
                if key in row.changes:
                    setattr(organisation, key, value)
                    fields.add(key)
            organisation.name_key = name_key(organisation.name)
            organisation.updated_at = now
            if "nace_codes" in row.changes:
                recoded.append(organisation.pk)
                sectors.extend(
                    OrganisationSector(organisation=organisation, code=code, division=code[:2])
                    for code in row.values["nace_codes"]
                )
            entries.append(
                audit_entry(
                    cluster=cluster,
                    actor=actor,
                    action=AuditAction.CHANGED,
                    instance=organisation,
                    changes=row.changes,
                    source=source,
                )
            )
        Organisation.objects.bulk_update(list(changed.values()), sorted(fields), batch_size=500)
        OrganisationSector.objects.filter(organisation_id__in=recoded).delete()
    OrganisationSector.objects.bulk_create(sectors, batch_size=1000)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    return {"created": len(creates), "updated": len(updates)}


def _apply_contacts(cluster: Cluster, plan: Plan, actor: Any, source: str) -> dict[str, int]:
    now = timezone.now()
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    new = [
        Contact(cluster=cluster, created_at=now, updated_at=now, **row.values) for row in creates
    ]
    Contact.objects.bulk_create(new, batch_size=500)
    entries = [
        audit_entry(
            cluster=cluster,
            actor=actor,
            action=AuditAction.CREATED,
            instance=contact,
            changes=row.changes,
            source=source,
        )
        for contact, row in zip(new, creates, strict=True)
    ]
    if updates:
        changed = Contact.objects.for_cluster(cluster).in_bulk([row.target_id for row in updates])
        fields: set[str] = {"updated_at"}
        for row in updates:
            contact = changed[row.target_id]
            for key, value in row.values.items():
                if key in row.changes or (
                    key == "organisation_id" and "organisation" in row.changes
                ):
                    setattr(contact, key, value)
                    fields.add(key)
            contact.updated_at = now
            entries.append(
                audit_entry(
                    cluster=cluster,
                    actor=actor,
                    action=AuditAction.CHANGED,
                    instance=contact,
                    changes=row.changes,
                    source=source,
                )
            )
        Contact.objects.bulk_update(list(changed.values()), sorted(fields), batch_size=500)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    return {"created": len(creates), "updated": len(updates)}
