"""Greedy first fit (the benchmarks' baseline and the solver's first hint) and its repair.

Meetings by weight (heaviest first, then the most constrained), each in the first listed
slot where both sides, their people, a table and the caps allow it; `improve` then inserts
left-out meetings by moving or evicting lighter ones (ejection chains of depth one).
"""

from __future__ import annotations

from collections import defaultdict

from eslabon.domain.scheduling.assembly import fixed_table
from eslabon.domain.scheduling.event import Event


class Occupancy:
    """Who is busy when, tables used per slot, meetings per participant: a timetable's state."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.free_tables = len(event.tables) - len(event.reserved_tables())
        self.at: dict[tuple[int, int], int] = {}
        self.person_busy: set[tuple[str, int]] = set()
        self.loose: dict[int, int] = defaultdict(int)
        self.fixed_used: set[tuple[int, int]] = set()
        self.count: dict[int, int] = defaultdict(int)
        self.held_by: dict[int, set[int]] = defaultdict(set)
        self.slot_of: dict[int, int] = {}
        self.tables = [fixed_table(event, m) for m in range(len(event.meetings))]
        self.candidates = [event.candidate_slots(m) for m in range(len(event.meetings))]

    def fits(self, m: int, slot: int, ignore_caps: bool = False) -> bool:
        meeting = self.event.meetings[m]
        for side in (meeting.a, meeting.b):
            cap = self.event.participants[side].max_meetings
            if (side, slot) in self.at:
                return False
            if not ignore_caps and cap is not None and self.count[side] >= cap:
                return False
        if any((person, slot) in self.person_busy for person in meeting.people):
            return False
        table = self.tables[m]
        if table is None:
            return self.loose[slot] < self.free_tables
        return (table, slot) not in self.fixed_used

    def place(self, m: int, slot: int) -> None:
        meeting = self.event.meetings[m]
        for side in (meeting.a, meeting.b):
            self.at[(side, slot)] = m
            self.count[side] += 1
            self.held_by[side].add(m)
        self.person_busy.update((person, slot) for person in meeting.people)
        if self.tables[m] is None:
            self.loose[slot] += 1
        else:
            self.fixed_used.add((self.tables[m], slot))  # type: ignore[arg-type]
        self.slot_of[m] = slot

    def remove(self, m: int) -> int:
        slot = self.slot_of.pop(m)
        meeting = self.event.meetings[m]
        for side in (meeting.a, meeting.b):
            del self.at[(side, slot)]
            self.count[side] -= 1
            self.held_by[side].discard(m)
        self.person_busy.difference_update((person, slot) for person in meeting.people)
        if self.tables[m] is None:
            self.loose[slot] -= 1
        else:
            self.fixed_used.discard((self.tables[m], slot))
        return slot

    def first_fit(self, m: int, avoid: int | None = None) -> bool:
        for slot in self.candidates[m]:
            if slot != avoid and self.fits(m, slot):
                self.place(m, slot)
                return True
        return False


def greedy_slots(
    event: Event, keep: dict[int, int] | None = None, only: set[int] | None = None
) -> dict[int, int]:
    """Slot per scheduled meeting; `keep` places some meetings first (re-optimisation).

    `only` restricts the meetings tried to a chosen set: first fit packs each participant's
    day towards its start, so re-placing a set chosen for weight gives a compact timetable.
    """
    state = Occupancy(event)
    for m, slot in (keep or {}).items():
        if slot in state.candidates[m] and state.fits(m, slot):
            state.place(m, slot)
    order = sorted(
        (m for m in range(len(event.meetings)) if m not in state.slot_of),
        key=lambda m: (-event.meetings[m].weight, len(state.candidates[m]), m),
    )
    for m in order:
        if only is None or m in only:
            state.first_fit(m)
    return dict(state.slot_of)


def improve(event: Event, slot_of: dict[int, int], rounds: int = 3) -> dict[int, int]:
    """Insert left-out meetings, heaviest first, by moving or evicting what blocks them.

    For a left-out meeting and each of its slots, the (at most two) meetings of its sides
    there are taken out and the meeting put in; each one taken out is re-placed first fit
    elsewhere. Kept only if the weight grows, so the result is never worse than the input.
    """
    state = Occupancy(event)
    for m, slot in slot_of.items():
        state.place(m, slot)
    weight = [meeting.weight for meeting in event.meetings]
    for _ in range(rounds):
        gained = False
        left_out = sorted(
            (
                m
                for m in range(len(event.meetings))
                if m not in state.slot_of and state.candidates[m]
            ),
            key=lambda m: (-weight[m], len(state.candidates[m]), m),
        )
        for m in left_out:
            gained |= _insert(state, m, weight)
        if not gained:
            break
    return dict(state.slot_of)


def _insert(state: Occupancy, m: int, weight: list[int]) -> bool:
    meeting = state.event.meetings[m]
    for slot in state.candidates[m]:
        blockers = {state.at.get((side, slot)) for side in (meeting.a, meeting.b)} - {None}
        if sum(weight[k] for k in blockers if k is not None) >= weight[m] * 2:
            continue
        taken = {k: state.remove(k) for k in blockers if k is not None}
        evicted = _evict_for_caps(state, m, weight) if state.fits(m, slot, True) else None
        if evicted is None or not state.fits(m, slot):
            for k, s in taken.items():
                state.place(k, s)
            continue
        state.place(m, slot)
        lost = [k for k in [*taken, *evicted] if not state.first_fit(k, avoid=None)]
        if sum(weight[k] for k in lost) < weight[m]:
            return True
        state.remove(m)
        for k in [*taken, *evicted]:
            if k in state.slot_of:
                state.remove(k)
        for k, s in {**taken, **evicted}.items():
            state.place(k, s)
    return False


def _evict_for_caps(state: Occupancy, m: int, weight: list[int]) -> dict[int, int] | None:
    """Free one place under each full cap of m's sides by taking out their lightest meeting."""
    meeting = state.event.meetings[m]
    evicted: dict[int, int] = {}
    for side in (meeting.a, meeting.b):
        cap = state.event.participants[side].max_meetings
        if cap is None or state.count[side] < cap:
            continue
        own = [k for k in state.held_by[side] if weight[k] < weight[m]]
        if not own:
            for k, s in evicted.items():
                state.place(k, s)
            return None
        lightest = min(own, key=lambda k: (weight[k], k))
        evicted[lightest] = state.remove(lightest)
    return evicted
