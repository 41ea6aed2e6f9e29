"""The success stories' export: each story, its participants and the guide's four points."""

from datetime import date

import pytest
from django.utils import timezone

from clusterdesk.testing.factories import OrganisationFactory

from .export_helpers import FORMATS, query_count, tables
from .organisation_helpers import SuccessStoryFactory, url

pytestmark = pytest.mark.django_db
HEADERS = [
    "Title",
    "Published on",
    "Participants",
    "Complete",
    "Complexity",
    "Impact on most participants",
    "Objectives achieved",
    "Contribution to sustainability",
]


@pytest.fixture
def stories(personas):
    cluster = personas.cluster_a
    lanificio = personas.member_organisation_a
    ateneo = OrganisationFactory(cluster=cluster, name="Ateneo di Prato")
    SuccessStoryFactory(
        cluster=cluster,
        title="Recycled wool yarn",
        published_on=date(2025, 11, 3),
        participants=[lanificio, ateneo],
    )
    SuccessStoryFactory(
        cluster=cluster,
        title="Shared dye house",
        published_on=None,
        complexity="",
        participants=[],
    )
    SuccessStoryFactory(cluster=cluster, title="Older story", published_on=date(2023, 2, 1))
    SuccessStoryFactory(cluster=personas.cluster_b, title="Hydraulic hoses")


def test_it_lists_every_story_drafts_first(manager_a_client, stories):
    table = tables(
        manager_a_client, lambda file_format: url("recognition_stories_export", file_format)
    )
    points = [
        "Three labs, eight firms, two years.",
        "Most spinners now buy the recycled fibre.",
        "The circular-textile objective of the strategy is met.",
        "The pilot line is now a paid service.",
    ]
    assert table == [
        HEADERS,
        ["Shared dye house", "", "", "no", "", *points[1:]],
        ["Recycled wool yarn", "2025-11-03", "Ateneo di Prato; Lanificio Rossi", "yes", *points],
        ["Older story", "2023-02-01", "", "yes", *points],
    ]


def test_the_file_is_named_after_the_cluster_and_the_stories(manager_a_client, stories):
    response = manager_a_client.get(url("recognition_stories_export", "xlsx"))
    today = timezone.localdate().isoformat()
    assert f'filename="tfc-success-stories-{today}.xlsx"' in response["Content-Disposition"]


def test_the_board_downloads_it_and_a_member_representative_does_not(personas, stories):
    board = personas.client_for(personas.board_a)
    member = personas.client_for(personas.member_a)
    for file_format in FORMATS:
        assert board.get(url("recognition_stories_export", file_format)).status_code == 200
        assert member.get(url("recognition_stories_export", file_format)).status_code == 403


def test_another_clusters_manager_gets_404(manager_b_client, stories):
    for file_format in FORMATS:
        address = url("recognition_stories_export", file_format)
        assert manager_b_client.get(address).status_code == 404


def test_a_format_other_than_csv_or_xlsx_is_not_found(manager_a_client, stories):
    for file_format in ("pdf", "xls", "json"):
        address = url("recognition_stories_export", file_format)
        assert manager_a_client.get(address).status_code == 404


def test_the_story_list_offers_both_downloads(personas, stories):
    html = personas.client_for(personas.board_a).get(url("recognition_stories")).content.decode()
    assert url("recognition_stories_export", "xlsx") in html
    assert url("recognition_stories_export", "csv") in html


def test_it_takes_as_many_queries_for_thirty_stories_as_for_three(personas, manager_a_client):
    cluster = personas.cluster_a
    address = url("recognition_stories_export", "csv")

    def add(count):
        for _index in range(count):
            SuccessStoryFactory(
                cluster=cluster,
                published_on=date(2025, 1, 1),
                participants=OrganisationFactory.create_batch(2, cluster=cluster),
            )

    add(3)
    few = query_count(manager_a_client, address)
    add(27)
    assert query_count(manager_a_client, address) == few
