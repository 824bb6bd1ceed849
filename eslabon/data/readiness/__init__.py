"""Load the versioned readiness data files (questionnaires, action table, targets).

Each file is named ``<id>@<version>.json`` and is immutable once published: answers name
the exact version they were given against. Loading validates the schema and every cross
reference (`eslabon.domain.readiness.integrity`) and reports errors by file and JSON path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.readiness import integrity
from eslabon.domain.readiness.answers import Answers, parse_answers, questionnaire_ref
from eslabon.domain.readiness.decent_work import DecentWorkTable, IndicatorDefinition, Nom035Tier
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
    Text,
    Tier,
)
from eslabon.domain.validation import parse_model

REF_PATTERN = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)@(?P<version>[1-9][0-9]*)$")
DEFAULT_QUESTIONNAIRE = "automotive-readiness@1"
DEFAULT_TARGETS = "targets@1"
DEFAULT_DECENT_WORK = "decent-work@1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Text(_Strict):
    es: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def value(self) -> Text:
        return Text(es=self.es, en=self.en)


class _Module(_Strict):
    id: str
    title: _Text
    scope: ModuleScope
    processes: list[str]
    certification: str


class _Group(_Strict):
    id: str
    module: str
    clause: str
    title: _Text


class _Question(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    group: str
    level: Level
    clause: str
    weight: int = Field(ge=1, le=3)
    knockout: bool
    action: str
    text: _Text
    evidence: list[_Text]


class _Grading(_Strict):
    a_min: Decimal
    b_min: Decimal
    a_group_floor: Decimal
    b_group_floor: Decimal
    gap_below: int


class _QuestionnaireFile(_Strict):
    id: str
    version: int = Field(ge=1)
    published: str
    title: _Text
    scale: list[int]
    grading: _Grading
    sources: list[str]
    modules: list[_Module]
    groups: list[_Group]
    questions: list[_Question]
    action_table: str
    retired: list[str]
    renamed: dict[str, str]


class _Assumptions(_Strict):
    consultant_day_mxn: tuple[Decimal, Decimal]
    consultant_day_basis: str
    effort_share_by_score: dict[int, Decimal]
    effort_share_basis: str


class _Tier(_Strict):
    tier: int
    id: str
    title: _Text


class _Action(_Strict):
    id: str
    tier: int
    effort_days: int = Field(ge=0)
    consultant_days: int = Field(ge=0)
    external_mxn: tuple[Decimal, Decimal]
    duration_days: int = Field(ge=1)
    depends_on: list[str]
    title: _Text
    basis: str = Field(min_length=1)


class _ActionFile(_Strict):
    version: int
    published: str
    currency: Literal["MXN"]
    assumptions: _Assumptions
    tiers: list[_Tier]
    actions: list[_Action]


class _Milestone(_Strict):
    id: str
    after: list[str]
    days: int = Field(ge=0)
    cost_mxn: tuple[Decimal, Decimal]
    title: _Text
    basis: str


class _Target(_Strict):
    id: str
    title: _Text
    levels: list[Level]
    milestones: list[_Milestone]


class _TargetFile(_Strict):
    version: int
    published: str
    targets: list[_Target]


def split_ref(ref: str, where: str = "$.questionnaire") -> tuple[str, int]:
    """``automotive-readiness@1`` -> (``automotive-readiness``, 1)."""
    match = REF_PATTERN.match(ref)
    if match is None:
        raise InputError(where, f"{ref!r} is not of the form <id>@<version>")
    return match["id"], int(match["version"])


def _read(ref: str) -> Any:
    split_ref(ref)
    resource = resources.files(__name__).joinpath(f"{ref}.json")
    if not resource.is_file():
        raise InputError(ref, "no such readiness data file is shipped")
    return json.loads(resource.read_text(encoding="utf-8"))


def _in_file(ref: str, error: InputError) -> InputError:
    return InputError(f"{ref}.json {error.where}", error.message)


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
        return parse_action_table(ref, _read(ref))
    except InputError as error:
        raise _in_file(ref, error) from error


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
    data = _read(ref)
    table_ref = data.get("action_table", "") if isinstance(data, dict) else ""
    table = action_table(table_ref) if table_ref else None
    try:
        if table is None:
            raise InputError("$.action_table", "missing")
        loaded = parse_questionnaire(data, table)
    except InputError as error:
        raise _in_file(ref, error) from error
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
        return parse_targets(_read(ref))
    except InputError as error:
        raise _in_file(ref, error) from error


class _Rate(_Strict):
    year: int
    general: Decimal
    zlfn: Decimal


class _Rates(_Strict):
    basis: str
    rates: list[_Rate]


class _Hours(_Strict):
    year: int
    hours: int = Field(ge=1, le=48)


class _LegalHours(_Strict):
    basis: str
    hours: list[_Hours]


class _Element(_Strict):
    id: str
    title: _Text


class _Nom035Tier(_Strict):
    max_workers: int | None
    requires: list[str]


class _Nom035(_Strict):
    basis: str
    elements: list[_Element]
    tiers: list[_Nom035Tier]


class _Indicator(_Strict):
    id: str
    unit: str
    source: str
    name: _Text
    definition: _Text


class _DecentWorkFile(_Strict):
    version: int
    published: str
    minimum_wage_mxn_per_day: _Rates
    legal_weekly_hours: _LegalHours
    usmca_high_wage_usd_per_hour: Decimal
    nom035: _Nom035
    indicators: list[_Indicator]


def parse_decent_work(data: Any) -> DecentWorkTable:
    raw = parse_model(_DecentWorkFile, data)
    elements = tuple(element.id for element in raw.nom035.elements)
    for position, tier in enumerate(raw.nom035.tiers):
        for required_position, required in enumerate(tier.requires):
            if required not in elements:
                raise InputError(
                    f"$.nom035.tiers[{position}].requires[{required_position}]",
                    f"unknown NOM-035 element {required!r}",
                )
    return DecentWorkTable(
        minimum_wages=tuple(
            row
            for rate in raw.minimum_wage_mxn_per_day.rates
            for row in ((rate.year, "general", rate.general), (rate.year, "zlfn", rate.zlfn))
        ),
        weekly_hours=tuple((h.year, h.hours) for h in raw.legal_weekly_hours.hours),
        high_wage_usd=raw.usmca_high_wage_usd_per_hour,
        nom035_elements=elements,
        nom035_tiers=tuple(Nom035Tier(t.max_workers, tuple(t.requires)) for t in raw.nom035.tiers),
        indicators=tuple(
            IndicatorDefinition(i.id, i.unit, i.source, i.name.value(), i.definition.value())
            for i in raw.indicators
        ),
    )


@cache
def decent_work(ref: str = DEFAULT_DECENT_WORK) -> DecentWorkTable:
    try:
        return parse_decent_work(_read(ref))
    except InputError as error:
        raise _in_file(ref, error) from error
