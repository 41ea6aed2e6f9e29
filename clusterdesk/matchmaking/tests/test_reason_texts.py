"""The reasons are said again in the reader's language: every code the engine gives has a
sentence of ours, made with gettext, never the engine's English."""

from __future__ import annotations

import pytest
from django.utils.translation import override

from .. import reason_texts
from ..engine import Listing, Profile, Reason, build_index, explain_pair
from ..engine.reasons import SENTENCES, reason
from ..reason_texts import RENDERERS, reason_sentences, reason_text

OFFER = {"id": 1, "kind": "technology_offer", "title": "Laser cells", "owner": "Beta"}
REQUEST = {"id": 2, "kind": "technology_request", "title": "Laser welding", "owner": "Acme"}
TERMS = {"shared_terms": ["laser", "welding"], "related_terms": [["weld", "welding"]]}
EXAMPLES = {
    "offer_meets_request": {"offer": OFFER, "request": REQUEST, "similarity": 0.4, **TERMS},
    "shared_rd_interest": {"first": REQUEST, "second": OFFER, "similarity": 0.4, **TERMS},
    "research_fits_request": {
        "request": REQUEST,
        "researcher": "Lab",
        "category": "research",
        **TERMS,
    },
    "similar_profiles": {"similarity": 0.3, **TERMS},
    "profile_fits_listing": {"listing": REQUEST, "participant": "Beta", **TERMS},
    "value_chain": {
        "supplier": "Beta",
        "supplier_position": "equipment",
        "customer": "Acme",
        "customer_position": "manufacturing",
    },
    "research_business": {"partner": "Lab", "partner_category": "research", "company": "Acme"},
    "finance_business": {"partner": "Bank", "partner_category": "finance", "company": "Acme"},
    "cross_sector": {"sectors": [["Acme", ["30"]], ["Beta", ["28"]]]},
    "same_sector": {"divisions": ["13", "14"]},
    "common_language": {"languages": ["it", "en"]},
    "no_common_language": {"languages": [["Acme", ["it"]], ["Beta", ["tr"]]]},
    "shared_markets": {"markets": ["DE", "Balkans"]},
    "other_cluster": {"partner": "Beta", "cluster_id": 2},
}


def test_every_reason_the_engine_gives_has_a_sentence_here():
    missing = set(SENTENCES) - set(RENDERERS)
    assert not missing, f"reason_texts.py does not say: {', '.join(sorted(missing))}"
    assert set(EXAMPLES) == set(SENTENCES)


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_each_sentence_goes_through_gettext(code, monkeypatch):
    """With a gettext that marks what it translates, every sentence carries the mark: the
    words are ours, in the reader's language, not the engine's English ``text``."""
    monkeypatch.setattr(reason_texts, "_", lambda text: f"«{text}»")
    monkeypatch.setattr(
        reason_texts, "ngettext", lambda one, many, n: f"«{one if n == 1 else many}»"
    )
    engine_reason = reason(code, **EXAMPLES[code])

    sentence = reason_text(engine_reason.code, engine_reason.params)

    assert "«" in sentence
    assert sentence != engine_reason.text


def test_the_sentences_read_well_in_english():
    with override("en"):
        assert reason_text("offer_meets_request", EXAMPLES["offer_meets_request"]) == (
            "The technology offer “Laser cells” of Beta meets the technology request “Laser "
            "welding” of Acme: both mention laser and welding; related words: weld ≈ welding."
        )
        assert reason_text("shared_markets", EXAMPLES["shared_markets"]) == (
            "Both are active in Germany and Balkans."
        )
        assert (
            reason_text("other_cluster", EXAMPLES["other_cluster"], cluster_names={2: "İSİM"})
            == "Beta belongs to another cluster, İSİM."
        )


def test_a_code_it_does_not_know_is_said_in_general_words():
    with override("en"):
        assert reason_text("new_code", {}) == "The two profiles fit each other."
        assert reason_text("value_chain", {"supplier": "Beta"}) == (
            "The two profiles fit each other."
        )


def test_the_reasons_of_a_real_recommendation_and_stored_ones_are_said_alike():
    profiles = [
        Profile(
            1,
            1,
            "Acme",
            "industry_sme",
            ("30.92",),
            "manufacturing",
            description="Aluminium bicycle frames",
            languages=("it",),
            listings=(Listing(11, "technology_request", "Laser welding of aluminium"),),
        ),
        Profile(
            2,
            1,
            "Beta",
            "industry_sme",
            ("28.41",),
            "equipment",
            description="Laser welding cells",
            languages=("it",),
            listings=(Listing(21, "technology_offer", "Laser welding cells for aluminium"),),
        ),
    ]
    reasons = explain_pair(build_index(profiles, engine="tfidf"), 1, 2)
    with override("en"):
        live = reason_sentences(reasons)
        stored = reason_sentences([item.to_dict() for item in reasons])
    assert live == stored and len(live) == len(reasons)
    assert all(isinstance(item, Reason) for item in reasons)


def test_a_kind_inside_a_sentence_starts_in_lower_case_unless_it_is_an_abbreviation():
    from django.utils import translation

    from clusterdesk.matchmaking.reason_texts import kind_label

    with translation.override("en"):
        assert kind_label("business_offer") == "business offer"
        assert kind_label("rd_partner_request") == "R&D partner request"
        assert kind_label("no_such_kind") == "no_such_kind"
