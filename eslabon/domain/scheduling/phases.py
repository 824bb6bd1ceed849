"""One CP-SAT solve of the timetable model, and the options every solve shares.

The solver, the gap phase and re-optimisation all run their phases through `run_phase`, so
seed, worker count, time limit and the fallback to the hint are handled in one place.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.model import ModelOptions, TimetableModel


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
    phase gets the rest. None: 0.85 up to `solver.LARGE` meeting-slot booleans, where weight
    comes first and is usually proven within it; 0.5 above, where the weight phase seldom
    improves on the repaired greedy hint and the gaps need the time."""
    exact_gap_limit: int = 6000
    """Up to this many meeting-slot booleans the gap phase runs on the whole model."""
    model: ModelOptions = field(default_factory=ModelOptions)
    hint: bool = True
    slot_classes: bool = True
    """Try the class model (identical slots merged) before the slot model's weight phase
    (on events up to `solver.LARGE` meeting-slot booleans)."""
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
