"""Reads of the discovery app: the SCIAN map as operators left it, and candidate search.

Candidate search filters in the database (activity codes, strata, states, a bounding box),
ranks in the domain (eslabon.domain.discovery.candidates) and drops registered suppliers.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from django.db.models import Count, Q, QuerySet

from eslabon.data import taxonomy
from eslabon.discovery.models import Establishment, Outreach, ScianProcessRule
from eslabon.domain.discovery.candidates import Candidate, EstablishmentRow, explain, score
from eslabon.domain.discovery.outreach import OutreachStatus, conversion_rate
from eslabon.domain.discovery.registered import (
    MatchRules,
    NamedSite,
    RegisteredIndex,
    match_registered,
)
from eslabon.domain.discovery.scian import ProcessFit, ScianMap, ScianRule
from eslabon.domain.discovery.strata import SME_CLASSES, SizeClass, strata_of
from eslabon.domain.errors import InputError
from eslabon.domain.geo import great_circle_km_array

KM_PER_DEGREE = 111.32
# (name, postal code, latitude, longitude) of one registered supplier site; the registry app
# supplies these (the lead wires its selector to ``registered=``).
RegisteredSite = tuple[str, str, float | None, float | None]
_ROW_FIELDS = tuple(EstablishmentRow.__dataclass_fields__)


def scian_map() -> ScianMap:
    """The operators' SCIAN → process rules as a domain map."""
    return ScianMap(
        tuple(
            ScianRule(rule.scian_prefix, rule.process, float(rule.confidence), rule.note)
            for rule in ScianProcessRule.objects.order_by("scian_prefix", "process")
        )
    )


@dataclass(frozen=True, slots=True)
class CandidateSearch:
    """The result of one search, with the figures that explain its size."""

    process: str
    candidates: list[Candidate]
    considered: int
    excluded_registered: list[tuple[Candidate, str]] = field(default_factory=list)


def find_candidates(
    *,
    process: str,
    size_classes: Collection[SizeClass] = SME_CLASSES,
    states: Collection[str] = (),
    near: tuple[float, float] | None = None,
    max_km: float | None = None,
    registered: Sequence[RegisteredSite] = (),
    limit: int = 50,
    match_rules: MatchRules | None = None,
) -> CandidateSearch:
    """Establishments that could do ``process`` (or one of its sub-processes), best first.

    SMEs by default; ``states`` are INEGI codes; ``max_km`` is great-circle distance from
    ``near`` (latitude, longitude). Establishments matching a registered supplier site are
    left out and listed in ``excluded_registered`` with the reason.
    """
    processes = taxonomy.processes()
    if process not in processes.slugs:
        raise InputError("process", f"unknown process {process!r}")
    if max_km is not None and near is None:
        raise InputError("max_km", "a maximum distance needs a point to measure from")
    mapping = scian_map()
    columns = _columns(mapping.rules_for(process, processes), size_classes, states, near, max_km)
    fits = _fits(mapping, set(columns.scian_codes), process)
    scores = score(columns.scian_codes, columns.strata, columns.lats, columns.lons, fits, near)
    registered_sites = RegisteredIndex.of([NamedSite.registered(*site) for site in registered])
    chosen: list[Candidate] = []
    excluded: list[tuple[Candidate, str]] = []
    chunk_size = max(limit, 50)
    for start in range(0, len(scores.order), chunk_size):
        if len(chosen) >= limit:
            break
        positions = [int(i) for i in scores.order[start : start + chunk_size]]
        details = _details([columns.ids[i] for i in positions])
        chunk = [explain(details[columns.ids[i]], scores, i, fits, near) for i in positions]
        matches = match_registered(
            [_named(candidate.establishment) for candidate in chunk], registered_sites, match_rules
        )
        for candidate, match in zip(chunk, matches, strict=True):
            if match is not None:
                excluded.append(
                    (candidate, f"{registered[match.registered_index][0]}: {match.reason}")
                )
            elif len(chosen) < limit:
                chosen.append(candidate)
    return CandidateSearch(process, chosen, len(columns.ids), excluded)


