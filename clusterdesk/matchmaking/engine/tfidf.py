"""The light engine: TF-IDF over words and over character n-grams, combined.

Words and two-word phrases ("laser welding") reward texts in one language that say the same
thing; character n-grams of 3 to 5 letters inside words (``char_wb``) reward texts that share
word stems, also across languages ("alluminio", "aluminium", "aluminio", "alüminyum"). Both are
computed on the folded content words (``words.content_text``: lower case, accents and the
Turkish dotless i folded, stop words of the four languages left out), with sublinear term
frequency, each row normalised to length 1. The two are joined side by side as
``[√w · words, √(1 − w) · characters]``, so a dot product of two rows is
``w · cosine(words) + (1 − w) · cosine(characters)``: one sparse matrix, one sparse product.

A query multiplies a few sparse rows by the transposed index (kept as CSR, so the cost is the
sum of the query's n-grams' document frequencies); character n-grams used by more than a
twentieth of the texts are dropped on large corpora, as they say nothing and cost the most.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from .similarity import Progress, TextEngine, TextIndex
from .terms import TermWeights
from .words import content_text

WORD_WEIGHT = 0.4
"""The share of words (and phrases) in the combined similarity; the rest is character
n-grams, which carry the matches across languages."""
CHARACTER_NGRAMS = (3, 5)
LARGE_CORPUS = 1000
"""From this many texts on, the character n-grams of more than ``COMMON_NGRAMS`` of the texts
are dropped (on a few texts every n-gram is frequent and none may go)."""
COMMON_NGRAMS = 0.05


def _word_vectorizer(**settings: object) -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=False,
        token_pattern=r"\S+",
        ngram_range=(1, 2),
        sublinear_tf=True,
        dtype=np.float32,
        **settings,
    )


def _character_vectorizer(**settings: object) -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=False,
        analyzer="char_wb",
        ngram_range=CHARACTER_NGRAMS,
        sublinear_tf=True,
        dtype=np.float32,
        **settings,
    )


class TfidfIndex(TextIndex):
    engine: ClassVar[str] = "tfidf"
    related_threshold: ClassVar[float] = 0.2
    minimum_similarity: ClassVar[float] = 0.03

    def __init__(
        self,
        words: TfidfVectorizer,
        characters: TfidfVectorizer,
        matrix: sp.csr_matrix,
        word_weight: float = WORD_WEIGHT,
    ) -> None:
        self.words = words
        self.characters = characters
        self.word_weight = word_weight
        self.matrix = matrix.tocsr()
        self.matrix.sort_indices()
        # rows of the transpose are features: a query's cost is its features' frequencies
        self.transposed = self.matrix.T.tocsr()
        self._terms: TermWeights | None = None

    @property
    def size(self) -> int:
        return self.matrix.shape[0]

    def vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        contents = [content_text(text) for text in texts]
        return _combine(
            self.words.transform(contents), self.characters.transform(contents), self.word_weight
        )

    def similarities(self, rows: Sequence[int]) -> np.ndarray:
        return self._against_index(self.matrix[np.asarray(rows, dtype=np.int64)])

    def similarities_to(self, texts: Sequence[str]) -> np.ndarray:
        return self._against_index(self.vectors(texts))

    def _against_index(self, vectors: sp.csr_matrix) -> np.ndarray:
        block = (vectors @ self.transposed).toarray()
        # rounding can take a text's similarity to itself a hair above 1
        return np.clip(block, 0.0, 1.0, out=block)

    def term_weights(self) -> TermWeights:
        if self._terms is None:
            self._terms = TermWeights(
                self.words.vocabulary_, self.words.idf_.astype(np.float32), self.size
            )
        return self._terms

    def save(self, directory: Path) -> None:
        sp.save_npz(directory / "matrix.npz", self.matrix, compressed=False)
        for name, vectorizer in (("words", self.words), ("characters", self.characters)):
            terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
            (directory / f"{name}.json").write_text(
                json.dumps(terms, ensure_ascii=False), encoding="utf-8"
            )
            np.save(directory / f"{name}_idf.npy", vectorizer.idf_, allow_pickle=False)
        (directory / "tfidf.json").write_text(
            json.dumps({"word_weight": self.word_weight}), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> TfidfIndex:
        settings = json.loads((directory / "tfidf.json").read_text(encoding="utf-8"))
        vectorizers = []
        for name, make in (("words", _word_vectorizer), ("characters", _character_vectorizer)):
            terms = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
            vectorizer = make(vocabulary={term: column for column, term in enumerate(terms)})
            vectorizer.idf_ = np.load(directory / f"{name}_idf.npy", allow_pickle=False)
            vectorizers.append(vectorizer)
        matrix = sp.load_npz(directory / "matrix.npz")
        return cls(vectorizers[0], vectorizers[1], matrix, settings["word_weight"])


def _combine(words: sp.spmatrix, characters: sp.spmatrix, word_weight: float) -> sp.csr_matrix:
    return sp.hstack(
        [
            words * np.float32(np.sqrt(word_weight)),
            characters * np.float32(np.sqrt(1 - word_weight)),
        ],
        format="csr",
        dtype=np.float32,
    )


class TfidfEngine(TextEngine):
    name: ClassVar[str] = "tfidf"

    def __init__(self, word_weight: float = WORD_WEIGHT) -> None:
        self.word_weight = word_weight

    def fit(self, texts: Sequence[str], progress: Progress | None = None) -> TfidfIndex:
        contents = [content_text(text) for text in texts]
        # a corpus of nothing but stop words still gets an index (of empty rows)
        extra = [] if any(contents) else ["\u00b7\u00b7"]
        if progress:
            progress(0.2)
        words = _word_vectorizer()
        word_matrix = words.fit_transform(contents + extra)[: len(contents)]
        if progress:
            progress(0.4)
        large = len(contents) >= LARGE_CORPUS
        characters = _character_vectorizer(max_df=COMMON_NGRAMS if large else 1.0)
        character_matrix = characters.fit_transform(contents + extra)[: len(contents)]
        if progress:
            progress(0.9)
        matrix = _combine(word_matrix, character_matrix, self.word_weight)
        if progress:
            progress(1.0)
        return TfidfIndex(words, characters, matrix, self.word_weight)
