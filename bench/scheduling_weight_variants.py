"""Which model variant finds the best weight soonest? Measured in CP-SAT deterministic time.

Deterministic time does not depend on the machine's load, which on the shared 2-core
machine varies from 1 to 5; wall-clock seconds are printed beside it.

    PYTHONPATH=. python bench/scheduling_weight_variants.py bench/data/fair-700.event.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.greedy import greedy_slots
from eslabon.domain.scheduling.model import ModelOptions, build_model

VARIANTS = {
    "implied constraints, busy literals": ModelOptions(),
    "no implied constraints": ModelOptions(redundant=False),
    "no implied, AtMostOne on slots only": ModelOptions(redundant=False, busy_literals=False),
}


class Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[float, float]] = []

    def on_solution_callback(self) -> None:
        self.found.append((self.objective_value, self.deterministic_time))


def main() -> None:
    event = parse_event(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    greedy = greedy_slots(event)
    for name, options in VARIANTS.items():
        for workers in (1, 2):
            tm = build_model(event, options, with_gaps=False)
            tm.hint(greedy)
            tm.model.maximize(tm.weight)
            solver = cp_model.CpSolver()
            solver.parameters.max_deterministic_time = budget
            solver.parameters.num_workers = workers
            progress = Progress()
            started = time.perf_counter()
            code = solver.solve(tm.model, progress)
            best = max(progress.found)[0] if progress.found else None
            first_best = min(d for v, d in progress.found if v == best) if best else None
            print(
                f"{name} | {workers} | {solver.status_name(code)} | {best} | "
                f"{solver.best_objective_bound} | det {first_best} | "
                f"wall {time.perf_counter() - started:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
