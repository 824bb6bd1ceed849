"""The readiness questionnaire, action table and targets as plain immutable values.

Loaded from the versioned data files by `eslabon.data.readiness`; every engine in this
package computes on these values and never reads a file itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing string in both product languages (es-MX first, en second)."""

    es: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language.startswith("en") else self.es


class Level(StrEnum):
    """The step of the IATF 16949 8.4.2.3 ladder a question belongs to."""

    ISO_9001 = "iso-9001"
    IATF_16949 = "iatf-16949"


class ModuleScope(StrEnum):
    """Mandatory modules apply to every company; optional ones to those running the process."""

    MANDATORY = "mandatory"
    OPTIONAL = "optional"


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: Text
    scope: ModuleScope
    processes: tuple[str, ...]
    certification: str


@dataclass(frozen=True, slots=True)
class Group:
    """A clause group (ISO/IATF clause 4..10, one core tool, one CQI assessment)."""

    id: str
    module: str
    clause: str
    title: Text


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    group: str
    module: str
    level: Level
    clause: str
    weight: int
    knockout: bool
    action: str
    text: Text
    evidence: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Grading:
    """VDA 6.3-style thresholds in percent (VDA 6.3:2016 ch. 9.5 classification)."""

    a_min: Decimal
    b_min: Decimal
    a_group_floor: Decimal
    b_group_floor: Decimal
    gap_below: int


@dataclass(frozen=True)
class Questionnaire:
    """One published version of a questionnaire; never edited once answers exist."""

    id: str
    version: int
    title: Text
    scale: tuple[int, ...]
    grading: Grading
    modules: tuple[Module, ...]
    groups: tuple[Group, ...]
    questions: tuple[Question, ...]
    action_table: str
    retired: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @cached_property
    def question_index(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    @cached_property
    def group_index(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups}

    @cached_property
    def module_index(self) -> dict[str, Module]:
        return {module.id: module for module in self.modules}


@dataclass(frozen=True, slots=True)
class Action:
    """One line of the documented action table: what closing a gap costs and needs first."""

    id: str
    tier: int
    title: Text
    effort_days: int
    consultant_days: int
    external_mxn: tuple[Decimal, Decimal]
    duration_days: int
    depends_on: tuple[str, ...]
    basis: str


@dataclass(frozen=True, slots=True)
class Tier:
    tier: int
    id: str
    title: Text


@dataclass(frozen=True)
class ActionTable:
    ref: str
    consultant_day_mxn: tuple[Decimal, Decimal]
    effort_share_by_score: tuple[tuple[int, Decimal], ...]
    tiers: tuple[Tier, ...]
    actions: tuple[Action, ...]

    @cached_property
    def index(self) -> dict[str, Action]:
        return {action.id: action for action in self.actions}

    def cost_mxn(self, action: Action) -> tuple[Decimal, Decimal]:
        """Consultant days at the assumed day rate plus the action's external items."""
        low_rate, high_rate = self.consultant_day_mxn
        return (
            action.consultant_days * low_rate + action.external_mxn[0],
            action.consultant_days * high_rate + action.external_mxn[1],
        )

    def share(self, score: int) -> Decimal:
        """Share of an action still to do when its question scored ``score``."""
        for scale_score, share in self.effort_share_by_score:
            if scale_score == score:
                return share
        return Decimal(0)


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    title: Text
    after: tuple[str, ...]
    days: int
    cost_mxn: tuple[Decimal, Decimal]
    basis: str


# The pseudo-milestone every target's milestones may start from: all gap actions done.
ACTIONS_DONE = "actions"


@dataclass(frozen=True, slots=True)
class Target:
    """A goal a roadmap leads to (ISO 9001 or IATF 16949 certification)."""

    id: str
    title: Text
    levels: tuple[Level, ...]
    milestones: tuple[Milestone, ...]
