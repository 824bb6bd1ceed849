"""Thresholds by product class, end use and date: every phase-in step falls on July 1."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from eslabon.data.origin import rulebook
from eslabon.domain.errors import InputError
from eslabon.domain.origin.model import EndUse, ProductClass

PV = EndUse.PASSENGER_OR_LIGHT_TRUCK
HT = EndUse.HEAVY_TRUCK
# (class, end use, HS, [(first day, NC, TV)]) transcribed from usmca.md §2.1-2.5 (UR s.13-15)
SCHEDULES = [
    (
        ProductClass.PASSENGER_VEHICLE,
        PV,
        "870323",
        [(2020, 66, None), (2021, 69, None), (2022, 72, None), (2023, 75, None)],
    ),
    (
        ProductClass.LIGHT_TRUCK,
        PV,
        "870421",
        [(2020, 66, None), (2021, 69, None), (2022, 72, None), (2023, 75, None)],
    ),
    (
        ProductClass.HEAVY_TRUCK,
        HT,
        "870423",
        [(2020, 60, None), (2024, 64, None), (2027, 70, None)],
    ),
    (
        ProductClass.CORE_PART,
        PV,
        "840734",
        [(2020, 66, 76), (2021, 69, 79), (2022, 72, 82), (2023, 75, 85)],
    ),
    (
        ProductClass.PRINCIPAL_PART,
        PV,
        "841330",
        [(2020, "62.5", "72.5"), (2021, 65, 75), (2022, "67.5", "77.5"), (2023, 70, 80)],
    ),
    (
        ProductClass.COMPLEMENTARY_PART,
        PV,
        "854430",
        [(2020, 62, 72), (2021, 63, 73), (2022, 64, 74), (2023, 65, 75)],
    ),
    (ProductClass.PRINCIPAL_PART, HT, "841480", [(2020, 60, 70), (2024, 64, 74), (2027, 70, 80)]),
    (
        ProductClass.COMPLEMENTARY_PART,
        HT,
        "848210",
        [(2020, 50, 60), (2024, 54, 64), (2027, 60, 70)],
    ),
]
BOUNDARIES = [
    (cls, use, hs, year, nc, tv, previous)
    for cls, use, hs, steps in SCHEDULES
    for (year, nc, tv), previous in zip(steps, [None, *steps[:-1]], strict=True)
]


def _d(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize(
    ("product_class", "end_use", "hs", "year", "nc", "tv", "previous"),
    BOUNDARIES,
    ids=[f"{b[0].value}-{b[1].value}-{b[3]}" for b in BOUNDARIES],
)
def test_threshold_steps_up_on_july_first_and_not_a_day_earlier(
    product_class, end_use, hs, year, nc, tv, previous
):
    book = rulebook()
    on_the_day = book.threshold(product_class, end_use, hs, dt.date(year, 7, 1))
    assert (on_the_day.net_cost, on_the_day.transaction_value) == (_d(nc), _d(tv))
    if previous is not None:
        day_before = book.threshold(product_class, end_use, hs, dt.date(year, 6, 30))
        assert (day_before.net_cost, day_before.transaction_value) == (
            _d(previous[1]),
            _d(previous[2]),
        )


def test_every_step_in_the_data_files_falls_on_july_first():
    assert {step.valid_from.strftime("%m-%d") for step in rulebook().thresholds} == {"07-01"}


def test_a_date_before_entry_into_force_is_refused():
    with pytest.raises(InputError, match="2020-07-01"):
        rulebook().threshold(ProductClass.CORE_PART, PV, "870840", dt.date(2020, 6, 30))


def test_vehicle_and_chapter_87_part_rules_allow_only_net_cost():
    book = rulebook()
    for hs, cls in (("870323", ProductClass.PASSENGER_VEHICLE), ("870840", ProductClass.CORE_PART)):
        threshold = book.threshold(cls, PV, hs, dt.date(2024, 1, 1))
        assert threshold.transaction_value is None
        assert threshold.methods_allowed == ("net_cost",)


def test_a_part_outside_chapter_87_keeps_its_transaction_value_threshold():
    threshold = rulebook().threshold(ProductClass.CORE_PART, PV, "840734", dt.date(2024, 1, 1))
    assert threshold.methods_allowed == ("net_cost", "transaction_value")


@pytest.mark.parametrize(
    ("hs", "end_use", "expected"),
    [
        ("870323", PV, ProductClass.PASSENGER_VEHICLE),
        ("870421", PV, ProductClass.LIGHT_TRUCK),
        ("870423", PV, ProductClass.HEAVY_TRUCK),
        ("870840", PV, ProductClass.CORE_PART),
        ("841330", PV, ProductClass.PRINCIPAL_PART),
        ("854430", PV, ProductClass.COMPLEMENTARY_PART),
        ("848210", HT, ProductClass.COMPLEMENTARY_PART),
        ("870840", HT, ProductClass.PRINCIPAL_PART),
        ("950300", PV, ProductClass.OTHER),
    ],
)
def test_the_hs_code_and_the_tables_decide_the_product_class(hs, end_use, expected):
    assert rulebook().classify(hs, end_use)[0] is expected


def test_aftermarket_parts_use_the_rule_for_any_other_good():
    """UR s.14(18): the staged part thresholds apply to original equipment only."""
    threshold = rulebook().threshold(
        ProductClass.PRINCIPAL_PART, EndUse.AFTERMARKET, "841330", dt.date(2024, 1, 1)
    )
    assert (threshold.net_cost, threshold.transaction_value) == (Decimal(50), Decimal(60))


def test_table_s_marks_steel_and_aluminium():
    book = rulebook()
    assert book.metal_of("720825") == "steel"
    assert book.metal_of("760120") == "aluminium"
    assert book.metal_of("870840") is None
