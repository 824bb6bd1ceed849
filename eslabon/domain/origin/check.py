"""Qualification of one good under the USMCA: RVC by both methods against its threshold.

``check_good`` is the one entry point for the CLI and the web layer: a good with its bill
of materials in, a result with every figure and the trace of materials behind it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from eslabon.domain.origin.lvc import LvcResult, labour_value_content
from eslabon.domain.origin.model import (
    VEHICLE_CLASSES,
    Good,
    Material,
    Originating,
    ProductClass,
    walk,
)
from eslabon.domain.origin.rules import RuleBook, Threshold
from eslabon.domain.origin.rvc import (
    UNKNOWN_COUNTED_AS_NON_ORIGINATING,
    MaterialCount,
    count_materials,
    meets,
    rvc,
    value_non_originating,
)

DE_MINIMIS = Decimal("0.10")  # UR s.5(1)(a), s.5(4): 10% of TV or of total cost
STEEL_ALUMINIUM_SHARE = Decimal(70)  # UR s.17(1)


@dataclass(frozen=True, slots=True)
class MetalShare:
    """Originating share of the flagged steel or aluminium lines (UR s.17, indicative)."""

    metal: str
    material_ids: tuple[str, ...]
    value: Decimal
    originating_value: Decimal
    percent: Decimal | None
    meets: bool | None


@dataclass(frozen=True, slots=True)
class CorePartLine:
    """A vehicle's BOM line whose HS code is a Table A.2 column-1 part (UR s.14(4)).

    Every Table A.2 entry is "ex": the HS code makes the line a candidate, the person confirms.
    """

    material_id: str
    part: str
    originating: bool


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One figure of the result, the rule that produced it and the materials behind it."""

    figure: str
    value: str
    rule: str
    material_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OriginResult:
    good: Good
    date: dt.date
    product_class: ProductClass
    threshold: Threshold
    value_non_originating: Decimal
    rvc_transaction_value: Decimal | None
    rvc_net_cost: Decimal | None
    de_minimis: bool
    qualifies: bool
    materials: tuple[MaterialCount, ...]
    materials_unknown: tuple[str, ...]
    metals: tuple[MetalShare, ...]
    core_parts: tuple[CorePartLine, ...]
    lvc: LvcResult | None
    trace: tuple[TraceStep, ...]


def check_good(good: Good, book: RuleBook, on: dt.date | None = None) -> OriginResult:
    """Decide whether ``good`` originates on ``on`` (default: the good's date)."""
    date = on or good.date
    trace: list[TraceStep] = []
    if good.product_class is None:
        product_class, why = book.classify(good.hs_code, good.end_use)
        trace.append(TraceStep("product_class", product_class.value, f"from HS code: {why}"))
    else:
        product_class = good.product_class
        trace.append(TraceStep("product_class", product_class.value, "given in the input"))
    threshold = book.threshold(product_class, good.end_use, good.hs_code, date)
    trace.append(
        TraceStep(
            "threshold",
            _threshold_text(threshold),
            f"in force from {threshold.valid_from.isoformat()}: {threshold.source}",
        )
    )
    counts = count_materials(good.materials)
    vnm = value_non_originating(counts)
    counted_lines = [c for c in counts if c.non_originating_value]
    counted = tuple(c.material_id for c in counted_lines)
    trace.append(
        TraceStep("value_non_originating", str(vnm), "sum of counted lines (UR s.7, s.8)", counted)
    )
    rvc_tv = _rvc_figure(
        good.transaction_value, vnm, "transaction value (UR s.7(2))", trace, counted
    )
    rvc_nc = _rvc_figure(good.net_cost, vnm, "net cost (UR s.7(3))", trace, counted)
    de_minimis = _de_minimis(good, vnm)
    if de_minimis:
        trace.append(
            TraceStep(
                "de_minimis", "true", "VNM ≤ 10% of TV or NC: RVC need not be met (UR s.5(4))"
            )
        )
    passed = []
    if good.net_cost:
        passed.append(meets(good.net_cost, vnm, threshold.net_cost))
    if good.transaction_value and threshold.transaction_value is not None:
        passed.append(meets(good.transaction_value, vnm, threshold.transaction_value))
    qualifies = de_minimis or any(passed)
    trace.append(
        TraceStep(
            "qualifies",
            str(qualifies).lower(),
            "any allowed method meets its threshold (UR s.7(1), s.7(6)) or de minimis",
        )
    )
    requirement = (
        book.lvc_requirement(product_class, date) if product_class in VEHICLE_CLASSES else None
    )
    lvc = None
    if requirement is not None:
        country = good.labour.plant_country if good.labour else None
        rate = book.wage_rate(country) if country else None
        lvc = labour_value_content(good, requirement, rate)
    return OriginResult(
        good=good,
        date=date,
        product_class=product_class,
        threshold=threshold,
        value_non_originating=vnm,
        rvc_transaction_value=rvc_tv,
        rvc_net_cost=rvc_nc,
        de_minimis=de_minimis,
        qualifies=qualifies,
        materials=counts,
        materials_unknown=tuple(
            c.material_id for c in counts if c.reason is UNKNOWN_COUNTED_AS_NON_ORIGINATING
        ),
        metals=_metal_shares(good.materials, book),
        core_parts=_core_parts(good, product_class, book),
        lvc=lvc,
        trace=tuple(trace),
    )


