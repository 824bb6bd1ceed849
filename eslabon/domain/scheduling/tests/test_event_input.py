"""EVENT.json validation: every fault is rejected with the JSON path of the culprit."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.tests.factories import event_doc


def _rejected(doc: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as raised:
        parse_event(doc)
    return raised.value


def test_a_valid_event_is_indexed_by_position_with_slots_ordered_within_their_day() -> None:
    event = parse_event(event_doc(slots=3, days=2, meetings=[("A", "B", 2)]))
    assert [s.position for s in event.slots] == [0, 1, 2, 0, 1, 2]
    assert event.meetings[0].a == 0 and event.meetings[0].b == 1
    assert event.participants[0].people == ("A",)  # a participant without people is one person


def test_a_duplicate_slot_id_is_reported_at_the_second_occurrence() -> None:
    doc = event_doc()
    doc["slots"][2]["id"] = doc["slots"][0]["id"]
    assert _rejected(doc).where == "$.slots[2].id"


def test_a_duplicate_meeting_id_is_rejected() -> None:
    doc = event_doc(meetings=[("A", "B", 1), ("A", "C", 1)])
    doc["meetings"][1]["id"] = "m1"
    assert _rejected(doc).where == "$.meetings[1].id"


def test_an_unknown_slot_in_availability_names_its_index() -> None:
    doc = event_doc()
    doc["participants"][1]["available"].append("never")
    error = _rejected(doc)
    assert error.where == "$.participants[1].available[4]"
    assert "never" in error.message


def test_a_meeting_with_an_unknown_participant_is_rejected() -> None:
    doc = event_doc(meetings=[("A", "Z", 1)])
    assert _rejected(doc).where == "$.meetings[0].b"


def test_a_meeting_of_a_participant_with_itself_is_rejected() -> None:
    error = _rejected(event_doc(meetings=[("A", "A", 1)]))
    assert error.where == "$.meetings[0].b"
    assert "itself" in error.message


def test_an_unknown_fixed_table_is_rejected() -> None:
    doc = event_doc(participants={"A": {"fixed_table": "T9"}, "B": {}})
    assert _rejected(doc).where == "$.participants[0].fixed_table"


def test_a_meeting_person_must_belong_to_one_of_its_two_participants() -> None:
    doc = event_doc(
        participants={"A": {"people": ["ana"]}, "B": {"people": ["beto"]}, "C": {}},
        meetings=[("A", "B", 1)],
    )
    doc["meetings"][0]["people"] = ["ana", "carla"]
    assert _rejected(doc).where == "$.meetings[0].people[1]"


def test_an_unknown_allowed_slot_of_a_meeting_is_rejected() -> None:
    doc = event_doc(meetings=[("A", "B", 1)])
    doc["meetings"][0]["slots"] = ["d1s0", "d9s9"]
    assert _rejected(doc).where == "$.meetings[0].slots[1]"


def test_a_misspelt_field_and_a_zero_weight_are_rejected_by_the_schema() -> None:
    doc = event_doc(meetings=[("A", "B", 0)])
    assert _rejected(doc).where == "$.meetings[0].weight"
    doc = event_doc()
    doc["participants"][0]["max_meeting"] = 3
    assert _rejected(doc).where == "$.participants[0].max_meeting"


def test_a_side_outside_buyer_supplier_other_is_rejected() -> None:
    doc = event_doc()
    doc["participants"][2]["side"] = "vendor"
    assert _rejected(doc).where == "$.participants[2].side"
