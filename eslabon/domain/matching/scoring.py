"""Vectorised score components of every site for one requirement (issue 4, item 2).

Each component lies in [0, 1]; the hard requirements are thresholds on components, so a
site at least as good on every component is eligible whenever the other one is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from eslabon.data import taxonomy
from eslabon.domain.geo import DEFAULT_CIRCUITY, great_circle_km_array
from eslabon.domain.matching.model import Requirement
from eslabon.domain.matching.table import (
    NO_DATE,
    NOT_HELD,
    SupplierTable,
    vocabulary,
)
from eslabon.domain.matching.weights import COMPONENTS

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Partial credit for a related process halves with each level one climbs from the
# required process to the nearest ancestor it shares with the offered one: a sibling
# (turning for milling) counts 0.5, a cousin 0.25; a descendant (turning for
# cnc-machining) fully meets the requirement. Processes in different top-level families
# are unrelated.
RELATED_PROCESS_DECAY = 0.5

# Certification status on the SOP date (issue 4): held and valid, in progress (expected
# in time or late), planned, missing. Only "held and valid" meets the hard requirement.
CERT_HELD = 1.0
CERT_IN_PROGRESS_IN_TIME = 0.6
CERT_IN_PROGRESS_LATE = 0.4
CERT_PLANNED = 0.2

# Without a distance limit, distance scores against this reference (half marks at it).
REFERENCE_DISTANCE_KM = 1000.0
# A capability whose size or weight limit is not declared counts half for the envelope.
UNDECLARED_ENVELOPE = 0.5


@cache
def relatedness() -> FloatArray:
    """Matrix [required, offered] of process credit; an extra last column for 'no process'."""
    vocab = vocabulary()
    tree = taxonomy.processes()
    size = len(vocab.processes)
    matrix = np.zeros((size, size + 1), dtype=np.float64)
    for i, required in enumerate(vocab.processes):
        required_chain = (required, *tree.ancestors(required))
        for j, offered in enumerate(vocab.processes):
            offered_chain = (offered, *tree.ancestors(offered))
            if required in offered_chain:
                matrix[i, j] = 1.0
                continue
            shared = [level for level, node in enumerate(required_chain) if node in offered_chain]
            if shared:
                matrix[i, j] = RELATED_PROCESS_DECAY ** shared[0]
    return matrix


@dataclass(frozen=True, slots=True)
class SiteScores:
    """Components (COMPONENTS x sites) and eligibility of every site, with raw figures."""

    components: FloatArray
    eligible: BoolArray
    process_credit: FloatArray  # required process x site
    free_capacity: FloatArray  # sites; NaN when unknown or a process is missing
    road_km: FloatArray  # sites; NaN without delivery point or location


def reference_date(requirement: Requirement, today: dt.date) -> dt.date:
    """Certifications must hold on the SOP date; without one, on ``today``."""
    return requirement.sop_date or today


def certification_credit(table: SupplierTable, requirement: Requirement, on: dt.date) -> FloatArray:
    """Mean certification credit of each supplier over the required standards."""
    if not requirement.required_certifications:
        return np.ones(len(table.suppliers), dtype=np.float64)
    vocab = vocabulary()
    columns = [vocab.certification_code(slug) for slug in requirement.required_certifications]
    day = on.toordinal()
    # An expiry before the SOP date counts as missing (issue 4, correctness tests).
    held = table.held_until[:, columns] >= day
    expected = table.in_progress_expected[:, columns]
    in_progress = expected != NOT_HELD
    in_time = in_progress & (expected != NO_DATE) & (expected <= day)
    credit = np.select(
        [held, in_time, in_progress, table.planned[:, columns]],
        [CERT_HELD, CERT_IN_PROGRESS_IN_TIME, CERT_IN_PROGRESS_LATE, CERT_PLANNED],
        default=0.0,
    )
    result: FloatArray = credit.mean(axis=1)
    return result


def site_scores(
    table: SupplierTable,
    requirement: Requirement,
    today: dt.date,
    circuity: float = DEFAULT_CIRCUITY,
) -> SiteScores:
    vocab = vocabulary()
    starts = table.site_start
    required = [vocab.process_code(slug) for slug in requirement.processes]
    # np.take keeps the result C-ordered (fancy indexing on axis 1 would give F order,
    # which makes every later reduction over it several times slower).
    cap_credit = np.take(relatedness()[required], table.cap_process, axis=1)  # required x rows
    process_credit = np.maximum.reduceat(cap_credit, starts, axis=1)
    process = process_credit.mean(axis=0)

    material = _material(table, requirement)
    envelope = _envelope(table, requirement, cap_credit.max(axis=0) > 0)
    free = _free_capacity(table, cap_credit)
    capacity = _capacity(free, requirement.annual_volume)
    road_km, distance = _distance(table, requirement, circuity)
    on = reference_date(requirement, today)
    certification = certification_credit(table, requirement, on)[table.site_supplier]
    performance = table.performance[table.site_supplier]
    text = table.text.scores(requirement.text)[table.site_supplier]

    named = {
        "process": process,
        "certification": certification,
        "capacity": capacity,
        "material": material,
        "distance": distance,
        "envelope": envelope,
        "performance": performance,
        "text": text,
    }
    components = np.empty((len(COMPONENTS), table.site_count), dtype=np.float64)
    for row, name in enumerate(COMPONENTS):
        components[row] = named[name]
    eligible = (process >= 1.0) & (material >= 1.0) & (certification >= 1.0)
    if requirement.annual_volume:
        eligible &= capacity >= 0.5
    if requirement.delivery is not None and requirement.max_distance_km is not None:
        eligible &= distance >= 0.5
    eligible &= table.site_position >= 0
    return SiteScores(components, eligible, process_credit, free, road_km)


def _material(table: SupplierTable, requirement: Requirement) -> FloatArray:
    """Share of the required materials that some capability of the site works."""
    if not requirement.materials:
        return np.ones(table.site_count, dtype=np.float64)
    vocab = vocabulary()
    wanted = 0
    for slug in requirement.materials:
        wanted |= vocab.material_bit(slug)
    site_mask = np.bitwise_or.reduceat(table.cap_materials, table.site_start)
    covered = np.bitwise_count(site_mask & wanted)
    result: FloatArray = covered / float(len(requirement.materials))
    return result


def _envelope(table: SupplierTable, requirement: Requirement, related: BoolArray) -> FloatArray:
    """How much of the part's size and weight the best related capability takes."""
    part = requirement.part
    if part.max_dimension_mm is None and part.weight_kg is None:
        return np.ones(table.site_count, dtype=np.float64)
    fit = related.astype(np.float64)
    for need, limit in (
        (part.max_dimension_mm, table.cap_max_dimension),
        (part.weight_kg, table.cap_max_weight),
    ):
        if need is not None:
            ratio = limit / need
            ratio[np.isnan(ratio)] = UNDECLARED_ENVELOPE
            np.minimum(fit, ratio, out=fit)
    result: FloatArray = np.maximum.reduceat(fit, table.site_start)
    return result


