"""Every write of the cluster mapping: keep an upload, map it in the background, map it again
with other star thresholds, delete it. The page, the API and the task call these; the command
line runs the same engine on files, with ``mapping_parameters`` and ``result_summary``."""

from __future__ import annotations

import dataclasses
import io
import logging
import time
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.audit import audit_record
from clusterdesk.tenancy.models import AuditAction, Cluster

from .engine import (
    NAICS2012_CLASSIFICATION,
    ClusterInput,
    MappingInput,
    MappingInputError,
    MappingParameters,
    MappingResult,
    compute,
    load_table,
    table_format,
)
from .engine.loading import NAICS2012_COLUMNS
from .models import DatasetLevel, DatasetStatus, MappingDataset, ResultTable

logger = logging.getLogger(__name__)

PARAMETER_FIELDS = tuple(field.name for field in dataclasses.fields(MappingParameters))

# The share of the progress bar each step takes: reading the files, the engine's own stages
# (validating … rating), writing the results.
READ_SHARE, ENGINE_SHARE = 0.10, 0.80


def max_upload_bytes() -> int:
    return int(getattr(settings, "MAPPING_MAX_UPLOAD_MB", 512)) * 1024 * 1024


def mapping_parameters(values: dict[str, Any] | None) -> MappingParameters:
    """The engine's parameters from stored or submitted values (unknown keys refused)."""
    values = {key: value for key, value in (values or {}).items() if value not in (None, "")}
    unknown = sorted(set(values) - set(PARAMETER_FIELDS))
    if unknown:
        raise DomainError(_("Unknown mapping setting: %(names)s.") % {"names": ", ".join(unknown)})
    try:
        return MappingParameters(**values)
    except (TypeError, ValueError) as error:
        raise DomainError(
            _("A star threshold is out of range: %(error)s.") % {"error": error}
        ) from error


def stored_parameters(parameters: MappingParameters) -> dict[str, Any]:
    """Only what differs from the defaults: a dataset says which settings it changed."""
    defaults = MappingParameters()
    return {
        name: getattr(parameters, name)
        for name in PARAMETER_FIELDS
        if getattr(parameters, name) != getattr(defaults, name)
    }


