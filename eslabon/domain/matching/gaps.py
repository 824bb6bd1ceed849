"""Gaps: each unmet requirement at a supplier's best site, and how far it is missed.

Computed only for the suppliers shown, from their plain values; the wording follows the
issue ("capacity short by 40,000 pieces a year"). ``subject`` and ``shortfall`` carry the
same facts in structured form for a translated rendering.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from itertools import takewhile

from eslabon.data import taxonomy
from eslabon.domain.matching.model import Certification, CertificationStatus, Requirement
from eslabon.domain.matching.model import Site as SiteValue
from eslabon.domain.matching.model import Supplier as SupplierValue


@dataclass(frozen=True, slots=True)
class Gap:
    """One unmet requirement. Shortfall units by kind: capacity pieces/year, distance km,
    envelope mm, weight kg, certification days after SOP until expected; else None."""

    kind: str
    subject: str
    detail: str
    shortfall: float | None
    blocking: bool = True


@cache
def short_name(standard: str) -> str:
    """'IATF 16949' from 'IATF 16949 Automotive quality management': the leading code."""
    words = taxonomy.certifications().by_slug[standard].name_en.split()
    return " ".join(takewhile(lambda word: word == word.upper(), words)) or standard


def process_name(slug: str) -> str:
    return taxonomy.processes().by_slug[slug].name_en


def material_name(slug: str) -> str:
    return taxonomy.materials().by_slug[slug].name_en.lower()


def process_gaps(requirement: Requirement, credit: list[float]) -> list[Gap]:
    gaps = []
    for slug, value in zip(requirement.processes, credit, strict=True):
        if value < 1.0:
            extra = f" (a related process counts {value:.0%})" if value > 0 else ""
            gaps.append(Gap("process", slug, f"{process_name(slug)} not at this site{extra}", None))
    return gaps


def material_gaps(requirement: Requirement, site: SiteValue | None) -> list[Gap]:
    worked = {m for cap in site.capabilities for m in cap.materials} if site else set()
    return [
        Gap("material", slug, f"{material_name(slug)} not worked at this site", None)
        for slug in requirement.materials
        if slug not in worked
    ]


def certification_gaps(requirement: Requirement, supplier: SupplierValue, on: dt.date) -> list[Gap]:
    gaps = []
    for standard in requirement.required_certifications:
        records = [c for c in supplier.certifications if c.standard == standard]
        held = [c for c in records if c.status is CertificationStatus.HELD]
        if any(c.expires is None or c.expires >= on for c in held):
            continue
        gaps.append(_certification_gap(standard, records, held, on))
    return gaps


def _certification_gap(
    standard: str, records: list[Certification], held: list[Certification], on: dt.date
) -> Gap:
    name = short_name(standard)
    parts = [f"{name} missing"]
    expired = [c.expires for c in held if c.expires is not None]
    if expired:
        parts = [f"{name} expires {max(expired).isoformat()}, before SOP {on.isoformat()}"]
    shortfall: float | None = None
    pending = [c for c in records if c.status is CertificationStatus.IN_PROGRESS] or [
        c for c in records if c.status is CertificationStatus.PLANNED
    ]
    if pending:
        dated = sorted(c.expected for c in pending if c.expected is not None)
        status = (
            "in progress" if pending[0].status is CertificationStatus.IN_PROGRESS else "planned"
        )
        parts.append(status)
        if dated:
            parts.append(f"expected {dated[0].strftime('%Y-%m')}")
            shortfall = float(max(0, (dated[0] - on).days))
    return Gap("certification", standard, ", ".join(parts), shortfall)


def distance_gap(requirement: Requirement, road_km: float) -> list[Gap]:
    limit = requirement.max_distance_km
    if requirement.delivery is None or limit is None:
        return []
    if math.isnan(road_km):
        return [Gap("distance", "location", "site location unknown", None)]
    if road_km <= limit:
        return []
    beyond = float(round(road_km - limit))
    return [
        Gap("distance", "road-km", f"{beyond:,.0f} km beyond the {limit:,.0f} km limit", beyond)
    ]


def capacity_gaps(requirement: Requirement, site: SiteValue | None, covered: bool) -> list[Gap]:
    """Free capacity of the bottleneck process against the annual volume.

    Only for sites that run every required process: a missing process is its own gap.
    """
    volume = requirement.annual_volume
    if not volume or site is None or not covered:
        return []
    gaps = []
    for slug in requirement.processes:
        free = [
            cap.free_capacity
            for cap in site.capabilities
            if _meets(slug, cap.process) and cap.free_capacity is not None
        ]
        if not free:
            detail = f"annual capacity not declared for {process_name(slug)}"
            gaps.append(Gap("capacity", slug, detail, float(volume)))
        elif max(free) < volume:
            short = math.ceil(volume - max(free))
            detail = f"capacity short by {short:,} pieces a year ({process_name(slug)})"
            gaps.append(Gap("capacity", slug, detail, float(short)))
    return gaps


def _meets(required: str, offered: str) -> bool:
    return offered == required or required in taxonomy.processes().ancestors(offered)


def envelope_gaps(requirement: Requirement, site: SiteValue | None) -> list[Gap]:
    """Size and weight beyond every capability of the site: a weakness, not an exclusion."""
    if site is None:
        return []
    part = requirement.part
    dimensions = [c.max_dimension_mm for c in site.capabilities if c.max_dimension_mm is not None]
    weights = [c.max_weight_kg for c in site.capabilities if c.max_weight_kg is not None]
    gaps = []
    for kind, need, unit, limits in (
        ("envelope", part.max_dimension_mm, "mm", dimensions),
        ("weight", part.weight_kg, "kg", weights),
    ):
        if need is None or not limits or max(limits) >= need:
            continue
        short = need - max(limits)
        detail = f"part {need:,g} {unit}, the site takes up to {max(limits):,g} {unit}"
        gaps.append(Gap(kind, unit, detail, short, blocking=False))
    return gaps
