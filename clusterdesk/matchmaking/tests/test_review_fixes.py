"""What a review found: a profile that stops being visible leaves every cluster's stored index
(not only its own cluster's), and nothing of it shows on another cluster's pages afterwards;
a follow-up recorded by a cluster about a participant who does not share its profile does not
cross to the other side's history; a follow-up names only active offers and requests."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from clusterdesk.api.tests.support import assert_error, token_client
from clusterdesk.lib.errors import DomainError
from clusterdesk.tenancy.models import Membership
from clusterdesk.testing.factories import ClusterFactory

from .. import index_store, services, tasks
from ..models import FollowUpStage, Listing, MatchIndexState, MatchProfile
from ..recommendations import recommendations_for_organisation
from .factories import MatchFactory, MatchOutcomeFactory, MatchProfileFactory
from .helpers import community

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate()
HIDDEN_REASONS = (
    "The reasons are hidden: this partner no longer shares its profile with other clusters."
)
CARD = Template("{% load matchmaking_history %}{% participant_matches organisation %}")


@pytest.fixture(autouse=True)
def tfidf(settings):
    settings.MATCHMAKING_ENGINE = "tfidf"


def indexed_ids(state: MatchIndexState) -> set[int]:
    return {profile.id for profile in index_store.index_load(state.folder).profiles}


def hide(profile: MatchProfile) -> None:
    """The profile stops being visible without the service (as if its rebuilds were lost)."""
    MatchProfile.objects.filter(pk=profile.pk).update(visible_to_other_clusters=False)


def render_card(user, cluster, organisation) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    request.cluster = cluster
    request.membership = Membership.objects.get(user=user, cluster=cluster)
    with override("en"):
        return CARD.render(Context({"request": request, "organisation": organisation}))


# --------------------------------------------------------------------------- 1. the index


def test_hiding_a_visible_profile_rebuilds_every_clusters_index_without_it(
    personas, django_capture_on_commit_callbacks
):
    found = community(personas)
    third = ClusterFactory(name="Third Cluster", slug="third")
    MatchProfileFactory(organisation__cluster=third)
    old_a = index_store.index_build(cluster=personas.cluster_a)
    index_store.index_build(cluster=personas.cluster_b)
    old_third = index_store.index_build(cluster=third)
    assert found.shown.pk in indexed_ids(old_a) and found.shown.pk in indexed_ids(old_third)

    with django_capture_on_commit_callbacks(execute=True):
        services.profile_save(
            organisation=found.shown,
            actor=personas.manager_b,
            data={"visible_to_other_clusters": False},
        )

    for cluster in (personas.cluster_a, third):
        state = MatchIndexState.objects.get(cluster=cluster)
        assert not state.stale
        assert found.shown.pk not in indexed_ids(state)
    # the old folders, which held the hidden profile's texts, are gone
    assert not Path(old_a.folder).exists() and not Path(old_third.folder).exists()


def test_one_rebuild_is_queued_per_cluster_with_an_index(
    personas, django_capture_on_commit_callbacks, monkeypatch
):
    found = community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    index_store.index_build(cluster=personas.cluster_b)
    queued: list[int] = []
    monkeypatch.setattr(tasks, "match_index_build_task", SimpleNamespace(enqueue=queued.append))

    with django_capture_on_commit_callbacks(execute=True):
        index_store.index_mark_stale(found.shown.cluster_id, everywhere=True)

    assert sorted(queued) == sorted([personas.cluster_a.pk, personas.cluster_b.pk])


def test_an_older_index_never_offers_a_profile_that_is_no_longer_visible(personas, monkeypatch):
    found = community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    hide(found.shown_profile)
    index_store.index_mark_stale(personas.cluster_a)
    monkeypatch.setitem(index_store.SYNCHRONOUS_LIMITS, "tfidf", 0)  # "large": not rebuilt here

    answer = index_store.index_for(personas.cluster_a)

    assert answer.refreshing and found.shown.pk in answer.index.row_of
    assert answer.withheld == {found.shown.pk}
    assert found.shown.pk not in answer.allowed(None)
    assert answer.allowed({found.shown.pk, found.laser.pk}) == {found.laser.pk}
    suggestions = recommendations_for_organisation(
        cluster=personas.cluster_a, organisation=found.welder, other_clusters=True
    )
    assert suggestions and found.shown.pk not in {item.partner.pk for item in suggestions}


def test_a_stale_large_index_whose_rebuild_was_lost_is_queued_again(
    personas, django_capture_on_commit_callbacks
):
    community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    index_store.index_mark_stale(personas.cluster_a)
    state = MatchIndexState.objects.get(cluster=personas.cluster_a)
    assert state.stale and state.queued_at is not None

    # queued a minute ago: the task is on its way, the page does not queue another
    with django_capture_on_commit_callbacks(execute=False) as recent:
        index_store.index_for(personas.cluster_a, rebuild_limit=0)
    assert recent == []

    # queued 11 minutes ago and still stale: the task was lost, the page queues it again
    long_ago = timezone.now() - timedelta(minutes=11)
    MatchIndexState.objects.filter(pk=state.pk).update(queued_at=long_ago)
    with django_capture_on_commit_callbacks(execute=False) as lost:
        answer = index_store.index_for(personas.cluster_a, rebuild_limit=0)
    assert answer.refreshing and len(lost) == 1
    assert MatchIndexState.objects.get(pk=state.pk).queued_at > long_ago
    lost[0]()  # the worker runs it
    assert not MatchIndexState.objects.get(pk=state.pk).stale

    # marked stale everywhere before this change and never queued: queued by the next page
    MatchIndexState.objects.filter(pk=state.pk).update(stale=True, queued_at=None)
    with django_capture_on_commit_callbacks(execute=False) as never:
        index_store.index_for(personas.cluster_a, rebuild_limit=0)
    assert len(never) == 1


def test_the_home_page_says_how_many_indexed_profiles_are_of_other_clusters(
    personas, manager_a_client
):
    community(personas)
    state = index_store.index_build(cluster=personas.cluster_a)
    assert (state.profiles, state.other_clusters_profiles) == (4, 1)

    page = manager_a_client.get(reverse("matchmaking:home", args=["tfc"]), **EN).content.decode()

    assert "Profiles indexed" in page
    assert "4, including 1 visible from other clusters" in page


# --------------------------------------------------------------------------- 2. the pages


def _followed_then_hidden(personas):  # type: ignore[no-untyped-def]
    """Lanificio Rossi followed up Açık Lazer (cluster B) and its offer; then B hid it."""
    found = community(personas)
    partner_listing = found.shown_profile.listings.get()
    match = services.match_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        organisation=found.welder,
        partner=found.shown,
        partner_listing=partner_listing,
    )
    assert match.reasons
    MatchOutcomeFactory(match=match, stage=FollowUpStage.CONTACTED, date=TODAY)
    hide(found.shown_profile)
    return found, match, partner_listing


def test_a_partner_that_hid_its_profile_is_not_named_nor_its_reasons_on_the_pages(
    personas, manager_a_client
):
    found, match, partner_listing = _followed_then_hidden(personas)
    anonymous = f"a participant of {personas.cluster_b.name}"

    detail = manager_a_client.get(
        reverse("matchmaking:match", args=["tfc", match.pk]), **EN
    ).content.decode()
    assert HIDDEN_REASONS in detail and anonymous in detail
    assert "Açık Lazer" not in detail and partner_listing.title not in detail

    for name, args in (
        ("home", []),
        ("matches", []),
        ("profile", [found.welder.pk]),
    ):
        page = manager_a_client.get(
            reverse(f"matchmaking:{name}", args=["tfc", *args]), **EN
        ).content.decode()
        assert "Açık Lazer" not in page, name
        assert anonymous in page, name


def test_a_partner_still_visible_keeps_its_reasons_and_offer(personas, manager_a_client):
    found = community(personas)
    partner_listing = found.shown_profile.listings.get()
    match = services.match_create(
        cluster=personas.cluster_a,
        actor=personas.manager_a,
        organisation=found.welder,
        partner=found.shown,
        partner_listing=partner_listing,
    )
    detail = manager_a_client.get(
        reverse("matchmaking:match", args=["tfc", match.pk]), **EN
    ).content.decode()
    assert HIDDEN_REASONS not in detail
    assert "Açık Lazer" in detail and partner_listing.title in detail


def test_the_api_leaves_out_the_reasons_and_offer_of_a_partner_that_hid_its_profile(personas):
    _found, match, _listing = _followed_then_hidden(personas)

    body = (
        token_client(personas.manager_a)
        .get(f"/api/v1/c/tfc/matchmaking/matches/{match.pk}/", **EN)
        .json()
    )

    assert body["partner_name"] == f"a participant of {personas.cluster_b.name}"
    assert body["reasons"] == [] and body["reasons_hidden"] is True
    assert body["partner_listing"] is None
    assert "Açık Lazer" not in str(body)


@pytest.mark.parametrize("how", ["withdrawn", "expired"])
def test_a_follow_up_refuses_a_partners_offer_that_is_no_longer_active(personas, how):
    found = community(personas)
    partner_listing = found.laser.match_profile.listings.get()
    if how == "withdrawn":
        Listing.objects.filter(pk=partner_listing.pk).update(withdrawn_on=TODAY)
    else:
        Listing.objects.filter(pk=partner_listing.pk).update(expires_on=TODAY - timedelta(days=1))
    partner_listing.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        services.match_create(
            cluster=personas.cluster_a,
            actor=personas.manager_a,
            organisation=found.welder,
            partner=found.laser,
            partner_listing=partner_listing,
        )

    assert refused.value.field == "partner_listing"
    assert refused.value.message == (
        "The partner's offer or request was withdrawn or has expired: choose an active one."
    )


def test_a_follow_up_refuses_an_offer_of_someone_else_as_the_partners(personas):
    found = community(personas)
    client = token_client(personas.manager_a)
    response = client.post(
        "/api/v1/c/tfc/matchmaking/matches/",
        {
            "organisation": found.welder.pk,
            "partner": found.laser.pk,
            "partner_listing": found.hidden.match_profile.listings.get().pk,
        },
        format="json",
        **EN,
    )
    assert assert_error(response, 400)["fields"] == {
        "partner_listing": ["This offer or request is not the partner's."]
    }


# --------------------------------------------------------------------------- 3. the history


def test_another_clusters_follow_up_of_a_participant_who_does_not_share_stays_on_its_side(
    personas,
):
    found = community(personas)
    match = MatchFactory(organisation=found.welder, partner=found.shown, stage=FollowUpStage.MET)
    MatchOutcomeFactory(match=match, stage=FollowUpStage.MET, date=TODAY)

    card_b = render_card(personas.manager_b, personas.cluster_b, found.shown)
    assert 'data-testid="participant-matches"' in card_b
    assert 'data-testid="match-row"' not in card_b
    assert personas.cluster_a.name not in card_b and "Met" not in card_b
    # cluster A still sees its own follow-up
    card_a = render_card(personas.manager_a, personas.cluster_a, found.welder)
    assert card_a.count('data-testid="match-row"') == 1 and "Açık Lazer" in card_a

    # once Lanificio Rossi shares its profile, B sees the follow-up, named, without A's notes
    MatchProfile.objects.filter(organisation=found.welder).update(visible_to_other_clusters=True)
    card_b = render_card(personas.manager_b, personas.cluster_b, found.shown)
    assert card_b.count('data-testid="match-row"') == 1 and "Lanificio Rossi" in card_b


def test_the_api_of_the_other_cluster_does_not_list_the_follow_up_either(personas):
    found = community(personas)
    MatchProfile.objects.filter(organisation=found.welder).update(visible_to_other_clusters=True)
    MatchFactory(organisation=found.welder, partner=found.shown)

    body = token_client(personas.manager_b).get("/api/v1/c/isim/matchmaking/matches/").json()

    assert body["results"] == []
