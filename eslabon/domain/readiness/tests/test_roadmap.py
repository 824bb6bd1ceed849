"""The roadmap orders actions by dependency and ladder tier and dates them from a start."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from eslabon.data import readiness as readiness_data
from eslabon.domain.readiness.answers import parse_answers
from eslabon.domain.readiness.model import ActionTable, Level, Questionnaire
from eslabon.domain.readiness.roadmap import Roadmap, dependency_order, plan
from eslabon.domain.readiness.scoring import assess

from .conftest import AnswersBuilder

START = date(2027, 1, 4)


@pytest.fixture(scope="module")
def from_scratch(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> Roadmap:
    result = assess(questionnaire, table, parse_answers(questionnaire, answers_document(0)))
    return plan(result.gaps, table, readiness_data.targets()["iatf-16949"], START)


def test_every_action_starts_after_the_actions_it_depends_on_end(from_scratch: Roadmap) -> None:
    ends: dict[str, date] = {}
    for step in from_scratch.steps:
        for dependency in step.after:
            assert dependency in ends, f"{step.size.action.id} before {dependency}"
            assert step.start >= ends[dependency]
        ends[step.size.action.id] = step.end
        assert step.end == step.start + timedelta(days=step.size.duration_days)


def test_iso_foundations_come_before_core_tools_before_iatf_before_ppap(
    from_scratch: Roadmap,
) -> None:
    tiers = [step.size.action.tier for step in from_scratch.steps]
    assert tiers == sorted(tiers)
    order = [step.size.action.id for step in from_scratch.steps]
    assert order[-1] == "ct-ppap"
    for core_tool in ("ct-apqp", "ct-fmea", "ct-control-plan", "ct-msa", "ct-spc"):
        assert order.index(core_tool) < order.index("ct-ppap")
    assert order.index("ct-msa") < order.index("ct-spc")


def test_a_company_from_scratch_needs_every_iso_and_iatf_action_once(
    from_scratch: Roadmap, table: ActionTable
) -> None:
    order = [step.size.action.id for step in from_scratch.steps]
    assert len(order) == len(set(order))
    assert not any(action.startswith("sp-") for action in order)  # no special process in scope
    assert from_scratch.effort_days == sum(
        a.effort_days for a in table.actions if not a.id.startswith("sp-")
    )


def test_certification_waits_for_twelve_months_of_data_after_the_last_action(
    from_scratch: Roadmap,
) -> None:
    milestones = {m.id: m.due for m in from_scratch.milestones}
    last_action = max(step.end for step in from_scratch.steps)
    assert milestones["performance-data-12-months"] == last_action + timedelta(days=365)
    assert milestones["letter-of-conformance"] < milestones["performance-data-12-months"]
    stage_gap = milestones["certification-stage-2"] - milestones["certification-stage-1"]
    assert timedelta(days=20) <= stage_gap <= timedelta(days=90)  # IATF Rules 6
    assert from_scratch.finish == milestones["certification-stage-2"]


def test_the_iso_9001_target_plans_only_iso_level_gaps(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = assess(questionnaire, table, parse_answers(questionnaire, answers_document(0)))
    roadmap = plan(result.gaps, table, readiness_data.targets()["iso-9001"], START)
    assert {step.size.action.tier for step in roadmap.steps} == {1}
    closed = {q for step in roadmap.steps for q in step.closes}
    assert all(questionnaire.question_index[q].level is Level.ISO_9001 for q in closed)


def test_an_action_waits_for_a_planned_action_through_one_that_needs_no_work(
    table: ActionTable,
) -> None:
    # ct-msa depends on qms-calibration and ct-control-plan; ct-control-plan on ct-fmea.
    ordered = dict(dependency_order(table, {"ct-msa", "ct-fmea"}))
    assert ordered["ct-msa"] == {"ct-fmea"}
    assert list(ordered) == ["ct-fmea", "ct-msa"]


def test_a_company_without_gaps_has_only_the_certification_milestones(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = assess(questionnaire, table, parse_answers(questionnaire, answers_document(10)))
    roadmap = plan(result.gaps, table, readiness_data.targets()["iso-9001"], START)
    assert roadmap.steps == ()
    assert roadmap.milestones[0].due == START + timedelta(days=60)
    assert roadmap.cost_mxn == (Decimal(50000), Decimal(150000))


def test_limiting_parallel_actions_stretches_the_plan_but_keeps_the_order(
    questionnaire: Questionnaire, table: ActionTable, answers_document: AnswersBuilder
) -> None:
    result = assess(questionnaire, table, parse_answers(questionnaire, answers_document(0)))
    target = readiness_data.targets()["iatf-16949"]
    free = plan(result.gaps, table, target, START)
    two = plan(result.gaps, table, target, START, max_parallel=2)
    assert [s.size.action.id for s in two.steps] == [s.size.action.id for s in free.steps]
    assert two.finish > free.finish
    for day in range(0, (two.finish - START).days, 7):
        when = START + timedelta(days=day)
        running = [s for s in two.steps if s.start <= when < s.end]
        assert len(running) <= 2
    ends = {s.size.action.id: s.end for s in two.steps}
    assert all(s.start >= ends[a] for s in two.steps for a in s.after)
