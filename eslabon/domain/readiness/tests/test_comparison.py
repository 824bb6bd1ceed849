"""Comparison with the previous assessment: deltas by group, gaps closed and opened."""

from __future__ import annotations

from decimal import Decimal

from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.comparison import compare
from eslabon.domain.readiness.model import ActionTable, Questionnaire
from eslabon.domain.readiness.scoring import Grade, assess

from .conftest import AnswersBuilder


def test_progress_shows_as_positive_group_deltas_and_closed_gaps(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    before = assess(
        questionnaire, table, parse_answers(questionnaire, answers_document(10, {"qms-9.2": 0}))
    )
    after = assess(
        questionnaire, table, parse_answers(questionnaire, answers_document(10, {"ct-spc-3": 4}))
    )
    comparison = compare(after, before)
    deltas = {d.group: d.delta for d in comparison.groups}
    # qms-9: qms-9.2 (weight 3) goes from 0 to 10 over 5 questions weighing 12 in all.
    assert deltas["qms-9"] == Decimal(25)
    assert deltas["ct-spc"] == Decimal(-10)  # ct-spc-3 (weight 1) loses 6 of 60 points
    assert deltas["qms-4"] == 0
    assert comparison.closed_gaps == ("qms-9.2",)
    assert comparison.new_gaps == ("ct-spc-3",)
    assert comparison.grade_before is Grade.B  # a question scored 0 takes away grade A
    assert comparison.grade_after is Grade.A


def test_a_group_scored_only_once_has_no_delta(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    before = assess(questionnaire, table, parse_answers(questionnaire, answers_document(8)))
    with_heat = answers_document(8, modules=("qms", "core-tools", "cqi-9"))
    after = assess(questionnaire, table, parse_answers(questionnaire, with_heat))
    heat = next(d for d in compare(after, before).groups if d.group == "cqi-9")
    assert heat.before is None and heat.delta is None
