"""The CP-SAT formulation: one boolean per meeting and candidate slot, tables counted.

Tables are interchangeable unless fixed, so a slot only needs "no more meetings than free
tables" (seating comes after, in `assembly`); idle gaps are counted from block starts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from eslabon.domain.scheduling.assembly import fixed_table
from eslabon.domain.scheduling.event import Event


@dataclass(frozen=True, slots=True)
class ModelOptions:
    """Switches for the strengthening constraints, so benchmarks can show what each buys."""

    redundant: bool = True
    """Bofill et al. JAIR 2022 s.4.4: used slots = meetings held; slot parity and capacity."""
    reified_starts: bool = True
    """A block start is exactly "busy now, free before" (not only a lower bound)."""
    busy_literals: bool = True
    """One literal per participant and slot (needed by gaps and the implied constraints)."""
    spans: bool = True
    """First and last busy slot of each day: no gap forces the meetings in between."""


@dataclass
class TimetableModel:
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    held: dict[int, cp_model.IntVar] = field(default_factory=dict)
    busy: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    weight: cp_model.LinearExpr | int = 0
    gaps: cp_model.LinearExpr | int = 0

    def slots_of(self, solver: cp_model.CpSolver) -> dict[int, int]:
        return {m: s for (m, s), var in self.x.items() if solver.boolean_value(var)}

    def hint(self, slot_of: dict[int, int]) -> None:
        """Hint a whole solution: every auxiliary variable too, not only the slots.

        CP-SAT follows a complete hint at once; a partial one (slots only) it must first
        complete by search, and on fair-size events it often gave up and started elsewhere.
        The completion is a solve with every slot fixed, which is propagation only.
        """
        self.model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in ortools 9.15
        fixed = self.model.clone()
        for (m, s), var in self.x.items():
            fixed.add(fixed.get_bool_var_from_proto_index(var.index) == (slot_of.get(m) == s))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 10.0
        solver.parameters.cp_model_presolve = False  # everything is fixed: propagation suffices
        fixed.clear_objective()  # type: ignore[no-untyped-call]
        if solver.solve(fixed) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = solver.response_proto.solution
            for index, value in enumerate(values):
                self.model.proto.solution_hint.vars.append(index)
                self.model.proto.solution_hint.values.append(value)
            return
        for (m, s), var in self.x.items():
            self.model.add_hint(var, slot_of.get(m) == s)


def build_model(event: Event, options: ModelOptions, *, with_gaps: bool = True) -> TimetableModel:
    model = cp_model.CpModel()
    tm = TimetableModel(model)
    per_slot: dict[int, list[int]] = defaultdict(list)
    for m in range(len(event.meetings)):
        candidates = event.candidate_slots(m)
        if not candidates:
            continue
        tm.held[m] = model.new_bool_var(f"held_{m}")
        for s in candidates:
            tm.x[(m, s)] = model.new_bool_var(f"x_{m}_{s}")
            per_slot[s].append(m)
        model.add(sum(tm.x[(m, s)] for s in candidates) == tm.held[m])
    _participants(event, tm, per_slot, options)
    _people(event, tm, per_slot)
    _tables(event, tm, per_slot, options)
    tm.weight = sum(event.meetings[m].weight * var for m, var in tm.held.items())
    if with_gaps:
        tm.gaps = _gaps(event, tm, options)
    return tm


def _participants(
    event: Event, tm: TimetableModel, per_slot: dict[int, list[int]], options: ModelOptions
) -> None:
    model = tm.model
    terms: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for s, meetings in per_slot.items():
        for m in meetings:
            terms[(event.meetings[m].a, s)].append(tm.x[(m, s)])
            terms[(event.meetings[m].b, s)].append(tm.x[(m, s)])
    for key, xs in terms.items():
        if len(xs) == 1:
            tm.busy[key] = xs[0]
        elif not options.busy_literals:
            model.add_at_most_one(xs)
        else:
            busy = model.new_bool_var(f"busy_{key[0]}_{key[1]}")
            model.add(sum(xs) == busy)
            tm.busy[key] = busy
    held_by: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for m, var in tm.held.items():
        held_by[event.meetings[m].a].append(var)
        held_by[event.meetings[m].b].append(var)
    slots_by: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (p, _s), var in tm.busy.items():
        slots_by[p].append(var)
    for p, held in held_by.items():
        cap = event.participants[p].max_meetings
        if cap is not None and cap < len(held):
            model.add(sum(held) <= cap)
        if options.redundant and len(held) > 1:
            # Implied constraint 1 (JAIR 74 s.4.4): slots used = meetings held.
            model.add(sum(slots_by[p]) == sum(held))
    if options.redundant:
        busy_in: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for (_p, slot), var in tm.busy.items():
            busy_in[slot].append(var)
        for s, busy_now in busy_in.items():
            if len(busy_now) > 2:
                # Implied constraint 2: busy participants are two per meeting, at most 2 x tables.
                pairs = model.new_int_var(0, len(event.tables), f"pairs_{s}")
                model.add(sum(busy_now) == 2 * pairs)


def _people(event: Event, tm: TimetableModel, per_slot: dict[int, list[int]]) -> None:
    """A person shared by several organisations: at most one of their meetings per slot."""
    meetings_of_person: dict[str, set[int]] = defaultdict(set)
    for m in tm.held:
        for person in event.meetings[m].people:
            meetings_of_person[person].add(m)
    for meetings in meetings_of_person.values():
        common = None
        for m in meetings:
            sides = {event.meetings[m].a, event.meetings[m].b}
            common = sides if common is None else common & sides
        if common:
            continue  # one organisation is in all of them: its own constraint covers the person
        for s, in_slot in per_slot.items():
            xs = [tm.x[(m, s)] for m in in_slot if m in meetings]
            if len(xs) > 1:
                tm.model.add_at_most_one(xs)


def _tables(
    event: Event, tm: TimetableModel, per_slot: dict[int, list[int]], options: ModelOptions
) -> None:
    reserved = event.reserved_tables()
    free_tables = len(event.tables) - len(reserved)
    for s, meetings in per_slot.items():
        loose = [tm.x[(m, s)] for m in meetings if fixed_table(event, m) is None]
        if len(loose) > free_tables:
            tm.model.add(sum(loose) <= free_tables)
        at_fixed: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for m in meetings:
            table = fixed_table(event, m)
            if table is not None:
                at_fixed[table].append(tm.x[(m, s)])
        for table, xs in at_fixed.items():
            if len(reserved[table]) > 1 and len(xs) > 1:
                tm.model.add_at_most_one(xs)


def _gaps(event: Event, tm: TimetableModel, options: ModelOptions) -> cp_model.LinearExpr | int:
    """Gaps of a participant's day = block starts - 1 when it has any meeting that day."""
    model = tm.model
    meetings_count: dict[int, int] = defaultdict(int)
    for m in tm.held:
        meetings_count[event.meetings[m].a] += 1
        meetings_count[event.meetings[m].b] += 1
    terms: list[cp_model.LinearExpr] = []
    for p, count in meetings_count.items():
        if count < 2:
            continue
        for day, slots in event.days().items():
            busy = [tm.busy.get((p, s)) for s in slots]
            if sum(1 for b in busy if b is not None) < 2:
                continue
            starts = []
            for t, now in enumerate(busy):
                if now is None:
                    continue
                before = busy[t - 1] if t > 0 else None
                if before is None:
                    starts.append(now)
                    continue
                start = model.new_bool_var(f"start_{p}_{day}_{t}")
                model.add_implication(start, now)
                model.add_implication(start, before.negated())
                if options.reified_starts:
                    model.add_bool_or([now.negated(), before, start])
                else:
                    model.add(start >= now - before)
                starts.append(start)
            present = [b for b in busy if b is not None]
            any_meeting = model.new_bool_var(f"any_{p}_{day}")
            for b in present:
                model.add_implication(b, any_meeting)
            model.add_bool_or([*present, any_meeting.negated()])
            gaps = model.new_int_var(0, len(slots) // 2, f"gaps_{p}_{day}")
            model.add(gaps == sum(starts) - any_meeting)
            if options.spans:
                _span(model, busy, gaps, any_meeting, f"{p}_{day}")
            terms.append(gaps)
    return sum(terms) if terms else 0


def _span(
    model: cp_model.CpModel,
    busy: list[cp_model.IntVar | None],
    gaps: cp_model.IntVar,
    any_meeting: cp_model.IntVar,
    name: str,
) -> None:
    """Idle slots inside the day's span are zero exactly when there is no gap.

    Block starts alone propagate weakly; with the span, a gap count forced to zero makes
    "slots between first and last = meetings" and linear propagation fills the day.
    """
    length = len(busy)
    first = model.new_int_var(0, length - 1, f"first_{name}")
    last = model.new_int_var(0, length - 1, f"last_{name}")
    for t, now in enumerate(busy):
        if now is not None:
            model.add(first <= t).only_enforce_if(now)
            model.add(last >= t).only_enforce_if(now)
    present = [b for b in busy if b is not None]
    idle = last - first + 1 - sum(present)
    model.add(idle >= 0).only_enforce_if(any_meeting)
    model.add(idle <= (length - 2) * gaps).only_enforce_if(any_meeting)
    model.add(gaps <= idle).only_enforce_if(any_meeting)
