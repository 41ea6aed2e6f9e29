"""Stored documents reach only the people who may see their record: every document is served
by a view that checked tenancy and role first, never from a public media address."""

from __future__ import annotations

import os

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def file_download(document: FieldFile | None) -> FileResponse:
    """The stored document as an attachment; 404 when there is none or it is gone."""
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(document.name))
