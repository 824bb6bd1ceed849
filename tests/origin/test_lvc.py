"""Labour value content (UR s.18). No official numeric example exists (usmca.md §6): these
cases are constructed, non-official, and checked against the s.18(6) formula by hand."""

from __future__ import annotations

from decimal import Decimal

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good


def _vehicle(labour: dict[str, object], date: str = "2023-07-01") -> dict[str, object]:
    return {
        "good": {"hs_code": "8703.23", "net_cost": "20000", "currency": "USD", "date": date},
        "materials": [
            {"id": "engine", "originating": True, "value": "4000", "high_wage": True},
            {"id": "seats", "originating": False, "value": "1000", "high_wage": True},
            {"id": "glass", "originating": False, "value": "500"},
        ],
        "labour": labour,
    }


def test_lvc_adds_high_wage_material_and_labour_and_caps_the_technology_credit():
    labour = {
        "high_wage_labour_cost": "1000",
        "technology_wages": "3000",
        "production_wages": "20000",  # 15 points, capped at 10 (UR s.18(9)-(11))
        "assembly_plant_credit": True,
    }
    lvc = check_good(parse_good(_vehicle(labour)), rulebook()).lvc
    assert lvc is not None
    # (1000 + 4000 + 1000) / 20000 × 100 = 30 points; a non-originating high-wage material
    # counts at full value (UR s.18(21))
    assert lvc.material_and_manufacturing_points == Decimal(30)
    assert lvc.technology_points_uncapped == Decimal(15)
    assert lvc.technology_points == Decimal(10)
    assert lvc.assembly_points == Decimal(5)
    assert lvc.total == Decimal(45)
    assert (lvc.required_total, lvc.required_material_and_manufacturing) == (40, 25)
    assert lvc.meets


def test_lvc_fails_when_high_wage_material_and_manufacturing_is_below_its_minimum():
    labour = {
        "technology_wages": "10000",
        "production_wages": "10000",
        "assembly_plant_credit": True,
    }
    doc = _vehicle(labour)
    doc["materials"][0]["high_wage"] = False  # 1000 / 20000 = 5 points < 25
    lvc = check_good(parse_good(doc), rulebook()).lvc
    assert lvc is not None
    assert lvc.material_and_manufacturing_points == Decimal(5)
    assert not lvc.meets


def test_the_passenger_vehicle_lvc_requirement_steps_up_on_july_first():
    before = check_good(parse_good(_vehicle({}, "2022-06-30")), rulebook()).lvc
    after = check_good(parse_good(_vehicle({}, "2022-07-01")), rulebook()).lvc
    assert before is not None and after is not None
    assert (before.required_total, after.required_total) == (33, 36)


def test_labour_cost_of_a_plant_below_the_high_wage_rate_does_not_count():
    labour = {
        "high_wage_labour_cost": "1000",
        "plant_country": "MX",
        "plant_average_hourly_wage": "294.21",  # one centavo under MXN 294.22 (UR s.12)
    }
    lvc = check_good(parse_good(_vehicle(labour)), rulebook()).lvc
    assert lvc is not None
    assert lvc.plant_is_high_wage is False
    assert lvc.material_and_manufacturing_points == Decimal(25)


def test_parts_have_no_lvc():
    doc = _vehicle({"high_wage_labour_cost": "1"})
    doc["good"]["hs_code"] = "8708.40"
    assert check_good(parse_good(doc), rulebook()).lvc is None


def test_core_parts_of_a_passenger_vehicle_are_listed_with_their_origin():
    """UR s.14(4), Table A.2 column 1: engines, transmissions, ... must be originating."""
    doc = _vehicle({})
    doc["materials"][0]["hs_code"] = "8407.34"  # engine, originating
    doc["materials"].append(
        {"id": "gearbox", "hs_code": "8708.40", "originating": False, "value": "900"}
    )
    core = check_good(parse_good(doc), rulebook()).core_parts
    assert [(c.material_id, c.part, c.originating) for c in core] == [
        ("engine", "Engines", True),
        ("gearbox", "Transmissions", False),
    ]
