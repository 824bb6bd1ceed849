"""A tile-grid map of Mexico's 32 states, drawn as server-side SVG: each state one square
placed roughly where it lies (north-west top left, the Yucatán peninsula bottom right), shaded
by a count. No boundary file is shipped (ADR 0851), and equal squares let the small central
states be read as easily as Chihuahua. The table beside it holds the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from eslabon.analytics.charts import EMPTY_FILL, HIDDEN_FILL, RAMP, _bucket, _bucket_ranges
from eslabon.analytics.panels import SUPPRESSED, number
from eslabon.data.geography import states

# (column, row) of each INEGI state code in the grid.
POSITIONS = {
    "02": (0, 0), "26": (1, 0), "08": (2, 0), "05": (3, 0), "19": (4, 0),
    "03": (0, 1), "25": (1, 1), "10": (2, 1), "32": (3, 1), "24": (4, 1), "28": (5, 1),
    "18": (1, 2), "01": (2, 2), "11": (3, 2), "22": (4, 2), "13": (5, 2), "30": (6, 2),
    "14": (1, 3), "16": (2, 3), "15": (3, 3), "09": (4, 3), "29": (5, 3), "21": (6, 3),
    "31": (8, 3),
    "06": (2, 4), "12": (3, 4), "17": (4, 4), "20": (5, 4), "27": (6, 4), "04": (7, 4),
    "23": (8, 4),
    "07": (6, 5),
}  # fmt: skip
TILE = 52
GAP = 3
LEGEND_HEIGHT = 34


@dataclass(frozen=True)
class Tile:
    x: int
    y: int
    fill: str
    abbreviation: str
    text: str
    text_x: int
    label_y: int
    value_y: int
    title: str


@dataclass(frozen=True)
class StateGrid:
    title: str
    tiles: tuple[Tile, ...]
    legend: tuple[tuple[int, str, str], ...]
    legend_y: int
    width: int
    height: int
    tile: int = TILE


def state_grid(
    title: str, values: dict[str, Any], *, empty_label: str, hidden_label: str
) -> StateGrid:
    """Tiles shaded by ``values[state code]`` (a count, SUPPRESSED, or missing = 0)."""
    shown = [number(v) for v in values.values() if v is not SUPPRESSED]
    top = max(shown, default=Decimal(0))
    names = states()
    tiles = []
    for code, (column, row) in sorted(POSITIONS.items()):
        value = values.get(code, 0)
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        if value is SUPPRESSED:
            fill, text = HIDDEN_FILL, "—"
        elif number(value) == 0:
            fill, text = EMPTY_FILL, "0"
        else:
            fill, text = RAMP[_bucket(number(value), top)], f"{number(value):.0f}"
        state = names[code]
        tiles.append(
            Tile(
                x=x,
                y=y,
                fill=fill,
                abbreviation=state.abbreviation,
                text=text,
                text_x=x + TILE // 2,
                label_y=y + 20,
                value_y=y + 38,
                title=f"{state.name}: {text}",
            )
        )
    height = 6 * (TILE + GAP)
    legend = [(0, EMPTY_FILL, f"0 ({empty_label})"), (0, HIDDEN_FILL, hidden_label)]
    for fill, (low, high) in zip(RAMP, _bucket_ranges(int(top)), strict=True):
        if low <= high:  # the heat map's classes, so that colours mean the same
            legend.append((0, fill, str(low) if low == high else f"{low}–{high}"))
    placed = tuple((i * 90, fill, text) for i, (_x, fill, text) in enumerate(legend))
    return StateGrid(
        title=title,
        tiles=tuple(tiles),
        legend=placed,
        legend_y=height + 8,
        width=max(9 * (TILE + GAP), len(placed) * 90),
        height=height + LEGEND_HEIGHT,
    )
