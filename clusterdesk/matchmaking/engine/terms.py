"""The evidence a person can read: which words and phrases two texts share, weighted as TF-IDF
weighs them, and which words are spelt alike across languages ("alluminio" and "aluminium")."""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from .words import Token, language_of, phrase, surface_tokens

RELATED_SPELLING = 76.0
"""How alike (rapidfuzz's ratio, 0–100) two different words must be to be shown as related:
"alluminio"/"aluminium" (78), "saldatura"/"soldadura" (78), "energia"/"energy" (77) are;
"machine"/"machining" (75) is not. Words under five letters are left out, and so are pairs from
two texts in one language ("production"/"protection" are not the same word)."""
RELATED_MINIMUM_LENGTH = 5


@dataclass(frozen=True)
class TermWeights:
    """The inverse document frequency of the words and two-word phrases of the indexed texts
    (scikit-learn's smoothed idf: ``ln((1 + n) / (1 + df)) + 1``)."""

    vocabulary: Mapping[str, int]
    idf: np.ndarray
    documents: int

    @classmethod
    def fit(cls, contents: Sequence[str]) -> TermWeights:
        """Count words and phrases of texts already reduced by ``words.content_text``."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(
            lowercase=False, token_pattern=r"\S+", ngram_range=(1, 2), dtype=np.float32
        )
        if not any(contents):
            return cls({}, np.zeros(0, dtype=np.float32), len(contents))
        vectorizer.fit(contents)
        return cls(vectorizer.vocabulary_, vectorizer.idf_.astype(np.float32), len(contents))

    def weight(self, term: str) -> float:
        """How telling a term is; one never seen is as telling as the rarest."""
        column = self.vocabulary.get(term)
        if column is None:
            return math.log((1 + self.documents) / 1) + 1
        return float(self.idf[column])

    def is_common(self, term: str) -> bool:
        """Used by more than half of the texts (judged only on 20 texts or more): such a word
        says little about two participants in particular."""
        if self.documents < 20:
            return False
        return self.weight(term) < math.log((1 + self.documents) / (1 + self.documents / 2)) + 1

    def save(self, directory: Path) -> None:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (directory / "terms.json").write_text(
            json.dumps({"documents": self.documents, "terms": terms}, ensure_ascii=False),
            encoding="utf-8",
        )
        np.save(directory / "terms_idf.npy", self.idf, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> TermWeights:
        data = json.loads((directory / "terms.json").read_text(encoding="utf-8"))
        vocabulary = {term: column for column, term in enumerate(data["terms"])}
        idf = np.load(directory / "terms_idf.npy", allow_pickle=False)
        return cls(vocabulary, idf, data["documents"])


class _Analysis(NamedTuple):
    tokens: list[Token]
    counts: Counter[str]  # words and the phrases of two words written next to each other
    shown: dict[str, str]  # how the text writes each word or phrase
    long_words: dict[str, str]  # words long enough to compare spellings, and how written


@functools.lru_cache(maxsize=4096)
def _analysed(text: str) -> _Analysis:
    """(Cached: one subject's text is compared with many.)"""
    tokens = surface_tokens(text)
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for index, token in enumerate(tokens):
        counts[token.key] += 1
        shown.setdefault(token.key, token.surface)
        if index + 1 < len(tokens) and tokens[index + 1].joined:
            following = tokens[index + 1]
            key = f"{token.key} {following.key}"
            counts[key] += 1
            shown.setdefault(key, phrase([token, following]))
    long_words = {
        token.key: token.surface for token in tokens if len(token.key) >= RELATED_MINIMUM_LENGTH
    }
    return _Analysis(tokens, counts, shown, long_words)


def shared_terms(first: str, second: str, weights: TermWeights, limit: int = 5) -> list[str]:
    """The words and phrases both texts use, the most telling first, as the first text writes
    them. A phrase is a run of words written next to each other in both texts, stop words
    aside ("lithium battery packs", "pompe di calore"); a word is not repeated once a phrase
    shows it. Each two-word piece weighs its contribution to the two texts' TF-IDF product,
    idf² × (1 + ln tf) in each text, doubled as a phrase says more than a word; a longer
    phrase weighs as its best piece."""
    mine, theirs = _analysed(first), _analysed(second)
    scores: dict[str, float] = {}
    for term in mine.counts.keys() & theirs.counts.keys():
        if weights.is_common(term):
            continue
        score = weights.weight(term) ** 2
        score *= (1 + math.log(mine.counts[term])) * (1 + math.log(theirs.counts[term]))
        scores[term] = score * (term.count(" ") + 1)
    # runs of shared two-word pieces in the first text make its phrases
    phrases: dict[str, tuple[float, str]] = {}
    covered: set[str] = set()
    tokens = mine.tokens
    index = 0
    while index < len(tokens) - 1:
        stop = index
        while (
            stop + 1 < len(tokens)
            and tokens[stop + 1].joined
            and f"{tokens[stop].key} {tokens[stop + 1].key}" in scores
        ):
            stop += 1
        if stop > index:
            run = tokens[index : stop + 1]
            key = " ".join(token.key for token in run)
            best = max(
                scores[f"{left.key} {right.key}"] for left, right in zip(run, run[1:], strict=False)
            )
            phrases.setdefault(key, (best, phrase(run)))
            covered.update(token.key for token in run)
        index = max(stop, index + 1)
    ranked = list(phrases.items())
    ranked += [
        (term, (score, mine.shown[term]))
        for term, score in scores.items()
        if " " not in term and term not in covered
    ]
    ranked.sort(key=lambda item: (-item[1][0], item[0]))
    return [shown for _, (_, shown) in ranked[:limit]]


def related_terms(
    first: str, second: str, weights: TermWeights, limit: int = 3
) -> list[tuple[str, str]]:
    """Pairs of different words, one from each text, spelt alike, when the texts are not in
    one language: the same word in two languages ("alluminio" and "aluminium", "soldadura"
    and "saldatura"). The most telling pairs first; each word is used once."""
    languages = language_of(first), language_of(second)
    if languages[0] is not None and languages[0] == languages[1]:
        return []
    first_words = _analysed(first).long_words
    second_words = _analysed(second).long_words
    only_first = sorted(
        word for word in first_words.keys() - second_words.keys() if not weights.is_common(word)
    )
    only_second = sorted(
        word for word in second_words.keys() - first_words.keys() if not weights.is_common(word)
    )
    if not only_first or not only_second:
        return []
    likeness = process.cdist(
        only_first, only_second, scorer=fuzz.ratio, score_cutoff=RELATED_SPELLING, workers=1
    )
    candidates = []
    for row, column in zip(*np.nonzero(likeness), strict=True):
        word, other = only_first[row], only_second[column]
        telling = min(weights.weight(word), weights.weight(other))
        candidates.append((-float(likeness[row, column]) * telling, word, other))
    candidates.sort()
    pairs: list[tuple[str, str]] = []
    used: set[str] = set()
    for _, word, other in candidates:
        if word in used or other in used:
            continue
        used.update((word, other))
        pairs.append((first_words[word], second_words[other]))
        if len(pairs) == limit:
            break
    return pairs
