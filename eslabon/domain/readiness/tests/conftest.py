"""Shared fixtures: the shipped questionnaire, its action table and an answers builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from eslabon.data import readiness as readiness_data
from eslabon.domain.readiness.model import ActionTable, Questionnaire

AnswersBuilder = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return readiness_data.questionnaire("automotive-readiness@1")


@pytest.fixture(scope="session")
def table(questionnaire: Questionnaire) -> ActionTable:
    return readiness_data.action_table(questionnaire.action_table)


@pytest.fixture(scope="session")
def answers_document(questionnaire: Questionnaire) -> AnswersBuilder:
    """ANSWERS.json for the mandatory modules: every question at ``default``, some overridden."""

    def build(
        default: int | None = 10,
        scores: Mapping[str, int | None] | None = None,
        modules: tuple[str, ...] = ("qms", "core-tools"),
    ) -> dict[str, Any]:
        overrides = dict(scores or {})
        answers = [
            {"question": q.id, "score": overrides.get(q.id, default), "evidence": ["record.pdf"]}
            for q in questionnaire.questions
            if q.module in modules
        ]
        return {"questionnaire": questionnaire.ref, "answers": answers}

    return build
