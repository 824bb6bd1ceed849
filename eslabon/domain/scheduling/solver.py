"""Solve an event: greedy hint, then CP-SAT lexicographically (weight first, then gaps).

`solve` is the function services call. Each phase runs under part of the time limit with a
fixed seed and worker count; the trace says what each phase proved and how long it took.
"""

from __future__ import annotations

import time

from eslabon.domain.scheduling.assembly import build_timetable, count_gaps
from eslabon.domain.scheduling.classes import class_weight_phase, slot_classes
from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.gaps import gap_phase
from eslabon.domain.scheduling.greedy import greedy_slots, improve
from eslabon.domain.scheduling.model import build_model
from eslabon.domain.scheduling.phases import PhaseResult, SolveOptions, run_phase
from eslabon.domain.scheduling.timetable import Status, Timetable

__all__ = ["SolveOptions", "solve"]


LARGE = 50_000
"""Meeting-slot booleans above which an event counts as large (docs/scheduling.md): there the
slot model's LP gives the bound and the class model only costs time (fair-7000: bound 8,684
instead of 8,625), and the gap phase needs half of the time."""


def _weight_share(options: SolveOptions, booleans: int) -> float:
    if options.weight_share is not None:
        return options.weight_share
    return 0.85 if booleans <= LARGE else 0.5


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
    start = improve(event, greedy)
    trace.append(f"greedy repaired by ejection: weight {weight_of(start)}")
    tm = build_model(event, options.model, with_gaps=False)
    trace.append(f"model: {len(tm.x)} meeting-slot booleans, {len(tm.held)} schedulable meetings")
    weight_deadline = (
        time.perf_counter() + options.time_limit * _weight_share(options, len(tm.x)) - 0.3
    )
    upper = sum(event.meetings[m].weight for m in tm.held)
    merge = options.slot_classes and len(tm.x) <= LARGE
    if merge and len(slot_classes(event)) < len({s for _, s in tm.x}):
        class_started = time.perf_counter()
        seated, class_bound = class_weight_phase(
            event, (weight_deadline - class_started) / 2, options, start
        )
        upper = min(upper, class_bound)
        if seated is not None and weight_of(seated) > weight_of(start):
            start = seated
        trace.append(
            f"class model (identical slots merged): "
            f"{'no seating' if seated is None else f'weight {weight_of(seated)}'}, "
            f"bound {class_bound}, in {time.perf_counter() - class_started:.2f} s"
        )
    if weight_of(start) >= upper:
        first = PhaseResult(start, weight_of(start), upper, True, 0.0)
    else:
        if options.hint:
            tm.hint(start)
        first = run_phase(
            tm,
            maximise=True,
            objective=tm.weight,
            time_limit=weight_deadline - time.perf_counter(),
            workers=options.weight_workers,
            seed=options.seed,
            fallback=start,
            evaluate=weight_of,
        )
    upper = min(first.bound, upper)
    trace.append(
        f"weight phase: {first.value} (bound {upper}, "
        f"{'optimal' if first.optimal or first.value >= upper else 'time limit'}) "
        f"in {first.seconds:.2f} s"
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
        status=Status.OPTIMAL if first.value >= upper and gaps_optimal else Status.FEASIBLE,
        bound=upper,
        gap_bound=gap_bound,
        trace=trace,
    )
