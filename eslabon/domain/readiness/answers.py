"""The answers of one self-assessment (ANSWERS.json), validated against their questionnaire.

Answers name the questionnaire version they were given against; a question unknown to that
version or a score off the 0/4/6/8/10 scale is rejected with its JSON path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.model import Questionnaire
from eslabon.domain.validation import parse_model


class _AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1)
    # null means "not applicable" (VDA 6.3: question not evaluated); it is left out of scoring.
    score: StrictInt | None
    evidence: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    comment: str | None = None


class _AnswersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questionnaire: str = Field(min_length=1)
    modules: list[str] | None = None
    answers: list[_AnswerIn]


class _Head(BaseModel):
    questionnaire: str = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    score: int | None
    evidence: tuple[str, ...] = ()
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Answers:
    """A validated self-assessment: every question exists and every score is on the scale."""

    questionnaire: str
    answers: tuple[Answer, ...]
    modules: tuple[str, ...] | None = None

    def by_question(self) -> dict[str, Answer]:
        return {answer.question: answer for answer in self.answers}


def questionnaire_ref(data: Any) -> str:
    """The ``<id>@<version>`` the document was answered against, read before anything else."""
    if not isinstance(data, dict):
        raise InputError("$", "an ANSWERS document is a JSON object")
    return parse_model(_Head, data).questionnaire


def _unknown_question(questionnaire: Questionnaire, question: str) -> str:
    renamed = dict(questionnaire.renamed)
    if question in renamed:
        return f"question {question!r} is called {renamed[question]!r} in {questionnaire.ref}"
    if question in questionnaire.retired:
        return f"question {question!r} was retired in {questionnaire.ref}"
    return f"unknown question {question!r} in {questionnaire.ref}"


def parse_answers(questionnaire: Questionnaire, data: Any) -> Answers:
    """Validate an ANSWERS.json document against the questionnaire it names."""
    raw = parse_model(_AnswersIn, data)
    if raw.questionnaire != questionnaire.ref:
        raise InputError(
            "$.questionnaire", f"{raw.questionnaire!r} does not match {questionnaire.ref!r}"
        )
    for position, module in enumerate(raw.modules or ()):
        if module not in questionnaire.module_index:
            raise InputError(f"$.modules[{position}]", f"unknown module {module!r}")
    seen: set[str] = set()
    answers: list[Answer] = []
    for position, item in enumerate(raw.answers):
        where = f"$.answers[{position}]"
        question = questionnaire.question_index.get(item.question)
        if question is None:
            raise InputError(f"{where}.question", _unknown_question(questionnaire, item.question))
        if item.question in seen:
            raise InputError(f"{where}.question", f"question {item.question!r} answered twice")
        seen.add(item.question)
        if item.score is None and question.knockout:
            raise InputError(f"{where}.score", "a knock-out question cannot be not applicable")
        if item.score is not None and item.score not in questionnaire.scale:
            scale = "/".join(str(step) for step in questionnaire.scale)
            raise InputError(f"{where}.score", f"{item.score} is not on the scale {scale}")
        answers.append(Answer(item.question, item.score, tuple(item.evidence), item.comment))
    modules = tuple(raw.modules) if raw.modules is not None else None
    return Answers(questionnaire.ref, tuple(answers), modules)
