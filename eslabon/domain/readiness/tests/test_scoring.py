"""Scoring follows VDA 6.3: group percentages, their mean, A/B/C and the downgrade rules."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.model import ActionTable, Questionnaire
from eslabon.domain.readiness.scoring import Assessment, Grade, assess

from .conftest import AnswersBuilder

SCALE = (0, 4, 6, 8, 10)
GRADE_RANK = {Grade.A: 0, Grade.B: 1, Grade.C: 2}


def _score(
    questionnaire: Questionnaire, table: ActionTable, document: dict[str, object]
) -> Assessment:
    return assess(questionnaire, table, parse_answers(questionnaire, document))


def test_full_marks_everywhere_is_grade_a_with_no_gaps(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10))
    assert result.overall == 100
    assert result.grade is Grade.A
    assert result.gaps == () and result.knockouts == ()


def test_a_group_is_weighted_points_over_points_possible(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    # qms-4: qms-4.1 (w2), qms-4.3 (w3), qms-4.3.2 (w3), qms-4.4.1.2 (w3)
    scores = {"qms-4.1": 4, "qms-4.3": 6, "qms-4.3.2": 8, "qms-4.4.1.2": 10}
    result = _score(questionnaire, table, answers_document(10, scores))
    group = next(g for g in result.groups if g.id == "qms-4")
    assert (group.points, group.possible) == (2 * 4 + 3 * 6 + 3 * 8 + 3 * 10, 110)
    assert group.percent == Decimal(80) * 100 / 110


def test_overall_is_the_mean_of_the_group_percentages(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(8))
    assert result.overall == 80
    assert result.overall == sum(g.percent or 0 for g in result.groups) / len(result.groups)


def test_all_eights_is_grade_b_all_sixes_grade_c(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    assert _score(questionnaire, table, answers_document(8)).grade is Grade.B
    assert _score(questionnaire, table, answers_document(6)).grade is Grade.C


def test_a_knockout_scored_zero_makes_an_otherwise_perfect_company_grade_c(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10, {"ct-msa-1": 0}))
    assert result.raw_grade is Grade.A
    assert result.grade is Grade.C
    assert [(k.question, k.cap) for k in result.knockouts] == [("ct-msa-1", Grade.C)]
    assert result.gaps[0].question.id == "ct-msa-1"


def test_a_knockout_scored_four_caps_the_grade_at_b(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10, {"qms-6.1.2.3": 4}))
    assert result.raw_grade is Grade.A and result.grade is Grade.B


def test_any_question_scored_zero_takes_away_grade_a(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10, {"qms-10.3": 0}))
    assert result.grade is Grade.B
    assert result.knockouts == ()


def test_a_group_below_seventy_percent_gives_grade_c(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    ppap = {"ct-ppap-1": 4, "ct-ppap-2": 4, "ct-ppap-3": 4}
    result = _score(questionnaire, table, answers_document(10, ppap))
    assert result.overall is not None and result.overall > 90
    assert result.grade is Grade.C


def test_unanswered_questions_count_as_zero_and_not_applicable_ones_are_left_out(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    document = answers_document(10, {"qms-8.3": None})
    full = _score(questionnaire, table, document)
    assert full.overall == 100
    document["answers"] = [a for a in document["answers"] if a["question"] != "qms-10.3"]
    missing = _score(questionnaire, table, document)
    assert missing.overall is not None and missing.overall < 100
    assert "qms-10.3" in {gap.question.id for gap in missing.gaps}


def test_a_special_process_module_is_scored_only_when_it_applies(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    without = _score(questionnaire, table, answers_document(10))
    assert "cqi-9" not in {g.id for g in without.groups}
    document = answers_document(10)
    document["modules"] = ["cqi-9"]
    named = _score(questionnaire, table, document)
    heat = next(g for g in named.groups if g.id == "cqi-9")
    assert heat.percent == 0 and heat.answered == 0
    answered = answers_document(10, modules=("qms", "core-tools", "cqi-9"))
    assert "cqi-9" in {g.id for g in _score(questionnaire, table, answered).groups}


def test_gaps_sharing_an_action_are_sized_by_the_worst_score(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10, {"ct-spc-1": 6, "ct-spc-2": 0}))
    sizes = {gap.question.id: gap.size for gap in result.gaps}
    assert sizes["ct-spc-1"] == sizes["ct-spc-2"]
    assert sizes["ct-spc-1"].effort_days == table.index["ct-spc"].effort_days


def test_a_score_of_six_halves_the_action(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = _score(questionnaire, table, answers_document(10, {"ct-spc-1": 6}))
    (gap,) = result.gaps
    low, high = table.cost_mxn(table.index["ct-spc"])
    assert gap.size.effort_days == 5
    assert gap.size.cost_mxn == (low / 2, high / 2)


def test_high_answers_without_evidence_are_flagged_not_rescored(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    document = answers_document(10)
    document["answers"][0]["evidence"] = []
    result = _score(questionnaire, table, document)
    assert result.unsupported == (document["answers"][0]["question"],)
    assert result.overall == 100


MANDATORY_IDS: list[str] = []


def _mandatory(questionnaire: Questionnaire) -> list[str]:
    if not MANDATORY_IDS:
        MANDATORY_IDS.extend(
            q.id for q in questionnaire.questions if q.module in ("qms", "core-tools")
        )
    return MANDATORY_IDS


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_raising_one_answer_never_lowers_the_score_or_the_grade(
    questionnaire: Questionnaire,
    table: ActionTable,
    answers_document: AnswersBuilder,
    data: st.DataObject,
) -> None:
    ids = _mandatory(questionnaire)
    scores = data.draw(st.lists(st.sampled_from(SCALE), min_size=len(ids), max_size=len(ids)))
    target = data.draw(st.integers(0, len(ids) - 1))
    raised = data.draw(st.sampled_from([s for s in SCALE if s >= scores[target]]))
    before = _score(questionnaire, table, answers_document(0, dict(zip(ids, scores, strict=True))))
    higher = dict(zip(ids, scores, strict=True)) | {ids[target]: raised}
    after = _score(questionnaire, table, answers_document(0, higher))
    assert after.overall is not None and before.overall is not None
    assert after.overall >= before.overall
    assert GRADE_RANK[after.grade] <= GRADE_RANK[before.grade]
    assert len(after.gaps) <= len(before.gaps)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_failed_knockout_always_caps_the_grade(
    questionnaire: Questionnaire,
    table: ActionTable,
    answers_document: AnswersBuilder,
    data: st.DataObject,
) -> None:
    ids = _mandatory(questionnaire)
    knockouts = [q for q in ids if questionnaire.question_index[q].knockout]
    scores = data.draw(st.lists(st.sampled_from((6, 8, 10)), min_size=len(ids), max_size=len(ids)))
    failed = data.draw(st.sampled_from(knockouts))
    failed_score = data.draw(st.sampled_from((0, 4)))
    document = answers_document(0, dict(zip(ids, scores, strict=True)) | {failed: failed_score})
    result = _score(questionnaire, table, document)
    cap = Grade.C if failed_score == 0 else Grade.B
    assert GRADE_RANK[result.grade] >= GRADE_RANK[cap]
    assert failed in {k.question for k in result.knockouts}


def test_scoring_is_deterministic_and_explains_itself(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    document = answers_document(10, {"ct-msa-1": 0})
    first, second = (_score(questionnaire, table, document) for _ in range(2))
    assert first == second
    assert "group below the C floor (ct-msa): at most C, downgrade to C" in first.trace
    assert "knock-out question scored 0 (ct-msa-1): at most C, no further effect" in first.trace
    assert any(line.startswith("overall = mean of 13 group") for line in first.trace)
