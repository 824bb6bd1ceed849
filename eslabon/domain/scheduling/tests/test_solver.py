"""The CP-SAT timetable: valid by the independent checker, optimal where it says so."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eslabon.domain.scheduling.assembly import assign_tables
from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import Event, parse_event
from eslabon.domain.scheduling.greedy import greedy_slots, improve
from eslabon.domain.scheduling.solver import SolveOptions, solve
from eslabon.domain.scheduling.tests.factories import event_doc
from eslabon.domain.scheduling.timetable import Assignment, Status, Timetable

FAST = SolveOptions(time_limit=5.0, workers=1)
PUBLISHED = Path(__file__).resolve().parents[4] / "bench" / "data" / "published"


def _verified(event: Event, timetable: Timetable) -> None:
    """Every produced timetable goes through the checker, and its figures must agree."""
    report = check(event, timetable.assignments)
    assert report.findings == ()
    assert report.scheduled_weight == timetable.scheduled_weight
    assert report.idle_gaps == timetable.idle_gaps
    scheduled = {a.meeting for a in timetable.assignments}
    assert scheduled.isdisjoint(u.meeting for u in timetable.unscheduled)
    assert len(scheduled) + len(timetable.unscheduled) == len(event.meetings)


def _brute_force(event: Event) -> tuple[int, int]:
    """Best (weight, -gaps) over every slot choice, judged by the checker alone."""
    choices = [[None, *range(len(event.slots))] for _ in event.meetings]
    best = (0, 0)
    for pick in itertools.product(*choices):
        slot_of = {m: s for m, s in enumerate(pick) if s is not None}
        try:
            tables = assign_tables(event, slot_of)
        except IndexError:
            continue  # more meetings in a slot than free tables
        assignments = [
            Assignment(event.meetings[m].id, event.slots[s].id, event.tables[tables[m]])
            for m, s in slot_of.items()
        ]
        report = check(event, assignments)
        if report.valid:
            best = max(best, (report.scheduled_weight, -report.idle_gaps))
    return best


@st.composite
def small_events(draw: st.DrawFn) -> dict[str, Any]:
    slots = draw(st.integers(2, 3))
    days = draw(st.integers(1, 2))
    slot_ids = [f"d{d}s{k}" for d in range(1, days + 1) for k in range(slots)]
    names = ["A", "B", "C", "D"][: draw(st.integers(2, 4))]
    participants = {
        name: {
            "available": draw(st.lists(st.sampled_from(slot_ids), min_size=1, unique=True)),
            "max_meetings": draw(st.sampled_from([None, None, 1, 2])),
            "fixed_table": draw(st.sampled_from([None, None, None, "T1"])),
        }
        for name in names
    }
    pairs = list(itertools.combinations(names, 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=4))
    meetings = [(a, b, draw(st.integers(1, 3))) for a, b in chosen]
    tables = draw(st.integers(1, 2))
    return event_doc(slots, days, tables, participants, meetings)


@pytest.mark.parametrize("merge_slots", [True, False], ids=["class model", "slot model"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=small_events())
def test_on_small_events_an_optimal_timetable_matches_brute_force(
    merge_slots: bool, doc: dict[str, Any]
) -> None:
    event = parse_event(doc)
    timetable = solve(event, replace(FAST, slot_classes=merge_slots))
    _verified(event, timetable)
    assert timetable.status is Status.OPTIMAL
    weight, minus_gaps = _brute_force(event)
    assert (timetable.scheduled_weight, timetable.idle_gaps) == (weight, -minus_gaps)
    assert timetable.bound == weight


def _first_fit_trap() -> Event:
    """A-B (weight 3) fits anywhere; A-C (2) only in the first slot, where first fit puts A-B."""
    return parse_event(
        event_doc(
            slots=2,
            tables=1,
            participants={"A": {}, "B": {}, "C": {"available": ["d1s0"]}},
            meetings=[("A", "B", 3), ("A", "C", 2)],
        )
    )


def test_the_solver_schedules_more_weight_than_first_fit_where_first_fit_blocks_itself() -> None:
    # First fit puts the heavier A-B in the first slot, C's only slot with A; the solver doesn't.
    event = _first_fit_trap()
    assert len(greedy_slots(event)) == 1
    timetable = solve(event, FAST)
    _verified(event, timetable)
    assert timetable.scheduled_weight == 5


def test_meetings_are_packed_to_leave_no_idle_gap_when_one_exists() -> None:
    doc = event_doc(
        slots=5,
        tables=3,
        participants={p: {} for p in "ABCD"},
        meetings=[("A", "B", 1), ("A", "C", 1), ("A", "D", 1), ("B", "C", 1)],
    )
    event = parse_event(doc)
    timetable = solve(event, FAST)
    _verified(event, timetable)
    assert (timetable.status, timetable.idle_gaps) == (Status.OPTIMAL, 0)


def test_unscheduled_meetings_say_why() -> None:
    doc = event_doc(
        slots=2,
        participants={
            "A": {"available": ["d1s0"]},
            "B": {"available": ["d1s1"]},
            "C": {"max_meetings": 1},
            "D": {"fixed_table": "T1"},
            "E": {"fixed_table": "T2"},
        },
        meetings=[("A", "B", 1), ("C", "D", 3), ("C", "A", 1), ("D", "E", 1)],
    )
    event = parse_event(doc)
    timetable = solve(event, FAST)
    _verified(event, timetable)
    reasons = {u.meeting: u.reason for u in timetable.unscheduled}
    assert "both available" in reasons["m1"]
    assert "cap of 1" in reasons["m3"]
    assert "different fixed table" in reasons["m4"]


def test_the_published_tic_12_forum_gets_every_meeting_and_no_break() -> None:
    # Bofill et al., JAIR 74 (2022), Table 3: tic-12, 125 meetings, optimum 0 breaks.
    event = parse_event(json.loads((PUBLISHED / "tic-12.event.json").read_text()))
    timetable = solve(event, SolveOptions(time_limit=30.0))
    _verified(event, timetable)
    assert timetable.scheduled_weight == 125
    assert timetable.idle_gaps == 0


def test_one_worker_and_a_fixed_seed_give_the_same_timetable_twice() -> None:
    event = parse_event(json.loads((PUBLISHED / "tic-12.event.json").read_text()))
    options = SolveOptions(time_limit=30.0, workers=1)
    assert solve(event, options).assignments == solve(event, options).assignments


def test_an_event_without_meetings_gives_an_empty_optimal_timetable() -> None:
    timetable = solve(parse_event(event_doc()), FAST)
    assert timetable.status is Status.OPTIMAL
    assert timetable.assignments == () and timetable.scheduled_weight == 0


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_events())
def test_the_day_by_day_gap_phase_keeps_the_weight_and_is_never_below_the_optimum(
    doc: dict[str, Any],
) -> None:
    # Large events take this path; forcing it on small ones checks it against the whole model.
    event = parse_event(doc)
    whole = solve(event, FAST)
    by_day = solve(event, SolveOptions(time_limit=5.0, workers=1, exact_gap_limit=0))
    _verified(event, by_day)
    assert by_day.scheduled_weight == whole.scheduled_weight
    assert by_day.idle_gaps >= whole.idle_gaps


@settings(max_examples=40, deadline=None)
@given(small_events())
def test_the_ejection_repair_keeps_first_fit_valid_and_never_loses_weight(
    doc: dict[str, Any],
) -> None:
    event = parse_event(doc)
    first_fit = greedy_slots(event)
    repaired = improve(event, first_fit)
    tables = assign_tables(event, repaired)
    assignments = [
        Assignment(event.meetings[m].id, event.slots[s].id, event.tables[tables[m]])
        for m, s in repaired.items()
    ]
    report = check(event, assignments)
    assert report.valid
    assert report.scheduled_weight >= sum(event.meetings[m].weight for m in first_fit)


def test_the_ejection_repair_moves_a_blocking_meeting_to_fit_a_heavier_one() -> None:
    event = _first_fit_trap()
    assert len(improve(event, greedy_slots(event))) == 2
