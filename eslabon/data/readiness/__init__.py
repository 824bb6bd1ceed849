"""Load the versioned readiness data files (questionnaires, action table, targets).

Each file is named ``<id>@<version>.json`` and is immutable once published: answers name
the exact version they were given against. Loading validates the schema and every cross
reference (`eslabon.domain.readiness.integrity`) and reports errors by file and JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

from pydantic import Field

from eslabon.data.readiness.decent_work_file import decent_work as decent_work
from eslabon.data.readiness.files import REF_PATTERN, FileText, Strict, in_file, read, split_ref
from eslabon.domain.errors import InputError
from eslabon.domain.readiness import integrity
from eslabon.domain.readiness.answers import Answers, parse_answers, questionnaire_ref
from eslabon.domain.readiness.model import (
    Action,
    ActionTable,
    Grading,
    Group,
    Level,
    Milestone,
    Module,
    ModuleScope,
    Question,
    Questionnaire,
    Target,
    Tier,
)
from eslabon.domain.validation import parse_model

DEFAULT_QUESTIONNAIRE = "automotive-readiness@1"
DEFAULT_TARGETS = "targets@1"


class _Module(Strict):
    id: str
    title: FileText
    scope: ModuleScope
    processes: list[str]
    certification: str


class _Group(Strict):
    id: str
    module: str
    clause: str
    title: FileText


class _Question(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    group: str
    level: Level
    clause: str
    weight: int = Field(ge=1, le=3)
    knockout: bool
    action: str
    text: FileText
    evidence: list[FileText]


class _Grading(Strict):
    a_min: Decimal
    b_min: Decimal
    a_group_floor: Decimal
    b_group_floor: Decimal
    gap_below: int


class _QuestionnaireFile(Strict):
    id: str
    version: int = Field(ge=1)
    published: str
    title: FileText
    scale: list[int]
    grading: _Grading
    sources: list[str]
    modules: list[_Module]
    groups: list[_Group]
    questions: list[_Question]
    action_table: str
    retired: list[str]
    renamed: dict[str, str]


class _Assumptions(Strict):
    consultant_day_mxn: tuple[Decimal, Decimal]
    consultant_day_basis: str
    effort_share_by_score: dict[int, Decimal]
    effort_share_basis: str


class _Tier(Strict):
    tier: int
    id: str
    title: FileText


class _Action(Strict):
    id: str
    tier: int
    effort_days: int = Field(ge=0)
    consultant_days: int = Field(ge=0)
    external_mxn: tuple[Decimal, Decimal]
    duration_days: int = Field(ge=1)
    depends_on: list[str]
    title: FileText
    basis: str = Field(min_length=1)


class _ActionFile(Strict):
    version: int
    published: str
    currency: Literal["MXN"]
    assumptions: _Assumptions
    tiers: list[_Tier]
    actions: list[_Action]


class _Milestone(Strict):
    id: str
    after: list[str]
    days: int = Field(ge=0)
    cost_mxn: tuple[Decimal, Decimal]
    title: FileText
    basis: str


class _Target(Strict):
    id: str
    title: FileText
    levels: list[Level]
    milestones: list[_Milestone]


class _TargetFile(Strict):
    version: int
    published: str
    targets: list[_Target]


def parse_action_table(ref: str, data: Any) -> ActionTable:
    raw = parse_model(_ActionFile, data)
    table = ActionTable(
        ref=ref,
        consultant_day_mxn=raw.assumptions.consultant_day_mxn,
        effort_share_by_score=tuple(sorted(raw.assumptions.effort_share_by_score.items())),
        tiers=tuple(Tier(tier=t.tier, id=t.id, title=t.title.value()) for t in raw.tiers),
        actions=tuple(
            Action(
                id=a.id,
                tier=a.tier,
                title=a.title.value(),
                effort_days=a.effort_days,
                consultant_days=a.consultant_days,
                external_mxn=a.external_mxn,
                duration_days=a.duration_days,
                depends_on=tuple(a.depends_on),
                basis=a.basis,
            )
            for a in raw.actions
        ),
    )
    integrity.check_action_table(table)
    return table


def parse_questionnaire(data: Any, table: ActionTable) -> Questionnaire:
    raw = parse_model(_QuestionnaireFile, data)
    group_module = {group.id: group.module for group in raw.groups}
    questionnaire = Questionnaire(
        id=raw.id,
        version=raw.version,
        title=raw.title.value(),
        scale=tuple(sorted(raw.scale)),
        grading=Grading(**raw.grading.model_dump()),
        modules=tuple(
            Module(
                id=m.id,
                title=m.title.value(),
                scope=m.scope,
                processes=tuple(m.processes),
                certification=m.certification,
            )
            for m in raw.modules
        ),
        groups=tuple(
            Group(id=g.id, module=g.module, clause=g.clause, title=g.title.value())
            for g in raw.groups
        ),
        questions=tuple(
            Question(
                id=q.id,
                group=q.group,
                module=group_module.get(q.group, ""),
                level=q.level,
                clause=q.clause,
                weight=q.weight,
                knockout=q.knockout,
                action=q.action,
                text=q.text.value(),
                evidence=tuple(e.value() for e in q.evidence),
            )
            for q in raw.questions
        ),
        action_table=raw.action_table,
        retired=tuple(raw.retired),
        renamed=tuple(sorted(raw.renamed.items())),
    )
    integrity.check_questionnaire(questionnaire, table)
    return questionnaire


@cache
def action_table(ref: str) -> ActionTable:
    try:
        return parse_action_table(ref, read(ref))
    except InputError as error:
        raise in_file(ref, error) from error


@cache
def available() -> tuple[str, ...]:
    """References of every shipped questionnaire version, oldest first per id."""
    refs = []
    for entry in resources.files(__name__).iterdir():
        name = entry.name.removesuffix(".json")
        if entry.name.endswith(".json") and REF_PATTERN.match(name):
            data = json.loads(entry.read_text(encoding="utf-8"))
            if "questions" in data:
                refs.append(name)
    return tuple(sorted(refs, key=split_ref))


@cache
def questionnaire(ref: str = DEFAULT_QUESTIONNAIRE) -> Questionnaire:
    """Load and validate one shipped questionnaire version (cached: files never change)."""
    data = read(ref)
    table_ref = data.get("action_table", "") if isinstance(data, dict) else ""
    table = action_table(table_ref) if table_ref else None
    try:
        if table is None:
            raise InputError("$.action_table", "missing")
        loaded = parse_questionnaire(data, table)
    except InputError as error:
        raise in_file(ref, error) from error
    if loaded.ref != ref:
        raise InputError(f"{ref}.json $.version", f"the file declares {loaded.ref}")
    return loaded


def resolve_answers(data: Any) -> tuple[Questionnaire, ActionTable, Answers]:
    """The questionnaire an ANSWERS.json document names, its action table and the answers.

    The entry point for the CLI and the web services: one call, errors by JSON path.
    """
    ref = questionnaire_ref(data)
    split_ref(ref)
    if ref not in available():
        shipped = ", ".join(available())
        raise InputError("$.questionnaire", f"{ref!r} is not a shipped questionnaire ({shipped})")
    loaded = questionnaire(ref)
    return loaded, action_table(loaded.action_table), parse_answers(loaded, data)


def parse_targets(data: Any) -> Mapping[str, Target]:
    raw = parse_model(_TargetFile, data)
    targets: dict[str, Target] = {}
    for position, t in enumerate(raw.targets):
        target = Target(
            id=t.id,
            title=t.title.value(),
            levels=tuple(t.levels),
            milestones=tuple(
                Milestone(
                    id=m.id,
                    title=m.title.value(),
                    after=tuple(m.after),
                    days=m.days,
                    cost_mxn=m.cost_mxn,
                    basis=m.basis,
                )
                for m in t.milestones
            ),
        )
        integrity.check_target(target, f"$.targets[{position}]")
        targets[target.id] = target
    return MappingProxyType(targets)


@cache
def targets(ref: str = DEFAULT_TARGETS) -> Mapping[str, Target]:
    try:
        return parse_targets(read(ref))
    except InputError as error:
        raise in_file(ref, error) from error
