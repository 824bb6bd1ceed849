"""Independent checker: does a timetable keep every rule of the event, and what does it cost.

It shares nothing with the solver but the parsed event, and works on ids as written, so
a constraint missing from the model shows up here as a violation instead of a false optimum.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from eslabon.domain.scheduling.event import Event
from eslabon.domain.scheduling.timetable import Assignment


class Violation(StrEnum):
    UNKNOWN_ID = "unknown id"
    MEETING_TWICE = "meeting scheduled more than once"
    PARTICIPANT_DOUBLE_BOOKED = "participant in two meetings in one slot"
    PERSON_DOUBLE_BOOKED = "person in two meetings in one slot"
    UNAVAILABLE = "participant not available in the slot"
    SLOT_NOT_ALLOWED = "slot not allowed for the meeting"
    TABLE_DOUBLE_BOOKED = "two meetings at one table in one slot"
    FIXED_TABLE = "fixed table not respected"
    CAP_EXCEEDED = "participant above max_meetings"


@dataclass(frozen=True, slots=True)
class Finding:
    violation: Violation
    detail: str


@dataclass(frozen=True, slots=True)
class Report:
    findings: tuple[Finding, ...]
    scheduled_weight: int
    idle_gaps: int

    @property
    def valid(self) -> bool:
        return not self.findings

    def kinds(self) -> set[Violation]:
        return {finding.violation for finding in self.findings}


def check(event: Event, assignments: Iterable[Assignment]) -> Report:
    """Every violated rule, the scheduled weight and the idle gaps recomputed from scratch."""
    slots = {slot.id: slot for slot in event.slots}
    meetings = {meeting.id: meeting for meeting in event.meetings}
    participant_ids = [p.id for p in event.participants]
    findings: list[Finding] = []
    kept: list[Assignment] = []
    for item in assignments:
        if item.meeting not in meetings or item.slot not in slots or item.table not in event.tables:
            findings.append(Finding(Violation.UNKNOWN_ID, f"{item}"))
        else:
            kept.append(item)
    times = Counter(item.meeting for item in kept)
    findings += [
        Finding(Violation.MEETING_TWICE, f"{meeting} x{count}")
        for meeting, count in times.items()
        if count > 1
    ]
    holders: dict[str, set[str]] = defaultdict(set)
    for p in event.participants:
        if p.fixed_table is not None:
            holders[event.tables[p.fixed_table]].add(p.id)
    busy: Counter[tuple[str, str]] = Counter()
    person_busy: Counter[tuple[str, str]] = Counter()
    table_busy: Counter[tuple[str, str]] = Counter()
    count: Counter[str] = Counter()
    slot_index = {slot.id: index for index, slot in enumerate(event.slots)}
    for item in kept:
        meeting = meetings[item.meeting]
        sides = [event.participants[meeting.a], event.participants[meeting.b]]
        where = f"{item.meeting} in {item.slot}"
        if meeting.slots is not None and slot_index[item.slot] not in meeting.slots:
            findings.append(Finding(Violation.SLOT_NOT_ALLOWED, where))
        for side in sides:
            busy[(side.id, item.slot)] += 1
            count[side.id] += 1
            if slot_index[item.slot] not in side.available:
                findings.append(Finding(Violation.UNAVAILABLE, f"{side.id}: {where}"))
        for person in meeting.people:
            person_busy[(person, item.slot)] += 1
        table_busy[(item.table, item.slot)] += 1
        fixed = {event.tables[s.fixed_table] for s in sides if s.fixed_table is not None}
        sitting = {s.id for s in sides} & holders.get(item.table, set())
        # A fixed table is held all day by its holder: its meetings sit there, no one else's.
        if (fixed and item.table not in fixed) or (item.table in holders and not sitting):
            findings.append(Finding(Violation.FIXED_TABLE, f"{where} at {item.table}"))
    findings += _over(busy, Violation.PARTICIPANT_DOUBLE_BOOKED)
    findings += _over(person_busy, Violation.PERSON_DOUBLE_BOOKED)
    findings += _over(table_busy, Violation.TABLE_DOUBLE_BOOKED)
    for p in event.participants:
        if p.max_meetings is not None and count[p.id] > p.max_meetings:
            findings.append(Finding(Violation.CAP_EXCEEDED, f"{p.id}: {count[p.id]}"))
    weight = sum(meetings[m].weight for m in times)
    gaps = idle_gaps(event, kept, participant_ids)
    return Report(tuple(findings), weight, gaps)


def _over(counter: Counter[tuple[str, str]], violation: Violation) -> list[Finding]:
    return [Finding(violation, f"{who} in {slot}") for (who, slot), n in counter.items() if n > 1]


def idle_gaps(event: Event, assignments: Iterable[Assignment], participant_ids: list[str]) -> int:
    """Runs of free slots between two consecutive meetings of one participant on one day.

    Issue 6 / Bofill et al. (JAIR 2022) Def. 2.3: each run counts once, whatever its length;
    slots are ordered as listed within their day.
    """
    slots = {slot.id: slot for slot in event.slots}
    meetings = {meeting.id: meeting for meeting in event.meetings}
    positions: dict[tuple[str, int], set[int]] = defaultdict(set)
    for item in assignments:
        meeting, slot = meetings[item.meeting], slots[item.slot]
        for side in (meeting.a, meeting.b):
            positions[(participant_ids[side], slot.day)].add(slot.position)
    gaps = 0
    for taken in positions.values():
        ordered = sorted(taken)
        gaps += sum(1 for before, after in pairwise(ordered) if after > before + 1)
    return gaps
