"""Local suppliers that could make a localisation target, ranked by the matching engine.

A material becomes a requirement-like query: its process (or the processes its HS heading is
made by, from ``hs_processes.csv``), its metal as the material worked, and the buyer's plant as
the delivery point. The engine (eslabon.domain.matching) ranks every published supplier with
its hard limits and gaps, exactly as it ranks them for a Supply Hub requirement.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from eslabon.domain.matching import MatchResult, SupplierTable, rank
from eslabon.domain.matching import model as matching
from eslabon.matching import selectors as matching_selectors
from eslabon.origin.models import Good, Material
from eslabon.registry.models import Organization, Site

TOP = 5


@cache
def hs_processes() -> dict[str, tuple[str, ...]]:
    """HS prefix (digits) → process slugs that make goods of that heading.

    The headings are the Harmonized System's (WCO, HS 2022); which processes make them is this
    project's reading, used only to search for suppliers, never to decide origin.
    """
    path = Path(__file__).with_name("hs_processes.csv")
    with path.open(encoding="utf-8") as handle:
        return {row["hs_prefix"]: tuple(row["processes"].split()) for row in csv.DictReader(handle)}


def processes_for(material: Material) -> tuple[tuple[str, ...], str]:
    """The processes to search by, and where they came from ("process" or the HS prefix)."""
    if material.process_id is not None:
        return (material.process.slug,), "process"
    digits = material.hs_code.replace(".", "")
    table = hs_processes()
    for length in range(len(digits), 3, -1):
        if digits[:length] in table:
            return table[digits[:length]], digits[:length]
    return (), ""


def _delivery(good: Good) -> matching.Point | None:
    site = Site.objects.filter(organization_id=good.organization_id).order_by("pk").first()
    return matching.Point(site.latitude, site.longitude) if site else None


@dataclass(frozen=True)
class CandidateRow:
    organization: Organization
    result: MatchResult
    site: Site | None


@dataclass(frozen=True)
class TargetCandidates:
    material: Material
    processes: tuple[str, ...]
    source: str  # "process", an HS prefix, or "" when nothing to search by
    rows: tuple[CandidateRow, ...]


def candidates_for(
    good: Good, targets: list[Material], *, top: int = TOP, state: str = ""
) -> list[TargetCandidates]:
    """For each target, the ``top`` best eligible local suppliers with the engine's reasons.

    The supplier table is built once for all targets; ``state`` (INEGI code) keeps only
    suppliers whose best site is in that state.
    """
    if not targets:
        return []
    table = SupplierTable.build(matching_selectors.suppliers_with_performance())
    delivery = _delivery(good)
    today = timezone.localdate()
    found: list[tuple[Material, tuple[str, ...], str, list[MatchResult]]] = []
    for material in targets:
        processes, source = processes_for(material)
        if not processes:
            found.append((material, processes, source, []))
            continue
        # One query per process, so a supplier running any of them qualifies; its best
        # score stands.
        best: dict[str, MatchResult] = {}
        for process in processes:
            value = matching.Requirement(
                id=f"material-{material.pk}-{process}",
                title=material.description,
                processes=(process,),
                materials=(material.metal,) if material.metal else (),
                delivery=delivery,
            )
            ranking = rank(
                value, table, today=today,
                programme_weights=matching_selectors.programme_weights(),
                circuity=settings.ESLABON_MATCHING_CIRCUITY, top=top * 4,
            )  # fmt: skip
            for result in ranking.results:
                known = best.get(result.supplier_id)
                if result.eligible and (known is None or result.score > known.score):
                    best[result.supplier_id] = result
        ordered = sorted(best.values(), key=lambda r: (-r.score, r.supplier_id))
        found.append((material, processes, source, ordered))
    organizations = matching_selectors.organizations_by_id(
        {r.supplier_id for *_, results in found for r in results}
    )
    out = []
    for material, processes, source, results in found:
        rows = []
        for result in results:
            organization = organizations[result.supplier_id]
            site = _site(organization, result.site_id)
            if state and (site is None or site.state_code != state):
                continue
            rows.append(CandidateRow(organization, result, site))
            if len(rows) == top:
                break
        out.append(TargetCandidates(material, processes, source, tuple(rows)))
    return out


def _site(organization: Any, site_id: str | None) -> Site | None:
    return next((s for s in organization.sites.all() if str(s.pk) == site_id), None)
