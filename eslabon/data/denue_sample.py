"""Load the places and activities the DENUE sample generator draws from.

Real INEGI state and municipality codes with their centres and postal-code ranges, and SCIAN
codes with relative frequencies; see eslabon/domain/discovery/sample.py for their use.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from eslabon.domain.discovery.sample import Activity, Place


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eslabon.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def places() -> tuple[Place, ...]:
    return tuple(
        Place(
            state_code=row["cve_ent"],
            state_name=row["entidad"],
            municipality_code=row["cve_mun"],
            municipality_name=row["municipio"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            postal_codes=(int(row["cp_low"]), int(row["cp_high"])),
            weight=float(row["weight"]),
        )
        for row in _rows("denue_sample_places.csv")
    )


@cache
def activities() -> tuple[Activity, ...]:
    return tuple(
        Activity(row["codigo_act"], row["nombre_act"], float(row["weight"]), row["kind"])
        for row in _rows("denue_sample_activities.csv")
    )
