"""Small builders of requirements and suppliers for the matching tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from eslabon.domain.matching.model import (
    Capability,
    Certification,
    CertificationStatus,
    PartEnvelope,
    Point,
    Requirement,
    Site,
    Supplier,
)

MONTERREY = Point(25.6866, -100.3161)
TODAY = dt.date(2026, 11, 24)
SOP = dt.date(2027, 6, 1)


def requirement(**changes: object) -> Requirement:
    base = Requirement(
        id="REQ-1",
        title="Soporte estampado",
        description="Soporte de acero estampado y soldado",
        processes=("stamping", "welding"),
        materials=("steel",),
        part=PartEnvelope(max_dimension_mm=300, weight_kg=2),
        annual_volume=50_000,
        required_certifications=("iatf-16949",),
        sop_date=SOP,
        delivery=MONTERREY,
        max_distance_km=300,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def capability(process: str, **changes: object) -> Capability:
    base = Capability(
        process=process,
        materials=("steel",),
        max_dimension_mm=500,
        max_weight_kg=10,
        annual_capacity=200_000,
        utilisation=0.5,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def held(standard: str = "iatf-16949", expires: dt.date | None = None) -> Certification:
    return Certification(standard, CertificationStatus.HELD, expires=expires)


def supplier(
    supplier_id: str = "SUP-1",
    capabilities: tuple[Capability, ...] | None = None,
    certifications: tuple[Certification, ...] | None = None,
    location: Point = MONTERREY,
    description: str = "Estampado y soldadura de acero",
) -> Supplier:
    caps = (
        capabilities
        if capabilities is not None
        else (capability("stamping"), capability("welding"))
    )
    certs = certifications if certifications is not None else (held(),)
    return Supplier(
        id=supplier_id,
        name=supplier_id,
        description=description,
        sites=(Site(f"{supplier_id}-S1", location, caps),),
        certifications=certs,
    )
