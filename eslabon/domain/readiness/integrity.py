"""Consistency rules for questionnaires, action tables and targets, checked when they load.

A data file that breaks one of these rules would make scoring or the roadmap silently wrong,
so the loader refuses it and names the JSON path at fault.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.model import (
    ACTIONS_DONE,
    ActionTable,
    Level,
    Questionnaire,
    Target,
)

# Tier 1 of the action table holds the ISO 9001 foundations (IATF 16949 8.4.2.3 a-b).
FOUNDATION_TIER = 1


def _unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for position, item in enumerate(ids):
        if item in seen:
            raise InputError(f"{where}[{position}].id", f"duplicate id {item!r}")
        seen.add(item)


def check_action_table(table: ActionTable) -> None:
    """Dependencies exist, point to the same or an earlier tier, and form no cycle.

    The tier rule is what makes the roadmap put ISO 9001 foundations before core tools,
    core tools before IATF-specific actions and everything before PPAP.
    """
    _unique([action.id for action in table.actions], "$.actions")
    tiers = {tier.tier for tier in table.tiers}
    for position, action in enumerate(table.actions):
        where = f"$.actions[{position}]"
        if action.tier not in tiers:
            raise InputError(f"{where}.tier", f"unknown tier {action.tier}")
        for dep_position, dependency in enumerate(action.depends_on):
            dep_where = f"{where}.depends_on[{dep_position}]"
            if dependency not in table.index:
                raise InputError(dep_where, f"unknown action {dependency!r}")
            if table.index[dependency].tier > action.tier:
                raise InputError(dep_where, f"{dependency!r} is in a later tier than {action.id!r}")
    graph = {action.id: set(action.depends_on) for action in table.actions}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise InputError("$.actions", f"dependency cycle: {' -> '.join(error.args[1])}") from error


def check_questionnaire(questionnaire: Questionnaire, table: ActionTable) -> None:
    """Every reference resolves, knock-outs and weights are sane, the scale is VDA's."""
    _unique([module.id for module in questionnaire.modules], "$.modules")
    _unique([group.id for group in questionnaire.groups], "$.groups")
    _unique([question.id for question in questionnaire.questions], "$.questions")
    if 0 not in questionnaire.scale or max(questionnaire.scale) <= 0:
        raise InputError("$.scale", "the scale needs 0 and a positive maximum")
    shares = dict(table.effort_share_by_score)
    for step in questionnaire.scale:
        if step < questionnaire.grading.gap_below and step not in shares:
            # A gap at this score would otherwise be sized as no work at all.
            raise InputError("$.grading.gap_below", f"{table.ref} has no effort share for {step}")
    for position, group in enumerate(questionnaire.groups):
        if group.module not in questionnaire.module_index:
            raise InputError(f"$.groups[{position}].module", f"unknown module {group.module!r}")
    for position, question in enumerate(questionnaire.questions):
        where = f"$.questions[{position}]"
        if question.group not in questionnaire.group_index:
            raise InputError(f"{where}.group", f"unknown group {question.group!r}")
        if question.action not in table.index:
            raise InputError(f"{where}.action", f"unknown action {question.action!r}")
        if question.weight < 1:
            raise InputError(f"{where}.weight", "weight must be at least 1")
        if (
            question.level is Level.ISO_9001
            and table.index[question.action].tier != FOUNDATION_TIER
        ):
            # An ISO 9001 gap must be closable without IATF or core-tool work (8.4.2.3 ladder).
            raise InputError(f"{where}.action", "an iso-9001 question needs a tier-1 action")
        if not question.evidence:
            raise InputError(f"{where}.evidence", "name at least one piece of evidence")
    for retired in questionnaire.retired:
        if retired in questionnaire.question_index:
            raise InputError("$.retired", f"{retired!r} is retired but still asked")


def check_target(target: Target, where: str) -> None:
    """Milestones only start after milestones listed before them (or after the actions)."""
    known = {ACTIONS_DONE}
    for position, milestone in enumerate(target.milestones):
        for after_position, after in enumerate(milestone.after):
            if after not in known:
                raise InputError(
                    f"{where}.milestones[{position}].after[{after_position}]",
                    f"{after!r} is not an earlier milestone",
                )
        known.add(milestone.id)
