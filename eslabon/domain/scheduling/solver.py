"""Solve an event: greedy hint, then CP-SAT lexicographically (weight first, then gaps).

This is the function services call. Each phase runs under part of the time limit with a
fixed seed and worker count; the trace says what each phase proved and how long it took.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.assembly import build_timetable, count_gaps
from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.greedy import greedy_slots
from eslabon.domain.scheduling.model import ModelOptions, TimetableModel, build_model
from eslabon.domain.scheduling.timetable import Status, Timetable


@dataclass(frozen=True, slots=True)
class SolveOptions:
    time_limit: float = 30.0
    workers: int = 2
    """Two by default: the reference machine has two cores."""
    seed: int = 0
    weight_share: float = 0.5
    """Part of the time limit the weight phase may use; the gap phase gets the rest."""
    model: ModelOptions = field(default_factory=ModelOptions)
    hint: bool = True
    minimise_gaps: bool = True


@dataclass(frozen=True, slots=True)
class PhaseResult:
    slot_of: dict[int, int]
    value: int
    bound: int
    optimal: bool
    seconds: float


def run_phase(
    tm: TimetableModel,
    sense: str,
    objective: cp_model.LinearExpr | int,
    time_limit: float,
    options: SolveOptions,
    fallback: dict[int, int],
    evaluate: Callable[[dict[int, int]], int],
) -> PhaseResult:
    """One CP-SAT solve; when it finds nothing in time the hinted `fallback` stands."""
    if sense == "max":
        tm.model.maximize(objective)
    else:
        tm.model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    started = time.perf_counter()
    code = solver.solve(tm.model)
    seconds = time.perf_counter() - started
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        slot_of = tm.slots_of(solver)
        rounding = math.floor if sense == "max" else math.ceil
        bound = int(rounding(solver.best_objective_bound + (1e-6 if sense == "max" else -1e-6)))
        return PhaseResult(slot_of, evaluate(slot_of), bound, code == cp_model.OPTIMAL, seconds)
    if code == cp_model.INFEASIBLE:
        raise AssertionError("the timetable model is infeasible although a fallback exists")
    value = evaluate(fallback)
    worst = sum(1 for _ in tm.held) * 10**9 if sense == "max" else 0
    return PhaseResult(fallback, value, worst, False, seconds)


def solve(event: Event, options: SolveOptions | None = None) -> Timetable:
    """The best timetable found within the time limit, with its proven bounds and trace."""
    options = options or SolveOptions()
    started = time.perf_counter()
    trace: list[str] = []

    def weight_of(slot_of: dict[int, int]) -> int:
        return sum(event.meetings[m].weight for m in slot_of)

    greedy = greedy_slots(event)
    trace.append(
        f"greedy first-fit: weight {weight_of(greedy)}, {len(greedy)} meetings, "
        f"{count_gaps(event, greedy)} idle gaps"
    )
    tm = build_model(event, options.model)
    trace.append(f"model: {len(tm.x)} meeting-slot booleans, {len(tm.held)} schedulable meetings")
    if options.hint:
        tm.hint(greedy)
    first = run_phase(
        tm, "max", tm.weight, options.time_limit * options.weight_share, options, greedy, weight_of
    )
    upper = min(first.bound, sum(event.meetings[m].weight for m in tm.held))
    trace.append(
        f"weight phase: {first.value} (bound {upper}, "
        f"{'optimal' if first.optimal else 'time limit'}) in {first.seconds:.2f} s"
    )
    best, gap_bound, gaps_optimal = first.slot_of, 0, False
    remaining = options.time_limit - (time.perf_counter() - started)
    if options.minimise_gaps and remaining > 0.05:
        tm.model.add(tm.weight >= first.value)
        tm.hint(first.slot_of)
        second = run_phase(
            tm, "min", tm.gaps, remaining, options, first.slot_of, lambda s: count_gaps(event, s)
        )
        best, gap_bound, gaps_optimal = second.slot_of, second.bound, second.optimal
        trace.append(
            f"gap phase at weight {first.value}: {second.value} idle gaps (bound {gap_bound}, "
            f"{'optimal' if second.optimal else 'time limit'}) in {second.seconds:.2f} s"
        )
    optimal = first.optimal and gaps_optimal
    return build_timetable(
        event,
        best,
        status=Status.OPTIMAL if optimal else Status.FEASIBLE,
        bound=upper,
        gap_bound=gap_bound,
        trace=trace,
    )
