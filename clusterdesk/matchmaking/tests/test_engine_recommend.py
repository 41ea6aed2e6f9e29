"""Partner recommendations on a small community, with both engines where installed."""

from __future__ import annotations

import pytest

from clusterdesk.matchmaking.engine import (
    Filters,
    MatchingInputError,
    NotInIndex,
    build_index,
    content_words,
    explain_pair,
    recommend_everyone,
    recommend_for_listing,
    recommend_partners,
)
from clusterdesk.matchmaking.engine.profiles import BUSINESSES

from .builders import (
    ACADEMY,
    ACME,
    BATTERY_OFFER,
    BATTERY_REQUEST,
    BETA,
    CAPITALE,
    DELTA,
    ENGINES,
    EPSILON,
    ETA,
    ETA_RD_REQUEST,
    EXPIRED_WELDING_OFFER,
    GAMMA,
    POLITECNICO,
    WELDING_OFFER,
    WELDING_REQUEST,
    ZETA,
    community,
    profile,
)

PROFILES = {item.id: item for item in community()}


@pytest.fixture(scope="module", params=ENGINES)
def index(request):
    return build_index(community(), engine=request.param)


def ids(recommendations) -> list[int]:
    return [item.participant_id for item in recommendations]


def codes(recommendation) -> list[str]:
    return [item.code for item in recommendation.reasons]


def test_a_technology_request_is_answered_first_by_the_matching_technology_offer(index):
    found = recommend_for_listing(index, WELDING_REQUEST)
    first = found[0]
    assert first.participant_id == BETA
    meets = first.reasons[0]
    assert meets.code == "offer_meets_request"
    assert meets.params["offer"]["id"] == WELDING_OFFER
    assert meets.params["request"]["id"] == WELDING_REQUEST
    assert "Laser welding cells for aluminium" in meets.text
    assert "Laser welding of aluminium frames" in meets.text
    assert meets.text.startswith("Beta Laser's technology offer")
    assert first.listing_match > 0


def test_a_participants_requests_bring_the_offers_that_meet_them_to_the_top(index):
    found = recommend_partners(index, ACME)
    top = {item.participant_id: item for item in found[:3]}
    assert {BETA, DELTA} <= top.keys()
    delta = top[DELTA].reasons[0]
    assert delta.code == "offer_meets_request"
    assert (delta.params["offer"]["id"], delta.params["request"]["id"]) == (
        BATTERY_OFFER,
        BATTERY_REQUEST,
    )


def test_the_reasons_mention_terms_both_texts_really_use(index):
    meets = recommend_for_listing(index, WELDING_REQUEST)[0].reasons[0]
    terms = meets.params["shared_terms"]
    assert "laser welding" in terms
    request = index.listings[index.listing_position[WELDING_REQUEST]].document
    offer = index.listings[index.listing_position[WELDING_OFFER]].document
    for term in terms:
        for text in (request, offer):
            assert all(word in content_words(text) for word in content_words(term)), term
        assert term in meets.text


def test_a_supplier_position_is_given_as_a_value_chain_reason(index):
    beta = next(item for item in recommend_partners(index, ACME) if item.participant_id == BETA)
    chain = next(item for item in beta.reasons if item.code == "value_chain")
    assert chain.params["supplier"] == "Beta Laser"
    assert chain.params["customer"] == "Acme Metalli"
    assert beta.value_chain_fit == 1.0
    assert "Beta Laser (machinery and equipment) can supply Acme Metalli" in chain.text


def test_r2b_gives_a_company_research_and_education_partners_only(index):
    found = recommend_partners(index, ACME, filters=Filters(mode="r2b"))
    assert found
    assert set(ids(found)) <= {POLITECNICO, ACADEMY}
    assert POLITECNICO in ids(found)
    for item in found:
        assert "research_business" in codes(item)
        assert item.category_fit == 1.0


def test_r2b_gives_a_research_institution_companies_only(index):
    found = recommend_partners(index, POLITECNICO, filters=Filters(mode="r2b"))
    assert found
    assert all(PROFILES[item].category in BUSINESSES for item in ids(found))


def test_f2b_pairs_companies_with_finance(index):
    found = recommend_partners(index, ACME, filters=Filters(mode="f2b"))
    assert ids(found) == [CAPITALE]
    assert "finance_business" in codes(found[0])
    back = recommend_partners(index, CAPITALE, filters=Filters(mode="f2b"))
    assert back and all(PROFILES[item].category in BUSINESSES for item in ids(back))


def test_b2b_leaves_research_and_finance_out(index):
    found = recommend_partners(index, ACME, filters=Filters(mode="b2b"))
    assert found
    assert all(PROFILES[item].category in BUSINESSES for item in ids(found))


def test_a_subject_on_neither_side_of_a_mode_has_no_partners_in_it(index):
    assert recommend_partners(index, POLITECNICO, filters=Filters(mode="f2b")) == []


def test_cross_sector_leaves_out_partners_of_the_same_nace_division(index):
    everyone = ids(recommend_partners(index, ACME, limit=20))
    assert ETA in everyone  # another vehicle maker, division 29 like Acme
    crossing = recommend_partners(index, ACME, filters=Filters(cross_sector=True), limit=20)
    assert crossing and ETA not in ids(crossing)
    for item in crossing:
        assert not PROFILES[item.participant_id].divisions & PROFILES[ACME].divisions
        assert "cross_sector" in codes(item)


