"""check_good on its own: de minimis, the trace, steel and aluminium, methods by HS code."""

from __future__ import annotations

from decimal import Decimal

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.localize import Candidate, localize
from eslabon.domain.origin.model import parse_good


def _doc(hs: str, materials: list[dict[str, object]], **good: str) -> dict[str, object]:
    return {
        "good": {"hs_code": hs, "currency": "USD", "date": "2024-01-01", **good},
        "materials": materials,
    }


def test_de_minimis_qualifies_a_good_whose_vnm_is_at_most_ten_percent():
    """UR s.5(4): exactly 10% of TV is still de minimis, even against an 80% TV threshold."""
    doc = _doc(
        "8413.30",
        [{"id": "x", "originating": False, "value": "100"}],
        transaction_value="1000",
    )
    result = check_good(parse_good(doc), rulebook())
    assert result.de_minimis
    assert result.qualifies


def test_just_over_de_minimis_must_meet_the_threshold():
    doc = _doc(
        "8413.30",
        [{"id": "x", "originating": False, "value": "250.01"}],
        transaction_value="1000",
    )
    result = check_good(parse_good(doc), rulebook())
    assert not result.de_minimis
    assert not result.qualifies  # 74.999% < 80% TV for a Table B part (UR s.14(14)-(15))


def test_the_trace_names_the_materials_behind_the_non_originating_value():
    doc = _doc(
        "9503.00",
        [
            {"id": "a", "originating": False, "value": "10"},
            {"id": "b", "originating": True, "value": "10"},
            {"id": "c", "originating": "unknown", "value": "5"},
        ],
        net_cost="100",
    )
    result = check_good(parse_good(doc), rulebook())
    step = next(t for t in result.trace if t.figure == "value_non_originating")
    assert step.material_ids == ("a", "c")
    assert step.value == "15"


def test_steel_lines_report_their_originating_share_against_seventy_percent():
    doc = _doc(
        "8708.29",
        [
            {"id": "coil", "hs_code": "7208.25", "originating": True, "value": "70"},
            {"id": "bar", "hs_code": "7214.99", "originating": False, "value": "30"},
        ],
        net_cost="1000",
    )
    (steel,) = check_good(parse_good(doc), rulebook()).metals
    assert steel.metal == "steel"
    assert steel.percent == Decimal(70)
    assert steel.meets is True


def test_localisation_can_reach_the_transaction_value_threshold_with_tv_held_fixed():
    doc = _doc(
        "8413.30",
        [
            {"id": "x", "originating": False, "value": "300"},
            {"id": "y", "originating": False, "value": "50"},
        ],
        transaction_value="1000",
    )
    result = localize(
        parse_good(doc),
        [Candidate("x", "Local", Decimal("310")), Candidate("y", "Local", Decimal("51"))],
        rulebook(),
    )
    assert result.exact.method == "transaction_value"
    assert [s.option.candidate.material_id for s in result.exact.steps] == ["x"]
    assert result.exact.steps[0].rvc_transaction_value == Decimal(95)
    assert result.exact.import_substitution_value == Decimal(300)
