"""Dashboard 6, the map: published suppliers and buyers, and DENUE candidates, counted by state
and by municipality.

Companies are counted by their sites (a company with plants in two municipalities counts in
both, once per place); each count is a ``Count(distinct)`` the database computes, one query
per level. Candidates are DENUE establishments still listed (not vanished) whose SCIAN
activity an operators' rule maps to a process (``discovery.ScianProcessRule``); registered
suppliers are not taken out of that count, which the candidate search does one by one.
Points are the municipal seats of ``eslabon/data/municipalities.csv`` where the municipality is
listed there, otherwise the average position of the sites or establishments counted. For
viewers other than operators a supplier or buyer count of one or two companies besides their
own is withheld (and the point is not drawn for that kind).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db.models import Avg, Count, Max, Q

from eslabon.analytics.dashboards.common import process_family, suppliers
from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import shown
from eslabon.analytics.permissions import Scope
from eslabon.data.geography import municipalities, states
from eslabon.discovery.models import Establishment, ScianProcessRule
from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.models import Organization, Site


@dataclass
class Place:
    """One state (``municipality`` empty) or municipality with its counts (or SUPPRESSED)."""

    state_code: str
    state: str
    municipality_code: str
    municipality: str
    suppliers: Any
    buyers: Any
    candidates: int
    lat: float | None
    lon: float | None


def _buyers(filters: Filters) -> Any:
    queryset = Organization.objects.filter(is_buyer=True, status=OrganizationStatus.APPROVED)
    if filters.size:
        queryset = queryset.filter(size_stratum=filters.size)
    return queryset.values("pk")


def candidate_condition(filters: Filters) -> Q | None:
    """Establishments whose activity a rule maps to a process (of the filter's family); None
    when no rule applies, so that nothing counts."""
    rules = ScianProcessRule.objects.all()
    if filters.process:
        rules = rules.filter(process__in=process_family(filters.process))
    prefixes = sorted(set(rules.values_list("scian_prefix", flat=True)))
    if not prefixes:
        return None
    return reduce(operator.or_, (Q(scian_code__startswith=prefix) for prefix in prefixes))


def _site_counts(scope: Scope, filters: Filters, levels: tuple[str, ...]) -> list[dict[str, Any]]:
    supplier_ids, buyer_ids = suppliers(filters), _buyers(filters)
    is_supplier = Q(organization__in=supplier_ids)
    is_buyer = Q(organization__in=buyer_ids)
    others = ~Q(organization__in=scope.own)
    sites = Site.objects.filter(is_supplier | is_buyer)
    if filters.state:
        sites = sites.filter(state_code=filters.state)
    return list(
        sites.values(*levels)
        .annotate(
            suppliers=Count("organization", distinct=True, filter=is_supplier),
            suppliers_others=Count("organization", distinct=True, filter=is_supplier & others),
            buyers=Count("organization", distinct=True, filter=is_buyer),
            buyers_others=Count("organization", distinct=True, filter=is_buyer & others),
            name=Max("municipality_name"),
            lat=Avg("latitude"),
            lon=Avg("longitude"),
        )
        .order_by(*levels)
    )


def _candidate_counts(filters: Filters, levels: tuple[str, ...]) -> list[dict[str, Any]]:
    condition = candidate_condition(filters)
    if condition is None:
        return []
    establishments = Establishment.objects.filter(condition, vanished=False)
    if filters.state:
        establishments = establishments.filter(state_code=filters.state)
    return list(
        establishments.values(*levels)
        .annotate(
            candidates=Count("pk"), name=Max("municipality_name"), lat=Avg("lat"), lon=Avg("lon")
        )
        .order_by(*levels)
    )


def places(scope: Scope, filters: Filters, *, by_municipality: bool) -> list[Place]:
    """Every state (or municipality) with a supplier, buyer or candidate, in code order."""
    levels = ("state_code", "municipality_code") if by_municipality else ("state_code",)
    state_names, seats = states(), municipalities()
    found: dict[tuple[str, ...], Place] = {}

    def place(row: dict[str, Any]) -> Place:
        key = tuple(row[level] or "" for level in levels)
        if key not in found:
            state_code = key[0]
            municipality_code = key[1] if by_municipality else ""
            seat = seats.get(state_code + municipality_code) if by_municipality else None
            found[key] = Place(
                state_code=state_code,
                state=state_names[state_code].name if state_code in state_names else state_code,
                municipality_code=municipality_code,
                municipality=(seat.name if seat else row["name"] or municipality_code)
                if by_municipality
                else "",
                suppliers=0,
                buyers=0,
                candidates=0,
                lat=seat.lat if seat else row["lat"],
                lon=seat.lon if seat else row["lon"],
            )
        return found[key]

    for row in _site_counts(scope, filters, levels):
        spot = place(row)
        spot.suppliers = shown(row["suppliers"], scope.hides(row["suppliers_others"]))
        spot.buyers = shown(row["buyers"], scope.hides(row["buyers_others"]))
    for row in _candidate_counts(filters, levels):
        spot = place(row)
        spot.candidates = row["candidates"]
        if spot.lat is None:
            spot.lat, spot.lon = row["lat"], row["lon"]
    return [found[key] for key in sorted(found)]
