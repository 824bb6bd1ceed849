"""Core-part requirement for passenger vehicles and light trucks (UR s.14(4)-(13); treaty
Appendix to Annex 4-B, Art. 3.7-3.9): each Table A.2 column-1 part used in the vehicle must be
originating by RVC, with the VNM counted one of two ways, part by part or as a super-core.

Source: shared/reference/usmca/SOR-2020-155.txt s.14 (quoted in usmca.md §2.2).

- s.14(4): a PV/LT is originating only if the Table A.2 column-1 parts used in it are
  originating; the part's net cost is calculated under s.7 whatever the VNM method.
- s.14(5)-(6): those parts must meet the RVC requirement, except an advanced battery of
  8507.60, which may qualify by tariff shift or RVC under Schedule 1 (not assessed here: its
  declared status is taken).
- s.14(7)-(8), at the vehicle producer's choice: (a) all the VNM used in the part, or (b) only
  the non-originating components listed in column 2 of Table A.2; other non-originating
  materials, and whatever went into parts not listed in column 2, are disregarded.
- s.14(9): (7) and (8) do not apply to a column-1 part traded on its own.
- s.14(10): the super-core: all column-1 parts as a single part, NC = Σ NC of each part, VNM
  = Σ VNM of all their non-originating materials (a) or Σ non-originating column-2
  components (b).
- s.14(11): a column-2 component made originating by further production counts as
  originating, whoever produced it (the caller marks it ``originating``).
- s.14(13): thresholds 66/69/72/75 % NC (76/79/82/85 % TV) from July 1 of 2020-2023.

Not modelled: averaging over a period (s.14(12), s.16(10)-(11)); ASR vehicles, which are
exempt (s.19(5)); the 2023 panel's roll-up reading for the vehicle RVC (usmca.md §1.6).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from eslabon.domain.errors import InputError
from eslabon.domain.origin.model import EndUse, Material, Originating, ProductClass, hs_digits
from eslabon.domain.origin.rules import RuleBook
from eslabon.domain.origin.rvc import count_materials, meets, rvc, value_non_originating

ADVANCED_BATTERY = "850760"  # s.14(5)-(6)


class VnmOption(StrEnum):
    """s.14(7) (one part) and s.14(10) (super-core), at the vehicle producer's choice."""

    ALL_MATERIALS = "all_materials"  # (7)(a), (10)(a)
    COMPONENTS = "components"  # (7)(b) with (8), (10)(b)


@dataclass(frozen=True, slots=True)
class CorePart:
    """A Table A.2 column-1 part used in the vehicle, with its own bill of materials.

    ``components`` names the ids of top-level materials that are column-2 components of the
    part's group (every Table A.2 entry is "ex", so the HS code alone cannot decide it).
    ``declared_originating`` is used only for an advanced battery (s.14(6)).
    """

    id: str
    hs_code: str
    net_cost: Decimal
    materials: tuple[Material, ...]
    components: frozenset[str] = frozenset()
    transaction_value: Decimal | None = None
    traded_on_its_own: bool = False
    declared_originating: bool | None = None
    path: str = "$"


@dataclass(frozen=True, slots=True)
class CorePartResult:
    part_id: str
    group: str
    vnm: Decimal
    rvc_net_cost: Decimal | None
    rvc_transaction_value: Decimal | None
    threshold_net_cost: Decimal
    threshold_transaction_value: Decimal | None
    originating: bool
    rule: str


@dataclass(frozen=True, slots=True)
class SuperCoreResult:
    net_cost: Decimal
    vnm: Decimal
    rvc_net_cost: Decimal
    threshold_net_cost: Decimal
    originating: bool
    rule: str


@dataclass(frozen=True, slots=True)
class CoreRequirement:
    """s.14(4): ``met`` when every column-1 part is originating (per part, or all at once
    through the super-core)."""

    option: VnmOption
    super_core: SuperCoreResult | None
    parts: tuple[CorePartResult, ...]
    met: bool


def group_of(part: CorePart, book: RuleBook) -> str:
    """The Table A.2 column-1 group (Engines, Transmissions, ...) of the part, or an error."""
    entry = book.core_part_of(hs_digits(part.hs_code))
    if entry is None:
        raise InputError(
            f"{part.path}.hs_code",
            f"{part.hs_code} is not a Table A.2 column-1 part (UR s.14(4))",
        )
    return entry.group.removesuffix(":part")


def _column_two_codes(book: RuleBook, group: str) -> set[str]:
    return {e.hs for e in book.tables if e.table == "A.2" and e.group == f"{group}:component"}


def _check_components(part: CorePart, group: str, book: RuleBook) -> tuple[Material, ...]:
    """The part's top-level materials named as column-2 components, each checked against the
    group's column-2 HS codes (s.14(7)(b))."""
    by_id = {m.id: m for m in part.materials}
    codes = _column_two_codes(book, group)
    chosen = []
    for material_id in sorted(part.components):
        material = by_id.get(material_id)
        if material is None:
            raise InputError(
                f"{part.path}.components",
                f"{material_id!r} is not a top-level material of part {part.id!r}",
            )
        digits = hs_digits(material.hs_code or "")
        if not any(digits.startswith(code) for code in codes):
            raise InputError(
                f"{material.path}.hs_code",
                f"{material.hs_code or 'no HS code'} is not a Table A.2 column-2 component "
                f"of {group} ({', '.join(sorted(codes))})",
            )
        chosen.append(material)
    return tuple(chosen)


