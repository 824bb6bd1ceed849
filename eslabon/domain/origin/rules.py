"""The rule book: USMCA tables, thresholds by product class, end use and date, and methods.

Facts come from the data files under ``eslabon/data/origin``; this module only looks them up.
Each rule is HS scope × end use × date (usmca.md §2.8), never a branch in code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from eslabon.domain.errors import InputError
from eslabon.domain.origin.model import EndUse, ProductClass

ENTRY_INTO_FORCE = dt.date(2020, 7, 1)  # UR s.13 staging starts on July 1, 2020


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One HS code in Table A.1, A.2, B, C, D, E or S; ``ex`` means only some goods of it."""

    table: str
    hs: str  # digits only, 4 or 6 long
    ex: bool
    group: str
    description: str


@dataclass(frozen=True, slots=True)
class ThresholdStep:
    product_class: ProductClass
    end_use: str  # an EndUse value or "any"
    valid_from: dt.date
    net_cost: Decimal
    transaction_value: Decimal | None
    source: str


@dataclass(frozen=True, slots=True)
class MethodRule:
    hs_prefix: str
    transaction_value_method: bool
    source: str


@dataclass(frozen=True, slots=True)
class LvcStep:
    product_class: ProductClass
    valid_from: dt.date
    total: Decimal
    high_wage_material_and_manufacturing: Decimal
    technology_cap: Decimal
    assembly_credit: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class WageRate:
    """The high-wage rate of a country: average base hourly wage of production workers."""

    country: str
    currency: str
    hourly_base_wage: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class VehicleClassRule:
    hs_prefix: str
    product_class: ProductClass
    source: str


@dataclass(frozen=True, slots=True)
class Threshold:
    """The requirement that applies to one good on one date, and where it comes from."""

    product_class: ProductClass
    end_use: str
    valid_from: dt.date
    net_cost: Decimal
    transaction_value: Decimal | None  # None: the rule has no TV method
    methods_allowed: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class RuleBook:
    tables: tuple[TableEntry, ...]
    thresholds: tuple[ThresholdStep, ...]
    methods: tuple[MethodRule, ...]
    lvc: tuple[LvcStep, ...]
    vehicle_classes: tuple[VehicleClassRule, ...]
    wage_rates: tuple[WageRate, ...] = ()
    _metals: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # An index so that a 10,000-line BOM looks each line up in O(1), not across the tables.
        metals = {e.hs: e.group for e in self.tables if e.table == "S"}
        object.__setattr__(self, "_metals", metals)

    def wage_rate(self, country: str) -> WageRate | None:
        return next((r for r in self.wage_rates if r.country == country), None)

    def tables_of(self, hs_code: str) -> tuple[TableEntry, ...]:
        """Table entries whose HS scope covers ``hs_code`` (a heading covers its subheadings)."""
        return tuple(e for e in self.tables if hs_code.startswith(e.hs))

    def metal_of(self, hs_code: str) -> str | None:
        """Steel or aluminium of Table S (UR s.17), ``ex`` entries included as candidates."""
        return self._metals.get(hs_code[:6]) or self._metals.get(hs_code[:4])

    def core_part_of(self, hs_code: str) -> TableEntry | None:
        """The Table A.2 column-1 part (engine, transmission...) an HS code may be: UR s.14(4)."""
        for entry in self.tables_of(hs_code):
            if entry.table == "A.2" and entry.group.endswith(":part"):
                return entry
        return None

    def classify(self, hs_code: str, end_use: EndUse) -> tuple[ProductClass, str]:
        """Product class from the HS code and the tables, with the reason (usmca.md §2, §5)."""
        for rule in sorted(self.vehicle_classes, key=lambda r: -len(r.hs_prefix)):
            if hs_code.startswith(rule.hs_prefix):
                return rule.product_class, f"{rule.source}: HS {rule.hs_prefix}"
        tables = {e.table: e for e in self.tables_of(hs_code)}
        order: tuple[tuple[str, ProductClass], ...]
        if end_use is EndUse.HEAVY_TRUCK:
            # UR s.15(2)-(3): Table D principal, Table E complementary parts for heavy trucks
            order = (("D", ProductClass.PRINCIPAL_PART), ("E", ProductClass.COMPLEMENTARY_PART))
        else:
            # UR s.14(13)-(17): Table A.1 core, Table B principal, Table C complementary parts
            order = (
                ("A.1", ProductClass.CORE_PART),
                ("B", ProductClass.PRINCIPAL_PART),
                ("C", ProductClass.COMPLEMENTARY_PART),
            )
        for table, product_class in order:
            if table in tables:
                entry = tables[table]
                ex = "ex " if entry.ex else ""
                return product_class, f"Table {table}: {ex}{entry.hs} {entry.description}"
        return ProductClass.OTHER, "not listed in Tables A.1-E nor a vehicle heading"

    def transaction_value_method(self, hs_code: str) -> MethodRule:
        """Whether the product-specific rule has a TV method (UR s.7(6); s.13 is NC only)."""
        best = max(
            (r for r in self.methods if hs_code.startswith(r.hs_prefix)),
            key=lambda r: len(r.hs_prefix),
        )
        return best

    def threshold(
        self, product_class: ProductClass, end_use: EndUse, hs_code: str, on: dt.date
    ) -> Threshold:
        """The RVC requirement in force on ``on``; phase-in steps fall on July 1 (UR s.13-15)."""
        if on < ENTRY_INTO_FORCE:
            raise InputError("$.good.date", "USMCA rules of origin apply from 2020-07-01")
        wanted = end_use.value if product_class not in _ANY_END_USE else "any"
        steps = [
            s
            for s in self.thresholds
            if s.product_class is product_class and s.end_use == wanted and s.valid_from <= on
        ]
        if not steps:
            raise InputError("$.good", f"no threshold for {product_class.value} as {wanted}")
        step = max(steps, key=lambda s: s.valid_from)
        method = self.transaction_value_method(hs_code)
        tv = step.transaction_value if method.transaction_value_method else None
        # GN11 (k)(iii)(B)/(D); UR s.15(2)-(3): a TV threshold applies only where the rule has TV
        allowed = ("net_cost", "transaction_value") if tv is not None else ("net_cost",)
        return Threshold(
            product_class=product_class,
            end_use=wanted,
            valid_from=step.valid_from,
            net_cost=step.net_cost,
            transaction_value=tv,
            methods_allowed=allowed,
            source=f"{step.source}; methods: {method.source}",
        )

    def lvc_requirement(self, product_class: ProductClass, on: dt.date) -> LvcStep | None:
        steps = [s for s in self.lvc if s.product_class is product_class and s.valid_from <= on]
        return max(steps, key=lambda s: s.valid_from) if steps else None


_ANY_END_USE = frozenset(
    {
        ProductClass.PASSENGER_VEHICLE,
        ProductClass.LIGHT_TRUCK,
        ProductClass.HEAVY_TRUCK,
        ProductClass.OTHER,
    }
)
