"""Precision@5 of the text-similarity methods on the labelled es/en set in tests/data.

Run: HF_HUB_OFFLINE=1 /work/venv/bin/python bench/matching_text_similarity.py
Each requirement ranks all 96 capability descriptions; P@5 is the share of relevant ones
among its five best, averaged over the 32 requirements (tests/data/matching_text/README.md).
"""

from __future__ import annotations

import csv
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from eslabon.domain.matching.similarity import (
    CharNgramTfidf,
    SentenceEmbedding,
    TextMethod,
    embedding_available,
)

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_text"
K = 5


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class RapidfuzzTokenSet:
    """rapidfuzz token-set ratio, for comparison with the character n-gram TF-IDF."""

    name = "rapidfuzz-token-set"

    def index(self, documents: Sequence[str]) -> object:
        docs = [d.lower() for d in documents]

        class Index:
            def scores(self, query: str) -> np.ndarray:
                matrix = process.cdist([query.lower()], docs, scorer=fuzz.token_set_ratio)
                return np.asarray(matrix[0], dtype=np.float64) / 100.0

        return Index()


def evaluate(method: TextMethod | RapidfuzzTokenSet) -> dict[str, float]:
    caps = read("capabilities.csv")
    reqs = read("requirements.csv")
    relevant: dict[str, set[str]] = defaultdict(set)
    for row in read("pairs.csv"):
        if row["relevant"] == "1":
            relevant[row["requirement_id"]].add(row["capability_id"])
    start = time.perf_counter()
    index = method.index([c["text"] for c in caps])
    by_lang: dict[str, list[float]] = defaultdict(list)
    cross: list[float] = []
    for req in reqs:
        scores = index.scores(req["text"])
        # Stable order on ties: the capability listed first wins.
        top = np.argsort(-scores, kind="stable")[:K]
        hits = [caps[i]["id"] in relevant[req["id"]] for i in top]
        by_lang[req["lang"]].append(sum(hits) / K)
        other = [i for i in np.argsort(-scores, kind="stable") if caps[i]["lang"] != req["lang"]][
            :K
        ]
        cross.append(sum(caps[i]["id"] in relevant[req["id"]] for i in other) / K)
    elapsed = time.perf_counter() - start
    everything = by_lang["es"] + by_lang["en"]
    return {
        "p@5": statistics.mean(everything),
        "p@5 es queries": statistics.mean(by_lang["es"]),
        "p@5 en queries": statistics.mean(by_lang["en"]),
        "p@5 other language only": statistics.mean(cross),
        "seconds": elapsed,
    }


def main() -> None:
    methods: list[Callable[[], TextMethod | RapidfuzzTokenSet]] = [
        CharNgramTfidf,
        RapidfuzzTokenSet,
    ]
    if embedding_available():
        methods.append(SentenceEmbedding)
    else:
        print("embedding model not installed: pip install 'eslabon[embeddings]'")
    for make in methods:
        started = time.perf_counter()
        method = make()
        load = time.perf_counter() - started
        figures = evaluate(method)
        shown = ", ".join(f"{key} {value:.3f}" for key, value in figures.items())
        print(f"{method.name}: load {load:.1f} s, {shown}")


if __name__ == "__main__":
    main()
