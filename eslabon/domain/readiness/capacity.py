"""Installed capacity against demand, per process: the gap in hours or pieces a year.

The cluster diagnosis behind issue 7 found the Tier 2 shortage due mainly to missing
certifications and insufficient installed capacity; this is the second half, per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from eslabon.domain.errors import InputError

Unit = Literal["hours", "pieces"]


@dataclass(frozen=True, slots=True)
class Capacity:
    """What one supplier can do in one process: installed per year and share already used."""

    supplier: str
    process: str
    unit: Unit
    installed_per_year: Decimal
    utilisation: Decimal  # 0..1, share of the installed capacity already committed

    @property
    def free_per_year(self) -> Decimal:
        return self.installed_per_year * (1 - self.utilisation)


@dataclass(frozen=True, slots=True)
class Demand:
    process: str
    unit: Unit
    per_year: Decimal


@dataclass(frozen=True, slots=True)
class CapacityGap:
    """Positive ``gap``: demand the free capacity cannot absorb; negative: spare capacity."""

    process: str
    unit: Unit
    installed: Decimal
    free: Decimal
    demand: Decimal
    suppliers: int

    @property
    def gap(self) -> Decimal:
        return self.demand - self.free


def capacity_gaps(
    capacities: Iterable[Capacity], demands: Iterable[Demand]
) -> tuple[CapacityGap, ...]:
    """Free capacity (installed x (1 - utilisation)) against demand, per process and unit.

    Sorted by the largest shortage first. Hours and pieces are never added together: a process
    measured both ways yields two rows.
    """
    installed: dict[tuple[str, Unit], Decimal] = {}
    free: dict[tuple[str, Unit], Decimal] = {}
    suppliers: dict[tuple[str, Unit], set[str]] = {}
    for index, capacity in enumerate(capacities):
        if not 0 <= capacity.utilisation <= 1:
            raise InputError(f"$.capacities[{index}].utilisation", "must be between 0 and 1")
        if capacity.installed_per_year < 0:
            raise InputError(f"$.capacities[{index}].installed_per_year", "must not be negative")
        key = (capacity.process, capacity.unit)
        installed[key] = installed.get(key, Decimal(0)) + capacity.installed_per_year
        free[key] = free.get(key, Decimal(0)) + capacity.free_per_year
        suppliers.setdefault(key, set()).add(capacity.supplier)
    demand: dict[tuple[str, Unit], Decimal] = {}
    for index, item in enumerate(demands):
        if item.per_year < 0:
            raise InputError(f"$.demands[{index}].per_year", "must not be negative")
        key = (item.process, item.unit)
        demand[key] = demand.get(key, Decimal(0)) + item.per_year
    keys = sorted(set(installed) | set(demand))
    rows = [
        CapacityGap(
            process=process,
            unit=unit,
            installed=installed.get((process, unit), Decimal(0)),
            free=free.get((process, unit), Decimal(0)),
            demand=demand.get((process, unit), Decimal(0)),
            suppliers=len(suppliers.get((process, unit), ())),
        )
        for process, unit in keys
    ]
    return tuple(sorted(rows, key=lambda row: (-row.gap, row.process, row.unit)))
