"""What the mapping API's tests share: the endpoints' addresses and upload bodies from the
samples."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.mapping import samples

Call = tuple[str, str, Any]


def api(path: str = "", slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/mapping/datasets/{path}"


def file(sample_file: samples.SampleFile) -> SimpleUploadedFile:
    return SimpleUploadedFile(sample_file.name, sample_file.content)


def upload_body(sample: samples.Sample, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": sample.title,
        "level": sample.level,
        "figures_file": file(sample.figures),
        "regions_file": file(sample.regions),
        "reference": sample.reference,
    }
    if sample.classification is not None:
        body["classification_file"] = file(sample.classification)
    if sample.year is not None:
        body["year"] = sample.year
    body.update(overrides)
    return body
