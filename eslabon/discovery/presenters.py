"""Candidates as the page, the map and the Excel file show them: one row builder for all three,
with the reasons written through gettext (the domain's own trace is plain English)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eslabon.data import taxonomy
from eslabon.discovery.forms import SIZE_LABELS
from eslabon.discovery.models import Establishment, Outreach
from eslabon.discovery.selectors import FoundCandidate, MultiSearch
from eslabon.domain.discovery.strata import Stratum


@dataclass(frozen=True, slots=True)
class CandidateRow:
    clee: str
    name: str
    legal_name: str
    scian_code: str
    activity: str
    processes: str
    rule: str
    confidence: float
    size: str
    stratum: str
    automotive: bool
    origin: str
    distance_km: float | None
    road_km: float | None
    state_code: str
    municipality: str
    postal_code: str
    lat: float | None
    lon: float | None
    score: float
    outreach: str
    reasons: tuple[str, ...]


def candidate_rows(found: list[FoundCandidate]) -> list[CandidateRow]:
    names = {t.slug: t.name(get_language() or "es") for t in taxonomy.processes().terms}
    statuses = dict(Outreach.Status.choices)
    rows = []
    for item in found:
        c, e = item.candidate, item.candidate.establishment
        rule = _("SCIAN %(prefix)s → %(process)s") % {
            "prefix": c.fit.rule.prefix,
            "process": names.get(c.fit.process, c.fit.process),
        }
        if c.fit.rule.note:
            rule = f"{rule} ({c.fit.rule.note})"
        size = str(SIZE_LABELS[c.size])
        origin = _("already automotive") if c.automotive else _("conversion from another industry")
        reasons = [
            _("%(rule)s, confidence %(confidence).2f")
            % {"rule": rule, "confidence": c.fit.confidence},
            _("%(stratum)s: %(size)s") % {"stratum": Stratum(e.stratum).label, "size": size},
            origin,
        ]
        if c.distance_km is not None:
            reasons.append(
                _("%(km).0f km away (about %(road).0f km by road)")
                % {"km": c.distance_km, "road": c.road_km}
            )
        rows.append(
            CandidateRow(
                clee=e.clee,
                name=e.name,
                legal_name=e.legal_name,
                scian_code=e.scian_code,
                activity=e.activity_name,
                processes=", ".join(names.get(p, p) for p in item.processes),
                rule=rule,
                confidence=c.fit.confidence,
                size=size,
                stratum=Stratum(e.stratum).label,
                automotive=c.automotive,
                origin=origin,
                distance_km=c.distance_km,
                road_km=c.road_km,
                state_code=e.state_code,
                municipality=e.municipality_name,
                postal_code=e.postal_code,
                lat=e.lat,
                lon=e.lon,
                score=c.score,
                outreach=str(statuses.get(item.outreach_status, "")),
                reasons=tuple(reasons),
            )
        )
    return rows


def considered(search: MultiSearch) -> list[tuple[str, int]]:
    """Establishments that passed the filters, per process, under the process's name."""
    names = {t.slug: t.name(get_language() or "es") for t in taxonomy.processes().terms}
    return [(names.get(slug, slug), count) for slug, count in search.considered.items()]


def markers(rows: list[CandidateRow]) -> list[dict[str, Any]]:
    """The map's points: candidates with coordinates, in the table's order."""
    return [
        {
            "clee": row.clee,
            "name": row.name,
            "lat": row.lat,
            "lon": row.lon,
            "automotive": row.automotive,
            "label": f"{row.name} · {row.processes} · {row.size}"
            + (f" · {row.distance_km:.0f} km" if row.distance_km is not None else ""),
        }
        for row in rows
        if row.lat is not None and row.lon is not None
    ]


def contacts(clees: list[str]) -> dict[str, tuple[str, str, str]]:
    """Phone, e-mail and website of the listed establishments, in one query (for the export)."""
    return {
        clee: (phone, email, website)
        for clee, phone, email, website in Establishment.objects.filter(clee__in=clees).values_list(
            "clee", "phone", "email", "website"
        )
    }
