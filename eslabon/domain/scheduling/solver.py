"""Solve an event: greedy hint, then CP-SAT lexicographically (weight first, then gaps).

`solve` is the function services call. Each phase runs under part of the time limit with a
fixed seed and worker count; the trace says what each phase proved and how long it took.
"""

from __future__ import annotations

import time

from eslabon.domain.scheduling.assembly import build_timetable, count_gaps
from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.gaps import gap_phase
from eslabon.domain.scheduling.greedy import greedy_slots, improve
from eslabon.domain.scheduling.model import build_model
from eslabon.domain.scheduling.phases import SolveOptions, run_phase
from eslabon.domain.scheduling.timetable import Status, Timetable

__all__ = ["SolveOptions", "solve"]


def _weight_share(options: SolveOptions, booleans: int) -> float:
    if options.weight_share is not None:
        return options.weight_share
    return 0.85 if booleans <= 50_000 else 0.5


def solve(event: Event, options: SolveOptions | None = None) -> Timetable:
    """The best timetable found within the time limit, with its proven bounds and trace."""
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
