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
    _count(tuple(materials), counts)
    return tuple(counts)


_ZERO = Decimal(0)
REASON_ORIGINATING = "originating"
REASON_ROLLED_UP = (
    "originating intermediate: rolled up as wholly originating (UR s.7(4)(a), s.14(1))"
)
REASON_SELF_PRODUCED = "self-produced, not originating: only its own VNM counts (UR s.7(5)(a))"
UNKNOWN_COUNTED_AS_NON_ORIGINATING = (
    "origin unknown: counted as non-originating (UR s.8(2), undetermined origin)"
)
REASON_NON_ORIGINATING = "non-originating: full value (UR s.8(1))"


def _count(materials: tuple[Material, ...], out: list[MaterialCount]) -> None:
    # Positional construction and constant reasons: this loop is the hot path of a large BOM.
    append = out.append
    for m in materials:
        status = m.originating
        if status is Originating.YES:
            reason = REASON_ROLLED_UP if m.materials else REASON_ORIGINATING
            append(MaterialCount(m.id, m.path, m.value, _ZERO, status, reason))
        elif m.self_produced and m.materials:
            append(MaterialCount(m.id, m.path, m.value, _ZERO, status, REASON_SELF_PRODUCED))
            _count(m.materials, out)
        else:
            reason = (
                UNKNOWN_COUNTED_AS_NON_ORIGINATING
                if status is Originating.UNKNOWN
                else REASON_NON_ORIGINATING
            )
            append(MaterialCount(m.id, m.path, m.value, m.value, status, reason))


def value_non_originating(counts: Iterable[MaterialCount]) -> Decimal:
    return sum((c.non_originating_value for c in counts), Decimal(0))
