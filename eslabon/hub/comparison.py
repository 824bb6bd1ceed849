"""The comparison matrix: suppliers × lines, built from unsealed quotes only.

Total cost over the volume is unit price (the tier that applies to the line's annual
quantity) × quantity + tooling; the best value of each column is flagged. Plain
dataclasses, so the web page, the API and the Excel export render the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from eslabon.domain.geo import great_circle_km, road_km


class CertificateState(StrEnum):
    VALID = "valid"  # held and not expired on the SOP date
    EXPIRES = "expires"  # held now, expired by the SOP date
    EXPECTED = "expected"  # in progress, expected by the SOP date
    MISSING = "missing"


@dataclass(frozen=True)
class Cell:
    line_id: int
    quote_line_id: int
    unit_price: Decimal
    tooling_cost: Decimal
    total_cost: Decimal
    lead_time_ppap_weeks: int
    lead_time_sop_weeks: int
    capacity_committed: int
    covers_volume: bool
    best_total: bool = False
    best_lead_time: bool = False


@dataclass(frozen=True)
class SupplierRow:
    supplier_id: int
    supplier_name: str
    quote_id: int
    site_name: str
    road_km: float
    certificates: tuple[tuple[str, CertificateState], ...]
    cells: tuple[Cell | None, ...]
    nearest: bool = False

    @property
    def certified(self) -> bool:
        return all(state == CertificateState.VALID for _slug, state in self.certificates)


@dataclass(frozen=True)
class LineHead:
    line_id: int
    part_number: str
    name: str
    quantity: int


@dataclass(frozen=True)
class Matrix:
    currency: str
    lines: tuple[LineHead, ...]
    rows: tuple[SupplierRow, ...]


def unit_price_for(tiers: Sequence[tuple[int, Decimal]], quantity: int) -> Decimal:
    """The price of the highest tier whose minimum the quantity reaches (else the lowest)."""
    ordered = sorted(tiers)
    applicable = [price for minimum, price in ordered if minimum <= quantity]
    return applicable[-1] if applicable else ordered[0][1]


def certificate_state(
    held: Iterable[tuple[str, str | None, dt.date | None, dt.date | None]],
    slug: str,
    on: dt.date,
) -> CertificateState:
    """State of one required standard on a date, from (slug, status, expires, expected)."""
    best = CertificateState.MISSING
    for standard, status, expires_on, expected_on in held:
        if standard != slug:
            continue
        if status == "held" and (expires_on is None or expires_on >= on):
            return CertificateState.VALID
        if status == "held":
            best = CertificateState.EXPIRES
        elif status == "in_progress" and expected_on is not None and expected_on <= on:
            best = best if best == CertificateState.EXPIRES else CertificateState.EXPECTED
    return best


@dataclass(frozen=True)
class QuotedLine:
    quote_line_id: int
    line_id: int
    tooling_cost: Decimal
    lead_time_ppap_weeks: int
    lead_time_sop_weeks: int
    capacity_committed: int
    tiers: tuple[tuple[int, Decimal], ...]


@dataclass(frozen=True)
class QuotedSupplier:
    supplier_id: int
    supplier_name: str
    quote_id: int
    site_name: str
    latitude: float
    longitude: float
    certificates: tuple[tuple[str, CertificateState], ...]
    lines: tuple[QuotedLine, ...]


def build_matrix(
    *,
    currency: str,
    lines: Sequence[LineHead],
    suppliers: Sequence[QuotedSupplier],
    plant: tuple[float, float],
) -> Matrix:
    rows: list[tuple[QuotedSupplier, float, list[Cell | None]]] = []
    for supplier in suppliers:
        by_line = {quoted.line_id: quoted for quoted in supplier.lines}
        cells: list[Cell | None] = []
        for head in lines:
            quoted = by_line.get(head.line_id)
            if quoted is None or not quoted.tiers:
                cells.append(None)
                continue
            unit = unit_price_for(quoted.tiers, head.quantity)
            cells.append(
                Cell(
                    line_id=head.line_id,
                    quote_line_id=quoted.quote_line_id,
                    unit_price=unit,
                    tooling_cost=quoted.tooling_cost,
                    total_cost=unit * head.quantity + quoted.tooling_cost,
                    lead_time_ppap_weeks=quoted.lead_time_ppap_weeks,
                    lead_time_sop_weeks=quoted.lead_time_sop_weeks,
                    capacity_committed=quoted.capacity_committed,
                    covers_volume=quoted.capacity_committed >= head.quantity,
                )
            )
        distance = road_km(great_circle_km(supplier.latitude, supplier.longitude, *plant))
        rows.append((supplier, distance, cells))
    for index in range(len(lines)):
        column = [cells[index] for _s, _d, cells in rows if cells[index] is not None]
        lowest_total = min((cell.total_cost for cell in column if cell), default=None)
        fastest = min((cell.lead_time_sop_weeks for cell in column if cell), default=None)
        for _supplier, _distance, cells in rows:
            cell = cells[index]
            if cell is not None:
                cells[index] = _flag(cell, lowest_total, fastest)
    nearest = min((distance for _s, distance, _c in rows), default=None)
    return Matrix(
        currency=currency,
        lines=tuple(lines),
        rows=tuple(
            SupplierRow(
                supplier_id=supplier.supplier_id,
                supplier_name=supplier.supplier_name,
                quote_id=supplier.quote_id,
                site_name=supplier.site_name,
                road_km=round(distance, 1),
                certificates=supplier.certificates,
                cells=tuple(cells),
                nearest=distance == nearest,
            )
            for supplier, distance, cells in rows
        ),
    )


def _flag(cell: Cell, lowest_total: Decimal | None, fastest: int | None) -> Cell:
    return replace(
        cell,
        best_total=cell.total_cost == lowest_total,
        best_lead_time=cell.lead_time_sop_weeks == fastest,
    )
