"""The matchmaking pages: who sees what, what crosses to another cluster (only a visible
profile's allowed fields), bad input in plain words, and bounded queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clusterdesk.testing.factories import ContactFactory, OrganisationFactory

from ..models import FollowUpStage, Listing, Match, MatchProfile
from .factories import ListingFactory, MatchFactory, MatchProfileFactory
from .helpers import community

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def tfidf(settings):
    settings.MATCHMAKING_ENGINE = "tfidf"


def url(name: str, personas, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"matchmaking:{name}", args=[personas.cluster_a.slug, *args])


def pages(personas, found, listing, match) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    organisation = found.welder.pk
    return [
        ("get", url("home", personas)),
        ("get", url("profiles", personas)),
        ("get", url("profile", personas, organisation)),
        ("get", url("profile_edit", personas, organisation)),
        ("post", url("profile_edit", personas, organisation)),
        ("get", url("listing_new", personas, organisation)),
        ("post", url("listing_new", personas, organisation)),
        ("get", url("listing_edit", personas, listing.pk)),
        ("post", url("listing_withdraw", personas, listing.pk)),
        ("get", url("recommendations", personas, organisation)),
        ("get", url("listing_recommendations", personas, listing.pk)),
        ("post", url("follow_up", personas, organisation)),
        ("get", url("matches", personas)),
        ("get", url("match", personas, match.pk)),
        ("post", url("match", personas, match.pk)),
    ]


def test_another_clusters_manager_gets_404_on_every_page(personas, manager_b_client):
    found = community(personas)
    listing = found.welder.match_profile.listings.get()
    match = MatchFactory(organisation=found.welder, partner=found.laser)
    for method, address in pages(personas, found, listing, match):
        response = getattr(manager_b_client, method)(address)
        assert response.status_code == 404, (method, address)
    assert Match.objects.count() == 1 and listing.withdrawn_on is None


def test_a_member_representative_gets_404_for_another_participant(personas):
    found = community(personas)
    member = personas.client_for(personas.member_a)
    listing = found.laser.match_profile.listings.get()
    match = MatchFactory(organisation=found.laser, partner=found.lab)
    for address in (
        url("profile", personas, found.laser.pk),
        url("profile_edit", personas, found.laser.pk),
        url("recommendations", personas, found.laser.pk),
        url("listing_edit", personas, listing.pk),
        url("listing_recommendations", personas, listing.pk),
        url("match", personas, match.pk),
    ):
        assert member.get(address).status_code == 404, address
    assert member.post(url("listing_withdraw", personas, listing.pk)).status_code == 404
    # their own organisation's pages are theirs
    for address in (
        url("home", personas),
        url("profile", personas, found.welder.pk),
        url("profile_edit", personas, found.welder.pk),
        url("recommendations", personas, found.welder.pk),
    ):
        assert member.get(address, **EN).status_code == 200, address
    # the list of every profile is the team's: a role that may not see it gets 403
    assert member.get(url("profiles", personas)).status_code == 403


def test_the_board_reads_but_does_not_edit(personas):
    found = community(personas)
    board = personas.client_for(personas.board_a)
    assert board.get(url("profile", personas, found.welder.pk)).status_code == 200
    assert board.get(url("recommendations", personas, found.welder.pk)).status_code == 200
    assert board.get(url("profile_edit", personas, found.welder.pk)).status_code == 403
    assert (
        board.post(
            url("follow_up", personas, found.welder.pk), {"partner": found.laser.pk}
        ).status_code
        == 403
    )


def test_a_profile_not_made_visible_never_appears_to_another_cluster(personas, manager_a_client):
    found = community(personas)
    ContactFactory(organisation=found.shown, cluster=found.shown.cluster, email="ceo@acik.example")

    response = manager_a_client.get(
        url("recommendations", personas, found.welder.pk), {"other_clusters": "on"}, **EN
    )

    page = response.content.decode()
    assert "Gizli Lazer" not in page
    assert "Açık Lazer" in page
    assert personas.cluster_b.name in page  # the partner's cluster is named
    assert "ceo@acik.example" not in page  # nothing but the profile crosses
    assert f"/participants/{found.shown.pk}/" not in page  # no link to a page of it
    suggestion = next(item for item in response.context["rows"] if item[0].partner == found.shown)[
        0
    ]
    assert suggestion.other_cluster


def test_without_the_opt_in_only_the_own_cluster_is_recommended(personas, manager_a_client):
    found = community(personas)
    response = manager_a_client.get(url("recommendations", personas, found.welder.pk), **EN)
    partners = {item.partner for item, _match in response.context["rows"]}
    assert partners and all(partner.cluster == personas.cluster_a for partner in partners)


def test_a_profile_made_invisible_leaves_the_recommendations_at_once(personas, manager_a_client):
    found = community(personas)
    manager_a_client.get(
        url("recommendations", personas, found.welder.pk), {"other_clusters": "on"}
    )
    # hidden behind the services' back: the page must not trust the index alone
    MatchProfile.objects.filter(pk=found.shown_profile.pk).update(visible_to_other_clusters=False)

    response = manager_a_client.get(
        url("recommendations", personas, found.welder.pk), {"other_clusters": "on"}, **EN
    )

    assert "Açık Lazer" not in response.content.decode()


def test_recommendations_say_why_in_the_readers_language(personas, manager_a_client):
    found = community(personas)
    response = manager_a_client.get(url("recommendations", personas, found.welder.pk), **EN)
    first, _match = response.context["rows"][0]
    assert first.partner == found.laser
    assert any("meets the technology request" in sentence for sentence in first.reasons)


def test_following_up_records_the_match_and_its_steps(personas, manager_a_client):
    found = community(personas)
    response = manager_a_client.post(
        url("follow_up", personas, found.welder.pk), {"partner": found.laser.pk}
    )
    match = Match.objects.get()
    assert response.url == url("match", personas, match.pk)
    assert match.reasons and match.created_by == personas.manager_a

    today = timezone.localdate()
    response = manager_a_client.post(
        url("match", personas, match.pk),
        {"stage": FollowUpStage.MET, "date": (today + timedelta(days=3)).isoformat()},
        **EN,
    )
    assert response.status_code == 200
    assert "The date is in the future" in response.content.decode()

    manager_a_client.post(
        url("match", personas, match.pk),
        {"stage": FollowUpStage.AGREEMENT, "date": today.isoformat(), "note": "Signed an NDA"},
    )
    match.refresh_from_db()
    assert match.stage == FollowUpStage.AGREEMENT
    page = manager_a_client.get(url("matches", personas), {"stage": "agreement"}, **EN)
    assert list(page.context["page_obj"]) == [match]


def test_following_up_oneself_is_refused_in_plain_words(personas, manager_a_client):
    found = community(personas)
    response = manager_a_client.post(
        url("follow_up", personas, found.welder.pk), {"partner": found.welder.pk}, follow=True, **EN
    )
    assert "cannot be followed up with itself" in response.content.decode()
    assert not Match.objects.exists()


def test_an_offer_without_a_title_is_refused_in_plain_words(personas):
    member = personas.client_for(personas.member_a)
    response = member.post(
        url("listing_new", personas, personas.member_organisation_a.pk),
        {"kind": "business_offer", "title": ""},
        **EN,
    )
    assert "Give the offer or request a title." in response.content.decode()
    assert not Listing.objects.exists()


def test_a_member_adds_an_offer_and_withdraws_it_which_keeps_it_as_history(personas):
    member = personas.client_for(personas.member_a)
    organisation = personas.member_organisation_a
    member.post(
        url("profile_edit", personas, organisation.pk),
        {
            "competences": "woollens\nrecycled wool",
            "languages": "it, en",
            "value_chain_position": "components",
        },
    )
    member.post(
        url("listing_new", personas, organisation.pk),
        {"kind": "business_offer", "title": "Recycled wool fabrics"},
    )
    listing = Listing.objects.get()
    member.post(url("listing_withdraw", personas, listing.pk))

    page = member.get(url("profile", personas, organisation.pk), **EN)

    assert page.context["listings"].history == [listing]
    assert "withdrawn on" in page.content.decode()
    organisation.refresh_from_db()
    assert organisation.value_chain_position == "components"
    assert organisation.match_profile.competences == ["woollens", "recycled wool"]


def test_the_home_page_shows_the_teams_figures_and_the_members_own(personas, manager_a_client):
    found = community(personas)
    OrganisationFactory(cluster=personas.cluster_a, name="Senza Profilo")
    MatchFactory(organisation=found.welder, partner=found.laser, stage=FollowUpStage.MET)

    page = manager_a_client.get(url("home", personas), **EN).content.decode()
    assert "Senza Profilo" in page and "<svg" in page and "Recommendation index" in page

    member = personas.client_for(personas.member_a)
    response = member.get(url("home", personas), **EN)
    assert response.context["organisation"] == found.welder
    assert response.context["suggestions"][0].partner == found.laser


def test_the_recommendations_page_needs_few_queries_for_many_profiles(
    personas, manager_a_client, django_assert_max_num_queries
):
    found = community(personas)
    for number in range(40):
        profile = MatchProfileFactory(
            organisation__cluster=personas.cluster_a, summary=f"Laser welding of frames {number}"
        )
        ListingFactory(profile=profile, title=f"Laser welding offer {number}")
    address = url("recommendations", personas, found.welder.pk)
    manager_a_client.get(address)  # the index is built on the first visit
    with django_assert_max_num_queries(20):
        response = manager_a_client.get(address, {"other_clusters": "on"})
    assert len(response.context["rows"]) == 15


def test_an_anonymous_visitor_is_not_shown_anything(personas):
    found = community(personas)
    response = Client().get(url("recommendations", personas, found.welder.pk))
    assert response.status_code in (302, 404)


def test_the_list_of_profiles_counts_active_offers_and_finds_those_without_a_profile(
    personas, manager_a_client
):
    found = community(personas)
    ListingFactory(
        profile=found.laser.match_profile, withdrawn_on=timezone.localdate() - timedelta(days=1)
    )
    OrganisationFactory(cluster=personas.cluster_a, name="Senza Profilo")

    rows = {
        row.name: row for row in manager_a_client.get(url("profiles", personas)).context["page_obj"]
    }
    assert rows["Beta Laser"].active_listings == 1
    without = manager_a_client.get(url("profiles", personas), {"without": "1"})
    assert [row.name for row in without.context["page_obj"]] == ["Senza Profilo"]


def test_a_member_is_told_when_the_first_recommendations_are_still_being_prepared(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    from .. import index_store

    community(personas)
    monkeypatch.setattr(index_store, "SYNCHRONOUS_LIMITS", {"tfidf": 0, "semantic": 0})
    client = personas.client_for(personas.member_a)
    home = reverse("matchmaking:home", args=["tfc"])

    with django_capture_on_commit_callbacks(execute=False) as queued:
        waiting = client.get(home, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "being prepared for the first time" in waiting and len(queued) == 1

    queued[0]()  # the worker builds the index
    ready = client.get(home, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "being prepared" not in ready and 'data-testid="suggestion"' in ready
