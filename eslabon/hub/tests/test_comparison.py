"""The comparison matrix's arithmetic, on plain values (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from eslabon.hub.comparison import (
    CertificateState,
    LineHead,
    QuotedLine,
    QuotedSupplier,
    build_matrix,
    certificate_state,
    unit_price_for,
)

SOP = dt.date(2027, 9, 1)


def test_the_tier_the_quantity_reaches_sets_the_unit_price() -> None:
    tiers = [(1, Decimal("12")), (5000, Decimal("11")), (20000, Decimal("10"))]
    assert unit_price_for(tiers, 4999) == Decimal("12")
    assert unit_price_for(tiers, 5000) == Decimal("11")
    assert unit_price_for(tiers, 50000) == Decimal("10")
    assert unit_price_for([(1000, Decimal("9"))], 10) == Decimal("9")  # below every tier


def test_certificate_state_on_the_sop_date() -> None:
    held = [("iatf-16949", "held", dt.date(2027, 1, 1), None),
            ("iso-9001", "held", dt.date(2028, 1, 1), None),
            ("iso-14001", "in_progress", None, dt.date(2027, 6, 1))]  # fmt: skip
    assert certificate_state(held, "iso-9001", SOP) == CertificateState.VALID
    assert certificate_state(held, "iatf-16949", SOP) == CertificateState.EXPIRES
    assert certificate_state(held, "iso-14001", SOP) == CertificateState.EXPECTED
    assert certificate_state(held, "vda-6-3", SOP) == CertificateState.MISSING


def supplier(pk: int, unit: str, tooling: str, weeks: int, lat: float) -> QuotedSupplier:
    return QuotedSupplier(
        supplier_id=pk, supplier_name=f"S{pk}", quote_id=pk, site_name="P", latitude=lat,
        longitude=-100.3, certificates=(),
        lines=(QuotedLine(pk * 10, 1, Decimal(tooling), weeks - 4, weeks, 100,
                          ((1, Decimal(unit)),)),),
    )  # fmt: skip


def test_best_total_lead_time_and_nearest_plant_are_flagged_per_column() -> None:
    matrix = build_matrix(
        currency="MXN",
        lines=[LineHead(1, "PN", "Pieza", 1000)],
        suppliers=[supplier(1, "10", "5000", 20, 25.7), supplier(2, "9", "8000", 14, 20.0)],
        plant=(25.67, -100.31),
    )
    first, second = matrix.rows
    assert first.cells[0].total_cost == Decimal("15000")  # 10 × 1000 + 5000
    assert second.cells[0].total_cost == Decimal("17000")
    assert first.cells[0].best_total and not second.cells[0].best_total
    assert second.cells[0].best_lead_time and not first.cells[0].best_lead_time
    assert first.nearest and not second.nearest
    assert not first.cells[0].covers_volume  # 100 committed for 1000 a year
