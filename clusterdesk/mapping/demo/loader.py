"""Statistical cluster mapping for the demo clusters of `manage.py seed_demo`.

`mapping_demo_seed` gives each demo cluster just created two mapped datasets, so that the
mapping pages show finished results as soon as the demo opens:

- the U.S. Cluster Mapping Project's published 2016 figures for the 50 states and the nation
  (real, public statistics, already summed per cluster);
- a small **synthetic** county file by NAICS code for 2015–2016, named as an invented example,
  where withheld cells, the roll-up of counties into states and a metro area, and growth show.

Each is kept through ``services.dataset_create`` like an upload and mapped at once with
``services.mapping_run`` rather than left to the background worker.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.tenancy.models import Cluster, Membership, Role

from .. import samples
from ..models import MappingDataset
from ..services import dataset_create, mapping_run

DEMO_SAMPLES: tuple[Callable[[], samples.Sample], ...] = (
    samples.us_states_2016,
    samples.county_industries,
)


def _upload(file: samples.SampleFile) -> SimpleUploadedFile:
    return SimpleUploadedFile(file.name, file.content)


def mapping_demo_seed(*, slugs: list[str]) -> int:
    """Map the sample datasets for the demo clusters ``slugs``; returns how many were mapped.
    A cluster that already holds a sample (by its name) is not given it twice."""
    mapped = 0
    for cluster in Cluster.objects.filter(slug__in=slugs).order_by("slug"):
        manager = (
            Membership.objects.filter(cluster=cluster, role=Role.MANAGER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        actor = manager.user if manager else None
        held = set(MappingDataset.objects.for_cluster(cluster).values_list("name", flat=True))
        for make in DEMO_SAMPLES:
            sample = make()
            if sample.title in held:
                continue
            dataset = dataset_create(
                cluster=cluster,
                actor=actor,
                name=sample.title,
                level=sample.level,
                figures=_upload(sample.figures),
                regions=_upload(sample.regions),
                classification=_upload(sample.classification) if sample.classification else None,
                reference=sample.reference,
                year=sample.year,
            )
            mapping_run(dataset=dataset)
            mapped += 1
    return mapped
