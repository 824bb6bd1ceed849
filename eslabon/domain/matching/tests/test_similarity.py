"""The default text similarity: character n-gram TF-IDF across Spanish and English."""

from __future__ import annotations

import numpy as np

from eslabon.domain.matching.similarity import CharNgramTfidf, default_method

CAPABILITIES = [
    "High-pressure aluminium die casting of gearbox housings",
    "Costura de fundas para asientos en piel",
    "Robotic MIG welding of chassis sub-assemblies",
]


def test_a_spanish_requirement_finds_the_english_capability_of_its_process() -> None:
    scores = CharNgramTfidf().index(CAPABILITIES).scores("Carcasa de aluminio inyectado")
    assert int(np.argmax(scores)) == 0
    assert scores[0] > 2 * max(scores[1], scores[2])


def test_scores_are_cosines_between_zero_and_one_and_identical_text_scores_one() -> None:
    scores = CharNgramTfidf().index(CAPABILITIES).scores(CAPABILITIES[2])
    assert np.all((scores >= 0) & (scores <= 1))
    assert abs(scores[2] - 1.0) < 1e-5  # the matrix is float32


def test_suppliers_without_any_description_are_similar_to_nothing() -> None:
    scores = CharNgramTfidf().index(["", "  "]).scores("estampado de acero")
    assert scores.tolist() == [0.0, 0.0]


def test_an_empty_description_among_others_scores_zero() -> None:
    scores = CharNgramTfidf().index(["", *CAPABILITIES]).scores("aluminium casting")
    assert scores[0] == 0.0
    assert scores[1] > 0


def test_the_default_method_is_the_lexical_one_chosen_in_adr_0401() -> None:
    assert default_method().name == "tfidf-char"
