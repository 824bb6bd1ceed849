"""The event to timetable: EVENT.json validated at the edge, then plain indexed values.

Pydantic checks the shape; `parse_event` then checks the references between ids and
turns the document into an `Event` whose slots, tables, participants and meetings are
addressed by position, which is what the solver, the greedy baseline and the checker use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eslabon.domain.errors import InputError
from eslabon.domain.validation import parse_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlotIn(_Strict):
    id: str = Field(min_length=1)
    day: int = Field(ge=1)
    start: str
    end: str
    session: str | None = None


class TableIn(_Strict):
    id: str = Field(min_length=1)


class ParticipantIn(_Strict):
    id: str = Field(min_length=1)
    name: str = ""
    side: Literal["buyer", "supplier", "other"] = "other"
    available: list[str]
    max_meetings: int | None = Field(default=None, ge=0)
    fixed_table: str | None = None
    people: list[str] = []


class MeetingIn(_Strict):
    id: str = Field(min_length=1)
    a: str
    b: str
    weight: int = Field(default=1, ge=1)
    people: list[str] = []
    slots: list[str] | None = None


class EventIn(_Strict):
    slots: list[SlotIn] = Field(min_length=1)
    tables: list[TableIn]
    participants: list[ParticipantIn]
    meetings: list[MeetingIn]


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    day: int
    start: str
    end: str
    session: str | None
    position: int
    """Place of the slot within its day, in the order the slots are listed."""


@dataclass(frozen=True, slots=True)
class Participant:
    id: str
    name: str
    side: str
    available: frozenset[int]
    max_meetings: int | None
    fixed_table: int | None
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    a: int
    b: int
    weight: int
    people: tuple[str, ...]
    slots: frozenset[int] | None
    """Allowed slots of this meeting; None when any common free slot will do."""


@dataclass(frozen=True, slots=True)
class Event:
    slots: tuple[Slot, ...]
    tables: tuple[str, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]

    def days(self) -> dict[int, list[int]]:
        """Slot indices of each day, in listed order (the order idle gaps are counted in)."""
        by_day: dict[int, list[int]] = {}
        for index, slot in enumerate(self.slots):
            by_day.setdefault(slot.day, []).append(index)
        return by_day

    def meetings_of(self) -> list[list[int]]:
        """For each participant, the indices of the meetings it takes part in."""
        found: list[list[int]] = [[] for _ in self.participants]
        for index, meeting in enumerate(self.meetings):
            found[meeting.a].append(index)
            found[meeting.b].append(index)
        return found

    def reserved_tables(self) -> dict[int, list[int]]:
        """Each fixed table with the participants who hold it all day."""
        holders: dict[int, list[int]] = {}
        for index, participant in enumerate(self.participants):
            if participant.fixed_table is not None:
                holders.setdefault(participant.fixed_table, []).append(index)
        return holders

    def candidate_slots(self, meeting_index: int) -> list[int]:
        """Slots where a meeting could be held on its own: both sides free, allowed, tables."""
        meeting = self.meetings[meeting_index]
        a, b = self.participants[meeting.a], self.participants[meeting.b]
        if meeting_table_conflict(self, meeting) or 0 in (a.max_meetings, b.max_meetings):
            return []
        common = a.available & b.available
        if meeting.slots is not None:
            common &= meeting.slots
        return sorted(common)


def meeting_table_conflict(event: Event, meeting: Meeting) -> bool:
    """Both sides hold a fixed table, and not the same one: the meeting has nowhere to sit."""
    tables = {event.participants[p].fixed_table for p in (meeting.a, meeting.b)} - {None}
    return len(tables) > 1


def parse_event(data: Any) -> Event:
    """Validate an EVENT.json document; any fault raises InputError naming its JSON path."""
    document = parse_model(EventIn, data)
    slot_index = _index(document.slots, "$.slots")
    table_index = _index(document.tables, "$.tables")
    participant_index = _index(document.participants, "$.participants")
    _index(document.meetings, "$.meetings")
    positions: dict[int, int] = {}
    slots = []
    for slot in document.slots:
        position = positions.get(slot.day, 0)
        positions[slot.day] = position + 1
        slots.append(Slot(slot.id, slot.day, slot.start, slot.end, slot.session, position))
    participants = tuple(
        _participant(p, f"$.participants[{i}]", slot_index, table_index)
        for i, p in enumerate(document.participants)
    )
    meetings = tuple(
        _meeting(m, f"$.meetings[{i}]", slot_index, participant_index, participants)
        for i, m in enumerate(document.meetings)
    )
    tables = tuple(table.id for table in document.tables)
    return Event(tuple(slots), tables, participants, meetings)


def _index(
    items: Sequence[SlotIn | TableIn | ParticipantIn | MeetingIn], path: str
) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, item in enumerate(items):
        if item.id in index:
            raise InputError(f"{path}[{position}].id", f"duplicate id {item.id!r}")
        index[item.id] = position
    return index


def _lookup(index: dict[str, int], ids: Iterable[str], path: str, kind: str) -> list[int]:
    found = []
    for position, item in enumerate(ids):
        if item not in index:
            raise InputError(f"{path}[{position}]", f"unknown {kind} id {item!r}")
        found.append(index[item])
    return found


def _participant(
    item: ParticipantIn, path: str, slot_index: dict[str, int], table_index: dict[str, int]
) -> Participant:
    available = _lookup(slot_index, item.available, f"{path}.available", "slot")
    table = None
    if item.fixed_table is not None:
        if item.fixed_table not in table_index:
            raise InputError(f"{path}.fixed_table", f"unknown table id {item.fixed_table!r}")
        table = table_index[item.fixed_table]
    people = tuple(item.people) or (item.id,)
    if len(set(people)) != len(people):
        raise InputError(f"{path}.people", "a person is listed twice")
    return Participant(
        item.id, item.name, item.side, frozenset(available), item.max_meetings, table, people
    )


def _meeting(
    item: MeetingIn,
    path: str,
    slot_index: dict[str, int],
    participant_index: dict[str, int],
    participants: tuple[Participant, ...],
) -> Meeting:
    sides = []
    for name, side in (("a", item.a), ("b", item.b)):
        if side not in participant_index:
            raise InputError(f"{path}.{name}", f"unknown participant id {side!r}")
        sides.append(participant_index[side])
    side_a, side_b = sides
    if side_a == side_b:
        raise InputError(f"{path}.b", f"a meeting of participant {item.a!r} with itself")
    allowed_people = set(participants[side_a].people) | set(participants[side_b].people)
    for position, person in enumerate(item.people):
        if person not in allowed_people:
            raise InputError(
                f"{path}.people[{position}]", f"{person!r} is not one of the people of a or b"
            )
    people = tuple(item.people) or tuple(
        dict.fromkeys(participants[side_a].people + participants[side_b].people)
    )
    slots = None
    if item.slots is not None:
        slots = frozenset(_lookup(slot_index, item.slots, f"{path}.slots", "slot"))
    return Meeting(item.id, side_a, side_b, item.weight, people, slots)
