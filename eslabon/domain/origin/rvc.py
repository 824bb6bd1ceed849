"""Regional value content of one good: roll-up of the bill of materials, VNM, TV and NC RVC.

Exact Decimal arithmetic throughout; rounding happens only where a figure is displayed.
Every non-originating amount keeps the material lines it came from (the trace).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from eslabon.domain.origin.model import Material, Originating

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class MaterialCount:
    """How one BOM line enters VNM: its value counted as non-originating, and why."""

    material_id: str
    path: str
    value: Decimal
    non_originating_value: Decimal
    status: Originating
    reason: str


def rvc(base: Decimal, vnm: Decimal) -> Decimal:
    """RVC = (base − VNM) ÷ base × 100, for TV or NC as base (UR s.7(2)-(3))."""
    return (base - vnm) / base * HUNDRED


def meets(base: Decimal, vnm: Decimal, threshold: Decimal) -> bool:
    """RVC ≥ threshold, decided by cross-multiplication so no division rounds the verdict."""
    return (base - vnm) * HUNDRED >= threshold * base


def count_materials(materials: Iterable[Material]) -> tuple[MaterialCount, ...]:
    """Walk the bill of materials and decide each line's non-originating value.

    - originating (with or without its own BOM) counts wholly originating: roll-up,
      UR s.7(4)(a), s.14(1), s.15(1), s.20(1);
    - a non-originating self-produced intermediate with a BOM contributes only the VNM
      inside it, UR s.7(5)(a);
    - otherwise non-originating or unknown counts at its full value, UR s.8(1), s.8(2)
      (undetermined origin is treated as non-originating).
    """
    counts: list[MaterialCount] = []
    for material in materials:
        _count(material, counts)
    return tuple(counts)


def _count(material: Material, out: list[MaterialCount]) -> None:
    zero = Decimal(0)
    if material.originating is Originating.YES:
        reason = "originating"
        if material.materials:
            reason = (
                "originating intermediate: rolled up as wholly originating (UR s.7(4)(a), s.14(1))"
            )
        out.append(_line(material, zero, reason))
        return
    if material.self_produced and material.materials:
        out.append(
            _line(
                material,
                zero,
                "self-produced, not originating: only its own VNM counts (UR s.7(5)(a))",
            )
        )
        for child in material.materials:
            _count(child, out)
        return
    if material.originating is Originating.UNKNOWN:
        reason = "origin unknown: counted as non-originating (UR s.8(2), undetermined origin)"
    else:
        reason = "non-originating: full value (UR s.8(1))"
    out.append(_line(material, material.value, reason))


def _line(material: Material, non_originating: Decimal, reason: str) -> MaterialCount:
    return MaterialCount(
        material_id=material.id,
        path=material.path,
        value=material.value,
        non_originating_value=non_originating,
        status=material.originating,
        reason=reason,
    )


def value_non_originating(counts: Iterable[MaterialCount]) -> Decimal:
    return sum((c.non_originating_value for c in counts), Decimal(0))