def _components_vnm(part: CorePart, group: str, book: RuleBook) -> Decimal:
    """s.14(7)(b), (8): non-originating (or unknown) column-2 components at their value;
    every other material is disregarded. An originating component, including one made
    originating by further production (s.14(11)), counts nothing."""
    return sum(
        (
            m.value
            for m in _check_components(part, group, book)
            if m.originating is not Originating.YES
        ),
        Decimal(0),
    )


def part_vnm(part: CorePart, option: VnmOption, book: RuleBook) -> Decimal:
    group = group_of(part, book)
    if option is VnmOption.COMPONENTS:
        if part.traded_on_its_own:
            raise InputError(
                f"{part.path}.traded_on_its_own",
                "the column-2 component option does not apply to a part traded on its own "
                "(UR s.14(9))",
            )
        return _components_vnm(part, group, book)
    return value_non_originating(count_materials(part.materials))  # s.14(7)(a)


def _positive(value: Decimal, where: str) -> None:
    if value <= 0:
        raise InputError(where, "must be greater than zero")


def check_core_part(
    part: CorePart, option: VnmOption, book: RuleBook, on: dt.date
) -> CorePartResult:
    """One column-1 part's RVC against s.14(13) with the VNM of ``option`` (s.14(5), (7))."""
    group = group_of(part, book)
    threshold = book.threshold(
        ProductClass.CORE_PART, EndUse.PASSENGER_OR_LIGHT_TRUCK, hs_digits(part.hs_code), on
    )
    if hs_digits(part.hs_code).startswith(ADVANCED_BATTERY):
        if part.declared_originating is None:
            raise InputError(
                f"{part.path}.declared_originating",
                "an advanced battery qualifies by tariff shift or RVC under Schedule 1 "
                "(UR s.14(6)); give its originating status",
            )
        return CorePartResult(
            part.id, group, Decimal(0), None, None, threshold.net_cost,
            threshold.transaction_value, part.declared_originating,
            "UR s.14(5)-(6): advanced battery, declared status (Schedule 1)",
        )  # fmt: skip
    _positive(part.net_cost, f"{part.path}.net_cost")
    vnm = part_vnm(part, option, book)
    passes = meets(part.net_cost, vnm, threshold.net_cost)
    rvc_tv = None
    if part.transaction_value is not None and threshold.transaction_value is not None:
        _positive(part.transaction_value, f"{part.path}.transaction_value")
        rvc_tv = rvc(part.transaction_value, vnm)
        passes = passes or meets(part.transaction_value, vnm, threshold.transaction_value)
    clause = "(7)(a)" if option is VnmOption.ALL_MATERIALS else "(7)(b)-(8)"
    return CorePartResult(
        part.id, group, vnm, rvc(part.net_cost, vnm), rvc_tv, threshold.net_cost,
        threshold.transaction_value, passes,
        f"UR s.14(5), s.14{clause}, thresholds s.14(13) from {threshold.valid_from}",
    )  # fmt: skip


def check_super_core(
    parts: tuple[CorePart, ...], option: VnmOption, book: RuleBook, on: dt.date
) -> SuperCoreResult:
    """s.14(10): every column-1 part as one part, on net cost (Σ NC, Σ VNM)."""
    if not parts:
        raise InputError("$.core_parts", "the super-core needs the column-1 parts")
    for part in parts:
        group_of(part, book)
        _positive(part.net_cost, f"{part.path}.net_cost")
    net_cost = sum((p.net_cost for p in parts), Decimal(0))
    vnm = sum((part_vnm(p, option, book) for p in parts), Decimal(0))
    threshold = book.threshold(
        ProductClass.CORE_PART, EndUse.PASSENGER_OR_LIGHT_TRUCK, hs_digits(parts[0].hs_code), on
    )
    clause = "(10)(a)" if option is VnmOption.ALL_MATERIALS else "(10)(b)"
    return SuperCoreResult(
        net_cost, vnm, rvc(net_cost, vnm), threshold.net_cost,
        meets(net_cost, vnm, threshold.net_cost),
        f"UR s.14{clause} super-core on net cost, threshold s.14(13) from {threshold.valid_from}",
    )  # fmt: skip


def core_part_requirement(
    parts: tuple[CorePart, ...],
    option: VnmOption,
    book: RuleBook,
    on: dt.date,
    *,
    super_core: bool = False,
) -> CoreRequirement:
    """s.14(4): the vehicle's column-1 parts, part by part or (``super_core``) as one.

    With the super-core, the parts other than advanced batteries stand or fall together
    (s.14(10)); batteries keep their declared status (s.14(6))."""
    batteries = tuple(p for p in parts if hs_digits(p.hs_code).startswith(ADVANCED_BATTERY))
    others = tuple(p for p in parts if p not in batteries)
    battery_results = tuple(check_core_part(p, option, book, on) for p in batteries)
    if super_core and others:
        combined = check_super_core(others, option, book, on)
        per_part = tuple(
            CorePartResult(
                r.part_id, r.group, r.vnm, r.rvc_net_cost, r.rvc_transaction_value,
                r.threshold_net_cost, r.threshold_transaction_value, combined.originating,
                f"UR s.14(10): originating with the super-core ({combined.rvc_net_cost:.2f}%)"
                if combined.originating
                else f"UR s.14(10): the super-core fails ({combined.rvc_net_cost:.2f}%)",
            )
            for r in (check_core_part(p, option, book, on) for p in others)
        )  # fmt: skip
        results = per_part + battery_results
        return CoreRequirement(option, combined, results, all(r.originating for r in results))
    results = tuple(check_core_part(p, option, book, on) for p in others) + battery_results
    return CoreRequirement(option, None, results, all(r.originating for r in results))
