"""Properties of the recommendations over generated communities (TF-IDF engine)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterdesk.matchmaking.engine import (
    CATEGORIES,
    LISTING_KINDS,
    VALUE_CHAIN_POSITIONS,
    Filters,
    Listing,
    Profile,
    build_index,
    recommend_for_listing,
    recommend_partners,
)
from clusterdesk.matchmaking.engine.relations import in_mode

WORDS = (
    "laser welding aluminium frames saldatura alluminio soldadura aluminio lazer kaynak "
    "olive oil olio oliva aceite zeytinyağı software cloud yazılım nube textile yarn filato "
    "hilo iplik solar panels pannelli fotovoltaici güneş energy energia enerji"
).split()

texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)


@st.composite
def communities(draw):
    count = draw(st.integers(min_value=2, max_value=8))
    profiles = []
    listing_id = 100
    for number in range(1, count + 1):
        listings = []
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            listing_id += 1
            listings.append(
                Listing(
                    listing_id,
                    draw(st.sampled_from(LISTING_KINDS)),
                    draw(texts),
                    draw(texts),
                    active=draw(st.booleans()),
                )
            )
        profiles.append(
            Profile(
                id=number * 7,  # ids need not be rows
                cluster_id=draw(st.sampled_from((1, 2))),
                name=f"P{number}",
                category=draw(st.sampled_from(CATEGORIES)),
                sectors=tuple(
                    draw(st.lists(st.sampled_from(("25.1", "28", "62.01", "10")), max_size=2))
                ),
                value_chain_position=draw(st.sampled_from(("", *VALUE_CHAIN_POSITIONS))),
                competences=tuple(draw(st.lists(texts, max_size=2))),
                description=draw(texts),
                listings=tuple(listings),
            )
        )
    return profiles


filters = st.builds(
    Filters,
    mode=st.sampled_from(("any", "b2b", "r2b", "f2b")),
    cross_sector=st.booleans(),
    other_clusters=st.booleans(),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles=communities(), chosen=filters, limit=st.integers(min_value=0, max_value=6))
def test_recommendations_obey_the_filters_and_rank_by_score_then_id(profiles, chosen, limit):
    index = build_index(profiles, engine="tfidf")
    by_id = {profile.id: profile for profile in profiles}
    for subject in profiles:
        found = recommend_partners(index, subject.id, filters=chosen, limit=limit)
        assert len(found) <= limit
        keys = [(-item.score, item.participant_id) for item in found]
        assert keys == sorted(keys)
        for item in found:
            partner = by_id[item.participant_id]
            assert item.participant_id != subject.id
            assert 0 < item.score <= 1
            for part in (item.text_similarity, item.listing_match, item.value_chain_fit):
                assert 0 <= part <= 1
            assert in_mode(chosen.mode, subject.category, partner.category)
            if not chosen.other_clusters:
                assert partner.cluster_id == subject.cluster_id
            if chosen.cross_sector:
                assert subject.divisions and partner.divisions
                assert not subject.divisions & partner.divisions
            assert item.reasons


@SETTINGS
@given(profiles=communities(), chosen=filters, limit=st.integers(min_value=1, max_value=6))
def test_a_shorter_list_is_the_start_of_a_longer_one_and_rankings_repeat(profiles, chosen, limit):
    index = build_index(profiles, engine="tfidf")
    for subject in profiles:
        longer = recommend_partners(index, subject.id, filters=chosen, limit=limit + 3)
        shorter = recommend_partners(index, subject.id, filters=chosen, limit=limit)
        assert shorter == longer[:limit]
        assert recommend_partners(index, subject.id, filters=chosen, limit=limit) == shorter
    again = build_index(profiles, engine="tfidf")
    for subject in profiles:
        assert recommend_partners(again, subject.id, filters=chosen) == recommend_partners(
            index, subject.id, filters=chosen
        )


@SETTINGS
@given(profiles=communities())
def test_text_similarity_is_symmetric_and_between_0_and_1(profiles):
    index = build_index(profiles, engine="tfidf")
    block = index.text.similarities(range(index.text.size))
    assert ((block >= 0) & (block <= 1)).all()
    assert np.allclose(block, block.T, atol=1e-5)


@SETTINGS
@given(profiles=communities(), chosen=filters)
def test_expired_offers_and_requests_are_never_matched(profiles, chosen):
    index = build_index(profiles, engine="tfidf")
    expired = {
        listing.id for profile in profiles for listing in profile.listings if not listing.active
    }
    for profile in profiles:
        found = recommend_partners(index, profile.id, filters=chosen, limit=20)
        for listing in profile.listings:
            found += recommend_for_listing(index, listing.id, filters=chosen, limit=20)
            if not listing.active:
                assert recommend_for_listing(index, listing.id, filters=chosen) == []
        for item in found:
            for reason in item.reasons:
                for side in ("offer", "request", "first", "second"):
                    assert reason.params.get(side, {}).get("id") not in expired
