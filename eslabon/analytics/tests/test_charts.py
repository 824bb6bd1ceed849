"""The chart geometry: every value falls in the legend class drawn for it; suppressed cells
and points are drawn as such, never as zeros."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from eslabon.analytics.charts import (
    EMPTY_FILL,
    HIDDEN_FILL,
    RAMP,
    _bucket,
    _bucket_ranges,
    heat_map,
    line_chart,
)
from eslabon.analytics.panels import SUPPRESSED


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_each_value_falls_in_the_legend_range_of_its_colour(top: int, data: st.DataObject) -> None:
    value = data.draw(st.integers(min_value=1, max_value=top))
    low, high = _bucket_ranges(top)[_bucket(Decimal(value), Decimal(top))]
    assert low <= value <= high


def test_the_heat_map_marks_empty_and_withheld_cells() -> None:
    chart = heat_map(
        "t", ["a", "b"], ["x", "y"], {(0, 0): 4, (0, 1): 0, (1, 0): SUPPRESSED},
        empty_label="none", hidden_label="withheld",
    )  # fmt: skip
    fills = {(cell.x, cell.y): cell.fill for cell in chart.cells}
    assert len(fills) == 4
    assert list(fills.values()).count(EMPTY_FILL) == 2  # (0, 1) and the missing (1, 1)
    assert list(fills.values()).count(HIDDEN_FILL) == 1
    assert RAMP[-1] in fills.values()
    assert [item.text for item in chart.legend][:2] == ["0 (none)", "withheld"]


def test_a_line_leaves_out_withheld_points() -> None:
    chart = line_chart("t", ["q1", "q2", "q3"], [("ISO", [1, SUPPRESSED, 3])])
    (series,) = chart.series
    assert len(series.dots) == 2
    assert series.points.count(",") == 2


def test_small_scales_get_distinct_axis_labels_and_long_series_few_period_labels() -> None:
    chart = line_chart("t", [f"q{i}" for i in range(13)], [("ISO", [3] * 13)])
    labels = [text for text, _y in chart.y_ticks]
    assert labels == ["0", "0.8", "1.5", "2.2", "3"]
    assert len(chart.x_labels) <= 6
