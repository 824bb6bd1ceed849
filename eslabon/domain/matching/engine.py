"""Ranking suppliers for a requirement, requirements for a supplier, and weight sensitivity.

Order: eligible first, then score, then the components in COMPONENTS order, then the
supplier id, so that the order is total and a dominating supplier never ranks lower.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from eslabon.domain.geo import DEFAULT_CIRCUITY
from eslabon.domain.matching import gaps as gap_rules
from eslabon.domain.matching.gaps import Gap
from eslabon.domain.matching.model import Requirement, Supplier
from eslabon.domain.matching.scoring import SiteScores, reference_date, site_scores
from eslabon.domain.matching.similarity import TextMethod
from eslabon.domain.matching.table import SupplierTable
from eslabon.domain.matching.weights import COMPONENTS, Weights, resolve_weights

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class MatchResult:
    """One supplier's place for one requirement, with the trace of how it was reached."""

    supplier_id: str
    eligible: bool
    score: float  # 0-100, full precision (the order uses it); round only for display
    components: tuple[tuple[str, float], ...]  # each in [0, 1], in COMPONENTS order
    gaps: tuple[Gap, ...]
    site_id: str | None  # the site the score was taken from; None without sites
    road_km: float | None

    @property
    def blocking_gaps(self) -> tuple[Gap, ...]:
        return tuple(gap for gap in self.gaps if gap.blocking)


@dataclass(frozen=True, slots=True)
class Ranking:
    requirement_id: str
    weights: Weights
    circuity: float
    certifications_on: dt.date
    total: int
    results: tuple[MatchResult, ...]


@dataclass(frozen=True, slots=True)
class _Order:
    suppliers: IntArray  # supplier indices, best first
    best_site: IntArray  # per supplier: site row its score comes from
    eligible: npt.NDArray[np.bool_]  # per supplier
    score: npt.NDArray[np.float64]  # per supplier, 0-1


def _order(
    table: SupplierTable, scores: SiteScores, weights: Weights, top: int | None = None
) -> _Order:
    """Best site of every supplier, and the suppliers in order (only the first ``top`` are
    guaranteed sorted when ``top`` is given; the rest are left out)."""
    # Element by element in a fixed order, not a BLAS product: BLAS may round two equal
    # columns differently, which would break ties and dominance by one ulp.
    normalised = weights.normalised()
    site_score = normalised[0] * scores.components[0]
    for index in range(1, len(COMPONENTS)):
        site_score += normalised[index] * scores.components[index]
    # Best site: eligible first, then score; the first site wins a tie.
    composite = scores.eligible * 2.0 + site_score
    best_value = np.maximum.reduceat(composite, table.supplier_start)
    candidates = np.flatnonzero(composite == best_value[table.site_supplier])
    owners = table.site_supplier[candidates]
    first = np.ones(len(candidates), dtype=np.bool_)
    first[1:] = owners[1:] != owners[:-1]  # sites are grouped by supplier, in order
    best_site = candidates[first]
    eligible = scores.eligible[best_site]
    score = site_score[best_site]
    chosen = np.arange(len(best_site))
    if top is not None and top < len(chosen):
        # Anyone in the first ``top`` has a composite at least the top-th largest one;
        # rounding is monotone, so this keeps every candidate and the order exact.
        threshold = np.partition(best_value, len(chosen) - top)[len(chosen) - top]
        chosen = np.flatnonzero(best_value >= threshold)
    components = scores.components[:, best_site[chosen]]
    # np.lexsort sorts by the last key first.
    keys: list[npt.NDArray[Any]] = [table.id_rank[chosen]]
    keys += [-components[i] for i in reversed(range(len(COMPONENTS)))]
    keys += [-score[chosen], ~eligible[chosen]]
    order = chosen[np.lexsort(keys)]
    if top is not None:
        order = order[:top]
    return _Order(order.astype(np.int64), best_site, eligible, score)


def rank(
    requirement: Requirement,
    table: SupplierTable,
    *,
    today: dt.date,
    programme_weights: Mapping[str, float] | None = None,
    circuity: float = DEFAULT_CIRCUITY,
    top: int | None = None,
) -> Ranking:
    """Every supplier of ``table`` for ``requirement``; gaps only for the ``top`` shown.

    ``today`` stands in for the SOP date when the requirement has none.
    """
    weights = resolve_weights(programme_weights, dict(requirement.weights))
    scores = site_scores(table, requirement, today, circuity)
    order = _order(table, scores, weights, top)
    shown = order.suppliers
    on = reference_date(requirement, today)
    results = tuple(_result(requirement, table, scores, order, int(i), on) for i in shown)
    return Ranking(requirement.id, weights, circuity, on, len(table.suppliers), results)


