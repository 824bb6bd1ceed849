"""Weight phase on classes of identical slots: one boolean per meeting and class, not slot.

Slots where exactly the same meetings could be held are interchangeable for the weight; the
class model (a relaxation, so its bound holds for the timetable) finds the heavy set sooner.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.assembly import fixed_table
from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.model import build_model
from eslabon.domain.scheduling.phases import PhaseResult, SolveOptions, run_phase


def slot_classes(event: Event) -> list[list[int]]:
    """Slots grouped by the set of meetings that could be held in them (empty slots left out)."""
    columns: dict[int, set[int]] = defaultdict(set)
    for m in range(len(event.meetings)):
        for s in event.candidate_slots(m):
            columns[s].add(m)
    grouped: dict[frozenset[int], list[int]] = defaultdict(list)
    for s in range(len(event.slots)):
        if columns.get(s):
            grouped[frozenset(columns[s])].append(s)
    return list(grouped.values())


def class_weight_phase(
    event: Event, time_limit: float, options: SolveOptions, hint: dict[int, int]
) -> tuple[dict[int, int] | None, int]:
    """A timetable from the class model (or None) and the class model's proven weight bound.

    Per class of n slots: each participant (and shared person, and shared fixed table) in at
    most n of its meetings, and at most n x free tables meetings at unreserved tables. For
    buyer-supplier events this is exact (König: a bipartite multigraph of degree n splits into
    n matchings, and into balanced ones); otherwise the seating into slots may fail, and None
    says so. Seating is a feasibility solve of the slot model restricted to each meeting's class.
    """
    classes = slot_classes(event)
    class_of = {s: k for k, slots in enumerate(classes) for s in slots}
    model = cp_model.CpModel()
    z: dict[tuple[int, int], cp_model.IntVar] = {}
    for m in range(len(event.meetings)):
        for k in sorted({class_of[s] for s in event.candidate_slots(m)}):
            z[(m, k)] = model.new_bool_var(f"z_{m}_{k}")
    held: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    groups: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    reserved = event.reserved_tables()
    for (m, k), var in z.items():
        meeting = event.meetings[m]
        held[m].append(var)
        for side in (meeting.a, meeting.b):
            groups[(f"p{side}", k)].append(var)
        for person in meeting.people:
            groups[(f"h{person}", k)].append(var)
        table = fixed_table(event, m)
        groups[("loose" if table is None else f"t{table}", k)].append(var)
    free = len(event.tables) - len(reserved)
    for (group, k), xs in groups.items():
        limit = len(classes[k]) * (free if group == "loose" else 1)
        if len(xs) > limit:
            model.add(sum(xs) <= limit)
    per_participant: dict[int, list[cp_model.LinearExprT]] = defaultdict(list)
    for m, xs in held.items():
        model.add_at_most_one(xs)
        per_participant[event.meetings[m].a].append(sum(xs))
        per_participant[event.meetings[m].b].append(sum(xs))
    for p, terms in per_participant.items():
        cap = event.participants[p].max_meetings
        if cap is not None and cap < len(terms):
            model.add(sum(terms) <= cap)
    for (m, k), var in z.items():
        model.add_hint(var, m in hint and class_of[hint[m]] == k)
    model.maximize(sum(event.meetings[m].weight * sum(xs) for m, xs in held.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.num_workers = options.weight_workers
    solver.parameters.random_seed = options.seed
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, 10**12
    bound = int(solver.best_objective_bound + 1e-6)
    chosen = {m: k for (m, k), var in z.items() if solver.boolean_value(var)}
    return _seat(event, chosen, classes, options, time_limit), bound


def _seat(
    event: Event,
    chosen: dict[int, int],
    classes: list[list[int]],
    options: SolveOptions,
    time_limit: float,
) -> dict[int, int] | None:
    tm = build_model(event, options.model, with_gaps=False)
    for m, var in tm.held.items():
        tm.model.add(var == (m in chosen))
    for (m, s), var in tm.x.items():
        if m in chosen and s not in classes[chosen[m]]:
            tm.model.add(var == 0)
    result: PhaseResult = run_phase(
        tm,
        maximise=True,
        objective=0,
        time_limit=time_limit,
        workers=options.workers,
        seed=options.seed,
        fallback={},
        evaluate=len,
    )
    return result.slot_of if len(result.slot_of) == len(chosen) else None
