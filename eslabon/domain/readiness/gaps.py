"""Turn low-scoring questions into gaps, each closed by an action of the documented table.

An action's size in one assessment is its table figures times the share still to do for its
worst-scored gap (0 -> all of it, 4 -> three quarters, 6 -> half; see actions@1.json).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from eslabon.domain.readiness.model import Action, ActionTable, Question

MXN_ROUNDING = Decimal(100)


@dataclass(frozen=True, slots=True)
class ActionSize:
    """What one action costs for one company, given how far it already is."""

    action: Action
    share: Decimal
    effort_days: int
    duration_days: int
    cost_mxn: tuple[Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class Gap:
    question: Question
    score: int
    size: ActionSize


def _round_mxn(amount: Decimal) -> Decimal:
    return (amount / MXN_ROUNDING).quantize(Decimal(1), ROUND_HALF_UP) * MXN_ROUNDING


def size_action(table: ActionTable, action: Action, worst_score: int) -> ActionSize:
    share = table.share(worst_score)
    low, high = table.cost_mxn(action)
    return ActionSize(
        action=action,
        share=share,
        effort_days=math.ceil(action.effort_days * share),
        duration_days=max(1, math.ceil(action.duration_days * share)),
        cost_mxn=(_round_mxn(low * share), _round_mxn(high * share)),
    )


def find_gaps(
    scored: Iterable[tuple[Question, int]], table: ActionTable, gap_below: int
) -> tuple[Gap, ...]:
    """Questions scored below ``gap_below``: knock-outs first, then lowest score, heaviest.

    Gaps that share an action show the same (whole-action) figures; the roadmap counts each
    action once.
    """
    order = {}
    low: list[tuple[Question, int]] = []
    for position, (question, score) in enumerate(scored):
        order[question.id] = position
        if score < gap_below:
            low.append((question, score))
    worst: dict[str, int] = {}
    for question, score in low:
        worst[question.action] = min(score, worst.get(question.action, score))
    sizes = {
        action_id: size_action(table, table.index[action_id], score)
        for action_id, score in worst.items()
    }
    low.sort(key=lambda item: (not item[0].knockout, item[1], -item[0].weight, order[item[0].id]))
    return tuple(Gap(question, score, sizes[question.action]) for question, score in low)
