"""What the engine returns: a timetable, the meetings left out and why, and the trace.

These values are the output of the solver, the greedy baseline and re-optimisation alike,
and `to_json` gives the SCHEDULE.json document of `eslabon events schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    """Both objectives proven: no timetable has more weight, nor as much with fewer gaps."""
    FEASIBLE = "FEASIBLE"
    """A valid timetable; the time limit came before a proof (see `bound`)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    meeting: str
    slot: str
    table: str


@dataclass(frozen=True, slots=True)
class Unscheduled:
    meeting: str
    reason: str


@dataclass(frozen=True, slots=True)
class Timetable:
    status: Status
    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...]
    scheduled_weight: int
    bound: int
    """Proven upper bound on the scheduled weight (equal to it when OPTIMAL)."""
    idle_gaps: int
    gap_bound: int
    """Proven lower bound on idle gaps among timetables of this weight."""
    trace: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "assignments": [
                {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in self.assignments
            ],
            "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in self.unscheduled],
            "scheduled_weight": self.scheduled_weight,
            "bound": self.bound,
            "idle_gaps": self.idle_gaps,
            "idle_gaps_bound": self.gap_bound,
            "trace": list(self.trace),
        }
