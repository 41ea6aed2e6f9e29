"""Storing peer reference files: importing a file whole (in one transaction) or not at all,
deleting one, and a cluster's uploads waiting for their preview under
``benchmarking/references/<cluster id>/<token>`` in the media storage until they are applied
or abandoned."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from ..frameworks import active_framework
from ..models import ReferenceRow, ReferenceSet
from .reading import ReferenceFileError, reference_read

MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 200
MAX_SOURCE = 255
ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
# An upload nobody applied or abandoned is cleared away after this long.
ABANDONED_AFTER = timedelta(days=2)
TOKEN = re.compile(r"^[0-9a-f]{32}$")


# --------------------------------------------------------------------------- importing


def _clean_names(name: str, source: str) -> tuple[str, str]:
    name, source = (name or "").strip(), (source or "").strip()
    if not name:
        raise DomainError(_("Give the reference file a name."), field="name")
    if len(name) > MAX_NAME:
        raise DomainError(
            _("Keep the name under %(max)s characters.") % {"max": MAX_NAME}, field="name"
        )
    if len(source) > MAX_SOURCE:
        raise DomainError(
            _("Keep the source under %(max)s characters.") % {"max": MAX_SOURCE}, field="source"
        )
    return name, source


def reference_import(
    *,
    cluster: Cluster | None,
    actor: Any,
    content: bytes,
    filename: str,
    name: str,
    source: str = "",
    origin: str = "web",
) -> ReferenceSet:
    """Import a whole file, or nothing: ``ReferenceFileError`` (with the preview) when any row
    or column is wrong. ``cluster`` None: shared with every cluster of the installation."""
    name, source = _clean_names(name, source)
    _version, framework = active_framework()
    preview = reference_read(content, filename, framework)
    if not preview.can_apply:
        raise ReferenceFileError(preview)
    with transaction.atomic():
        reference_set = ReferenceSet.objects.create(
            cluster=cluster,
            name=name,
            source=source,
            rows=len(preview.entries),
            original_name=(filename or "")[:255],
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        ReferenceRow.objects.bulk_create(
            [
                ReferenceRow(
                    reference_set=reference_set,
                    country=entry.country,
                    technology_area=entry.technology_area,
                    gold_ready=entry.gold_ready,
                    score=entry.score,
                    values=entry.values,
                )
                for entry in preview.entries
            ],
            batch_size=1000,
        )
        if cluster is not None:
            audit_record(
                cluster=cluster,
                actor=actor,
                action=AuditAction.CREATED,
                instance=reference_set,
                changes={"name": [None, name], "rows": [None, reference_set.rows]},
                source=origin,
            )
    return reference_set


def reference_delete(*, reference_set: ReferenceSet, actor: Any, origin: str = "web") -> None:
    with transaction.atomic():
        if reference_set.cluster_id is not None:
            audit_record(
                cluster=reference_set.cluster,
                actor=actor,
                action=AuditAction.DELETED,
                instance=reference_set,
                changes={"name": [reference_set.name, None], "rows": [reference_set.rows, None]},
                source=origin,
            )
        reference_set.delete()


# --------------------------------------------------------------------------- uploads waiting


@dataclass(frozen=True)
class Upload:
    token: str
    content: bytes
    original_name: str
    name: str
    source: str


def _folder(cluster: Cluster) -> str:
    return f"benchmarking/references/{cluster.pk}"


def _discard_abandoned(cluster: Cluster) -> None:
    folder = _folder(cluster)
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    oldest = timezone.now() - ABANDONED_AFTER
    for stored in files:
        path = f"{folder}/{stored}"
        try:
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def reference_upload_save(
    *, cluster: Cluster, upload: UploadedFile, name: str, source: str = ""
) -> str:
    """Keep an uploaded file for its preview; returns its token."""
    name, source = _clean_names(name, source)
    original = upload.name or "upload.csv"
    if not original.lower().endswith(ALLOWED_SUFFIXES):
        if original.lower().endswith(".xls"):
            raise DomainError(
                _("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV."),
                field="file",
            )
        raise DomainError(_("Upload a CSV or an Excel (.xlsx) file."), field="file")
    if upload.size is not None and upload.size > MAX_BYTES:
        raise DomainError(_("The file is larger than 10 MB."), field="file")
    content = upload.read()
    if not content.strip():
        raise DomainError(_("The file is empty."), field="file")
    _discard_abandoned(cluster)
    token = secrets.token_hex(16)
    folder = _folder(cluster)
    default_storage.save(f"{folder}/{token}.upload", ContentFile(content))
    about = {"original_name": original[:255], "name": name, "source": source}
    default_storage.save(f"{folder}/{token}.json", ContentFile(json.dumps(about).encode()))
    return token


def reference_upload(*, cluster: Cluster, token: str) -> Upload | None:
    """This cluster's waiting upload with this token, or None (unknown, gone, or another
    cluster's: a cluster only ever reads its own folder)."""
    if not TOKEN.match(token):
        return None
    folder = _folder(cluster)
    path, about_path = f"{folder}/{token}.upload", f"{folder}/{token}.json"
    if not (default_storage.exists(path) and default_storage.exists(about_path)):
        return None
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    with default_storage.open(about_path, "rb") as handle:
        about = json.loads(handle.read().decode())
    return Upload(token, content, about["original_name"], about["name"], about["source"])


def reference_upload_discard(*, cluster: Cluster, token: str) -> None:
    if TOKEN.match(token):
        for suffix in (".upload", ".json"):
            default_storage.delete(f"{_folder(cluster)}/{token}{suffix}")


def reference_upload_apply(*, cluster: Cluster, actor: Any, token: str) -> ReferenceSet:
    """Import a waiting upload of this cluster (whole, or nothing) and then let it go."""
    upload = reference_upload(cluster=cluster, token=token)
    if upload is None:
        raise DomainError(_("This file is no longer here; upload it again."), field="file")
    with transaction.atomic():
        reference_set = reference_import(
            cluster=cluster,
            actor=actor,
            content=upload.content,
            filename=upload.original_name,
            name=upload.name,
            source=upload.source,
        )
        transaction.on_commit(lambda: reference_upload_discard(cluster=cluster, token=token))
    return reference_set
