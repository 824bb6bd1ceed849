"""INEGI state and municipality codes shipped with Eslabón (Marco Geoestadístico).

The municipality list covers the five states of the demo cluster with the coordinates of
each municipal seat; other municipalities are accepted by code and validated by format.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    abbreviation: str


@dataclass(frozen=True, slots=True)
class Municipality:
    state_code: str
    code: str
    name: str
    lat: float
    lon: float

    @property
    def key(self) -> str:
        """The five-digit INEGI key (state + municipality), e.g. 19039 for Monterrey."""
        return self.state_code + self.code


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eslabon.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def states() -> dict[str, State]:
    return {
        row["code"]: State(row["code"], row["name"], row["abbreviation"])
        for row in _rows("states.csv")
    }


@cache
def municipalities() -> dict[str, Municipality]:
    """Municipalities by five-digit key."""
    result = {}
    for row in _rows("municipalities.csv"):
        municipality = Municipality(
            row["state_code"], row["code"], row["name"], float(row["lat"]), float(row["lon"])
        )
        result[municipality.key] = municipality
    return result
