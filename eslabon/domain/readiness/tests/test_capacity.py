"""Capacity gap per process: free installed capacity against demand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.readiness.capacity import Capacity, Demand, capacity_gaps


def test_free_capacity_is_installed_times_the_share_not_yet_used() -> None:
    capacities = [
        Capacity("a", "cold-forging", "hours", Decimal(4000), Decimal("0.75")),
        Capacity("b", "cold-forging", "hours", Decimal(2000), Decimal("0.5")),
    ]
    (row,) = capacity_gaps(capacities, [Demand("cold-forging", "hours", Decimal(5000))])
    assert row.installed == 6000 and row.free == 2000 and row.suppliers == 2
    assert row.gap == 3000


def test_the_largest_shortage_comes_first_and_spare_capacity_is_negative() -> None:
    capacities = [Capacity("a", "welding", "pieces", Decimal(100_000), Decimal("0.2"))]
    demands = [
        Demand("welding", "pieces", Decimal(30_000)),
        Demand("hpdc-aluminium", "pieces", Decimal(50_000)),
    ]
    rows = capacity_gaps(capacities, demands)
    assert [(r.process, r.gap) for r in rows] == [
        ("hpdc-aluminium", Decimal(50_000)),
        ("welding", Decimal(-50_000)),
    ]


def test_hours_and_pieces_are_never_added_together() -> None:
    capacities = [Capacity("a", "stamping", "hours", Decimal(1000), Decimal(0))]
    rows = capacity_gaps(capacities, [Demand("stamping", "pieces", Decimal(10))])
    assert {(r.unit, r.gap) for r in rows} == {("pieces", Decimal(10)), ("hours", Decimal(-1000))}


def test_a_utilisation_above_one_is_refused_with_its_position() -> None:
    capacities = [
        Capacity("a", "stamping", "hours", Decimal(1000), Decimal("0.5")),
        Capacity("b", "stamping", "hours", Decimal(1000), Decimal("1.2")),
    ]
    with pytest.raises(InputError) as raised:
        capacity_gaps(capacities, [])
    assert raised.value.where == "$.capacities[1].utilisation"
