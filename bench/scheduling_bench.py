"""Timetable benchmarks: greedy first fit, a plain CP-SAT model and Eslabón's, side by side.

    PYTHONPATH=. python bench/scheduling_bench.py fair-700 --plain-limit 120  # seed scale
    PYTHONPATH=. python bench/scheduling_bench.py fair-7000 --repeats 1  # ten times it
    PYTHONPATH=. python bench/scheduling_bench.py published  # Bofill et al., JAIR 2022

Every timetable is verified by the independent checker before its figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.assembly import build_timetable
from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import Event, parse_event
from eslabon.domain.scheduling.greedy import greedy_slots
from eslabon.domain.scheduling.model import ModelOptions, build_model
from eslabon.domain.scheduling.solver import SolveOptions, solve
from eslabon.domain.scheduling.timetable import Status, Timetable

DATA = Path(__file__).parent / "data"
PLAIN = ModelOptions(redundant=False, reified_starts=False, spans=False)
# Bofill et al., JAIR 74 (2022), Table 3: optimal breaks with fairness d = 2.
PUBLISHED_BEST = {"tic-12": 0, "tic-13": 0, "tic-13crafc": 4, "forumt-14": 5}


def load(path: Path) -> Event:
    return parse_event(json.loads(path.read_text(encoding="utf-8")))


def verified(event: Event, timetable: Timetable) -> Timetable:
    report = check(event, timetable.assignments)
    assert report.valid, report.findings[:3]
    assert (report.scheduled_weight, report.idle_gaps) == (
        timetable.scheduled_weight,
        timetable.idle_gaps,
    )
    return timetable


def run_greedy(event: Event) -> tuple[Timetable, float]:
    started = time.perf_counter()
    slot_of = greedy_slots(event)
    timetable = build_timetable(
        event, slot_of, status=Status.FEASIBLE, bound=0, gap_bound=0, trace=[]
    )
    return verified(event, timetable), time.perf_counter() - started


def run_plain(event: Event, limit: float, objective: str) -> tuple[Timetable, float, int]:
    """One boolean per meeting and common free slot, no hint, no implied constraints.

    objective "weight": the most weight, gaps ignored; "breaks": every meeting held and the
    fewest breaks counted by block starts (the plain model of the reference).
    """
    started = time.perf_counter()
    tm = build_model(event, PLAIN, with_gaps=objective == "breaks")
    if objective == "weight":
        tm.model.maximize(tm.weight)
    else:
        for var in tm.held.values():
            tm.model.add(var == 1)
        tm.model.minimize(tm.gaps)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    code = solver.solve(tm.model)
    seconds = time.perf_counter() - started
    assert code in (cp_model.OPTIMAL, cp_model.FEASIBLE), solver.status_name(code)
    bound = int(solver.best_objective_bound + (1e-6 if objective == "weight" else 0.999))
    timetable = build_timetable(
        event,
        tm.slots_of(solver),
        status=Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE,
        bound=bound,
        gap_bound=0,
        trace=[],
    )
    return verified(event, timetable), seconds, bound


def run_ours(event: Event, limit: float, repeats: int) -> list[tuple[Timetable, float]]:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        timetable = solve(event, SolveOptions(time_limit=limit, workers=2))
        runs.append((verified(event, timetable), time.perf_counter() - started))
    return runs


def row(name: str, timetable: Timetable, seconds: float, extra: str = "") -> str:
    return (
        f"| {name} | {len(timetable.assignments)} | {timetable.scheduled_weight} | "
        f"{timetable.bound or '—'} | {timetable.idle_gaps} | {seconds:.2f} | {extra} |"
    )


def fair(name: str, limit: float, plain_limit: float, repeats: int) -> None:
    event = load(DATA / f"{name}.event.json")
    print(f"## {name}: {len(event.meetings)} meetings, {len(event.participants)} participants")
    print("| method | meetings | weight | bound | idle gaps | seconds | note |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    greedy, seconds = run_greedy(event)
    print(row("greedy first fit", greedy, seconds), flush=True)
    runs = run_ours(event, limit, repeats)
    for k, (timetable, seconds) in enumerate(runs):
        share = 100 * timetable.scheduled_weight / timetable.bound
        print(row(f"eslabon run {k + 1}", timetable, seconds, f"{share:.2f}% of bound"), flush=True)
    weights = [t.scheduled_weight for t, _ in runs]
    gaps = [t.idle_gaps for t, _ in runs]
    print(
        f"median: weight {statistics.median(weights)}, gaps {statistics.median(gaps)}, "
        f"seconds {statistics.median(s for _, s in runs):.2f}"
    )
    if plain_limit > 0:
        timetable, seconds, bound = run_plain(event, plain_limit, "weight")
        print(row("plain CP-SAT", timetable, seconds, f"bound {bound}"), flush=True)


def published(limit: float, plain_limit: float, repeats: int) -> None:
    print("| instance | method | meetings | idle gaps (breaks) | gap bound | seconds | published |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in sorted((DATA / "published").glob("*.event.json")):
        name = path.name.removesuffix(".event.json")
        event = load(path)
        best = PUBLISHED_BEST[name]
        greedy, seconds = run_greedy(event)
        print(
            f"| {name} | greedy | {len(greedy.assignments)}/{len(event.meetings)} | "
            f"{greedy.idle_gaps} | — | {seconds:.3f} | {best} |"
        )
        runs = run_ours(event, limit, repeats)
        for timetable, seconds in runs:
            print(
                f"| {name} | eslabon | {len(timetable.assignments)}/{len(event.meetings)} | "
                f"{timetable.idle_gaps} | {timetable.gap_bound} | {seconds:.2f} | {best} |",
                flush=True,
            )
        if plain_limit > 0:
            timetable, seconds, bound = run_plain(event, plain_limit, "breaks")
            print(
                f"| {name} | plain CP-SAT | {len(timetable.assignments)}/{len(event.meetings)} | "
                f"{timetable.idle_gaps} | {bound} | {seconds:.2f} | {best} |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", choices=["fair-700", "fair-7000", "published"])
    parser.add_argument("--limit", type=float, help="Eslabón's time limit in seconds")
    parser.add_argument("--plain-limit", type=float, default=0.0, help="0: skip the plain model")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"nproc {os.cpu_count()}, load {os.getloadavg()}, {time.strftime('%Y-%m-%d %H:%M')}")
    if args.which == "published":
        published(args.limit or 60.0, args.plain_limit, args.repeats)
    else:
        default = 9.0 if args.which == "fair-700" else 110.0
        fair(args.which, args.limit or default, args.plain_limit, args.repeats)
    print(f"load after {os.getloadavg()}")


if __name__ == "__main__":
    main()
