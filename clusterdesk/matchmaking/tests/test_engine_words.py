"""Texts become words the same way in the four languages: case, accents and the Turkish i."""

from __future__ import annotations

from clusterdesk.matchmaking.engine import content_words, fold
from clusterdesk.matchmaking.engine.terms import TermWeights, related_terms, shared_terms
from clusterdesk.matchmaking.engine.words import content_text, language_of, surface_tokens


def test_case_and_accents_are_folded_for_matching():
    assert (
        fold("Tecnología SALDATURA Çelik Soğuk Ñandú") == "tecnologia saldatura celik soguk nandu"
    )


def test_the_turkish_dotted_and_dotless_i_match_every_spelling():
    assert fold("İSTANBUL") == fold("istanbul") == fold("ıstanbul") == fold("Istanbul")
    assert fold("ISI") == fold("ısı") == fold("İSİ") == "isi"
    assert "\u0307" not in fold("İzmir")


def test_stop_words_of_the_four_languages_are_left_out():
    assert content_words("We offer the welding of aluminium") == ["welding", "aluminium"]
    assert content_words("Cerchiamo una tecnologia per la saldatura") == ["tecnologia", "saldatura"]
    assert content_words("Buscamos una tecnología para la soldadura") == ["tecnologia", "soldadura"]
    assert content_words("Alüminyum için bir teknoloji arıyoruz") == [
        "aluminyum",
        "teknoloji",
    ]
    assert content_text("The olive oil") == "olive oil"


def test_words_shown_to_a_person_keep_their_spelling():
    tokens = surface_tokens("Lazer kaynağı in İzmir with CNC machining")
    assert [token.surface for token in tokens] == ["lazer", "kaynağı", "izmir", "CNC", "machining"]
    assert [token.key for token in tokens] == ["lazer", "kaynagi", "izmir", "cnc", "machining"]


def test_shared_terms_prefer_phrases_and_do_not_repeat_their_words():
    weights = TermWeights.fit(
        [content_text(text) for text in ("laser welding of aluminium", "olive oil", "software")]
    )
    terms = shared_terms(
        "Laser welding of aluminium frames", "Robotic laser welding cells for aluminium", weights
    )
    assert terms == ["laser welding", "aluminium"]


def test_a_phrase_is_a_run_of_words_written_next_to_each_other_in_both_texts():
    weights = TermWeights.fit(["battery packs", "olive oil", "software", "vehicles"])
    request = "Suppliers of lithium battery packs for light electric vehicles."
    assert shared_terms(
        request, "Lithium battery packs for light electric vehicles and e-bikes.", weights
    ) == ["lithium battery packs for light electric vehicles"]
    # a full stop ends a phrase: "packs. For light" is none
    assert sorted(
        shared_terms(request, "Lithium battery packs. For light electric vehicles.", weights)
    ) == ["light electric vehicles", "lithium battery packs"]
    assert shared_terms(
        "Fornitore di pompe di calore", "Cerchiamo fornitori di pompe di calore", weights
    ) == ["pompe di calore"]


def test_shared_terms_are_empty_when_the_texts_share_no_word():
    weights = TermWeights.fit(["olive oil", "software"])
    assert shared_terms("olive oil", "cloud software", weights) == []


def test_the_language_of_a_text_is_told_by_its_function_words():
    assert language_of("We need a supplier for the frames") == "en"
    assert language_of("Cerchiamo un fornitore per la produzione") == "it"
    assert language_of("Buscamos un proveedor para la producción") == "es"
    assert language_of("Üretimimiz için bir tedarikçi arıyoruz") == "tr"
    assert language_of("CNC laser") is None


def test_related_terms_pair_the_same_word_across_languages():
    weights = TermWeights.fit(["saldatura alluminio", "welding aluminium"])
    pairs = related_terms(
        "Saldatura laser di telai in alluminio",
        "Soldadura láser de bastidores de aluminio",
        weights,
    )
    assert ("alluminio", "aluminio") in pairs
    assert ("saldatura", "soldadura") in pairs
    assert related_terms("olive oil", "cloud software", weights) == []
    # two English texts: "production" and "protection" are different words
    assert related_terms("the production of frames", "the protection of frames", weights) == []
