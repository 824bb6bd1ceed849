"""Re-optimisation on the day: after a cancellation or an added meeting, change little.

Lexicographic again: the most weight first; then the fewest meetings moved from their slot
(a meeting moves only when that lets more weight be held); then the fewest idle gaps.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from eslabon.domain.errors import InputError
from eslabon.domain.scheduling.assembly import build_timetable, count_gaps
from eslabon.domain.scheduling.event import Event, Meeting
from eslabon.domain.scheduling.greedy import greedy_slots
from eslabon.domain.scheduling.model import build_model
from eslabon.domain.scheduling.phases import SolveOptions, run_phase
from eslabon.domain.scheduling.timetable import Assignment, Status, Timetable


@dataclass(frozen=True, slots=True)
class Move:
    meeting: str
    from_slot: str
    from_table: str
    to_slot: str
    to_table: str


@dataclass(frozen=True, slots=True)
class Dropped:
    meeting: str
    from_slot: str
    reason: str


@dataclass(frozen=True, slots=True)
class Reoptimisation:
    timetable: Timetable
    moved: tuple[Move, ...]
    """Meetings held at another slot or table than before: each must be notified."""
    dropped: tuple[Dropped, ...]
    added: tuple[Assignment, ...]
    kept: int


def cancel_participant(event: Event, participant_id: str) -> Event:
    """The participant is no longer available at any slot; its meetings cannot be held."""
    participants = tuple(
        replace(p, available=frozenset()) if p.id == participant_id else p
        for p in event.participants
    )
    if participants == event.participants and participant_id not in {
        p.id for p in event.participants
    }:
        raise InputError("participant", f"unknown participant id {participant_id!r}")
    return replace(event, participants=participants)


def add_meeting(event: Event, meeting_id: str, a: str, b: str, weight: int = 1) -> Event:
    """A meeting requested on the day, between two registered participants."""
    index = {p.id: k for k, p in enumerate(event.participants)}
    for where, side in (("a", a), ("b", b)):
        if side not in index:
            raise InputError(where, f"unknown participant id {side!r}")
    if a == b or meeting_id in {m.id for m in event.meetings}:
        raise InputError("meeting", f"{meeting_id!r}: duplicate id or a meeting with itself")
    people = tuple(
        dict.fromkeys(event.participants[index[a]].people + event.participants[index[b]].people)
    )
    meeting = Meeting(meeting_id, index[a], index[b], weight, people, None)
    return replace(event, meetings=(*event.meetings, meeting))


def reoptimise(
    event: Event,
    previous: Sequence[Assignment],
    options: SolveOptions | None = None,
    locked: frozenset[str] = frozenset(),
) -> Reoptimisation:
    """Repair `previous` for the changed `event`; `locked` meetings (already held) stay put."""
    options = options or SolveOptions()
    deadline = time.perf_counter() + options.time_limit
    meeting_index = {m.id: k for k, m in enumerate(event.meetings)}
    slot_index = {s.id: k for k, s in enumerate(event.slots)}
    table_index = {t: k for k, t in enumerate(event.tables)}
    before: dict[int, int] = {}
    before_table: dict[int, int] = {}
    for position, item in enumerate(previous):
        if item.slot not in slot_index or item.table not in table_index:
            raise InputError(f"previous[{position}]", "unknown slot or table id")
        if item.meeting in meeting_index:
            before[meeting_index[item.meeting]] = slot_index[item.slot]
            before_table[meeting_index[item.meeting]] = table_index[item.table]
    trace = [f"previous timetable: {len(previous)} meetings"]

    tm = build_model(event, options.model)
    stays = {m: tm.x[(m, s)] for m, s in before.items() if (m, s) in tm.x}
    for meeting in locked:
        if meeting_index.get(meeting) not in stays:
            raise InputError("locked", f"meeting {meeting!r} cannot stay where it was")
        tm.model.add(stays[meeting_index[meeting]] == 1)
    start = greedy_slots(event, keep=before)
    tm.hint(start)

    def weight_of(slot_of: dict[int, int]) -> int:
        return sum(event.meetings[m].weight for m in slot_of)

    def moved_of(slot_of: dict[int, int]) -> int:
        return sum(1 for m, s in before.items() if slot_of.get(m) != s)

    phases = []
    weight = run_phase(
        tm,
        maximise=True,
        objective=tm.weight,
        time_limit=(deadline - time.perf_counter()) / 3,
        workers=options.workers,
        seed=options.seed,
        fallback=start,
        evaluate=weight_of,
    )
    phases.append(weight)
    tm.model.add(tm.weight >= weight.value)
    moves = len(before) - sum(stays.values())
    tm.hint(weight.slot_of)
    moved = run_phase(
        tm,
        maximise=False,
        objective=moves,
        time_limit=(deadline - time.perf_counter()) / 2,
        workers=options.workers,
        seed=options.seed,
        fallback=weight.slot_of,
        evaluate=moved_of,
    )
    phases.append(moved)
    tm.model.add(moves <= moved.value)
    tm.hint(moved.slot_of)
    gaps = run_phase(
        tm,
        maximise=False,
        objective=tm.gaps,
        time_limit=deadline - time.perf_counter(),
        workers=options.workers,
        seed=options.seed,
        fallback=moved.slot_of,
        evaluate=partial(count_gaps, event),
    )
    phases.append(gaps)
    for name, phase in zip(("weight", "moved meetings", "idle gaps"), phases, strict=True):
        proof = "optimal" if phase.optimal else "time limit"
        trace.append(
            f"{name}: {phase.value} (bound {phase.bound}, {proof}) in {phase.seconds:.2f} s"
        )
    timetable = build_timetable(
        event,
        gaps.slot_of,
        status=Status.OPTIMAL if all(p.optimal for p in phases) else Status.FEASIBLE,
        bound=min(weight.bound, sum(event.meetings[m].weight for m in tm.held)),
        gap_bound=gaps.bound,
        trace=trace,
        previous_tables=before_table,
    )
    return _diff(event, previous, timetable)


def _diff(event: Event, previous: Sequence[Assignment], timetable: Timetable) -> Reoptimisation:
    now = {a.meeting: a for a in timetable.assignments}
    reasons = {u.meeting: u.reason for u in timetable.unscheduled}
    was = {a.meeting: a for a in previous}
    moved, dropped, kept = [], [], 0
    for item in previous:
        after = now.get(item.meeting)
        if after is None:
            reason = reasons.get(item.meeting, "the meeting is no longer in the event")
            dropped.append(Dropped(item.meeting, item.slot, reason))
        elif (after.slot, after.table) != (item.slot, item.table):
            moved.append(Move(item.meeting, item.slot, item.table, after.slot, after.table))
        else:
            kept += 1
    added = tuple(a for a in timetable.assignments if a.meeting not in was)
    return Reoptimisation(timetable, tuple(moved), tuple(dropped), added, kept)
