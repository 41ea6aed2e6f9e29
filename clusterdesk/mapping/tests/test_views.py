"""The cluster mapping's pages: the list and its sample files, the upload form, the progress,
the report of a refused upload, the strong clusters by region, a region's profile, a cluster
across regions, the stars, mapping again, deleting, and who may see what."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterdesk.mapping import samples
from clusterdesk.mapping.models import DatasetStatus, MappingDataset
from clusterdesk.mapping.services import mapping_run

from .test_services import create, mapped

pytestmark = pytest.mark.django_db


def url(name: str, *args: object, slug: str = "tfc", query: str = "") -> str:
    address = reverse(f"mapping:{name}", args=[slug, *args])
    return f"{address}?{query}" if query else address


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


@pytest.fixture
def states(personas, django_capture_on_commit_callbacks) -> MappingDataset:
    """The published U.S. states 2016, mapped for cluster A."""
    dataset = mapped(personas, samples.us_states_2016(), django_capture_on_commit_callbacks)
    assert dataset.status == DatasetStatus.DONE, (dataset.failure, dataset.report)
    return dataset


@pytest.fixture
def counties(personas, django_capture_on_commit_callbacks) -> MappingDataset:
    """The synthetic counties of 2015 and 2016, mapped for cluster A."""
    dataset = mapped(personas, samples.county_industries(), django_capture_on_commit_callbacks)
    assert dataset.status == DatasetStatus.DONE, (dataset.failure, dataset.report)
    return dataset


def upload_data(sample: samples.Sample, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": sample.title,
        "level": sample.level,
        "figures_file": SimpleUploadedFile(sample.figures.name, sample.figures.content),
        "regions_file": SimpleUploadedFile(sample.regions.name, sample.regions.content),
        "reference": sample.reference,
        "year": sample.year or "",
        "size_star_top_percent": "10",
        "specialisation_star_lq": "2",
        "focus_star_top_percent": "10",
    }
    if sample.classification:
        data["classification_file"] = SimpleUploadedFile(
            sample.classification.name, sample.classification.content
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --------------------------------------------------------------------------- the list


def test_the_list_shows_the_datasets_the_explanation_and_the_sample_files(states, manager_a_client):
    page = text_of(manager_a_client.get(url("index")))
    assert states.name in page
    assert "Mapped" in page  # the status badge
    assert "2016" in page and "States" in page
    assert "New mapping" in page
    assert "Location quotient (LQ)" in page and "Cluster strength" in page
    assert url("sample_file", "naics2012", "classification") in page
    assert url("sample_file", "us-states-2016", "figures") in page
    assert url("sample_file", "counties", "regions") in page


def test_the_shipped_classification_downloads_in_the_columns_the_upload_takes(manager_a_client):
    response = manager_a_client.get(url("sample_file", "naics2012", "classification"))
    assert response.status_code == 200
    assert "naics2012_clusters.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 978
    assert list(rows[0]) == [
        "industry_code",
        "industry_name",
        "cluster_code",
        "cluster_name",
        "traded",
    ]
    assert {"industry_code": "336111", "cluster_code": "4"}.items() <= next(
        row for row in rows if row["industry_code"] == "336111"
    ).items()


def test_a_sample_file_downloads_as_it_is_and_an_unknown_one_is_404(manager_a_client):
    response = manager_a_client.get(url("sample_file", "us-states-2016", "regions"))
    assert response.content == samples.us_states_2016().regions.content
    assert manager_a_client.get(url("sample_file", "counties", "classification")).status_code == 404
    assert manager_a_client.get(url("sample_file", "nowhere", "figures")).status_code == 404


def test_a_sample_is_mapped_with_one_click(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(url("sample_map", "counties"))
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert response.status_code == 302 and response.url == url("dataset", dataset.pk)
    assert dataset.status == DatasetStatus.DONE
    assert dataset.summary["region_types"] == ["county", "msa", "nation", "state"]


# --------------------------------------------------------------------------- upload


def test_a_manager_uploads_files_and_sees_the_strong_clusters(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(url("new"), upload_data(samples.us_states_2016()))
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert response.status_code == 302 and response.url == url("dataset", dataset.pk)
    assert dataset.created_by == personas.manager_a
    assert dataset.parameters == {}
    page = text_of(manager_a_client.get(response.url))
    assert "Strong clusters by region: States, 2016" in page
    assert 'data-testid="region-26"' in page
    michigan = page.split('data-testid="region-26"')[1].split("</tr>")[0]
    assert "Michigan" in michigan and "Automotive" in michigan
    assert "25.5 %" in michigan  # cluster strength: 355,362 of 1,391,569 traded jobs
    assert ">7<" in michigan  # strong clusters


def test_the_industry_level_upload_without_a_classification_uses_naics_2012(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    sample = samples.county_industries()
    with django_capture_on_commit_callbacks(execute=True):
        manager_a_client.post(url("new"), upload_data(sample, name="Counties"))
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert dataset.status == DatasetStatus.DONE, dataset.report
    assert not dataset.classification_file
    page = text_of(manager_a_client.get(url("dataset", dataset.pk)))
    assert "U.S. NAICS 2012 (shipped with ClusterDesk)" in page


def test_upload_mistakes_are_said_on_their_fields(personas, manager_a_client):
    sample = samples.us_states_2016()
    response = manager_a_client.post(url("new"), upload_data(sample, name=""))
    assert response.status_code == 400
    assert response.context["form"].errors["name"]

    response = manager_a_client.post(
        url("new"),
        upload_data(sample, figures_file=SimpleUploadedFile("figures.pdf", b"%PDF-1.4")),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["figures_file"] == [
        "Upload a CSV, an Excel (.xlsx) or a Parquet file."
    ]

    without_clusters = upload_data(sample)
    del without_clusters["classification_file"]
    response = manager_a_client.post(url("new"), without_clusters)
    assert response.status_code == 400
    assert response.context["form"].errors["classification_file"]

    response = manager_a_client.post(url("new"), upload_data(sample, size_star_top_percent="0"))
    assert response.status_code == 400
    assert response.context["form"].errors["size_star_top_percent"]
    assert "open" in text_of(response).split('class="cm-thresholds"')[1][:20]
    assert not MappingDataset.objects.exists()


def test_the_form_asks_again_with_the_settings_of_a_refused_upload(personas, manager_a_client):
    refused = create(
        personas, samples.us_states_2016(), reference="XX", parameters={"focus_star_top_share": 0.2}
    )
    response = manager_a_client.get(url("new", query=f"from={refused.pk}"))
    form = response.context["form"]
    assert form.initial["reference"] == "XX"
    assert form.initial["year"] == 2016
    assert form.initial["focus_star_top_percent"] == 20


def test_the_chosen_star_thresholds_are_kept_as_the_engines_shares(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        manager_a_client.post(
            url("new"),
            upload_data(
                samples.us_states_2016(),
                size_star_top_percent="25",
                specialisation_star_lq="1.5",
                ignore_unknown_industries="on",
            ),
        )
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert dataset.parameters == {
        "size_star_top_share": 0.25,
        "specialisation_star_lq": 1.5,
        "ignore_unknown_industries": True,
    }
    page = text_of(manager_a_client.get(url("dataset", dataset.pk)))
    assert "employment in the top 25 % of the regional clusters" in page
    assert "changed" in page


# --------------------------------------------------------------------------- progress


def test_the_page_polls_the_progress_until_the_results_are_there(personas, manager_a_client):
    dataset = create(personas, samples.us_states_2016())  # not run: no commit in the test
    page = text_of(manager_a_client.get(url("dataset", dataset.pk)))
    assert f'hx-get="{url("progress", dataset.pk)}"' in page
    assert 'hx-trigger="every 1s"' in page
    assert "Waiting to start" in page

    poll = manager_a_client.get(url("progress", dataset.pk), headers={"HX-Request": "true"})
    assert poll.status_code == 200
    assert "Waiting to start" in text_of(poll) and "<html" not in text_of(poll)

    MappingDataset.objects.filter(pk=dataset.pk).update(
        status=DatasetStatus.RUNNING, stage="rating", progress=0.62
    )
    poll = text_of(
        manager_a_client.get(url("progress", dataset.pk), headers={"HX-Request": "true"})
    )
    assert "Computing location quotients, flags and stars" in poll
    assert 'value="62"' in poll
    assert '<li class="done">Checking the figures, year by year</li>' in poll

    mapping_run(dataset=dataset)
    done = manager_a_client.get(url("progress", dataset.pk), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "Strong clusters by region" in text_of(manager_a_client.get(url("dataset", dataset.pk)))
    # without htmx the progress address is the dataset page
    assert manager_a_client.get(url("progress", dataset.pk)).url == url("dataset", dataset.pk)


# --------------------------------------------------------------------------- refused input


def bad_county_figures() -> bytes:
    """The synthetic counties with an unknown code, negative employment, a repeated row and a
    row of another year than the one asked for."""
    text = samples.county_industries(years=(2016,)).figures.content.decode()
    lines = text.strip().splitlines()
    lines += [
        "06001,999999,2016,500,,10,26000",  # an industry code NAICS 2012 lacks
        "06003,315210,2017,450,,11,23400",  # another year
        "06005,722511,2016,-5,,1,0",  # negative (and a second 06005 722511 2016 row)
        lines[1],  # the first data row again
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_refused_upload_shows_every_problem_with_its_details(
    personas, manager_a_client, django_capture_on_commit_callbacks
):
    sample = samples.county_industries()
    with django_capture_on_commit_callbacks(execute=True):
        manager_a_client.post(
            url("new"),
            upload_data(
                sample,
                figures_file=SimpleUploadedFile("bad.csv", bad_county_figures()),
                reference="XX",
                year="2016",
            ),
        )
    dataset = MappingDataset.objects.get(cluster=personas.cluster_a)
    assert dataset.status == DatasetStatus.INVALID
    page = text_of(manager_a_client.get(url("dataset", dataset.pk)))
    assert "The data cannot be mapped" in page
    assert "no result was kept" in page
    unknown = page.split('data-testid="problem-unknown_industries"')[1].split("</article>")[0]
    assert "Unknown industry codes" in unknown and "999999" in unknown
    assert "Employment they hold" in unknown and "<td>500</td>" in unknown
    negative = page.split('data-testid="problem-negative_employment"')[1].split("</article>")[0]
    assert "<td>-5</td>" in negative and "<td>06005</td>" in negative
    duplicates = page.split('data-testid="problem-duplicate_rows"')[1].split("</article>")[0]
    assert "<td>06001</td>" in duplicates and "<td>315210</td>" in duplicates
    years = page.split('data-testid="problem-mixed_years"')[1].split("</article>")[0]
    assert "<td>2017</td>" in years
    assert 'data-testid="problem-missing_reference"' in page
    assert url("new", query=f"from={dataset.pk}") in page
    assert "Strong clusters by region" not in page
    assert manager_a_client.get(url("region", dataset.pk, "06001")).status_code == 404


# --------------------------------------------------------------------------- results


def test_the_ranking_can_be_searched_and_switched_to_another_region_type(
    counties, manager_a_client
):
    page = text_of(manager_a_client.get(url("dataset", counties.pk)))
    assert "Strong clusters by region: Counties, 2016" in page
    assert page.count('data-testid="region-') == 5
    found = text_of(manager_a_client.get(url("dataset", counties.pk, query="q=county b")))
    assert found.count('data-testid="region-') == 2
    assert "2 regions found" in found
    states = text_of(
        manager_a_client.get(url("dataset", counties.pk, query="region_type=state&year=2015"))
    )
    assert "Strong clusters by region: States, 2015" in states
    assert 'data-testid="region-06"' in states and 'data-testid="region-41"' in states


def test_a_region_profile_shows_its_portfolio_bubbles_and_every_cluster(states, manager_a_client):
    page = text_of(manager_a_client.get(url("region", states.pk, "26", query="year=2016")))
    assert "<h1>Michigan" in page
    assert "3,807,338" in page  # employment
    assert "25.5 %" in page  # cluster strength
    portfolio = page.split('data-testid="portfolio-chart"')[1].split("</figure>")[0]
    assert 'role="img"' in portfolio
    assert "Traded clusters of Michigan by employment" in portfolio
    assert "Automotive: 172,490 · LQ 5.81, Strong, top 10 %" in portfolio
    bubbles = page.split('data-testid="bubble-chart"')[1].split("</figure>")[0]
    assert "LQ = 1: as concentrated as the reference" in bubbles
    assert "Automotive: LQ 5.81, 172,490 employees, 954 establishments" in bubbles
    automotive = page.split('data-testid="cluster-4"')[1].split("</tr>")[0]
    assert "badge cm-flag-strong10" in automotive and "5.81" in automotive
    assert "Size, Specialisation, Focus" in automotive
    assert url("export", states.pk, "clusters", "xlsx", query="year=2016&amp;region=26") in page
    assert 'data-testid="growth-chart"' not in page  # one year only


def test_a_region_profile_shows_growth_when_there_is_a_previous_year(counties, manager_a_client):
    page = text_of(manager_a_client.get(url("region", counties.pk, "41001")))
    assert "Growth since 2015" in page
    growth = page.split('data-testid="growth-chart"')[1].split("</figure>")[0]
    assert "Aerospace Vehicles and Defense: +186 (+6.0 %)" in growth
    assert "Over the years" in page
    earlier = text_of(manager_a_client.get(url("region", counties.pk, "41001", query="year=2015")))
    assert "Growth since" not in earlier


def test_the_reference_region_says_it_is_compared_with_nobody(states, manager_a_client):
    page = text_of(manager_a_client.get(url("region", states.pk, "US")))
    assert "This is the reference region" in page
    assert manager_a_client.get(url("region", states.pk, "ZZ")).status_code == 404


def test_one_cluster_across_the_states_is_ranked_by_lq_with_its_thresholds(
    states, manager_a_client
):
    page = text_of(manager_a_client.get(url("cluster", states.pk, "4")))
    assert "<h1>Automotive</h1>" in page
    first = page.split('data-testid="regions"')[1].split("</tr>")[1]
    assert "Michigan" in first and ">1<" in first and "5.81" in first
    rules = page.split('data-testid="thresholds"')[1].split("</section>")[0]
    assert "50 states have employees in this cluster" in rules
    assert "more than 1,424 employees and more than 35.8 establishments" in rules
    assert "Strong: a location quotient of at least 1.01" in rules
    assert "Strong, top 10 %: a location quotient of at least 2.91" in rules
    chart = page.split('data-testid="lq-chart"')[1].split("</figure>")[0]
    assert "States with the highest location quotient in Automotive, 2016" in chart
    assert "Michigan: LQ 5.81" in chart
    assert manager_a_client.get(url("cluster", states.pk, "999")).status_code == 404


def test_the_stars_page_lists_the_regional_clusters_with_three_stars(states, manager_a_client):
    page = text_of(manager_a_client.get(url("stars", states.pk, query="stars=3")))
    assert "Regional clusters with 3 stars" in page
    table = page.split('data-testid="starred"')[1]
    assert "Michigan" in table and "Automotive" in table
    rules = page.split('data-testid="star-rules"')[1].split("</section>")[0]
    assert "at least 90,672 employees: the top 10 % of the 3,294 regional clusters" in rules
    assert "a location quotient against all employment of at least 2.0" in rules
    one_star = text_of(manager_a_client.get(url("stars", states.pk, query="stars=1")))
    assert "Regional clusters with 1 star" in one_star


# --------------------------------------------------------------------------- map again, delete


def test_a_manager_maps_again_with_other_thresholds(
    states, personas, manager_a_client, django_capture_on_commit_callbacks
):
    refused = manager_a_client.post(
        url("rerun", states.pk),
        {
            "size_star_top_percent": "0",
            "specialisation_star_lq": "2",
            "focus_star_top_percent": "10",
        },
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["size_star_top_percent"]
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_a_client.post(
            url("rerun", states.pk),
            {
                "size_star_top_percent": "50",
                "specialisation_star_lq": "2",
                "focus_star_top_percent": "10",
            },
        )
    assert response.status_code == 302 and response.url == url("dataset", states.pk)
    states.refresh_from_db()
    assert states.status == DatasetStatus.DONE
    assert states.parameters == {"size_star_top_share": 0.5}


def test_a_failed_mapping_says_so_and_can_be_tried_again(
    states, manager_a_client, django_capture_on_commit_callbacks
):
    MappingDataset.objects.filter(pk=states.pk).update(
        status=DatasetStatus.FAILED, failure="OSError: disk full"
    )
    page = text_of(manager_a_client.get(url("dataset", states.pk)))
    assert "The mapping stopped on an unexpected error" in page
    assert "OSError: disk full" in page and "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        manager_a_client.post(url("rerun", states.pk))
    states.refresh_from_db()
    assert states.status == DatasetStatus.DONE and states.failure == ""


def test_a_manager_deletes_a_dataset_after_confirming(states, manager_a_client):
    confirm = text_of(manager_a_client.get(url("delete", states.pk)))
    assert "Its files and its results are deleted with it." in confirm
    response = manager_a_client.post(url("delete", states.pk))
    assert response.status_code == 302 and response.url == url("index")
    assert not MappingDataset.objects.filter(pk=states.pk).exists()


def test_the_uploaded_files_can_be_downloaded_again(states, manager_a_client):
    response = manager_a_client.get(url("input_file", states.pk, "regions"))
    assert b"".join(response.streaming_content) == samples.us_states_2016().regions.content
    assert manager_a_client.get(url("input_file", states.pk, "other")).status_code == 404


# --------------------------------------------------------------------------- who sees what


def every_address(dataset: MappingDataset, slug: str = "tfc") -> list[str]:
    pk = dataset.pk
    return [
        url("index", slug=slug),
        url("new", slug=slug),
        url("sample_file", "counties", "figures", slug=slug),
        url("sample_map", "counties", slug=slug),
        url("dataset", pk, slug=slug),
        url("progress", pk, slug=slug),
        url("rerun", pk, slug=slug),
        url("delete", pk, slug=slug),
        url("region", pk, "26", slug=slug),
        url("cluster", pk, "4", slug=slug),
        url("stars", pk, slug=slug),
        url("export", pk, "clusters", "csv", slug=slug),
        url("export", pk, "regions", "xlsx", slug=slug),
        url("input_file", pk, "figures", slug=slug),
    ]


def test_another_clusters_manager_gets_404_on_every_page_of_a_real_dataset(
    states, manager_b_client
):
    for address in every_address(states) + every_address(states, slug="isim")[4:]:
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(address)
            assert response.status_code == 404, (method, address, response.status_code)
    assert MappingDataset.objects.filter(pk=states.pk).exists()


def test_a_board_viewer_reads_the_results_but_cannot_upload_or_change(states, personas):
    board = personas.client_for(personas.board_a)
    index = text_of(board.get(url("index")))
    assert states.name in index and "New mapping" not in index
    page = text_of(board.get(url("dataset", states.pk)))
    assert "Michigan" in page
    assert url("delete", states.pk) not in page and "Map again" not in page
    for address in (url("region", states.pk, "26"), url("cluster", states.pk, "4")):
        assert board.get(address).status_code == 200
    assert board.get(url("export", states.pk, "clusters", "csv")).status_code == 200
    assert board.get(url("new")).status_code == 403
    assert board.post(url("rerun", states.pk)).status_code == 403
    assert board.post(url("delete", states.pk)).status_code == 403
    assert board.post(url("sample_map", "counties")).status_code == 403
    assert MappingDataset.objects.count() == 1


def test_a_member_representative_may_not_see_the_mapping(states, personas):
    member = personas.client_for(personas.member_a)
    for address in (url("index"), url("dataset", states.pk), url("region", states.pk, "26")):
        assert member.get(address).status_code == 403, address


def test_the_menu_leads_to_the_cluster_map(states, manager_a_client):
    page = text_of(manager_a_client.get(url("dataset", states.pk)))
    assert f'<a href="{url("index")}" aria-current="page">Cluster map</a>' in page
