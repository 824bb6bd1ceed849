"""The performance component averages the figures known of a supplier, neutral otherwise."""

from __future__ import annotations

import pytest

from eslabon.domain.matching.model import Performance, Supplier
from eslabon.domain.matching.table import NEUTRAL_PERFORMANCE, performance_score


def test_an_unknown_record_is_neutral() -> None:
    assert performance_score(Supplier("s")) == NEUTRAL_PERFORMANCE


def test_response_rate_and_ppap_first_time_approval_from_the_hub_count() -> None:
    record = Performance(response_rate_pct=80.0, ppap_first_time_pct=100.0)
    assert performance_score(Supplier("s", performance=record)) == pytest.approx(0.9)


def test_every_known_figure_weighs_the_same() -> None:
    record = Performance(on_time_delivery_pct=60.0, defect_ppm=0.0, response_rate_pct=100.0)
    assert performance_score(Supplier("s", performance=record)) == pytest.approx((0.6 + 1 + 1) / 3)