def _result(
    requirement: Requirement,
    table: SupplierTable,
    scores: SiteScores,
    order: _Order,
    supplier_index: int,
    on: dt.date,
) -> MatchResult:
    supplier = table.suppliers[supplier_index]
    row = int(order.best_site[supplier_index])
    position = int(table.site_position[row])
    site = supplier.sites[position] if position >= 0 else None
    credit = [float(v) for v in scores.process_credit[:, row]]
    values = scores.components[:, row]
    road = float(scores.road_km[row])
    found: list[Gap] = []
    if site is None:
        found.append(Gap("site", "site", "no site declared", None))
    found += gap_rules.process_gaps(requirement, credit)
    found += gap_rules.material_gaps(requirement, site)
    found += gap_rules.certification_gaps(requirement, supplier, on)
    found += gap_rules.distance_gap(requirement, road)
    found += gap_rules.capacity_gaps(requirement, site, all(v >= 1.0 for v in credit))
    found += gap_rules.envelope_gaps(requirement, site)
    components = tuple(
        (name, round(float(v), 4)) for name, v in zip(COMPONENTS, values, strict=True)
    )
    return MatchResult(
        supplier_id=supplier.id,
        eligible=bool(order.eligible[supplier_index]),
        score=100.0 * float(order.score[supplier_index]),
        components=components,
        gaps=tuple(found),
        site_id=site.id if site else None,
        road_km=None if math.isnan(road) else round(road, 1),
    )


@dataclass(frozen=True, slots=True)
class SensitivityStep:
    """The top ranks with one weight set to ``weight``, compared with the baseline."""

    weight: float
    top: tuple[str, ...]
    entered: tuple[str, ...]
    left: tuple[str, ...]
    moved: tuple[tuple[str, int, int], ...]  # supplier id, baseline rank, new rank (1-based)


def sensitivity(
    requirement: Requirement,
    table: SupplierTable,
    *,
    today: dt.date,
    component: str,
    values: Sequence[float],
    programme_weights: Mapping[str, float] | None = None,
    circuity: float = DEFAULT_CIRCUITY,
    top: int = 10,
) -> tuple[SensitivityStep, ...]:
    """How the top ``top`` change when ``component``'s weight takes each of ``values``.

    Components do not depend on weights, so they are computed once and only re-ordered.
    """
    base_weights = resolve_weights(programme_weights, dict(requirement.weights))
    scores = site_scores(table, requirement, today, circuity)
    ids = [s.id for s in table.suppliers]
    baseline = [ids[i] for i in _order(table, scores, base_weights, top).suppliers]
    steps = []
    for value in values:
        weights = base_weights.with_weight(component, value)
        current = [ids[i] for i in _order(table, scores, weights, top).suppliers]
        moved = tuple(
            (sid, baseline.index(sid) + 1, current.index(sid) + 1)
            for sid in current
            if sid in baseline and baseline.index(sid) != current.index(sid)
        )
        steps.append(
            SensitivityStep(
                weight=float(value),
                top=tuple(current),
                entered=tuple(s for s in current if s not in baseline),
                left=tuple(s for s in baseline if s not in current),
                moved=moved,
            )
        )
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class ReverseMatch:
    """For one supplier: requirements it fits, and those it nearly fits, best first."""

    supplier_id: str
    fits: tuple[tuple[str, MatchResult], ...]
    nearly: tuple[tuple[str, MatchResult], ...]


def requirements_for(
    supplier: Supplier,
    requirements: Sequence[Requirement],
    *,
    today: dt.date,
    programme_weights: Mapping[str, float] | None = None,
    circuity: float = DEFAULT_CIRCUITY,
    max_gaps: int = 2,
    text_method: TextMethod | None = None,
) -> ReverseMatch:
    """Reverse matching: rank one supplier against each open requirement.

    "Nearly fits" means at most ``max_gaps`` blocking gaps, each named with its shortfall.
    """
    table = SupplierTable.build([supplier], text_method)
    fits: list[tuple[str, MatchResult]] = []
    nearly: list[tuple[str, MatchResult]] = []
    for requirement in requirements:
        result = rank(
            requirement,
            table,
            today=today,
            programme_weights=programme_weights,
            circuity=circuity,
        ).results[0]
        if result.eligible:
            fits.append((requirement.id, result))
        elif len(result.blocking_gaps) <= max_gaps:
            nearly.append((requirement.id, result))

    def best_first(item: tuple[str, MatchResult]) -> tuple[float, str]:
        return (-item[1].score, item[0])

    return ReverseMatch(
        supplier.id, tuple(sorted(fits, key=best_first)), tuple(sorted(nearly, key=best_first))
    )
