"""A new questionnaire version keeps old answers valid; breaking changes are refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.comparison import compare
from eslabon.domain.readiness.model import ActionTable, Question, Questionnaire, Text
from eslabon.domain.readiness.scoring import assess
from eslabon.domain.readiness.versions import carry_forward, check_successor

from .conftest import AnswersBuilder


def _successor(v1: Questionnaire) -> Questionnaire:
    """Version 2: retires qms-10.3, renames qms-4.1 to qms-4.1-context, adds one question."""
    kept = [q for q in v1.questions if q.id != "qms-10.3"]
    renamed = [replace(q, id="qms-4.1-context") if q.id == "qms-4.1" else q for q in kept]
    added = Question(
        id="qms-7.1.6",
        group="qms-7",
        module="qms",
        level=v1.question_index["qms-7.2"].level,
        clause="ISO 9001 7.1.6",
        weight=1,
        knockout=False,
        action="qms-competence-training",
        text=Text(es="Se gestiona el conocimiento de la organización.", en="Knowledge is managed."),
        evidence=(Text(es="Lecciones aprendidas", en="Lessons learned"),),
    )
    return replace(
        v1,
        version=2,
        questions=(*renamed, added),
        retired=("qms-10.3",),
        renamed=(("qms-4.1", "qms-4.1-context"),),
    )


def test_a_successor_that_adds_retires_and_renames_keeps_old_answers_valid(
    questionnaire: Questionnaire,
) -> None:
    check_successor(questionnaire, _successor(questionnaire))


def test_old_answers_still_score_against_their_own_version(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    v2 = _successor(questionnaire)
    document = answers_document(8)
    with pytest.raises(InputError) as raised:
        parse_answers(v2, document | {"questionnaire": v2.ref})
    assert "renamed" not in raised.value.message  # the first failing answer is qms-4.1
    assert "called 'qms-4.1-context'" in raised.value.message
    result = assess(questionnaire, table, parse_answers(questionnaire, document))
    assert result.questionnaire == "automotive-readiness@1"


def test_answers_carried_forward_follow_renames_drop_retired_and_leave_new_questions_open(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    v2 = _successor(questionnaire)
    old = parse_answers(questionnaire, answers_document(8))
    carried = carry_forward(old, questionnaire, v2)
    given = carried.by_question()
    assert carried.questionnaire == "automotive-readiness@2"
    assert given["qms-4.1-context"].score == 8
    assert "qms-10.3" not in given and "qms-7.1.6" not in given
    before = assess(questionnaire, table, old)
    after = assess(v2, table, carried)
    assert "qms-7.1.6" in {gap.question.id for gap in after.gaps}
    deltas = {d.group: d.delta for d in compare(after, before).groups}
    assert deltas["qms-4"] == 0
    assert deltas["qms-7"] is not None and deltas["qms-7"] < 0


def test_dropping_a_question_without_retiring_it_is_refused(
    questionnaire: Questionnaire,
) -> None:
    v2 = replace(_successor(questionnaire), retired=())
    with pytest.raises(InputError, match=r"qms-10\.3"):
        check_successor(questionnaire, v2)


def test_a_kept_question_may_not_change_its_group_or_knockout_status(
    questionnaire: Questionnaire,
) -> None:
    moved = tuple(
        replace(q, group="qms-9") if q.id == "qms-8.6" else q for q in questionnaire.questions
    )
    with pytest.raises(InputError, match="changes its group"):
        check_successor(questionnaire, replace(questionnaire, version=2, questions=moved))
    softened = tuple(
        replace(q, knockout=False) if q.id == "ct-cp-1" else q for q in questionnaire.questions
    )
    with pytest.raises(InputError, match="changes its knockout"):
        check_successor(questionnaire, replace(questionnaire, version=2, questions=softened))


def test_a_successor_must_have_a_higher_version_of_the_same_questionnaire(
    questionnaire: Questionnaire,
) -> None:
    with pytest.raises(InputError, match="does not succeed"):
        check_successor(questionnaire, questionnaire)
