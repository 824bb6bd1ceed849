"""ANSWERS.json is validated against its questionnaire; errors carry the JSON path."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.answers import parse_answers, questionnaire_ref
from eslabon.domain.readiness.model import Questionnaire

from .conftest import AnswersBuilder


def _where(questionnaire: Questionnaire, document: dict[str, Any]) -> str:
    with pytest.raises(InputError) as raised:
        parse_answers(questionnaire, document)
    return raised.value.where


def test_an_unknown_question_is_reported_at_its_json_path(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    document = answers_document()
    document["answers"][2]["question"] = "qms-99"
    assert _where(questionnaire, document) == "$.answers[2].question"


@pytest.mark.parametrize("score", [5, -4, 12, 8.0, "8", True])
def test_a_score_off_the_vda_scale_is_refused_at_its_json_path(
    questionnaire: Questionnaire, answers_document: AnswersBuilder, score: object
) -> None:
    document = answers_document()
    document["answers"][4]["score"] = score
    assert _where(questionnaire, document) == "$.answers[4].score"


def test_a_question_answered_twice_is_refused(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    document = answers_document()
    document["answers"].append(dict(document["answers"][0]))
    assert _where(questionnaire, document) == f"$.answers[{len(document['answers']) - 1}].question"


def test_a_knockout_question_cannot_be_declared_not_applicable(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    document = answers_document(scores={"ct-cp-1": None})
    position = next(i for i, a in enumerate(document["answers"]) if a["question"] == "ct-cp-1")
    assert _where(questionnaire, document) == f"$.answers[{position}].score"


def test_answers_given_against_another_version_are_not_scored_against_this_one(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    document = answers_document()
    document["questionnaire"] = "automotive-readiness@2"
    assert _where(questionnaire, document) == "$.questionnaire"


def test_an_unknown_module_an_unknown_field_and_empty_evidence_are_refused(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    document = answers_document()
    document["modules"] = ["cqi-9", "cqi-99"]
    assert _where(questionnaire, document) == "$.modules[1]"
    document = answers_document()
    document["answers"][0]["scroe"] = 4
    assert _where(questionnaire, document) == "$.answers[0].scroe"
    document = answers_document()
    document["answers"][1]["evidence"] = ["audit.pdf", ""]
    assert _where(questionnaire, document) == "$.answers[1].evidence[1]"


def test_evidence_and_not_applicable_answers_are_kept(
    questionnaire: Questionnaire, answers_document: AnswersBuilder
) -> None:
    answers = parse_answers(questionnaire, answers_document(scores={"qms-8.3": None}))
    by_question = answers.by_question()
    assert by_question["qms-8.3"].score is None
    assert by_question["qms-4.1"].evidence == ("record.pdf",)


def test_a_document_that_is_not_an_object_is_refused_at_the_root() -> None:
    with pytest.raises(InputError) as raised:
        questionnaire_ref(["automotive-readiness@1"])
    assert raised.value.where == "$"
