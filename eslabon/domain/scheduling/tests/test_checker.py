"""The independent checker catches each kind of violation and counts idle gaps as defined."""

from __future__ import annotations

from eslabon.domain.scheduling.checker import Violation, check
from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.tests.factories import event_doc
from eslabon.domain.scheduling.timetable import Assignment as At


def _caught(doc: dict[str, object], assignments: list[At]) -> set[Violation]:
    return check(parse_event(doc), assignments).kinds()


BASE = event_doc(meetings=[("A", "B", 2), ("A", "C", 1), ("B", "C", 1)])


def test_a_valid_timetable_has_no_findings_and_its_weight() -> None:
    report = check(parse_event(BASE), [At("m1", "d1s0", "T1"), At("m2", "d1s1", "T1")])
    assert report.valid
    assert report.scheduled_weight == 3


def test_a_meeting_held_twice_is_caught() -> None:
    caught = _caught(BASE, [At("m1", "d1s0", "T1"), At("m1", "d1s2", "T1")])
    assert Violation.MEETING_TWICE in caught


def test_an_organisation_in_two_meetings_at_once_is_caught() -> None:
    caught = _caught(BASE, [At("m1", "d1s0", "T1"), At("m2", "d1s0", "T2")])
    # A's one person is double-booked as well
    assert caught == {Violation.PARTICIPANT_DOUBLE_BOOKED, Violation.PERSON_DOUBLE_BOOKED}


def test_a_person_shared_by_two_organisations_in_two_meetings_at_once_is_caught() -> None:
    doc = event_doc(
        participants={
            "A": {"people": ["ana"]},
            "B": {"people": ["consultant"]},
            "C": {"people": ["carla"]},
            "D": {"people": ["consultant", "dora"]},
        },
        meetings=[("A", "B", 1), ("C", "D", 1)],
    )
    caught = _caught(doc, [At("m1", "d1s0", "T1"), At("m2", "d1s0", "T2")])
    assert caught == {Violation.PERSON_DOUBLE_BOOKED}


def test_a_meeting_in_a_slot_where_a_side_is_away_is_caught() -> None:
    doc = event_doc(participants={"A": {}, "B": {"available": ["d1s1"]}}, meetings=[("A", "B", 1)])
    assert _caught(doc, [At("m1", "d1s0", "T1")]) == {Violation.UNAVAILABLE}


def test_a_meeting_outside_its_allowed_slots_is_caught() -> None:
    doc = event_doc(meetings=[("A", "B", 1)])
    doc["meetings"][0]["slots"] = ["d1s0"]
    assert _caught(doc, [At("m1", "d1s3", "T1")]) == {Violation.SLOT_NOT_ALLOWED}


def test_two_meetings_at_one_table_in_one_slot_are_caught() -> None:
    doc = event_doc(
        participants={"A": {}, "B": {}, "C": {}, "D": {}}, meetings=[("A", "B", 1), ("C", "D", 1)]
    )
    caught = _caught(doc, [At("m1", "d1s0", "T1"), At("m2", "d1s0", "T1")])
    assert caught == {Violation.TABLE_DOUBLE_BOOKED}


def test_a_fixed_table_holder_elsewhere_and_a_stranger_at_a_held_table_are_caught() -> None:
    doc = event_doc(
        participants={"A": {"fixed_table": "T1"}, "B": {}, "C": {}, "D": {}},
        meetings=[("A", "B", 1), ("C", "D", 1)],
    )
    assert _caught(doc, [At("m1", "d1s0", "T2")]) == {Violation.FIXED_TABLE}
    assert _caught(doc, [At("m2", "d1s1", "T1")]) == {Violation.FIXED_TABLE}
    assert _caught(doc, [At("m1", "d1s0", "T1"), At("m2", "d1s0", "T2")]) == set()


def test_a_participant_above_its_cap_is_caught() -> None:
    doc = event_doc(
        participants={"A": {"max_meetings": 1}, "B": {}, "C": {}},
        meetings=[("A", "B", 1), ("A", "C", 1)],
    )
    caught = _caught(doc, [At("m1", "d1s0", "T1"), At("m2", "d1s1", "T1")])
    assert caught == {Violation.CAP_EXCEEDED}


def test_unknown_ids_in_a_timetable_are_caught() -> None:
    assert _caught(BASE, [At("m9", "d1s0", "T1")]) == {Violation.UNKNOWN_ID}
    assert _caught(BASE, [At("m1", "d1s0", "T9")]) == {Violation.UNKNOWN_ID}


def test_each_run_of_free_slots_between_two_meetings_of_a_day_is_one_gap() -> None:
    # A meets at positions 0, 2, 3 and 6 of day 1: two runs of free slots -> 2 gaps;
    # its partners have one meeting each; day 2 starts afresh, so d1s7 -> d2s0 is no gap.
    people: dict[str, dict[str, object]] = {p: {} for p in "ABCDEFG"}
    doc = event_doc(
        slots=8,
        days=2,
        tables=4,
        participants=people,
        meetings=[("A", p, 1) for p in "BCDEF"] + [("A", "G", 1)],
    )
    timetable = [
        At("m1", "d1s0", "T1"),
        At("m2", "d1s2", "T1"),
        At("m3", "d1s3", "T1"),
        At("m4", "d1s6", "T1"),
        At("m5", "d1s7", "T1"),
        At("m6", "d2s0", "T1"),
    ]
    report = check(parse_event(doc), timetable)
    assert report.valid
    assert report.idle_gaps == 2
