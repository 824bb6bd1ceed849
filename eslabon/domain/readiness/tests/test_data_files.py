"""The shipped readiness data files load, hold together and are refused when they do not."""

from __future__ import annotations

import copy
import itertools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from eslabon.data import readiness as readiness_data
from eslabon.data import taxonomy
from eslabon.domain.errors import InputError
from eslabon.domain.readiness.model import ActionTable, Level, ModuleScope, Questionnaire
from eslabon.domain.readiness.versions import check_successor


def _raw(name: str) -> Any:
    text = resources.files("eslabon.data.readiness").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def test_the_questionnaire_covers_iso_clauses_core_tools_and_six_special_processes(
    questionnaire: Questionnaire,
) -> None:
    clauses = {g.clause for g in questionnaire.groups if g.module == "qms"}
    assert clauses == {"4", "5", "6", "7", "8", "9", "10"}
    core = {g.clause for g in questionnaire.groups if g.module == "core-tools"}
    assert core == {"APQP", "FMEA", "CP", "MSA", "SPC", "PPAP"}
    optional = {m.id for m in questionnaire.modules if m.scope is ModuleScope.OPTIONAL}
    assert optional == {"cqi-9", "cqi-11", "cqi-12", "cqi-15", "cqi-23", "cqi-27"}
    levels = {q.level for q in questionnaire.questions if q.module == "qms"}
    assert levels == {Level.ISO_9001, Level.IATF_16949}


def test_every_question_is_bilingual_with_evidence_and_a_clause(
    questionnaire: Questionnaire,
) -> None:
    for question in questionnaire.questions:
        assert question.text.es and question.text.en and question.text.es != question.text.en
        assert question.clause
        assert all(e.es and e.en for e in question.evidence)


def test_special_process_modules_name_processes_of_the_shared_taxonomy(
    questionnaire: Questionnaire,
) -> None:
    slugs = taxonomy.processes().slugs
    for module in questionnaire.modules:
        assert set(module.processes) <= slugs, module.id
    certifications = taxonomy.certifications().slugs
    assert {m.certification for m in questionnaire.modules} <= certifications


def test_the_documented_knockouts_of_the_reference_are_knockouts(
    questionnaire: Questionnaire,
) -> None:
    # shared/reference/readiness.md 2.6: no control plan, no MSA, workers not registered
    # with IMSS, no contingency plan.
    index = questionnaire.question_index
    for question in ("ct-cp-1", "ct-msa-1", "qms-5.1.1.1-labour", "qms-6.1.2.3"):
        assert index[question].knockout


def test_an_action_cost_is_consultant_days_at_the_day_rate_plus_external_items(
    table: ActionTable,
) -> None:
    msa = table.index["ct-msa"]
    low, high = table.cost_mxn(msa)
    assert low == 2 * 6000 + 3000
    assert high == 2 * 12000 + 20000


def test_every_shipped_questionnaire_version_keeps_the_answers_of_the_one_before() -> None:
    refs = readiness_data.available()
    assert "automotive-readiness@1" in refs
    by_id: dict[str, list[Questionnaire]] = {}
    for ref in refs:
        loaded = readiness_data.questionnaire(ref)
        by_id.setdefault(loaded.id, []).append(loaded)
    for versions in by_id.values():
        for old, new in itertools.pairwise(versions):
            check_successor(old, new)


def test_a_question_pointing_to_an_unknown_action_is_refused_with_its_path(
    table: ActionTable,
) -> None:
    data = _raw("automotive-readiness@1.json")
    data["questions"][3]["action"] = "no-such-action"
    with pytest.raises(InputError) as raised:
        readiness_data.parse_questionnaire(data, table)
    assert raised.value.where == "$.questions[3].action"


def test_an_iso_9001_question_cannot_need_an_iatf_action(table: ActionTable) -> None:
    data = _raw("automotive-readiness@1.json")
    first_iso = next(i for i, q in enumerate(data["questions"]) if q["level"] == "iso-9001")
    data["questions"][first_iso]["action"] = "ct-ppap"
    with pytest.raises(InputError, match="tier-1 action"):
        readiness_data.parse_questionnaire(data, table)


def test_a_weight_off_the_one_to_three_scale_is_refused(table: ActionTable) -> None:
    data = _raw("automotive-readiness@1.json")
    data["questions"][0]["weight"] = 5
    with pytest.raises(InputError) as raised:
        readiness_data.parse_questionnaire(data, table)
    assert raised.value.where == "$.questions[0].weight"


def test_a_dependency_cycle_in_the_action_table_is_refused() -> None:
    data = copy.deepcopy(_raw("actions@1.json"))
    # qms-management-review waits (through others) for qms-context-scope.
    position = next(i for i, a in enumerate(data["actions"]) if a["id"] == "qms-context-scope")
    data["actions"][position]["depends_on"] = ["qms-management-review"]
    with pytest.raises(InputError, match="cycle"):
        readiness_data.parse_action_table("actions@1", data)


def test_an_action_cannot_wait_for_a_later_tier() -> None:
    data = copy.deepcopy(_raw("actions@1.json"))
    position = next(i for i, a in enumerate(data["actions"]) if a["id"] == "qms-calibration")
    data["actions"][position]["depends_on"] = ["ct-ppap"]
    with pytest.raises(InputError) as raised:
        readiness_data.parse_action_table("actions@1", data)
    assert raised.value.where == f"$.actions[{position}].depends_on[0]"


def test_a_milestone_may_only_follow_an_earlier_one() -> None:
    data = copy.deepcopy(_raw("targets@1.json"))
    data["targets"][0]["milestones"][0]["after"] = ["certification-stage-2"]
    with pytest.raises(InputError) as raised:
        readiness_data.parse_targets(data)
    assert raised.value.where == "$.targets[0].milestones[0].after[0]"


def test_an_unshipped_version_is_an_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="no such readiness data file"):
        readiness_data.questionnaire("automotive-readiness@99")


def test_the_action_table_in_the_docs_matches_the_data_file(table: ActionTable) -> None:
    docs = Path(__file__).resolve().parents[4] / "docs" / "readiness.md"
    text = docs.read_text(encoding="utf-8")
    for action in table.actions:
        low, high = table.cost_mxn(action)
        external = f"{action.external_mxn[0]:,.0f}–{action.external_mxn[1]:,.0f}"
        row = (
            f"| `{action.id}` | {action.tier} | {action.effort_days} | {action.consultant_days} "
            f"| {external} | {low:,.0f}–{high:,.0f} | {action.duration_days} "
            f"| {', '.join(action.depends_on) or '—'} |"
        )
        assert row in text, action.id


def test_a_gap_threshold_the_action_table_cannot_size_is_refused(table: ActionTable) -> None:
    data = _raw("automotive-readiness@1.json")
    data["grading"]["gap_below"] = 10  # a score of 8 would become a gap with no effort share
    with pytest.raises(InputError) as raised:
        readiness_data.parse_questionnaire(data, table)
    assert raised.value.where == "$.grading.gap_below"
