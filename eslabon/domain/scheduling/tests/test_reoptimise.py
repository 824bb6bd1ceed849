"""Re-optimisation on the day: only what must move moves, and the diff says exactly what."""

from __future__ import annotations

from eslabon.domain.errors import InputError
from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import Event, parse_event
from eslabon.domain.scheduling.reoptimise import add_meeting, cancel_participant, reoptimise
from eslabon.domain.scheduling.solver import SolveOptions, solve
from eslabon.domain.scheduling.tests.factories import event_doc
from eslabon.domain.scheduling.timetable import Assignment as At

FAST = SolveOptions(time_limit=5.0, workers=1)


def _fair() -> dict[str, object]:
    return event_doc(
        slots=4,
        tables=3,
        participants={p: {} for p in "ABCDEF"},
        meetings=[("A", "B", 1), ("A", "C", 1), ("B", "D", 1), ("C", "E", 1), ("D", "F", 2)],
    )


def _late_comer() -> Event:
    """A and B meet in slot 0; C, there only at slot 0, now asks to meet A."""
    doc = event_doc(
        slots=2,
        tables=2,
        participants={"A": {}, "B": {}, "C": {"available": ["d1s0"]}},
        meetings=[("A", "B", 1)],
    )
    event = parse_event(doc)
    return add_meeting(event, "late", "A", "C", weight=1)


def test_a_cancellation_drops_only_that_participants_meetings_and_moves_nothing() -> None:
    event = parse_event(_fair())
    before = solve(event, FAST)
    after = reoptimise(cancel_participant(event, "E"), before.assignments, FAST)
    assert check(cancel_participant(event, "E"), after.timetable.assignments).valid
    assert [d.meeting for d in after.dropped] == ["m4"]
    assert "cancelled" in after.dropped[0].reason
    assert after.moved == () and after.added == ()
    assert after.kept == len(before.assignments) - 1


def test_an_added_meeting_is_fitted_without_moving_others_when_a_slot_is_free() -> None:
    event = parse_event(_fair())
    before = solve(event, FAST)
    changed = add_meeting(event, "late", "E", "F", weight=1)
    after = reoptimise(changed, before.assignments, FAST)
    assert check(changed, after.timetable.assignments).valid
    assert [a.meeting for a in after.added] == ["late"]
    assert after.moved == () and after.dropped == ()


def test_a_meeting_moves_when_that_lets_an_added_meeting_happen_and_the_move_is_reported() -> None:
    changed = _late_comer()
    after = reoptimise(changed, [At("m1", "d1s0", "T1")], FAST)
    assert check(changed, after.timetable.assignments).valid
    assert [(m.meeting, m.from_slot, m.to_slot) for m in after.moved] == [("m1", "d1s0", "d1s1")]
    assert [a.meeting for a in after.added] == ["late"]


def test_a_locked_meeting_stays_even_if_moving_it_would_let_more_happen() -> None:
    changed = _late_comer()
    after = reoptimise(changed, [At("m1", "d1s0", "T1")], FAST, locked=frozenset({"m1"}))
    assert after.moved == ()
    assert [u.meeting for u in after.timetable.unscheduled] == ["late"]


def test_a_previous_timetable_naming_an_unknown_slot_is_rejected() -> None:
    event = parse_event(_fair())
    try:
        reoptimise(event, [At("m1", "nowhere", "T1")], FAST)
    except InputError as error:
        assert error.where == "previous[0]"
    else:
        raise AssertionError("an unknown slot was accepted")


def test_re_optimising_an_unchanged_event_moves_nothing_and_keeps_the_weight() -> None:
    event = parse_event(_fair())
    before = solve(event, FAST)
    after = reoptimise(event, before.assignments, FAST)
    assert (after.moved, after.dropped, after.added) == ((), (), ())
    assert after.timetable.scheduled_weight == before.scheduled_weight
