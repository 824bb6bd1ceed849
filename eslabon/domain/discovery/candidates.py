"""Ranking DENUE establishments as candidate suppliers of a process, with reasons.

The discovery selectors load the establishments that pass the database filters into arrays;
this module scores them (SCIAN confidence × capacity of the stratum × proximity) and explains.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eslabon.domain.discovery.scian import ProcessFit
from eslabon.domain.discovery.strata import SizeClass, Stratum, size_class
from eslabon.domain.geo import DEFAULT_CIRCUITY, great_circle_km_array

# How much production an employment stratum suggests, relative to a 51-250 plant (a judgement:
# micro units rarely hold series capacity; the largest are seldom development targets but
# can do the work). Recorded in docs/discovery.md.
CAPACITY: dict[Stratum, float] = {
    Stratum.P0_5: 0.3,
    Stratum.P6_10: 0.45,
    Stratum.P11_30: 0.7,
    Stratum.P31_50: 0.85,
    Stratum.P51_100: 1.0,
    Stratum.P101_250: 1.0,
    Stratum.P251_MORE: 0.9,
}
HALF_SCORE_ROAD_KM = 100.0  # proximity falls to one half at 100 km by road
UNKNOWN_PLACE_PROXIMITY = 0.5  # an establishment without coordinates, when distance matters
AUTOMOTIVE_PREFIXES = ("3361", "3362", "3363")  # SCIAN 2018 vehicle and auto-parts classes


@dataclass(frozen=True, slots=True)
class EstablishmentRow:
    """The fields of one establishment that ranking and its explanation need."""

    id: int
    clee: str
    name: str
    legal_name: str
    scian_code: str
    activity_name: str
    stratum: int
    postal_code: str
    state_code: str
    municipality_name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Candidate:
    establishment: EstablishmentRow
    score: float
    fit: ProcessFit
    size: SizeClass
    distance_km: float | None
    road_km: float | None
    automotive: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores of many establishments, and the order that ranks them (best first; ties keep
    the input order, which the selectors give by CLEE, so ranking is deterministic)."""

    order: npt.NDArray[np.intp]
    score: npt.NDArray[np.float64]
    distance_km: npt.NDArray[np.float64]
    road_km: npt.NDArray[np.float64]


def score(
    scian_codes: Sequence[str],
    strata: Sequence[int],
    lats: npt.NDArray[np.float64],
    lons: npt.NDArray[np.float64],
    fits: dict[str, ProcessFit],
    near: tuple[float, float] | None = None,
    circuity: float = DEFAULT_CIRCUITY,
) -> Scores:
    """Score = SCIAN confidence × capacity of the stratum × proximity, for all rows at once.

    Takes columns rather than rows so that a search can rank tens of thousands of
    establishments from a few fetched fields and load the details of the fifty it shows.
    ``lats``/``lons`` hold NaN where DENUE has no coordinates.
    """
    confidence = np.array([fits[code].confidence for code in scian_codes], dtype=np.float64)
    capacity = np.array([CAPACITY[Stratum(stratum)] for stratum in strata], dtype=np.float64)
    if near is None:
        distance = np.full(len(scian_codes), np.nan)
        proximity = np.ones(len(scian_codes))
    else:
        distance = great_circle_km_array(near[0], near[1], lats, lons)
        proximity = np.where(
            np.isnan(distance),
            UNKNOWN_PLACE_PROXIMITY,
            1 / (1 + distance * circuity / HALF_SCORE_ROAD_KM),
        )
    total = confidence * capacity * proximity
    return Scores(np.argsort(-total, kind="stable"), total, distance, distance * circuity)


def rank(
    rows: Sequence[EstablishmentRow],
    fits: dict[str, ProcessFit],
    near: tuple[float, float] | None = None,
    circuity: float = DEFAULT_CIRCUITY,
) -> Iterator[Candidate]:
    """Candidates best first, each explained (explanations are built as they are taken).

    ``fits`` maps each SCIAN code of the rows to why it can do the process.
    """
    if not rows:
        return
    lats = np.array([np.nan if row.lat is None else row.lat for row in rows], dtype=np.float64)
    lons = np.array([np.nan if row.lon is None else row.lon for row in rows], dtype=np.float64)
    scores = score(
        [row.scian_code for row in rows], [row.stratum for row in rows], lats, lons, fits, near,
        circuity,
    )  # fmt: skip
    for i in scores.order:
        yield explain(rows[i], scores, int(i), fits, near)


def explain(
    row: EstablishmentRow,
    scores: Scores,
    position: int,
    fits: dict[str, ProcessFit],
    near: tuple[float, float] | None,
) -> Candidate:
    """The candidate at ``position`` of the scored columns, with its reasons."""
    return _candidate(
        row,
        float(scores.score[position]),
        fits,
        float(scores.distance_km[position]),
        float(scores.road_km[position]),
        near,
    )


def _candidate(
    row: EstablishmentRow,
    score: float,
    fits: dict[str, ProcessFit],
    distance: float,
    road: float,
    near: tuple[float, float] | None,
) -> Candidate:
    fit = fits[row.scian_code]
    stratum = Stratum(row.stratum)
    size = size_class(stratum)
    automotive = row.scian_code.startswith(AUTOMOTIVE_PREFIXES)
    known = not np.isnan(distance)
    reasons = [
        f"SCIAN {row.scian_code} ({row.activity_name}) → {fit.process}, confidence "
        f"{fit.confidence:.2f}: {fit.rule.note}",
        f"{stratum.label} ({size.value}), capacity weight {CAPACITY[stratum]:.2f}",
        "already automotive (SCIAN 3361-3363)"
        if automotive
        else "from another industry: a conversion candidate",
    ]
    if known:
        reasons.append(f"{distance:.0f} km away (about {road:.0f} km by road)")
    elif near is not None:
        reasons.append("no coordinates in DENUE: distance unknown")
    return Candidate(
        establishment=row,
        score=round(score, 4),
        fit=fit,
        size=size,
        distance_km=round(distance, 1) if known else None,
        road_km=round(road, 1) if known else None,
        automotive=automotive,
        reasons=tuple(reasons),
    )
