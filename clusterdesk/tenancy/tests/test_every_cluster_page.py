"""A guard over the whole product: every page under /c/<slug>/ answers 404 to a person who is
not part of that cluster, whatever the method and whatever the ids in the address. Each area
also tests its own pages with real records (ids of cluster A through cluster B's address)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAMPLE_VALUES = {
    "int": "1",
    "str": "csv",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _cluster_routes() -> list[str]:
    """Every route below c/<slug:cluster_slug>/, as a path with sample values."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            pattern = entry.pattern
            text = str(pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + text)
            elif isinstance(entry, URLPattern):
                routes.append(prefix + text)

    walk(get_resolver().url_patterns, "")
    return [route for route in routes if route.startswith("c/<slug:cluster_slug>/")]


def _fill(route: str, slug: str) -> str:
    import re

    path = route.replace("<slug:cluster_slug>", slug)
    return "/" + re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), path
    )


def test_the_guard_sees_every_area():
    routes = _cluster_routes()
    for area in (
        "participants/",
        "engagement/contacts/",
        "engagement/activities/",
        "engagement/team/",
        "engagement/governance/",
        "engagement/finance/",
        "engagement/strategy/",
        "engagement/recognition/",
        "team/",
        "audit/",
        "mapping/",
        "services/",
        "surveys/",
    ):
        assert any(route.startswith(f"c/<slug:cluster_slug>/{area}") for route in routes), area
    assert len(routes) > 100


def test_another_clusters_manager_gets_404_on_every_cluster_page(personas, manager_b_client):
    for route in _cluster_routes():
        url = _fill(route, personas.cluster_a.slug)
        for method in ("get", "post"):
            response = getattr(manager_b_client, method)(url)
            assert response.status_code == 404, (method, url, response.status_code)


def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_cluster_page(personas, client):
    for route in _cluster_routes():
        url = _fill(route, personas.cluster_a.slug)
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
