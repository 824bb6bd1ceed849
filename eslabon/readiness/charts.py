"""Server-rendered horizontal bar charts: geometry computed here, drawn as inline SVG.

No JavaScript chart library: the template only places rectangles and labels, and every
chart has a table beside it with the same figures (and the suppressed cells marked).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 260
PLOT_WIDTH = 300
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    text_y: int
    width: int
    suppressed: bool


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    height: int
    width: int = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    value_x: int = LABEL_WIDTH + PLOT_WIDTH + 6


def _shorten(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    title: str,
    cells: list[Any],
    *,
    maximum: Decimal | None = None,
    unit: str = "%",
    decimals: int = 1,
) -> BarChart:
    """Bars scaled to ``maximum`` (default: the largest value); suppressed cells drawn empty."""
    shown = [cell.value for cell in cells if cell.value is not None]
    top = maximum or (max(shown) if shown else Decimal(1)) or Decimal(1)
    bars = []
    for position, cell in enumerate(cells):
        y = position * (BAR_HEIGHT + GAP)
        if cell.value is None:
            width, text = 0, "—"
        else:
            width = int(min(Decimal(1), Decimal(cell.value) / top) * PLOT_WIDTH)
            text = f"{Decimal(cell.value):,.{decimals}f}{unit}".replace(",", " ")
        bars.append(
            Bar(
                label=_shorten(cell.label),
                value_text=text,
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=width,
                suppressed=cell.value is None,
            )
        )
    return BarChart(title=title, bars=tuple(bars), height=max(1, len(bars)) * (BAR_HEIGHT + GAP))
