"""The demo clusters come with the sample datasets already mapped: the published U.S. states
of 2016 and the synthetic counties, finished, so the mapping pages show results at once."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command

from clusterdesk.conftest import Personas
from clusterdesk.mapping.demo import mapping_demo_seed
from clusterdesk.mapping.models import DatasetStatus, MappingDataset, ResultTable
from clusterdesk.mapping.queries import result_scan
from clusterdesk.tenancy.models import Cluster

pytestmark = pytest.mark.django_db

US_STATES = "U.S. states 2016 (U.S. Cluster Mapping Project)"
COUNTIES = "Synthetic counties (example)"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_new_demo_cluster_gets_both_samples_mapped_by_its_manager(personas: Personas) -> None:
    mapped = mapping_demo_seed(slugs=[personas.cluster_a.slug])

    assert mapped == 2
    datasets = {
        dataset.name: dataset for dataset in MappingDataset.objects.for_cluster(personas.cluster_a)
    }
    assert set(datasets) == {US_STATES, COUNTIES}
    for dataset in datasets.values():
        assert dataset.status == DatasetStatus.DONE, (dataset.failure, dataset.report)
        assert (dataset.progress, dataset.created_by) == (1.0, personas.manager_a)
    states = datasets[US_STATES]
    assert (states.level, states.year, states.summary["regions"]) == ("cluster", 2016, 51)
    counties = datasets[COUNTIES]
    assert (counties.level, counties.summary["years"]) == ("industry", [2015, 2016])
    assert not counties.classification_file  # the shipped NAICS 2012 classification
    regions = result_scan(counties, ResultTable.REGIONS).collect()
    assert regions.filter(pl.col("region_code") == "M100").get_column(
        "source"
    ).unique().to_list() == ["aggregated"]
    assert not MappingDataset.objects.for_cluster(personas.cluster_b).exists()


def test_a_cluster_holding_the_samples_is_not_given_them_twice(personas: Personas) -> None:
    mapping_demo_seed(slugs=[personas.cluster_a.slug])

    again = mapping_demo_seed(slugs=[personas.cluster_a.slug])

    assert again == 0
    assert MappingDataset.objects.for_cluster(personas.cluster_a).count() == 2


def test_seed_demo_maps_the_samples_for_each_demo_cluster() -> None:
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert "Mapped 4 sample cluster mapping datasets." in out.getvalue()
    for cluster in Cluster.objects.filter(slug__in=["tuscany-fashion", "isim"]):
        datasets = MappingDataset.objects.for_cluster(cluster)
        assert sorted(datasets.values_list("name", "status")) == [
            (COUNTIES, DatasetStatus.DONE),
            (US_STATES, DatasetStatus.DONE),
        ], cluster.slug
        michigan = (
            result_scan(datasets.get(name=US_STATES))
            .filter((pl.col("region_code") == "26") & (pl.col("cluster_code") == "4"))
            .collect()
        )
        assert michigan.get_column("strong").to_list() == [True]