@dataclass(frozen=True, slots=True)
class _Columns:
    """The few fields ranking needs, for every establishment that passes the filters."""

    ids: list[int]
    scian_codes: list[str]
    strata: list[int]
    lats: npt.NDArray[np.float64]
    lons: npt.NDArray[np.float64]


def _columns(
    rules: Sequence[ScianRule],
    size_classes: Collection[SizeClass],
    states: Collection[str],
    near: tuple[float, float] | None,
    max_km: float | None,
) -> _Columns:
    empty = _Columns([], [], [], np.empty(0), np.empty(0))
    if not rules:
        return empty
    codes = Q()
    for prefix in sorted({rule.prefix for rule in rules}):
        codes |= _code_range(prefix)
    query = Establishment.objects.filter(
        codes, vanished=False, stratum__in=[int(s) for s in strata_of(set(size_classes))]
    )
    if states:
        query = query.filter(state_code__in=[state.zfill(2) for state in states])
    if near is not None and max_km is not None:
        lat, lon = near
        dlat = max_km / KM_PER_DEGREE
        dlon = max_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
        query = query.filter(
            lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
        )
    values = list(query.order_by("clee").values_list("id", "scian_code", "stratum", "lat", "lon"))
    if not values:
        return empty
    ids, scian_codes, strata, lat_values, lon_values = (
        list(column) for column in zip(*values, strict=True)
    )
    lats = np.array(lat_values, dtype=np.float64)  # None becomes NaN
    lons = np.array(lon_values, dtype=np.float64)
    if near is not None and max_km is not None:
        # The box holds only rows with coordinates; the circle inside it is the real limit.
        keep = np.flatnonzero(great_circle_km_array(near[0], near[1], lats, lons) <= max_km)
        return _Columns(
            [ids[i] for i in keep], [scian_codes[i] for i in keep], [strata[i] for i in keep],
            lats[keep], lons[keep],
        )  # fmt: skip
    return _Columns(ids, scian_codes, strata, lats, lons)


def _details(ids: list[int]) -> dict[int, EstablishmentRow]:
    """The fields a candidate shows, for one chunk of ranked establishments (one query)."""
    rows = Establishment.objects.filter(id__in=ids).values_list(*_ROW_FIELDS)
    return {values[0]: EstablishmentRow(*values) for values in rows}


def _code_range(prefix: str) -> Q:
    """Codes starting with ``prefix`` as a range, so a plain b-tree index serves it
    (SCIAN codes are digits of one length; "3315" covers "331500" to "331599")."""
    if len(prefix) == 6:
        return Q(scian_code=prefix)
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return Q(scian_code__gte=prefix, scian_code__lt=upper)


def _fits(mapping: ScianMap, codes: set[str], process: str) -> dict[str, ProcessFit]:
    processes = taxonomy.processes()
    fits = {}
    for code in codes:
        fit = mapping.confidence(code, process, processes)
        if fit is not None:
            fits[code] = fit
    return fits


def _named(row: EstablishmentRow) -> NamedSite:
    names = tuple(name for name in (row.name, row.legal_name) if name)
    return NamedSite(names, row.postal_code, row.lat, row.lon)


@dataclass(frozen=True, slots=True)
class FoundCandidate:
    """A candidate of a multi-process search: its best-scoring process and all it fits."""

    candidate: Candidate
    processes: tuple[str, ...]
    outreach_status: str = ""


@dataclass(frozen=True, slots=True)
class MultiSearch:
    """What the candidates page shows: candidates, considered per process, and how many
    establishments were left out as registered suppliers."""

    found: list[FoundCandidate]
    considered: dict[str, int]
    excluded_registered: int


_SORT_KEYS = {
    "score": lambda f: (-f.candidate.score, f.candidate.establishment.clee),
    "name": lambda f: (f.candidate.establishment.name, f.candidate.establishment.clee),
    "distance": lambda f: (
        f.candidate.distance_km is None,
        f.candidate.distance_km or 0.0,
        f.candidate.establishment.clee,
    ),
    "size": lambda f: (-f.candidate.establishment.stratum, f.candidate.establishment.clee),
    "confidence": lambda f: (-f.candidate.fit.confidence, -f.candidate.score),
}


