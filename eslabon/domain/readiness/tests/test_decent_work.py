"""Decent-work indicators from raw figures, with the Mexican rates of decent-work@1.json."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eslabon.data import readiness as readiness_data
from eslabon.domain.errors import InputError
from eslabon.domain.readiness.decent_work import DecentWorkTable, indicators, parse_figures


@pytest.fixture(scope="module")
def table() -> DecentWorkTable:
    return readiness_data.decent_work()


def _figures(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "year": 2026,
        "zone": "general",
        "workers": 40,
        "average_workers": 40,
        "workers_imss": 38,
        "women": 10,
        "gross_wages_mxn": "4800000",
        "hours_paid": "96000",
        "training_hours": 800,
        "recordable_injuries": 1,
        "separations": 8,
        "nom035_done": ["policy", "prevention-measures", "guide-i", "inform-workers"],
        "usd_mxn": "18.75",
    }
    return base | changes


def _values(table: DecentWorkTable, **changes: Any) -> dict[str, Decimal | None]:
    figures = parse_figures(table, _figures(**changes))
    return {value.id: value.value for value in indicators(table, figures)}


def test_the_indicators_follow_their_definitions(table: DecentWorkTable) -> None:
    values = _values(table)
    assert values["formal-employment-share"] == Decimal(95)
    assert values["average-hourly-wage"] == Decimal(50)
    assert values["women-share"] == Decimal(25)
    assert values["training-hours-per-worker"] == Decimal(20)
    assert values["injury-rate"] == Decimal(2500)  # SDG 8.8.1: per 100,000 workers
    assert values["turnover"] == Decimal(20)
    assert values["usmca-high-wage-ratio"] == Decimal(50) / Decimal(300)  # USD 16 x 18.75


def test_the_minimum_wage_is_the_2026_daily_rate_over_a_48_hour_week_with_paid_rest(
    table: DecentWorkTable,
) -> None:
    general = _values(table)["minimum-wage-ratio"]
    assert general == Decimal(50) / (Decimal("315.04") * 7 / 48)
    border = _values(table, zone="zlfn")["minimum-wage-ratio"]
    assert border == Decimal(50) / (Decimal("440.87") * 7 / 48)


def test_a_year_without_a_minimum_wage_on_file_gives_no_ratio_and_says_why(
    table: DecentWorkTable,
) -> None:
    figures = parse_figures(table, _figures(year=2031))
    ratio = next(v for v in indicators(table, figures) if v.id == "minimum-wage-ratio")
    assert ratio.value is None
    assert "2031" in ratio.explanation


def test_nom035_obligations_depend_on_the_workforce(table: DecentWorkTable) -> None:
    # Up to 15 workers: policy, measures, Guide I, informing workers (all done here).
    assert _values(table, workers=15, workers_imss=15, women=5)["nom035-compliance"] == 100
    # 16-50 adds Guide II, examinations and records; over 50 adds Guide III.
    assert _values(table)["nom035-compliance"] == Decimal(4) * 100 / 7
    assert _values(table, workers=51)["nom035-compliance"] == Decimal(50)


def test_every_indicator_has_a_definition_in_both_languages(table: DecentWorkTable) -> None:
    ids = {d.id for d in table.indicators}
    assert ids == set(_values(table))
    for definition in table.indicators:
        assert definition.definition.es and definition.definition.en and definition.source


def test_no_exchange_rate_means_no_high_wage_ratio(table: DecentWorkTable) -> None:
    assert _values(table, usd_mxn=None)["usmca-high-wage-ratio"] is None


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"workers_imss": 41}, "$"),
        ({"zone": "north"}, "$.zone"),
        ({"average_workers": 0}, "$.average_workers"),
        ({"nom035_done": ["policy", "guide-9"]}, "$.nom035_done[1]"),
    ],
)
def test_impossible_figures_are_refused_with_their_path(
    table: DecentWorkTable, changes: dict[str, Any], where: str
) -> None:
    with pytest.raises(InputError) as raised:
        parse_figures(table, _figures(**changes))
    assert raised.value.where == where
