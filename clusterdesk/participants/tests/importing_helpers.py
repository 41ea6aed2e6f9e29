from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.participants.importing.services import import_analyse, import_start
from clusterdesk.participants.models import ImportBatch


def csv_bytes(
    rows: list[list[str]], *, separator: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    text = "\r\n".join(separator.join(cell for cell in row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview(
    cluster, actor, content: bytes, name: str = "file.csv", kind: str = "organisations"
) -> ImportBatch:
    """Upload a file and compute its preview right away (as the background task would)."""
    batch = import_start(
        cluster=cluster, actor=actor, kind=kind, upload=SimpleUploadedFile(name, content)
    )
    import_analyse(batch=batch)
    batch.refresh_from_db()
    return batch


def rows_by_action(batch: ImportBatch, action: str) -> list[dict]:
    return [row for row in batch.plan if row["action"] == action]