def search_for_processes(
    *,
    processes: Sequence[str],
    size_classes: Collection[SizeClass] = SME_CLASSES,
    states: Collection[str] = (),
    near: tuple[float, float] | None = None,
    max_km: float | None = None,
    registered: Sequence[RegisteredSite] = (),
    limit: int = 100,
    sort: str = "score",
) -> MultiSearch:
    """Candidates for any of ``processes`` (a requirement's set), each establishment once.

    Runs ``find_candidates`` per process, keeps each establishment's best score and lists
    every process it fits; then the best ``limit`` by score, sorted by ``sort``. Outreach
    status comes in one more query.
    """
    best: dict[int, FoundCandidate] = {}
    considered: dict[str, int] = {}
    excluded: set[int] = set()
    for process in dict.fromkeys(processes):
        search = find_candidates(
            process=process, size_classes=size_classes, states=states, near=near,
            max_km=max_km, registered=registered, limit=limit,
        )  # fmt: skip
        considered[process] = search.considered
        excluded.update(candidate.establishment.id for candidate, _ in search.excluded_registered)
        for candidate in search.candidates:
            key = candidate.establishment.id
            known = best.get(key)
            if known is None:
                best[key] = FoundCandidate(candidate, (process,))
            elif candidate.score > known.candidate.score:
                best[key] = FoundCandidate(candidate, (*known.processes, process))
            else:
                best[key] = FoundCandidate(known.candidate, (*known.processes, process))
    ranked = sorted(best.values(), key=_SORT_KEYS["score"])[:limit]
    statuses = dict(
        Establishment.objects.filter(
            id__in=[f.candidate.establishment.id for f in ranked], outreach__isnull=False
        ).values_list("id", "outreach__status")
    )
    found = [
        FoundCandidate(f.candidate, f.processes, statuses.get(f.candidate.establishment.id, ""))
        for f in ranked
    ]
    found.sort(key=_SORT_KEYS.get(sort, _SORT_KEYS["score"]))
    return MultiSearch(found, considered, len(excluded))


def outreach_list(status: str = "") -> QuerySet[Outreach]:
    """Outreach records with their establishment and officer, newest change first."""
    records = Outreach.objects.select_related("establishment", "operator")
    if status:
        records = records.filter(status=status)
    return records.order_by("-status_changed_at", "pk")


@dataclass(frozen=True, slots=True)
class ConversionFigures:
    """Outreach by status and the conversion rate: what the analytics pages show."""

    by_status: dict[str, int]
    total: int
    conversion_rate: float | None  # converted / all outreach; None before any invitation
    registration_rate: float | None  # registered or converted / all outreach


def conversion_figures() -> ConversionFigures:
    """Counts by outreach status, aggregated in the database (one query)."""
    counts = dict(
        Outreach.objects.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = {status.value: counts.get(status.value, 0) for status in OutreachStatus}
    total = sum(by_status.values())
    converted = by_status[OutreachStatus.CONVERTED]
    registered = by_status[OutreachStatus.REGISTERED] + converted
    return ConversionFigures(
        by_status, total, conversion_rate(converted, total), conversion_rate(registered, total)
    )


def registered_matches(
    records: Sequence[Outreach], registered: Sequence[RegisteredSite]
) -> dict[int, str]:
    """For outreach whose establishment now matches a registered supplier site: outreach id →
    "supplier name: reason". Lets the officer see who registered since the invitation."""
    index = RegisteredIndex.of([NamedSite.registered(*site) for site in registered])
    establishments = [record.establishment for record in records]
    sites = [
        NamedSite(tuple(n for n in (e.name, e.legal_name) if n), e.postal_code, e.lat, e.lon)
        for e in establishments
    ]
    matches = match_registered(sites, index)
    return {
        record.pk: f"{registered[match.registered_index][0]}: {match.reason}"
        for record, match in zip(records, matches, strict=True)
        if match is not None
    }
