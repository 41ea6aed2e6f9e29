"""The mapping API's result rows: filtered, paged, with links, in the documented shapes."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import polars as pl
import pytest
from rest_framework.test import APIClient

from clusterdesk.api.tests.support import assert_error
from clusterdesk.mapping.api.serializers import (
    MappingClusterRowSerializer,
    MappingRegionRowSerializer,
)
from clusterdesk.mapping.engine import CLUSTER_COLUMNS, REGION_COLUMNS
from clusterdesk.mapping.models import MappingDataset, ResultTable
from clusterdesk.mapping.queries import result_scan

from .support import api

pytestmark = pytest.mark.django_db


def test_a_regional_clusters_row_is_the_stored_result(
    manager_api: APIClient, us_states: MappingDataset
) -> None:
    body = manager_api.get(
        api(f"{us_states.pk}/clusters/"),
        {"year": 2016, "region_code": "26", "cluster_code": "4"},
    ).json()

    expected = (
        result_scan(us_states)
        .filter((pl.col("region_code") == "26") & (pl.col("cluster_code") == "4"))
        .collect()
        .to_dicts()
    )
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    assert body["results"] == expected
    michigan_automotive = body["results"][0]
    assert michigan_automotive["region_name"] == "Michigan"
    assert michigan_automotive["strong"] is True
    assert list(michigan_automotive) == CLUSTER_COLUMNS


def test_strong_true_gives_only_the_strong_regional_clusters(
    manager_api: APIClient, us_states: MappingDataset
) -> None:
    url = api(f"{us_states.pk}/clusters/")
    strong = result_scan(us_states).filter(pl.col("strong")).collect()
    not_strong = result_scan(us_states).filter(~pl.col("strong")).collect()

    first = manager_api.get(url, {"strong": "true", "region_type": "state", "page_size": 1000})
    second = manager_api.get(url, {"strong": "false", "page_size": 1})

    assert first.json()["count"] == strong.height > 0
    assert first.json()["results"] == strong.to_dicts()[:1000]
    assert second.json()["count"] == not_strong.height


def link(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.netloc == "testserver"
    return parts.path, parse_qs(parts.query)


def test_result_rows_come_page_by_page_with_links(
    manager_api: APIClient, us_states: MappingDataset
) -> None:
    url = api(f"{us_states.pk}/clusters/")
    everything = result_scan(us_states).filter(pl.col("region_code") == "06").collect()

    body = manager_api.get(url, {"region_code": "06", "page": 2, "page_size": 20}).json()

    assert body["count"] == 67
    assert body["results"] == everything.slice(20, 20).to_dicts()
    assert link(body["next"]) == (url, {"region_code": ["06"], "page": ["3"], "page_size": ["20"]})
    assert link(body["previous"]) == (
        url,
        {"region_code": ["06"], "page": ["1"], "page_size": ["20"]},
    )
    last = manager_api.get(url, {"region_code": "06", "page": 4, "page_size": 20}).json()
    assert len(last["results"]) == 7
    assert last["next"] is None
    default = manager_api.get(url).json()
    assert (default["count"], len(default["results"])) == (51 * 67, 100)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page_size": 1001}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"year": "last"}, "year"),
        ({"strong": "perhaps"}, "strong"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(
    manager_api: APIClient, us_states: MappingDataset, query: dict[str, Any], field: str
) -> None:
    error = assert_error(manager_api.get(api(f"{us_states.pk}/clusters/"), query), 400, "invalid")

    assert list(error["fields"]) == [field]


def test_a_page_past_the_last_is_a_404(manager_api: APIClient, us_states: MappingDataset) -> None:
    response = manager_api.get(api(f"{us_states.pk}/clusters/"), {"page": 99, "page_size": 1000})

    error = assert_error(response, 404, "not_found")
    assert error["message"] == "There is no page 99 of these rows."


def test_filters_that_match_nothing_give_an_empty_first_page(
    manager_api: APIClient, us_states: MappingDataset
) -> None:
    body = manager_api.get(api(f"{us_states.pk}/clusters/"), {"year": 1999}).json()

    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_region_rows_give_totals_and_cluster_strength_by_type_and_year(
    manager_api: APIClient, counties: MappingDataset
) -> None:
    body = manager_api.get(
        api(f"{counties.pk}/regions/"), {"region_type": "county", "year": 2016}
    ).json()

    expected = (
        result_scan(counties, ResultTable.REGIONS)
        .filter((pl.col("region_type") == "county") & (pl.col("year") == 2016))
        .collect()
    )
    assert body["count"] == 5
    assert body["results"] == expected.to_dicts()
    assert [row["region_code"] for row in body["results"]] == [
        "06001",
        "06003",
        "06005",
        "41001",
        "41003",
    ]
    assert list(body["results"][0]) == REGION_COLUMNS
    metro = manager_api.get(api(f"{counties.pk}/regions/"), {"region_code": "M100"}).json()
    assert [(row["year"], row["source"]) for row in metro["results"]] == [
        (2015, "aggregated"),
        (2016, "aggregated"),
    ]


def test_the_documented_row_shapes_name_every_column_of_the_results() -> None:
    assert list(MappingClusterRowSerializer().fields) == CLUSTER_COLUMNS
    assert list(MappingRegionRowSerializer().fields) == REGION_COLUMNS
