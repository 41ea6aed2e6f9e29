"""The mapping services: keep an upload, map it (eagerly in tests), keep the results; refuse
bad input with its report and no result; delete everything."""

from __future__ import annotations

import polars as pl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.lib.errors import DomainError
from clusterdesk.mapping import samples
from clusterdesk.mapping.models import DatasetStatus, MappingDataset, ResultTable
from clusterdesk.mapping.queries import result_scan
from clusterdesk.mapping.services import dataset_create, dataset_delete, dataset_rerun
from clusterdesk.tenancy.models import AuditEntry

pytestmark = pytest.mark.django_db


def upload(file: samples.SampleFile) -> SimpleUploadedFile:
    return SimpleUploadedFile(file.name, file.content)


def create(personas, sample: samples.Sample, **overrides) -> MappingDataset:
    values = {
        "cluster": personas.cluster_a,
        "actor": personas.manager_a,
        "name": sample.title,
        "level": sample.level,
        "figures": upload(sample.figures),
        "regions": upload(sample.regions),
        "classification": upload(sample.classification) if sample.classification else None,
        "reference": sample.reference,
        "year": sample.year,
    }
    values.update(overrides)
    return dataset_create(**values)


def mapped(personas, sample, django_capture_on_commit_callbacks, **overrides) -> MappingDataset:
    with django_capture_on_commit_callbacks(execute=True):
        dataset = create(personas, sample, **overrides)
    dataset.refresh_from_db()
    return dataset


def test_the_published_us_states_are_mapped_and_kept(personas, django_capture_on_commit_callbacks):
    dataset = mapped(personas, samples.us_states_2016(), django_capture_on_commit_callbacks)
    assert dataset.status == DatasetStatus.DONE, (dataset.failure, dataset.report)
    assert dataset.progress == 1.0
    assert dataset.summary["years"] == [2016]
    assert dataset.summary["regions"] == 51
    assert dataset.summary["clusters"] == 67
    clusters = result_scan(dataset).collect()
    assert clusters.height == 51 * 67
    michigan_auto = clusters.filter(
        (pl.col("region_code") == "26") & (pl.col("cluster_code") == "4")
    ).row(0, named=True)
    assert michigan_auto["strong"] is True
    assert result_scan(dataset, ResultTable.REGIONS).collect().height == 51
    assert AuditEntry.objects.filter(object_type="mappingdataset", action="created").exists()


def test_county_industry_figures_roll_up_to_states_metro_and_nation(
    personas, django_capture_on_commit_callbacks
):
    dataset = mapped(personas, samples.county_industries(), django_capture_on_commit_callbacks)
    assert dataset.status == DatasetStatus.DONE, (dataset.failure, dataset.report)
    assert dataset.summary["years"] == [2015, 2016]
    assert dataset.summary["region_types"] == ["county", "msa", "nation", "state"]
    regions = result_scan(dataset, ResultTable.REGIONS).collect()
    metro = regions.filter((pl.col("region_code") == "M100") & (pl.col("year") == 2016))
    assert metro.get_column("source").to_list() == ["aggregated"]


def test_bad_input_is_refused_with_its_report_and_no_result(
    personas, django_capture_on_commit_callbacks
):
    sample = samples.us_states_2016()
    dataset = mapped(personas, sample, django_capture_on_commit_callbacks, reference="XX")
    assert dataset.status == DatasetStatus.INVALID
    assert dataset.report["ok"] is False
    assert any(p["code"] == "missing_reference" for p in dataset.report["problems"]), dataset.report
    assert not default_storage.exists(dataset.result_name(ResultTable.CLUSTERS))


def test_a_file_that_is_not_a_table_is_refused_at_once(personas):
    sample = samples.us_states_2016()
    with pytest.raises(DomainError) as refused:
        create(personas, sample, figures=SimpleUploadedFile("figures.pdf", b"%PDF"))
    assert refused.value.field == "figures_file"


def test_a_rerun_changes_the_star_thresholds_and_delete_removes_the_files(
    personas, django_capture_on_commit_callbacks
):
    dataset = mapped(personas, samples.us_states_2016(), django_capture_on_commit_callbacks)
    stars_before = result_scan(dataset).select(pl.col("size_star").sum()).collect().item()
    with django_capture_on_commit_callbacks(execute=True):
        dataset_rerun(
            dataset=dataset, actor=personas.manager_a, parameters={"size_star_top_share": 0.5}
        )
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.DONE
    assert dataset.parameters == {"size_star_top_share": 0.5}
    assert result_scan(dataset).select(pl.col("size_star").sum()).collect().item() > stars_before
    names = [dataset.figures_file.name, dataset.result_name(ResultTable.CLUSTERS)]
    dataset_delete(dataset=dataset, actor=personas.manager_a)
    assert not MappingDataset.objects.filter(pk=dataset.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_parquet_upload_is_scanned_and_maps_like_its_csv(
    personas, django_capture_on_commit_callbacks
):
    import io

    from clusterdesk.mapping.engine import load_csv

    sample = samples.county_industries()
    frame = load_csv(sample.figures.content).rename({"employment": "Employment"})
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    parquet = samples.SampleFile("counties.parquet", buffer.getvalue())
    from_csv = mapped(personas, sample, django_capture_on_commit_callbacks)
    from_parquet = mapped(
        personas, sample, django_capture_on_commit_callbacks, figures=upload(parquet)
    )
    assert from_parquet.status == DatasetStatus.DONE, (from_parquet.failure, from_parquet.report)
    assert from_parquet.summary["input_rows"] == from_csv.summary["input_rows"] == frame.height
    assert result_scan(from_parquet).collect().equals(result_scan(from_csv).collect())
