"""The matchmaking API: the same rules as the pages, tenancy and roles on every endpoint, and
nothing of another cluster's participant but a visible profile's allowed fields."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.testing.factories import ContactFactory

from ..models import Listing, Match, MatchProfile
from .factories import MatchFactory, MatchOutcomeFactory
from .helpers import community

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def tfidf(settings):
    settings.MATCHMAKING_ENGINE = "tfidf"


def api(path: str, slug: str = "tfc") -> str:
    return f"/api/v1/c/{slug}/matchmaking/{path}"


def endpoints(found, listing, match) -> list[tuple[str, str, dict]]:  # type: ignore[no-untyped-def]
    organisation = found.welder.pk
    return [
        ("get", api("profiles/"), {}),
        ("get", api(f"profiles/{organisation}/"), {}),
        ("patch", api(f"profiles/{organisation}/"), {"summary": "x"}),
        ("put", api(f"profiles/{organisation}/"), {"summary": "x"}),
        ("get", api("listings/"), {}),
        (
            "post",
            api("listings/"),
            {"organisation": organisation, "kind": "business_offer", "title": "x"},
        ),
        ("get", api(f"listings/{listing.pk}/"), {}),
        ("patch", api(f"listings/{listing.pk}/"), {"title": "x"}),
        ("post", api(f"listings/{listing.pk}/withdraw/"), {}),
        ("get", api(f"organisations/{organisation}/recommendations/"), {}),
        ("get", api(f"listings/{listing.pk}/recommendations/"), {}),
        ("get", api("matches/"), {}),
        ("post", api("matches/"), {"organisation": organisation, "partner": found.laser.pk}),
        ("get", api(f"matches/{match.pk}/"), {}),
        ("get", api(f"matches/{match.pk}/outcomes/"), {}),
        ("post", api(f"matches/{match.pk}/outcomes/"), {"stage": "met", "date": TODAY.isoformat()}),
    ]


def test_another_clusters_manager_gets_404_on_every_endpoint(personas):
    found = community(personas)
    listing = found.welder.match_profile.listings.get()
    match = MatchFactory(organisation=found.welder, partner=found.lab)
    client = token_client(personas.manager_b)
    for method, address, body in endpoints(found, listing, match):
        response = getattr(client, method)(address, body, format="json")
        assert_error(response, 404)
    assert Match.objects.count() == 1 and Listing.objects.filter(title="x").count() == 0


def test_the_board_reads_and_may_not_write(personas):
    found = community(personas)
    listing = found.welder.match_profile.listings.get()
    match = MatchFactory(organisation=found.welder, partner=found.lab)
    client = token_client(personas.board_a)
    for method, address, body in endpoints(found, listing, match):
        response = getattr(client, method)(address, body, format="json")
        if method == "get":
            assert response.status_code == 200, address
        else:
            assert_error(response, 403)


def test_a_member_representative_sees_and_writes_their_own_organisation_only(personas):
    found = community(personas)
    client = token_client(personas.member_a)
    profiles = client.get(api("profiles/")).json()["results"]
    assert [row["organisation"] for row in profiles] == [found.welder.pk]
    assert_error(client.get(api(f"profiles/{found.laser.pk}/")), 404)
    assert_error(
        client.patch(api(f"profiles/{found.laser.pk}/"), {"summary": "x"}, format="json"), 404
    )
    assert_error(client.get(api(f"organisations/{found.laser.pk}/recommendations/")), 404)
    laser_listing = found.laser.match_profile.listings.get()
    assert_error(client.get(api(f"listings/{laser_listing.pk}/")), 404)
    assert_error(
        client.post(
            api("listings/"),
            {"organisation": found.laser.pk, "kind": "business_offer", "title": "Theirs"},
            format="json",
        ),
        404,
    )
    response = client.post(
        api("listings/"),
        {"organisation": found.welder.pk, "kind": "business_offer", "title": "Wool fabrics"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["active"] is True


def test_a_profile_is_made_on_first_update_with_the_registrys_value_chain_position(personas):
    organisation = personas.member_organisation_a
    client = token_client(personas.manager_a)
    assert_error(client.get(api(f"profiles/{organisation.pk}/")), 404)

    response = client.put(
        api(f"profiles/{organisation.pk}/"),
        {"competences": ["woollens"], "languages": ["it"], "value_chain_position": "components"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["value_chain_position"] == "components"
    organisation.refresh_from_db()
    assert organisation.value_chain_position == "components"
    assert MatchProfile.objects.get().competences == ["woollens"]
    bad = client.patch(
        api(f"profiles/{organisation.pk}/"), {"languages": ["Italian"]}, format="json", **EN
    )
    assert "not a two-letter language code" in assert_error(bad, 400)["message"]


def test_bad_offers_are_refused_in_plain_words(personas):
    client = token_client(personas.manager_a)
    organisation = personas.member_organisation_a.pk
    empty = client.post(
        api("listings/"),
        {"organisation": organisation, "kind": "business_offer", "title": ""},
        format="json",
        **EN,
    )
    assert assert_error(empty, 400)["fields"] == {"title": ["Give the offer or request a title."]}
    past = client.post(
        api("listings/"),
        {
            "organisation": organisation,
            "kind": "business_offer",
            "title": "Fabrics",
            "expires_on": (TODAY - timedelta(days=2)).isoformat(),
        },
        format="json",
        **EN,
    )
    assert "expiry date is in the past" in assert_error(past, 400)["message"]
    unknown = client.post(
        api("listings/"),
        {"organisation": organisation, "kind": "barter", "title": "Fabrics"},
        format="json",
    )
    assert "kind" in assert_error(unknown, 400)["fields"]


def test_withdrawing_an_offer_keeps_it_listed_as_inactive(personas):
    found = community(personas)
    listing = found.laser.match_profile.listings.get()
    client = token_client(personas.manager_a)
    response = client.post(api(f"listings/{listing.pk}/withdraw/"))
    assert (
        response.json()["active"] is False and response.json()["withdrawn_on"] == TODAY.isoformat()
    )
    assert_error(client.post(api(f"listings/{listing.pk}/withdraw/"), **EN), 400)


def test_recommendations_show_a_visible_profile_of_another_cluster_and_never_a_hidden_one(personas):
    found = community(personas)
    ContactFactory(organisation=found.shown, cluster=found.shown.cluster)
    client = token_client(personas.manager_a)

    response = client.get(
        api(f"organisations/{found.welder.pk}/recommendations/"), {"other_clusters": "true"}, **EN
    )

    rows = response.json()
    partners = {row["partner"] for row in rows}
    assert found.hidden.pk not in partners and found.shown.pk in partners
    shown = next(row for row in rows if row["partner"] == found.shown.pk)
    assert set(shown) == {
        "partner",
        "name",
        "category",
        "country",
        "cluster",
        "other_cluster",
        "score",
        "reasons",
        "listing_id",
        "partner_listing_id",
    }
    assert shown["cluster"] == personas.cluster_b.name and shown["other_cluster"] is True
    assert shown["reasons"] and all(isinstance(text, str) for text in shown["reasons"])
    own = client.get(
        api(f"organisations/{found.welder.pk}/recommendations/"), {"mode": "b2b"}
    ).json()
    assert {row["partner"] for row in own} == {found.laser.pk}
    assert_error(
        client.get(api(f"organisations/{found.welder.pk}/recommendations/"), {"mode": "x2b"}), 400
    )


def test_an_offer_or_request_gets_its_partners_and_never_a_hidden_profile(personas):
    found = community(personas)
    request = Listing.objects.get(profile__organisation=found.welder)
    client = token_client(personas.manager_a)

    rows = client.get(
        api(f"listings/{request.pk}/recommendations/"), {"other_clusters": "true"}, **EN
    ).json()

    partners = {row["partner"] for row in rows}
    assert found.shown.pk in partners and found.hidden.pk not in partners
    assert all(row["reasons"] for row in rows)
    member = token_client(personas.member_a)  # the welder's own representative
    assert member.get(api(f"listings/{request.pk}/recommendations/")).status_code == 200
    laser_offer = Listing.objects.get(profile__organisation=found.laser)
    assert member.get(api(f"listings/{laser_offer.pk}/recommendations/")).status_code == 404


def test_matches_and_their_steps_are_listed_and_recorded(personas):
    found = community(personas)
    client = token_client(personas.manager_a)
    response = client.post(
        api("matches/"), {"organisation": found.welder.pk, "partner": found.shown.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    match = response.json()
    assert match["partner_name"] == "Açık Lazer" and match["reasons"] and match["score"] > 0

    future = client.post(
        api(f"matches/{match['id']}/outcomes/"),
        {"stage": "met", "date": (TODAY + timedelta(days=1)).isoformat()},
        format="json",
        **EN,
    )
    assert "The date is in the future" in assert_error(future, 400)["message"]
    step = client.post(
        api(f"matches/{match['id']}/outcomes/"),
        {"stage": "met", "date": TODAY.isoformat()},
        format="json",
    )
    assert step.status_code == 201
    assert client.get(api(f"matches/{match['id']}/")).json()["stage"] == "met"
    assert [
        row["id"] for row in client.get(api("matches/"), {"stage": "met"}).json()["results"]
    ] == [match["id"]]
    oneself = client.post(
        api("matches/"),
        {"organisation": found.welder.pk, "partner": found.welder.pk},
        format="json",
        **EN,
    )
    assert "cannot be followed up with itself" in assert_error(oneself, 400)["message"]
    hidden = client.post(
        api("matches/"),
        {"organisation": found.welder.pk, "partner": found.hidden.pk},
        format="json",
        **EN,
    )
    assert assert_error(hidden, 400)["fields"] == {
        "partner": ["Choose a partner among the recommendations."]
    }


def test_a_partner_no_longer_visible_is_not_named_in_the_match(personas):
    found = community(personas)
    match = MatchFactory(organisation=found.welder, partner=found.shown)
    MatchOutcomeFactory(match=match)
    MatchProfile.objects.filter(pk=found.shown_profile.pk).update(visible_to_other_clusters=False)
    body = token_client(personas.manager_a).get(api(f"matches/{match.pk}/"), **EN).json()
    assert body["partner_name"] == f"a participant of {personas.cluster_b.name}"
