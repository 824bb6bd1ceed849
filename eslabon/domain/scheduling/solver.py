"""Solve an event: greedy hint, then CP-SAT lexicographically (weight first, then gaps).

`solve` is the function services call. Each phase runs under part of the time limit with a
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
from eslabon.domain.scheduling.greedy import greedy_slots, improve
from eslabon.domain.scheduling.model import ModelOptions, TimetableModel, build_model
from eslabon.domain.scheduling.timetable import Status, Timetable


@dataclass(frozen=True, slots=True)
class SolveOptions:
    time_limit: float = 30.0
    """Wall-clock seconds for the whole solve, model building included."""
    workers: int = 2
    """Two by default: the reference machine has two cores."""
    weight_workers: int = 1
    """CP-SAT's LP-guided worker alone reaches weight optima soonest (docs/benchmarks.md)."""
    seed: int = 0
    weight_share: float | None = None
    """Part of the time limit the weight phase may use (it stops sooner when proven); the gap
    phase gets the rest. None: 0.85 up to 50,000 meeting-slot booleans, where weight comes
    first and is usually proven within it; 0.5 above, where the weight phase seldom improves
    on the repaired greedy hint and the gaps need the time."""
    exact_gap_limit: int = 6000
    """Up to this many meeting-slot booleans the gap phase runs on the whole model."""
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
    *,
    maximise: bool,
    objective: cp_model.LinearExprT,
    time_limit: float,
    workers: int,
    seed: int,
    fallback: dict[int, int],
    evaluate: Callable[[dict[int, int]], int],
) -> PhaseResult:
    """One CP-SAT solve; when it finds nothing in time the hinted `fallback` stands."""
    if maximise:
        tm.model.maximize(objective)
    else:
        tm.model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    started = time.perf_counter()
    code = solver.solve(tm.model)
    seconds = time.perf_counter() - started
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        slot_of = tm.slots_of(solver)
        raw = solver.best_objective_bound
        bound = math.floor(raw + 1e-6) if maximise else math.ceil(raw - 1e-6)
        return PhaseResult(slot_of, evaluate(slot_of), bound, code == cp_model.OPTIMAL, seconds)
    # No solution in time (or an interrupted presolve): keep the hint, claim no bound.
    value = evaluate(fallback)
    return PhaseResult(fallback, value, 10**12 if maximise else 0, False, seconds)


def _weight_share(options: SolveOptions, booleans: int) -> float:
    if options.weight_share is not None:
        return options.weight_share
    return 0.85 if booleans <= 50_000 else 0.5


def solve(event: Event, options: SolveOptions | None = None) -> Timetable:
    """The best timetable found within the time limit, with its proven bounds and trace."""
    from eslabon.domain.scheduling.gaps import gap_phase

    options = options or SolveOptions()
    deadline = time.perf_counter() + options.time_limit
    trace: list[str] = []

    def weight_of(slot_of: dict[int, int]) -> int:
        return sum(event.meetings[m].weight for m in slot_of)

    greedy = greedy_slots(event)
    trace.append(
        f"greedy first-fit: weight {weight_of(greedy)}, {len(greedy)} meetings, "
        f"{count_gaps(event, greedy)} idle gaps"
    )
    repaired = improve(event, greedy)
    trace.append(f"greedy repaired by ejection: weight {weight_of(repaired)}")
    tm = build_model(event, options.model, with_gaps=False)
    trace.append(f"model: {len(tm.x)} meeting-slot booleans, {len(tm.held)} schedulable meetings")
    if options.hint:
        tm.hint(repaired)
    first = run_phase(
        tm,
        maximise=True,
        objective=tm.weight,
        time_limit=options.time_limit * _weight_share(options, len(tm.x)) - 0.3,
        workers=options.weight_workers,
        seed=options.seed,
        fallback=repaired,
        evaluate=weight_of,
    )
    upper = min(first.bound, sum(event.meetings[m].weight for m in tm.held))
    trace.append(
        f"weight phase: {first.value} (bound {upper}, "
        f"{'optimal' if first.optimal else 'time limit'}) in {first.seconds:.2f} s"
    )
    best, gap_bound, gaps_optimal = first.slot_of, 0, False
    remaining = deadline - time.perf_counter()
    if options.minimise_gaps and remaining > 0.2:
        exact = len(tm.x) <= options.exact_gap_limit
        best, gap_bound, gaps_optimal = gap_phase(
            event, first.slot_of, first.value, remaining, options, exact, trace
        )
    return build_timetable(
        event,
        best,
        status=Status.OPTIMAL if first.optimal and gaps_optimal else Status.FEASIBLE,
        bound=upper,
        gap_bound=gap_bound,
        trace=trace,
    )
