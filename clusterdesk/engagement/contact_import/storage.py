"""Uploaded contact files wait between the preview and the apply under
``imports/contacts/<cluster id>/<random name>``: the name travels in the page address, and a
cluster only ever reads its own folder."""

from __future__ import annotations

import re
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import Cluster

MAX_BYTES = 20 * 1024 * 1024
UPLOAD_NAME = re.compile(r"^[0-9a-f]{32}\.(?:csv|xlsx|ics)$")
_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ics": "ics",
    ".ical": "ics",
    ".icalendar": "ics",
}


def _folder(cluster: Cluster) -> str:
    return f"imports/contacts/{cluster.pk}"


def _extension(filename: str, head: bytes) -> str:
    lower = filename.lower()
    for suffix, extension in _EXTENSIONS.items():
        if lower.endswith(suffix):
            return extension
    if lower.endswith(".xls"):
        raise DomainError(
            _("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV."), "file"
        )
    if b"BEGIN:VCALENDAR" in head.upper():
        return "ics"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    raise DomainError(_("Upload a CSV or Excel (.xlsx) sheet, or a calendar file (.ics)."), "file")


def upload_save(*, cluster: Cluster, upload: UploadedFile) -> str:
    """Keep the file for its preview; returns the name that identifies it."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise DomainError(_("The file is larger than 20 MB; split it in smaller files."), "file")
    content = upload.read()
    if not content.strip():
        raise DomainError(_("The file is empty."), "file")
    name = f"{uuid.uuid4().hex}.{_extension(upload.name or '', content[:4096])}"
    default_storage.save(f"{_folder(cluster)}/{name}", ContentFile(content))
    return name


def upload_read(*, cluster: Cluster, name: str) -> bytes | None:
    """The stored file of this cluster with this name, or None (unknown, gone, or another
    cluster's)."""
    if not UPLOAD_NAME.match(name):
        return None
    path = f"{_folder(cluster)}/{name}"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def upload_discard(*, cluster: Cluster, name: str) -> None:
    if UPLOAD_NAME.match(name):
        default_storage.delete(f"{_folder(cluster)}/{name}")
