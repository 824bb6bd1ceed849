"""The second objective: fewest idle gaps at the weight the first phase reached.

Small events get the whole model (weight kept, anything may move), so its bound is a proof;
large ones keep the chosen meetings and their days and solve each day on its own.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial

from eslabon.domain.scheduling.assembly import count_gaps
from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.greedy import greedy_slots
from eslabon.domain.scheduling.model import build_model
from eslabon.domain.scheduling.phases import SolveOptions, run_phase


def compact_start(event: Event, chosen: dict[int, int], rounds: int = 5) -> dict[int, int]:
    """The chosen meetings re-placed first fit, which packs days towards their start.

    Meetings first fit cannot place keep the weight phase's slot, so the chosen set (and
    its weight) never shrinks; the more compact of the two timetables is the gap hint.
    """
    keep: dict[int, int] = {}
    for _ in range(rounds):
        packed = greedy_slots(event, keep=keep, only=set(chosen))
        missing = set(chosen) - set(packed)
        if not missing:
            return packed if count_gaps(event, packed) < count_gaps(event, chosen) else chosen
        keep.update({m: chosen[m] for m in missing})
    return chosen


def gap_phase(
    event: Event,
    chosen: dict[int, int],
    weight: int,
    time_limit: float,
    options: SolveOptions,
    exact: bool,
    trace: list[str],
) -> tuple[dict[int, int], int, bool]:
    """Best slots found, a lower bound on gaps (0 when nothing is proven), and optimality."""
    start = compact_start(event, chosen)
    trace.append(f"gap phase starts from {count_gaps(event, start)} idle gaps")
    if exact:
        return _exact(event, start, weight, time_limit, options, trace)
    return _by_day(event, start, time_limit, options, trace)


def _exact(
    event: Event,
    start: dict[int, int],
    weight: int,
    time_limit: float,
    options: SolveOptions,
    trace: list[str],
) -> tuple[dict[int, int], int, bool]:
    tm = build_model(event, options.model)
    tm.model.add(tm.weight >= weight)
    tm.hint(start)
    result = run_phase(
        tm,
        maximise=False,
        objective=tm.gaps,
        time_limit=time_limit - 0.2,
        workers=options.workers,
        seed=options.seed,
        fallback=start,
        evaluate=partial(count_gaps, event),
    )
    trace.append(
        f"gap phase at weight {weight}, whole model: {result.value} idle gaps "
        f"(bound {result.bound}, {'optimal' if result.optimal else 'time limit'}) "
        f"in {result.seconds:.2f} s"
    )
    return result.slot_of, result.bound, result.optimal


def _by_day(
    event: Event, start: dict[int, int], time_limit: float, options: SolveOptions, trace: list[str]
) -> tuple[dict[int, int], int, bool]:
    """Chosen meetings keep their day; each day is then an independent timetable.

    Days share nothing once the set and the days are fixed (caps count meetings, not slots),
    so each day's model is a fraction of the whole and its presolve and search go further.
    """
    deadline = time.perf_counter() + time_limit - 0.2
    days = event.days()
    result: dict[int, int] = {}
    bound = 0
    pending = {day: [m for m, s in start.items() if event.slots[s].day == day] for day in days}
    left = sum(len(ms) for ms in pending.values())
    for day, meetings in pending.items():
        if not meetings:
            continue
        share = (deadline - time.perf_counter()) * len(meetings) / left
        left -= len(meetings)
        allowed = frozenset(days[day])
        sub = replace(
            event,
            meetings=tuple(
                replace(event.meetings[m], slots=(event.meetings[m].slots or allowed) & allowed)
                for m in meetings
            ),
        )
        local_start = {k: start[m] for k, m in enumerate(meetings)}
        tm = build_model(sub, options.model)
        for var in tm.held.values():
            tm.model.add(var == 1)
        tm.hint(local_start)
        found = run_phase(
            tm,
            maximise=False,
            objective=tm.gaps,
            time_limit=share,
            workers=options.workers,
            seed=options.seed,
            fallback=local_start,
            evaluate=partial(count_gaps, sub),
        )
        result.update({meetings[k]: s for k, s in found.slot_of.items()})
        bound += found.bound
        trace.append(
            f"gap phase, day {day} ({len(meetings)} meetings kept on it): {found.value} idle "
            f"gaps (bound {found.bound} for this day's meetings) in {found.seconds:.2f} s"
        )
    return result, 0, False
