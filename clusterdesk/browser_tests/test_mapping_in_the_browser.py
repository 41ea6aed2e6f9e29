"""A cluster manager maps the published U.S. states figures through the upload form, watches
the progress the page polls, then reads the strong clusters and Michigan's profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from clusterdesk.mapping import samples
from clusterdesk.mapping.models import DatasetStatus, MappingDataset
from clusterdesk.mapping.services import mapping_run

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WAITING_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
"""Tasks are queued and left for the test to run, as a worker process would take them."""


def sample_files(folder: Path) -> dict[str, Path]:
    sample = samples.us_states_2016()
    files = {}
    for part in ("figures", "classification", "regions"):
        found = getattr(sample, part)
        files[part] = folder / found.name
        files[part].write_bytes(found.content)
    return files


def test_a_manager_uploads_the_states_watches_the_progress_and_reads_michigan(
    personas, page, settings, tmp_path
):
    settings.TASKS = WAITING_WORKER
    files = sample_files(tmp_path)
    sign_in(page, "manager@a.example")
    page.get_by_role("link", name="Cluster map").click()
    page.get_by_role("link", name="New mapping").click()

    page.get_by_label("Name", exact=True).fill("U.S. states 2016")
    page.get_by_label("Figures already summed per cluster").check()
    page.get_by_label("Statistics file").set_input_files(files["figures"])
    page.get_by_label("Classification file").set_input_files(files["classification"])
    page.get_by_label("Regions file").set_input_files(files["regions"])
    page.get_by_label("Code of the reference region").fill("US")
    page.get_by_label("Year", exact=True).fill("2016")
    page.get_by_role("button", name="Upload and map").click()

    expect(page.get_by_test_id("stage")).to_have_text("Waiting to start")
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert dataset.status == DatasetStatus.QUEUED

    # a worker takes it: the page, polling, shows the stage it reached
    MappingDataset.objects.filter(pk=dataset.pk).update(
        status=DatasetStatus.RUNNING, stage="rating", progress=0.65
    )
    expect(page.get_by_test_id("stage")).to_have_text(
        "Computing location quotients, flags and stars"
    )
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "65")

    mapping_run(dataset=dataset)
    heading = page.get_by_role("heading", name="Strong clusters by region: States, 2016")
    expect(heading).to_be_visible()  # without a reload by the person
    michigan = page.get_by_test_id("region-26")
    expect(michigan).to_contain_text("Automotive")
    expect(michigan).to_contain_text("25.5 %")

    page.get_by_role("searchbox", name="Find a region").fill("Mich")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("1 region found")).to_be_visible()
    michigan.get_by_role("link", name="Michigan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Michigan")
    portfolio = page.get_by_role("img", name="Traded clusters of Michigan by employment")
    expect(portfolio).to_be_visible()
    bubbles = page.get_by_role(
        "img", name="Location quotient against employment, traded clusters of Michigan"
    )
    expect(bubbles).to_be_visible()
    assert "Automotive: LQ 5.81" in bubbles.locator("desc").text_content()
    expect(page.get_by_test_id("cluster-4")).to_contain_text("Strong, top 10 %")

    page.get_by_test_id("cluster-4").get_by_role("link", name="Automotive").click()
    expect(page.get_by_role("heading", name="Automotive", exact=True)).to_be_visible()
    expect(page.get_by_test_id("thresholds")).to_contain_text(
        re.compile(r"Strong: a location quotient of at least 1\.01")
    )


def test_a_refused_upload_is_explained_on_the_page(personas, page, tmp_path):
    files = sample_files(tmp_path)
    sign_in(page, "manager@a.example")
    page.goto("/c/tfc/mapping/new/")
    page.get_by_label("Name", exact=True).fill("Wrong reference")
    page.get_by_label("Figures already summed per cluster").check()
    page.get_by_label("Statistics file").set_input_files(files["figures"])
    page.get_by_label("Classification file").set_input_files(files["classification"])
    page.get_by_label("Regions file").set_input_files(files["regions"])
    page.get_by_label("Code of the reference region").fill("EU")
    page.get_by_role("button", name="Upload and map").click()

    report = page.get_by_test_id("report")
    expect(report).to_contain_text("The data cannot be mapped")
    expect(page.get_by_test_id("problem-missing_reference")).to_contain_text(
        "The reference region EU is not in the regions table."
    )
    page.get_by_role("link", name="Upload corrected files").click()
    expect(page.get_by_label("Code of the reference region")).to_have_value("EU")
