"""The ten worked examples of the Uniform Regulations (SOR/2020-155), reproduced through the engine.

Source of each case: its "source" field (s.7(22) Ex. 4, s.4(4) Ex. 1, s.8 Ex. 3, s.9(8) Ex. 1),
copied from shared/reference/usmca/official-examples.json. The printed figures round
inconsistently, so the unrounded RVC is compared within 0.1 and the verdict exactly.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good

EXAMPLES = json.loads(
    (Path(__file__).parent / "official_examples.json").read_text(encoding="utf-8"),
    parse_float=Decimal,
)
# The water pump (s.4(4) Ex. 1) is a Table B part in July 2023: its own rule, 70% NC.
HS_AND_DATE = {"UR-s4-Ex1-RemanWaterPump-8413.30": ("8413.30", "2023-07-01")}


def _good(example: dict[str, object]) -> dict[str, object]:
    method = example["method"]
    base = example["NC"] if method == "NC" else example["TV"]
    assert isinstance(base, Decimal | int)
    vnm = Decimal(str(example["VNM"]))
    hs, date = HS_AND_DATE.get(str(example["id"]), ("9503.00", "2023-01-01"))
    key = "net_cost" if method == "NC" else "transaction_value"
    return {
        "good": {"hs_code": hs, key: str(base), "currency": "USD", "date": date},
        "materials": [{"id": "non-originating", "originating": False, "value": str(vnm)}],
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_official_example_reproduces_its_rvc_threshold_and_verdict(example):
    result = check_good(parse_good(_good(example)), rulebook())
    figure = result.rvc_net_cost if example["method"] == "NC" else result.rvc_transaction_value
    threshold = (
        result.threshold.net_cost
        if example["method"] == "NC"
        else result.threshold.transaction_value
    )
    assert figure is not None
    assert abs(figure - Decimal(str(example["expected_rvc"]))) <= Decimal("0.1")
    assert threshold == Decimal(str(example["threshold"]))
    assert result.qualifies is (example["expected"] == "PASS")


def test_bicycle_with_a_self_produced_frame_not_designated_counts_the_frame_vnm():
    """SOR/2020-155 s.8 Example 3 Situation B: VNM = 7.50 inside the frame + 5.50; s.7(5)(a)."""
    good = {
        "good": {
            "hs_code": "8712.00",
            "net_cost": "22.80",
            "currency": "USD",
            "date": "2021-01-01",
        },
        "materials": [
            {
                "id": "frame",
                "originating": False,
                "self_produced": True,
                "value": "10.60",
                "materials": [
                    {"id": "tubing", "originating": False, "value": "7.50"},
                    {"id": "frame-other", "originating": True, "value": "3.10"},
                ],
            },
            {"id": "other", "originating": False, "value": "5.50"},
        ],
    }
    result = check_good(parse_good(good), rulebook())
    assert result.value_non_originating == Decimal("13.00")
    assert result.rvc_net_cost is not None
    assert abs(result.rvc_net_cost - Decimal("42.98")) < Decimal("0.01")
    assert not result.qualifies


def test_bicycle_with_a_designated_originating_frame_rolls_it_up():
    """SOR/2020-155 s.8 Example 3 Situation C: the originating frame's 10.60 counts originating."""
    good = {
        "good": {
            "hs_code": "8712.00",
            "net_cost": "23.00",
            "currency": "USD",
            "date": "2021-01-01",
        },
        "materials": [
            {
                "id": "frame",
                "originating": True,
                "value": "10.60",
                "materials": [{"id": "tubing", "originating": False, "value": "7.50"}],
            },
            {"id": "other", "originating": False, "value": "5.50"},
        ],
    }
    result = check_good(parse_good(good), rulebook())
    assert result.value_non_originating == Decimal("5.50")
    assert result.rvc_net_cost is not None
    assert abs(result.rvc_net_cost - Decimal("76.1")) <= Decimal("0.1")
    assert result.qualifies
