"""A dated roadmap from the gaps of one assessment toward a target (ISO 9001, IATF 16949).

Actions come in dependency order, ties broken by tier (ISO 9001 foundations, core tools,
IATF-specific, PPAP: the IATF 16949 8.4.2.3 ladder), then the target's certification milestones.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.gaps import ActionSize, Gap
from eslabon.domain.readiness.model import ACTIONS_DONE, ActionTable, Target, Text


@dataclass(frozen=True, slots=True)
class Step:
    size: ActionSize
    closes: tuple[str, ...]
    after: tuple[str, ...]
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class MilestoneDate:
    id: str
    title: Text
    due: date
    cost_mxn: tuple[Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class Roadmap:
    target: str
    start: date
    steps: tuple[Step, ...]
    milestones: tuple[MilestoneDate, ...]
    finish: date
    effort_days: int
    cost_mxn: tuple[Decimal, Decimal]
    trace: tuple[str, ...]


def _ancestors_in_plan(table: ActionTable, action_id: str, planned: set[str]) -> set[str]:
    """Planned actions this one waits for, also through actions that need no work here."""
    found: set[str] = set()
    stack = list(table.index[action_id].depends_on)
    visited: set[str] = set()
    while stack:
        current = stack.pop()
        if current in visited:
            continue
        visited.add(current)
        if current in planned:
            found.add(current)
        else:
            stack.extend(table.index[current].depends_on)
    return found


def dependency_order(table: ActionTable, action_ids: set[str]) -> list[tuple[str, set[str]]]:
    """Kahn's topological sort with a (tier, table position) priority: deterministic."""
    position = {action.id: index for index, action in enumerate(table.actions)}
    waits = {a: _ancestors_in_plan(table, a, action_ids) for a in action_ids}
    remaining = {a: set(deps) for a, deps in waits.items()}
    ready = [(table.index[a].tier, position[a], a) for a, deps in remaining.items() if not deps]
    heapq.heapify(ready)
    ordered: list[tuple[str, set[str]]] = []
    while ready:
        _, _, current = heapq.heappop(ready)
        ordered.append((current, waits[current]))
        for other, deps in remaining.items():
            if current in deps:
                deps.discard(current)
                if not deps:
                    heapq.heappush(ready, (table.index[other].tier, position[other], other))
    return ordered


def plan(
    gaps: tuple[Gap, ...],
    table: ActionTable,
    target: Target,
    start: date,
    max_parallel: int | None = None,
) -> Roadmap:
    """Schedule the actions closing the target's gaps as early as their dependencies allow.

    ``max_parallel`` limits how many actions run at once (an SME's quality team is small);
    actions then take the first free slot in dependency order (list scheduling).
    """
    if max_parallel is not None and max_parallel < 1:
        raise InputError("max_parallel", "must be at least 1")
    relevant = [gap for gap in gaps if gap.question.level in target.levels]
    closes: dict[str, list[str]] = {}
    sizes: dict[str, ActionSize] = {}
    for gap in relevant:
        closes.setdefault(gap.size.action.id, []).append(gap.question.id)
        sizes[gap.size.action.id] = gap.size
    trace = [f"{len(relevant)} gaps toward {target.id} need {len(sizes)} actions"]
    if max_parallel is not None:
        trace.append(f"at most {max_parallel} actions at a time")
    ends: dict[str, date] = {}
    steps: list[Step] = []
    slots = [start] * (max_parallel or len(sizes) or 1)
    for action_id, waits in dependency_order(table, set(sizes)):
        begin = max([heapq.heappop(slots), start, *(ends[w] for w in waits)])
        ends[action_id] = begin + timedelta(days=sizes[action_id].duration_days)
        heapq.heappush(slots, ends[action_id])
        after = tuple(sorted(waits))
        steps.append(
            Step(sizes[action_id], tuple(closes[action_id]), after, begin, ends[action_id])
        )
        trace.append(
            f"{action_id}: {begin.isoformat()} to {ends[action_id].isoformat()}"
            + (f" after {', '.join(after)}" if after else "")
        )
    reached = {ACTIONS_DONE: max(ends.values(), default=start)}
    milestones: list[MilestoneDate] = []
    for milestone in target.milestones:
        due = max(reached[a] for a in milestone.after) + timedelta(days=milestone.days)
        reached[milestone.id] = due
        milestones.append(MilestoneDate(milestone.id, milestone.title, due, milestone.cost_mxn))
        trace.append(f"milestone {milestone.id}: {due.isoformat()}")
    costs = [step.size.cost_mxn for step in steps] + [m.cost_mxn for m in milestones]
    return Roadmap(
        target=target.id,
        start=start,
        steps=tuple(steps),
        milestones=tuple(milestones),
        finish=max(reached.values()),
        effort_days=sum(step.size.effort_days for step in steps),
        cost_mxn=(sum((c[0] for c in costs), Decimal(0)), sum((c[1] for c in costs), Decimal(0))),
        trace=tuple(trace),
    )
