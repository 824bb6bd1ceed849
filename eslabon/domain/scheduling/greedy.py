"""Greedy first-fit: the baseline every benchmark shows, and the solver's first hint.

Meetings by weight (heaviest first, then the most constrained), each in the first listed
slot where both sides, their people, a table and the caps allow it; never revisited.
"""

from __future__ import annotations

from collections import defaultdict

from eslabon.domain.scheduling.assembly import fixed_table
from eslabon.domain.scheduling.event import Event


def greedy_slots(
    event: Event, keep: dict[int, int] | None = None, only: set[int] | None = None
) -> dict[int, int]:
    """Slot per scheduled meeting; `keep` places some meetings first (re-optimisation).

    `only` restricts the meetings tried to a chosen set: first fit packs each participant's
    day towards its start, so re-placing a set chosen for weight gives a compact timetable.
    """
    reserved = event.reserved_tables()
    free_tables = len(event.tables) - len(reserved)
    busy: set[tuple[int, int]] = set()
    person_busy: set[tuple[str, int]] = set()
    unreserved_used: dict[int, int] = defaultdict(int)
    fixed_used: set[tuple[int, int]] = set()
    count: dict[int, int] = defaultdict(int)
    candidates = [event.candidate_slots(m) for m in range(len(event.meetings))]

    def fits(meeting_index: int, slot: int) -> bool:
        meeting = event.meetings[meeting_index]
        for side in (meeting.a, meeting.b):
            cap = event.participants[side].max_meetings
            if (side, slot) in busy or (cap is not None and count[side] >= cap):
                return False
        if any((person, slot) in person_busy for person in meeting.people):
            return False
        table = fixed_table(event, meeting_index)
        if table is None:
            return unreserved_used[slot] < free_tables
        return (table, slot) not in fixed_used

    def place(meeting_index: int, slot: int) -> None:
        meeting = event.meetings[meeting_index]
        for side in (meeting.a, meeting.b):
            busy.add((side, slot))
            count[side] += 1
        person_busy.update((person, slot) for person in meeting.people)
        table = fixed_table(event, meeting_index)
        if table is None:
            unreserved_used[slot] += 1
        else:
            fixed_used.add((table, slot))

    slot_of: dict[int, int] = {}
    for meeting_index, slot in (keep or {}).items():
        if slot in candidates[meeting_index] and fits(meeting_index, slot):
            place(meeting_index, slot)
            slot_of[meeting_index] = slot
    order = sorted(
        (m for m in range(len(event.meetings)) if m not in slot_of and (only is None or m in only)),
        key=lambda m: (-event.meetings[m].weight, len(candidates[m]), m),
    )
    for meeting_index in order:
        for slot in candidates[meeting_index]:
            if fits(meeting_index, slot):
                place(meeting_index, slot)
                slot_of[meeting_index] = slot
                break
    return slot_of
