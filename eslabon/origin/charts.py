"""Server-rendered RVC bar charts: bars on a 0-100 % scale with each threshold marked.

Geometry is computed here and drawn as inline SVG by ``partials/_rvc_chart.html`` (no
JavaScript, no inline style, strict CSP), like the readiness report's charts; a table with
the same figures always stands beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 220
PLOT_WIDTH = 320
VALUE_WIDTH = 140
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RvcBar:
    label: str
    value_text: str
    y: int
    text_y: int
    width: int
    meets: bool | None  # None: no threshold applies to this bar
    threshold_x: int | None
    threshold_text: str


@dataclass(frozen=True)
class RvcChart:
    title: str
    bars: tuple[RvcBar, ...]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH
    value_x: int = LABEL_WIDTH + PLOT_WIDTH + 8


def _x(percent: Decimal) -> int:
    clamped = min(HUNDRED, max(Decimal(0), percent))
    return int(clamped / HUNDRED * PLOT_WIDTH)


def rvc_chart(
    title: str, rows: list[tuple[str, Decimal | None, Decimal | None]], threshold_label: str
) -> RvcChart:
    """One bar per (label, RVC %, threshold %); an RVC of None draws an empty bar."""
    bars = []
    for position, (label, value, threshold) in enumerate(rows):
        y = position * (BAR_HEIGHT + GAP)
        meets = None if value is None or threshold is None else value >= threshold
        bars.append(
            RvcBar(
                label=label if len(label) <= 34 else label[:33] + "…",
                value_text="—" if value is None else f"{value:.2f} %",
                y=y,
                text_y=y + BAR_HEIGHT - 6,
                width=0 if value is None else _x(value),
                meets=meets,
                threshold_x=None if threshold is None else LABEL_WIDTH + _x(threshold),
                threshold_text=(
                    "" if threshold is None else f"{threshold_label} {threshold.normalize():f} %"
                ),
            )
        )
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    return RvcChart(title=title, bars=tuple(bars), height=height)
