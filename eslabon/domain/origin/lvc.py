"""Labour value content of a vehicle (UR s.18; 29 CFR 810), on the net cost basis.

LVC = (HWLC + HWM) ÷ NC × 100 + technology credit (capped) + assembly credit (UR s.18(6)).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from eslabon.domain.origin.model import Good
from eslabon.domain.origin.rules import LvcStep, WageRate

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LvcResult:
    high_wage_material_ids: tuple[str, ...]
    high_wage_material_value: Decimal
    high_wage_labour_cost: Decimal
    plant_is_high_wage: bool | None  # None: no plant wage given, the labour cost is taken as is
    material_and_manufacturing_points: Decimal
    technology_points: Decimal  # after the cap
    technology_points_uncapped: Decimal
    assembly_points: Decimal
    total: Decimal
    required_total: Decimal
    required_material_and_manufacturing: Decimal
    meets: bool
    source: str


def labour_value_content(
    good: Good, requirement: LvcStep, rate: WageRate | None = None
) -> LvcResult | None:
    """LVC against the requirement for the class and date, or None without labour figures.

    ``rate`` is the high-wage rate of the assembly plant's country; below it the plant is not
    a qualifying plant and its labour cost does not count (UR s.12, s.18(6)).
    """
    labour = good.labour
    if labour is None or good.net_cost is None or good.net_cost == 0:
        return None
    plant_ok: bool | None = None
    labour_cost = labour.high_wage_labour_cost
    if rate is not None and labour.plant_average_hourly_wage is not None:
        plant_ok = labour.plant_average_hourly_wage >= rate.hourly_base_wage
        if not plant_ok:
            labour_cost = Decimal(0)
    # UR s.18(21): a high-wage material counts at full value even when non-originating;
    # s.18(20): high-wage transport and logistics costs may be added.
    high_wage = [m for m in good.materials if m.high_wage]
    hwm = sum((m.value for m in high_wage), Decimal(0)) + labour.high_wage_transport_cost
    hwmm = (labour_cost + hwm) / good.net_cost * HUNDRED
    uncapped = Decimal(0)
    if labour.production_wages:
        # UR s.18(9)-(11): technology expenditure credit, capped at 10 points
        uncapped = labour.technology_wages / labour.production_wages * HUNDRED
    technology = min(uncapped, requirement.technology_cap)
    # UR s.18(12)-(14): assembly credit for a high-wage engine/transmission/battery plant
    assembly = requirement.assembly_credit if labour.assembly_plant_credit else Decimal(0)
    total = hwmm + technology + assembly
    meets = hwmm >= requirement.high_wage_material_and_manufacturing and total >= requirement.total
    return LvcResult(
        high_wage_material_ids=tuple(m.id for m in high_wage),
        high_wage_material_value=hwm,
        high_wage_labour_cost=labour_cost,
        plant_is_high_wage=plant_ok,
        material_and_manufacturing_points=hwmm,
        technology_points=technology,
        technology_points_uncapped=uncapped,
        assembly_points=assembly,
        total=total,
        required_total=requirement.total,
        required_material_and_manufacturing=requirement.high_wage_material_and_manufacturing,
        meets=meets,
        source=requirement.source,
    )
