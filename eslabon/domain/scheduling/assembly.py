"""From a slot per meeting to a finished timetable: tables, reasons for the rest, gap count.

The solver decides slots only (tables are interchangeable unless fixed, so it counts them);
this module seats each meeting and explains each meeting left out, for every producer.
"""

from __future__ import annotations

from collections import defaultdict

from eslabon.domain.scheduling.event import Event, meeting_table_conflict
from eslabon.domain.scheduling.timetable import Assignment, Status, Timetable, Unscheduled


def assign_tables(
    event: Event, slot_of: dict[int, int], previous: dict[int, int] | None = None
) -> dict[int, int]:
    """Seat meetings: a fixed table's holder sits at it; others take a free unreserved table.

    A meeting that already had a table (re-optimisation) keeps it when it is still free,
    so that on the day nobody changes table without reason.
    """
    previous = previous or {}
    reserved = event.reserved_tables()
    unreserved = [t for t in range(len(event.tables)) if t not in reserved]
    by_slot: dict[int, list[int]] = defaultdict(list)
    for meeting, slot in sorted(slot_of.items()):
        by_slot[slot].append(meeting)
    table_of: dict[int, int] = {}
    for meetings in by_slot.values():
        free = list(unreserved)
        waiting = []
        for meeting in meetings:
            fixed = fixed_table(event, meeting)
            if fixed is not None:
                table_of[meeting] = fixed
            elif previous.get(meeting) in free:
                table_of[meeting] = previous[meeting]
                free.remove(previous[meeting])
            else:
                waiting.append(meeting)
        for meeting in waiting:
            table_of[meeting] = free.pop(0)
    return table_of


def fixed_table(event: Event, meeting_index: int) -> int | None:
    meeting = event.meetings[meeting_index]
    for side in (meeting.a, meeting.b):
        table = event.participants[side].fixed_table
        if table is not None:
            return table
    return None


def count_gaps(event: Event, slot_of: dict[int, int]) -> int:
    """Idle gaps as the solver counts them: per participant and day, blocks of meetings - 1."""
    taken: dict[tuple[int, int], set[int]] = defaultdict(set)
    for meeting, slot in slot_of.items():
        day, position = event.slots[slot].day, event.slots[slot].position
        taken[(event.meetings[meeting].a, day)].add(position)
        taken[(event.meetings[meeting].b, day)].add(position)
    blocks = 0
    for positions in taken.values():
        blocks += sum(1 for p in positions if p - 1 not in positions) - 1
    return blocks


def unscheduled_reason(event: Event, meeting_index: int, slot_of: dict[int, int]) -> str:
    """Why a meeting is not in the timetable, in the organiser's terms."""
    meeting = event.meetings[meeting_index]
    a, b = event.participants[meeting.a], event.participants[meeting.b]
    if meeting_table_conflict(event, meeting):
        return f"{a.id} and {b.id} each hold a different fixed table"
    if not event.candidate_slots(meeting_index):
        for away in (a, b):
            if not away.available:
                return f"{away.id} is not available at any slot (cancelled)"
        if 0 in (a.max_meetings, b.max_meetings):
            return "a participant accepts no meetings (max_meetings is 0)"
        return f"no slot where {a.id} and {b.id} are both available and the meeting is allowed"
    held: dict[int, int] = defaultdict(int)
    for other in slot_of:
        held[event.meetings[other].a] += 1
        held[event.meetings[other].b] += 1
    for side, participant in ((meeting.a, a), (meeting.b, b)):
        if participant.max_meetings is not None and held[side] >= participant.max_meetings:
            return f"{participant.id} reached its cap of {participant.max_meetings} meetings"
    return "every common free slot is taken by meetings of equal or higher weight or by tables"


def build_timetable(
    event: Event,
    slot_of: dict[int, int],
    *,
    status: Status,
    bound: int,
    gap_bound: int,
    trace: list[str],
    previous_tables: dict[int, int] | None = None,
) -> Timetable:
    table_of = assign_tables(event, slot_of, previous_tables)
    assignments = tuple(
        Assignment(event.meetings[m].id, event.slots[slot_of[m]].id, event.tables[table_of[m]])
        for m in sorted(slot_of, key=lambda m: (slot_of[m], table_of[m]))
    )
    unscheduled = tuple(
        Unscheduled(meeting.id, unscheduled_reason(event, index, slot_of))
        for index, meeting in enumerate(event.meetings)
        if index not in slot_of
    )
    weight = sum(event.meetings[m].weight for m in slot_of)
    return Timetable(
        status=status,
        assignments=assignments,
        unscheduled=unscheduled,
        scheduled_weight=weight,
        bound=bound,
        idle_gaps=count_gaps(event, slot_of),
        gap_bound=gap_bound,
        trace=tuple(trace),
    )