def _check_upload(upload: UploadedFile | None, field: str, *, required: bool) -> None:
    if upload is None:
        if required:
            raise DomainError(_("Choose a file."), field=field)
        return
    if table_format(upload.name or "") is None:
        raise DomainError(_("Upload a CSV, an Excel (.xlsx) or a Parquet file."), field=field)
    if upload.size is not None and upload.size > max_upload_bytes():
        raise DomainError(
            _("The file is larger than %(size)s MB.")
            % {"size": max_upload_bytes() // (1024 * 1024)},
            field=field,
        )
    if not upload.size:
        raise DomainError(_("The file is empty."), field=field)


@transaction.atomic
def dataset_create(
    *,
    cluster: Cluster,
    actor: Any,
    name: str,
    level: str,
    figures: UploadedFile,
    regions: UploadedFile,
    reference: str,
    classification: UploadedFile | None = None,
    year: int | None = None,
    parameters: dict[str, Any] | None = None,
) -> MappingDataset:
    """Keep the files and have them mapped in the background (the page shows the progress)."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the dataset a name."), field="name")
    if level not in DatasetLevel.values:
        raise DomainError(_("Choose what the statistics file holds."), field="level")
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(
            _("Give the code of the reference region (the nation or the EU)."), field="reference"
        )
    _check_upload(figures, "figures_file", required=True)
    _check_upload(regions, "regions_file", required=True)
    _check_upload(classification, "classification_file", required=level == DatasetLevel.CLUSTER)
    chosen = mapping_parameters(parameters)
    dataset = MappingDataset(
        cluster=cluster,
        name=name[:200],
        level=level,
        reference=reference[:64],
        year=year,
        parameters=stored_parameters(chosen),
        language=translation.get_language() or "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # the folder (a UUID) is set before the files are named after it
    dataset.figures_file.save(_safe_name(figures.name, "figures"), figures, save=False)
    dataset.regions_file.save(_safe_name(regions.name, "regions"), regions, save=False)
    if classification is not None:
        dataset.classification_file.save(
            _safe_name(classification.name, "classification"), classification, save=False
        )
    dataset.save()
    audit_record(cluster=cluster, actor=actor, action=AuditAction.CREATED, instance=dataset)
    _enqueue(dataset)
    return dataset


def _safe_name(filename: str | None, fallback: str) -> str:
    name = Path(filename or fallback).name
    return name[-120:] or fallback


def _enqueue(dataset: MappingDataset) -> None:
    from .tasks import mapping_run_task

    transaction.on_commit(lambda: mapping_run_task.enqueue(dataset_id=dataset.pk))


@transaction.atomic
def dataset_rerun(
    *, dataset: MappingDataset, actor: Any, parameters: dict[str, Any] | None = None
) -> MappingDataset:
    """Map the same files again, with other star thresholds when given. The earlier results
    stay readable until the new ones are complete."""
    if dataset.is_working:
        raise DomainError(_("This dataset is being mapped; wait until it is done."))
    chosen = mapping_parameters(parameters if parameters is not None else dataset.parameters)
    before = {"parameters": dataset.parameters}
    dataset.parameters = stored_parameters(chosen)
    dataset.status = DatasetStatus.QUEUED
    dataset.stage = ""
    dataset.progress = 0.0
    dataset.failure = ""
    dataset.language = translation.get_language() or dataset.language
    dataset.save(update_fields=["parameters", "status", "stage", "progress", "failure", "language"])
    audit_record(
        cluster=dataset.cluster,
        actor=actor,
        action=AuditAction.CHANGED,
        instance=dataset,
        changes={"parameters": [before["parameters"], dataset.parameters]},
    )
    _enqueue(dataset)
    return dataset


def dataset_delete(*, dataset: MappingDataset, actor: Any) -> None:
    """Forget the dataset, its files and its results."""
    with transaction.atomic():
        audit_record(
            cluster=dataset.cluster, actor=actor, action=AuditAction.DELETED, instance=dataset
        )
        names = [
            field.name
            for field in (dataset.figures_file, dataset.classification_file, dataset.regions_file)
            if field
        ] + [dataset.result_name(table) for table in ResultTable.values]
        dataset.delete()
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # a file already gone is no reason to keep the record
            logger.warning("could not delete %s", name)


def _read(field: Any) -> tuple[bytes, str]:
    field.open("rb")
    try:
        return field.read(), field.name
    finally:
        field.close()


def mapping_inputs(dataset: MappingDataset) -> MappingInput | ClusterInput:
    """The dataset's files as the engine's input. A file that cannot be read at all raises
    ``DomainError`` with a message for a person."""
    figures = _load_figures(dataset.figures_file)
    regions = _load(dataset.regions_file, _("regions"))
    if dataset.level == DatasetLevel.CLUSTER:
        clusters = _load(dataset.classification_file, _("cluster list"))
        return ClusterInput(figures, clusters, regions, dataset.reference, dataset.year)
    if dataset.classification_file:
        classification = _load(dataset.classification_file, _("classification"))
    else:
        classification = load_table(
            NAICS2012_CLASSIFICATION, "naics2012.csv", rename=NAICS2012_COLUMNS
        )
    return MappingInput(figures, classification, regions, dataset.reference, dataset.year)


def _load_figures(field: Any) -> pl.DataFrame | pl.LazyFrame:
    """The statistics; a Parquet file is scanned, not read: the engine then reads one year
    at a time, so ten national years stay under a gigabyte."""
    if table_format(field.name) != "parquet":
        return _load(field, _("statistics"))
    path = default_storage.path(field.name)
    try:
        names = pl.read_parquet_schema(path)
    except Exception as error:  # not a Parquet file after all
        raise DomainError(
            _("The %(title)s file could not be read (%(error)s).")
            % {"title": _("statistics"), "error": str(error).splitlines()[0][:200]}
        ) from error
    renamed = {name: name.strip().lower() for name in names if name != name.strip().lower()}
    scan = pl.scan_parquet(path)
    return scan.rename(renamed) if renamed else scan


def _load(field: Any, title: str) -> pl.DataFrame:
    content, name = _read(field)
    try:
        return load_table(content, name)
    except Exception as error:  # any reader's error: the file is not what its name says
        raise DomainError(
            _("The %(title)s file could not be read (%(error)s).")
            % {"title": title, "error": str(error).splitlines()[0][:200] if str(error) else ""}
        ) from error


def _progress(dataset: MappingDataset, stage: str, share: float) -> None:
    MappingDataset.objects.filter(pk=dataset.pk).update(stage=stage, progress=round(share, 3))


def mapping_run(*, dataset: MappingDataset) -> MappingDataset:
    """Read the files, validate, map and keep the results. Refused input leaves the report
    and no result; results are written completely before the dataset says "done"."""
    started = time.perf_counter()
    MappingDataset.objects.filter(pk=dataset.pk).update(
        status=DatasetStatus.RUNNING,
        stage="reading",
        progress=0.0,
        started_at=timezone.now(),
        failure="",
    )
    try:
        data = mapping_inputs(dataset)
        parameters = mapping_parameters(dataset.parameters)
        _progress(dataset, "validating", READ_SHARE)
        result = compute(
            data,
            parameters,
            progress=lambda stage, share: _progress(
                dataset, stage, READ_SHARE + ENGINE_SHARE * share
            ),
        )
        _progress(dataset, "saving", READ_SHARE + ENGINE_SHARE)
        summary = result_summary(result, data, seconds=time.perf_counter() - started)
        _store_results(dataset, result)
    except MappingInputError as refused:
        return _finish(dataset, DatasetStatus.INVALID, report=refused.report.to_dict())
    except DomainError as error:
        return _finish(dataset, DatasetStatus.INVALID, failure=error.message)
    except Exception as error:
        logger.exception("mapping of dataset %s failed", dataset.pk)
        return _finish(dataset, DatasetStatus.FAILED, failure=f"{type(error).__name__}: {error}")
    return _finish(dataset, DatasetStatus.DONE, report=result.report.to_dict(), summary=summary)


def _finish(
    dataset: MappingDataset,
    status: str,
    *,
    report: dict[str, Any] | None = None,
    failure: str = "",
    summary: dict[str, Any] | None = None,
) -> MappingDataset:
    dataset.status = status
    dataset.stage = "done" if status == DatasetStatus.DONE else ""
    dataset.progress = 1.0 if status == DatasetStatus.DONE else 0.0
    dataset.report = report if report is not None else {}
    dataset.failure = failure[:2000]
    dataset.finished_at = timezone.now()
    fields = ["status", "stage", "progress", "report", "failure", "finished_at"]
    if summary is not None:
        dataset.summary = summary
        fields.append("summary")
    dataset.save(update_fields=fields)
    return dataset


def _store_results(dataset: MappingDataset, result: MappingResult) -> None:
    """Each table to a temporary name first, then into place: a reader never meets half a
    file, and a failure leaves the earlier results as they were."""
    tables = {
        ResultTable.CLUSTERS: result.clusters,
        ResultTable.REGIONS: result.regions,
        ResultTable.FLAG_THRESHOLDS: result.flag_thresholds,
        ResultTable.STAR_THRESHOLDS: result.star_thresholds,
    }
    written: dict[str, str] = {}
    for table, frame in tables.items():
        buffer = io.BytesIO()
        frame.write_parquet(buffer, compression="zstd", statistics=True)
        temporary = dataset.result_name(table) + ".partial"
        if default_storage.exists(temporary):
            default_storage.delete(temporary)
        written[table] = default_storage.save(temporary, ContentFile(buffer.getvalue()))
    for table, temporary in written.items():
        final = dataset.result_name(table)
        Path(default_storage.path(temporary)).replace(default_storage.path(final))


def result_summary(
    result: MappingResult, data: MappingInput | ClusterInput, *, seconds: float
) -> dict[str, Any]:
    regions = result.regions
    table = data.employment if isinstance(data, MappingInput) else data.figures
    if isinstance(table, pl.LazyFrame):
        # a clone: asking the engine's own scan would stop it reading a year at a time
        input_rows = table.clone().select(pl.len()).collect().item()
    else:
        input_rows = table.height
    return {
        "years": result.years,
        "region_types": sorted(
            {value for value in regions.get_column("region_type").to_list() if value}
        ),
        "regions": regions.get_column("region_code").n_unique(),
        "clusters": result.clusters.get_column("cluster_code").n_unique(),
        "rows": result.clusters.height,
        "input_rows": input_rows,
        "warnings": len(result.report.warnings),
        "seconds": round(seconds, 2),
    }