def test_an_expired_offer_is_never_matched(index):
    for found in (
        recommend_for_listing(index, WELDING_REQUEST, limit=20),
        recommend_partners(index, ACME, limit=20),
    ):
        for item in found:
            for reason in item.reasons:
                listed = [reason.params.get(side, {}) for side in ("offer", "request")]
                assert EXPIRED_WELDING_OFFER not in [side.get("id") for side in listed]
            if item.participant_id == EPSILON:
                assert item.listing_match == 0
    assert recommend_for_listing(index, EXPIRED_WELDING_OFFER) == []


def test_a_participant_is_never_recommended_to_itself(index):
    for mode in ("any", "b2b", "r2b", "f2b"):
        for other_clusters in (False, True):
            filters = Filters(mode=mode, other_clusters=other_clusters)
            for participant, found in recommend_everyone(index, filters=filters, limit=20):
                assert participant not in ids(found)
    for listing in index.listings:
        owner = index.profiles[index.owner_of_listing[listing.id]].id
        assert owner not in ids(recommend_for_listing(index, listing.id, limit=20))


def test_other_clusters_participants_come_only_when_asked_for(index):
    own = recommend_for_listing(index, WELDING_REQUEST, limit=20)
    assert ZETA not in ids(own)
    assert all(item.cluster_id == 1 for item in own)
    wider = recommend_for_listing(
        index, WELDING_REQUEST, filters=Filters(other_clusters=True), limit=20
    )
    zeta = next(item for item in wider if item.participant_id == ZETA)
    other = next(item for item in zeta.reasons if item.code == "other_cluster")
    assert other.params["cluster_id"] == 2
    assert other.text == "Zeta Kaynak belongs to another cluster."


def test_an_rd_partner_request_finds_the_research_institution(index):
    found = recommend_for_listing(index, ETA_RD_REQUEST)
    assert found[0].participant_id == POLITECNICO
    assert found[0].reasons[0].code in ("research_fits_request", "shared_rd_interest")
    assert "Research partners for aluminium frame welding" in found[0].reasons[0].text


def test_a_research_profile_is_offered_the_companies_rd_requests(index):
    found = recommend_partners(index, POLITECNICO)
    eta = next(item for item in found if item.participant_id == ETA)
    assert eta.listing_match > 0
    assert eta.reasons[0].code in ("research_fits_request", "shared_rd_interest")


def test_the_candidates_given_are_the_only_ones_recommended(index):
    found = recommend_partners(index, ACME, filters=Filters(candidates=frozenset({GAMMA})))
    assert set(ids(found)) <= {GAMMA}


def test_reasons_come_as_codes_with_parameters_and_as_sentences(index):
    first = recommend_for_listing(index, WELDING_REQUEST)[0]
    data = first.to_dict()
    assert data["participant_id"] == BETA
    for item in data["reasons"]:
        assert item["code"] and item["text"].endswith(".")
        assert isinstance(item["params"], dict)
    assert first.why.startswith(first.reasons[0].text)


def test_a_stored_index_gives_the_same_recommendations(index, tmp_path):
    index.save(tmp_path / "index")
    loaded = type(index).load(tmp_path / "index")
    assert loaded.engine == index.engine
    for participant in PROFILES:
        assert recommend_partners(loaded, participant) == recommend_partners(index, participant)


def test_an_unknown_participant_or_listing_is_reported(index):
    with pytest.raises(NotInIndex):
        recommend_partners(index, 999)
    with pytest.raises(NotInIndex):
        recommend_for_listing(index, 999)


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="no mode 'x2b'"):
        Filters(mode="x2b")


def test_profiles_the_engine_cannot_work_with_are_refused_in_plain_words():
    twice = [profile(1, "A"), profile(1, "B")]
    with pytest.raises(MatchingInputError, match="Participant 1 is given twice"):
        build_index(twice, engine="tfidf")
    with pytest.raises(MatchingInputError, match="category 'bank'"):
        build_index([profile(1, "A", "bank")], engine="tfidf")


def test_everyone_at_once_gets_what_each_gets_alone(index):
    together = dict(recommend_everyone(index, filters=Filters(other_clusters=True)))
    assert together.keys() == PROFILES.keys()
    for participant, found in together.items():
        alone = recommend_partners(index, participant, filters=Filters(other_clusters=True))
        assert ids(found) == ids(alone)
        assert [item.score for item in found] == pytest.approx([item.score for item in alone])
        assert [codes(item) for item in found] == [codes(item) for item in alone]
    quick = dict(recommend_everyone(index, explain=False))
    assert all(item.reasons == () for found in quick.values() for item in found)
    assert {key: ids(found) for key, found in quick.items()} == {
        key: ids(recommend_partners(index, key)) for key in PROFILES
    }


def test_the_reasons_for_any_pair_can_be_asked_for(index):
    reasons = explain_pair(index, ACME, GAMMA)
    assert "cross_sector" in [item.code for item in reasons]
    assert all(item.code != "offer_meets_request" for item in reasons)