def _threshold_text(threshold: Threshold) -> str:
    tv = threshold.transaction_value
    return f"NC {threshold.net_cost}% / TV " + ("not allowed" if tv is None else f"{tv}%")


def _rvc_figure(
    base: Decimal | None, vnm: Decimal, name: str, trace: list[TraceStep], ids: tuple[str, ...]
) -> Decimal | None:
    if base is None or base == 0:
        return None
    figure = rvc(base, vnm)
    trace.append(TraceStep(f"rvc {name}", str(figure), f"({base} − {vnm}) ÷ {base} × 100", ids))
    return figure


def _de_minimis(good: Good, vnm: Decimal) -> bool:
    """UR s.5(4): VNM ≤ 10% of TV (or of total cost; NC stands in for it, a stricter base)."""
    bases = [b for b in (good.transaction_value, good.net_cost) if b]
    return any(vnm <= DE_MINIMIS * base for base in bases)


def _core_parts(
    good: Good, product_class: ProductClass, book: RuleBook
) -> tuple[CorePartLine, ...]:
    """Core parts of a passenger vehicle or light truck: each must itself be originating
    (UR s.14(4)); an indicator beside the RVC, since the part's own RVC test (s.14(7)-(10))
    needs its cost data."""
    if product_class not in (ProductClass.PASSENGER_VEHICLE, ProductClass.LIGHT_TRUCK):
        return ()
    lines = []
    for material in good.materials:
        entry = book.core_part_of(material.hs_code) if material.hs_code else None
        if entry is not None:
            part = entry.group.removesuffix(":part")
            lines.append(CorePartLine(material.id, part, material.originating is Originating.YES))
    return tuple(lines)


def _metal_shares(materials: tuple[Material, ...], book: RuleBook) -> tuple[MetalShare, ...]:
    """Steel and aluminium lines (flagged, or in Table S) and their originating share.

    UR s.17 counts the producer's corporate purchases, not one BOM: this is an indicator.
    """
    by_metal: dict[str, list[Material]] = {}
    seen: dict[str | None, str | None] = {None: None}
    for m in walk(materials):
        if m.hs_code not in seen:
            seen[m.hs_code] = book.metal_of(m.hs_code) if m.hs_code else None
        metal = m.metal or seen[m.hs_code]
        if metal:
            by_metal.setdefault(metal, []).append(m)
    shares = []
    for metal, lines in sorted(by_metal.items()):
        total = sum((m.value for m in lines), Decimal(0))
        originating = sum((m.value for m in lines if m.originating is Originating.YES), Decimal(0))
        percent = originating / total * 100 if total else None
        shares.append(
            MetalShare(
                metal=metal,
                material_ids=tuple(m.id for m in lines),
                value=total,
                originating_value=originating,
                percent=percent,
                meets=None if percent is None else percent >= STEEL_ALUMINIUM_SHARE,
            )
        )
    return tuple(shares)
