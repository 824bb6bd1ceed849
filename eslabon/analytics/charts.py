"""Server-rendered charts: geometry computed here, drawn as inline SVG by the templates.

No JavaScript and no inline style (the CSP forbids both); colours are SVG presentation
attributes. Horizontal bars reuse the readiness report's chart; this module adds the heat
map (a grid with a legend) and the line chart for series over time. Every chart sits beside
a table with the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from eslabon.analytics.panels import SUPPRESSED, number
from eslabon.readiness.charts import BarChart
from eslabon.readiness.charts import bar_chart as readiness_bar_chart

BAR_TEMPLATE = "readiness/partials/_bar_chart.html"
HEATMAP_TEMPLATE = "analytics/partials/_heatmap.html"
LINE_TEMPLATE = "analytics/partials/_line_chart.html"

# Colour-blind-safe sequential ramp (ColorBrewer YlGnBu, 5 classes), light = few.
RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
EMPTY_FILL = "#f4cccc"  # no company at all: the uncovered cells stand out
HIDDEN_FILL = "#e0e0e0"
# Okabe–Ito palette for the series of a line chart.
SERIES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


@dataclass(frozen=True)
class _Bar:
    label: str
    value: Decimal | None


def bar_chart(
    title: str, items: list[tuple[str, Any]], *, unit: str = "", decimals: int = 0
) -> BarChart:
    """Horizontal bars of (label, value) pairs; a suppressed value is drawn as an empty bar."""
    bars = [
        _Bar(str(label), None if value is SUPPRESSED else number(value)) for label, value in items
    ]
    return readiness_bar_chart(title, bars, unit=unit, decimals=decimals)  # type: ignore[arg-type]


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    fill: str
    text: str
    text_x: int
    text_y: int
    title: str


@dataclass(frozen=True)
class LegendItem:
    x: int
    fill: str
    text: str


@dataclass(frozen=True)
class HeatMap:
    title: str
    cells: tuple[HeatCell, ...]
    row_labels: tuple[tuple[str, int], ...]
    column_labels: tuple[tuple[str, int], ...]
    legend: tuple[LegendItem, ...]
    legend_y: int
    width: int
    height: int
    cell: int


HEAT_LABEL_WIDTH = 190
HEAT_CELL = 30
HEAT_HEADER = 60


def _bucket(value: Decimal, top: Decimal) -> int:
    if top <= 0:
        return 0
    return min(len(RAMP) - 1, int(value * len(RAMP) / (top + 1)))


def _bucket_ranges(top: int) -> list[tuple[int, int]]:
    """The values each colour of the ramp stands for (the inverse of ``_bucket``), from 1."""
    classes = len(RAMP)
    bounds = [max(1, -(-i * (top + 1) // classes)) for i in range(classes + 1)]
    ranges = [(bounds[i], bounds[i + 1] - 1) for i in range(classes)]
    ranges[-1] = (ranges[-1][0], top)
    return ranges


def heat_map(
    title: str,
    rows: list[str],
    columns: list[str],
    values: dict[tuple[int, int], Any],
    *,
    empty_label: str,
    hidden_label: str,
) -> HeatMap:
    """A grid of ``rows`` × ``columns``; ``values[(r, c)]`` a count, SUPPRESSED, or missing (0).

    Zero cells get their own colour: in a coverage map they are the gaps to look at.
    """
    shown = [number(v) for v in values.values() if v is not SUPPRESSED]
    top = max(shown, default=Decimal(0))
    cells = []
    for r, _row in enumerate(rows):
        for c, _column in enumerate(columns):
            value = values.get((r, c), 0)
            x = HEAT_LABEL_WIDTH + c * HEAT_CELL
            y = HEAT_HEADER + r * HEAT_CELL
            if value is SUPPRESSED:
                fill, text = HIDDEN_FILL, "—"
            elif number(value) == 0:
                fill, text = EMPTY_FILL, "0"
            else:
                fill, text = RAMP[_bucket(number(value), top)], f"{number(value):.0f}"
            cells.append(
                HeatCell(
                    x=x,
                    y=y,
                    fill=fill,
                    text=text,
                    text_x=x + HEAT_CELL // 2,
                    text_y=y + HEAT_CELL // 2 + 4,
                    title=f"{rows[r]} · {columns[c]}: {text}",
                )
            )
    height = HEAT_HEADER + len(rows) * HEAT_CELL
    legend = [
        LegendItem(0, EMPTY_FILL, f"0 ({empty_label})"),
        LegendItem(0, HIDDEN_FILL, hidden_label),
    ]
    for fill, (low, high) in zip(RAMP, _bucket_ranges(int(top)), strict=True):
        if low <= high:
            legend.append(LegendItem(0, fill, str(low) if low == high else f"{low}–{high}"))
    placed = tuple(
        LegendItem(HEAT_LABEL_WIDTH + i * 110, item.fill, item.text)
        for i, item in enumerate(legend)
    )
    width = max(HEAT_LABEL_WIDTH + len(columns) * HEAT_CELL, HEAT_LABEL_WIDTH + len(placed) * 110)
    return HeatMap(
        title=title,
        cells=tuple(cells),
        row_labels=tuple(
            (label[:30], HEAT_HEADER + r * HEAT_CELL + HEAT_CELL // 2 + 4)
            for r, label in enumerate(rows)
        ),
        column_labels=tuple(
            (label[:8], HEAT_LABEL_WIDTH + c * HEAT_CELL + HEAT_CELL // 2)
            for c, label in enumerate(columns)
        ),
        legend=placed,
        legend_y=height + 16,
        width=width,
        height=height + 40,
        cell=HEAT_CELL,
    )


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str
    dots: tuple[tuple[int, int, str], ...]
    legend_y: int


@dataclass(frozen=True)
class LineChart:
    title: str
    series: tuple[Series, ...]
    x_labels: tuple[tuple[str, int], ...]
    y_ticks: tuple[tuple[str, int], ...]
    left: int
    bottom: int
    right: int
    width: int
    height: int
    legend_x: int


LINE_LEFT, LINE_TOP, LINE_PLOT_W, LINE_PLOT_H, LINE_LEGEND_W = 40, 10, 460, 180, 200


def _tick(value: Decimal) -> str:
    """Axis labels: whole numbers where the scale allows, one decimal on small scales."""
    return f"{value:.0f}" if value == value.to_integral_value() or value >= 10 else f"{value:.1f}"


def line_chart(title: str, periods: list[str], series: list[tuple[str, list[Any]]]) -> LineChart:
    """One polyline per series over the same periods; suppressed points break nothing, they
    are left out of the line (and shown as a dash in the table)."""
    values = [number(v) for _name, vs in series for v in vs if v is not SUPPRESSED]
    top = max(values, default=Decimal(0)) or Decimal(1)
    step = LINE_PLOT_W / max(1, len(periods) - 1)
    bottom = LINE_TOP + LINE_PLOT_H

    def y_of(value: Decimal) -> int:
        return int(bottom - value / top * LINE_PLOT_H)

    drawn = []
    for i, (name, vs) in enumerate(series):
        coords = [
            (int(LINE_LEFT + p * step), y_of(number(v)), f"{number(v):.0f}")
            for p, v in enumerate(vs)
            if v is not SUPPRESSED
        ]
        drawn.append(
            Series(
                name=name[:28],
                colour=SERIES[i % len(SERIES)],
                points=" ".join(f"{x},{y}" for x, y, _t in coords),
                dots=tuple(coords),
                legend_y=LINE_TOP + 14 + i * 16,
            )
        )
    every = max(1, -(-len(periods) // 6))  # at most six labels, so they never overlap
    return LineChart(
        title=title,
        series=tuple(drawn),
        x_labels=tuple(
            (label, int(LINE_LEFT + p * step)) for p, label in enumerate(periods) if p % every == 0
        ),
        y_ticks=tuple((_tick(top * k / 4), y_of(top * k / 4)) for k in range(5)),
        left=LINE_LEFT,
        bottom=bottom,
        right=LINE_LEFT + LINE_PLOT_W,
        width=LINE_LEFT + LINE_PLOT_W + 20 + LINE_LEGEND_W,
        height=max(bottom + 30, LINE_TOP + 20 + len(drawn) * 16),
        legend_x=LINE_LEFT + LINE_PLOT_W + 20,
    )