def _free_capacity(table: SupplierTable, cap_credit: FloatArray) -> FloatArray:
    """Free pieces a year at the bottleneck required process; NaN if unknown or absent."""
    # -1 marks "unknown or not this process": NaN would send numpy's max down a slow path.
    per_process = np.where(cap_credit >= 1.0, table.cap_free, -1.0)
    bottleneck = np.maximum.reduceat(per_process, table.site_start, axis=1).min(axis=0)
    result: FloatArray = np.where(bottleneck < 0, np.nan, bottleneck)
    return result


def _capacity(free: FloatArray, volume: int | None) -> FloatArray:
    """Headroom: 1 when free capacity is twice the volume, 0.5 when it just meets it."""
    if not volume:
        return np.ones(len(free), dtype=np.float64)
    result: FloatArray = np.nan_to_num(np.clip(free / (2.0 * volume), 0.0, 1.0), nan=0.0)
    return result


def _distance(
    table: SupplierTable, requirement: Requirement, circuity: float
) -> tuple[FloatArray, FloatArray]:
    """Road km (great circle x circuity) and its score: 1 at the door, 0.5 at the limit,
    0 at twice the limit; i.e. 1 - road / (2 x limit), clipped."""
    if requirement.delivery is None:
        nan = np.full(table.site_count, np.nan)
        return nan, np.where(table.site_position >= 0, 1.0, 0.0)
    point = requirement.delivery
    road = great_circle_km_array(point.lat, point.lon, table.site_lat, table.site_lon) * circuity
    limit = requirement.max_distance_km or REFERENCE_DISTANCE_KM
    score = np.nan_to_num(np.clip(1.0 - road / (2.0 * limit), 0.0, 1.0), nan=0.0)
    return road, score
