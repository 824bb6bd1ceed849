"""REQUIREMENT.json and SUPPLIERS.json validation: errors name the JSON path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.matching import parse_requirement, parse_suppliers, parse_weights
from eslabon.domain.matching.model import CertificationStatus


def minimal_requirement(**extra: Any) -> dict[str, Any]:
    return {"id": "R1", "processes": ["stamping"], **extra}


def minimal_supplier(**extra: Any) -> dict[str, Any]:
    return {"id": "S1", **extra}


def error_of(call: Any, data: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        call(data)
    return caught.value


def test_a_requirement_needs_only_an_id_and_one_process() -> None:
    req = parse_requirement(minimal_requirement())
    assert req.processes == ("stamping",)
    assert req.sop_date is None
    assert req.delivery is None


def test_a_full_requirement_is_read_with_its_dates_and_point() -> None:
    req = parse_requirement(
        minimal_requirement(
            sop_date="2027-01-15",
            delivery={"lat": 25.7, "lon": -100.3},
            required_certifications=["iatf-16949"],
            part={"max_dimension_mm": 420},
            weights={"text": 0},
        )
    )
    assert req.sop_date == dt.date(2027, 1, 15)
    assert req.delivery is not None and req.delivery.lat == 25.7
    assert req.part.weight_kg is None
    assert dict(req.weights) == {"text": 0}


def test_an_unknown_process_slug_is_reported_at_its_index() -> None:
    error = error_of(parse_requirement, minimal_requirement(processes=["stamping", "laser"]))
    assert error.where == "$.processes[1]"
    assert "unknown process slug 'laser'" in error.message


def test_a_requirement_without_processes_is_refused() -> None:
    assert error_of(parse_requirement, {"id": "R1", "processes": []}).where == "$.processes"


def test_a_bad_sop_date_is_reported_by_its_path() -> None:
    assert error_of(parse_requirement, minimal_requirement(sop_date="15/01/2027")).where == (
        "$.sop_date"
    )


def test_an_unknown_weight_is_reported_by_its_path() -> None:
    error = error_of(parse_requirement, minimal_requirement(weights={"price": 3}))
    assert error.where == "$.weights"
    assert "price" in error.message


def test_an_error_deep_in_a_supplier_names_the_full_path() -> None:
    data = [
        minimal_supplier(),
        minimal_supplier(
            id="S2",
            sites=[
                {
                    "id": "A",
                    "lat": 25,
                    "lon": -100,
                    "capabilities": [
                        {"process": "welding"},
                        {"process": "welding", "utilisation": 1.5},
                    ],
                }
            ],
        ),
    ]
    assert error_of(parse_suppliers, data).where == "$[1].sites[0].capabilities[1].utilisation"


def test_an_unknown_certification_status_is_reported_by_its_path() -> None:
    data = [minimal_supplier(certifications=[{"standard": "iso-9001", "status": "pending"}])]
    assert error_of(parse_suppliers, data).where == "$[0].certifications[0].status"


def test_an_unknown_material_slug_is_reported_by_its_path() -> None:
    data = [
        minimal_supplier(
            sites=[
                {
                    "id": "A",
                    "lat": 1,
                    "lon": 1,
                    "capabilities": [{"process": "welding", "materials": ["unobtainium"]}],
                }
            ]
        )
    ]
    assert error_of(parse_suppliers, data).where == "$[0].sites[0].capabilities[0].materials[0]"


def test_duplicate_supplier_ids_are_refused_at_the_second() -> None:
    error = error_of(parse_suppliers, [minimal_supplier(), minimal_supplier()])
    assert error.where == "$[1].id"


def test_optional_supplier_fields_may_be_absent() -> None:
    (supplier,) = parse_suppliers(
        [minimal_supplier(certifications=[{"standard": "cqi-9", "status": "in_progress"}])]
    )
    assert supplier.sites == ()
    assert supplier.employees is None
    assert supplier.certifications[0].status is CertificationStatus.IN_PROGRESS


def test_programme_weights_must_be_non_negative() -> None:
    assert error_of(parse_weights, {"text": -1}).where == "$.text"
