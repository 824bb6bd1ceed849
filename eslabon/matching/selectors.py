"""Hub requirements and registry suppliers as the matching engine's values, and the rankings.

The engine is pure (eslabon.domain.matching); this module is where the web layer loads rows
into it, in a fixed number of queries whatever the number of suppliers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterable
from dataclasses import replace as dataclass_replace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from eslabon.domain.matching import (
    COMPONENTS,
    Ranking,
    ReverseMatch,
    SensitivityStep,
    SupplierTable,
    rank,
    requirements_for,
    resolve_weights,
    sensitivity,
)
from eslabon.domain.matching import model as matching
from eslabon.domain.matching.similarity import default_method
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import Requirement
from eslabon.registry.models import Organization, Site
from eslabon.registry.selectors import matching_suppliers, registry_version


def requirement_value(requirement: Requirement) -> matching.Requirement:
    """A hub requirement as the engine sees it (taxonomy slugs, envelope, volume, plant)."""
    dimensions = [
        value
        for value in (
            requirement.envelope_length_mm,
            requirement.envelope_width_mm,
            requirement.envelope_height_mm,
        )
        if value
    ]
    site = requirement.delivery_site
    return matching.Requirement(
        id=str(requirement.pk),
        title=requirement.title,
        description=requirement.description,
        processes=tuple(p.slug for p in requirement.processes.all()),
        materials=tuple(m.slug for m in requirement.materials.all()),
        part=matching.PartEnvelope(
            max_dimension_mm=max(dimensions) if dimensions else None,
            weight_kg=float(requirement.part_weight_kg) if requirement.part_weight_kg else None,
        ),
        annual_volume=requirement.annual_volume,
        required_certifications=tuple(c.slug for c in requirement.required_certifications.all()),
        sop_date=requirement.sop_date,
        ppap_level=requirement.ppap_level,
        delivery=matching.Point(site.latitude, site.longitude) if site else None,
        max_distance_km=(
            float(requirement.max_distance_km) if requirement.max_distance_km else None
        ),
        weights=tuple((name, float(value)) for name, value in requirement.match_weights.items()),
    )


def programme_weights() -> dict[str, float]:
    """The installation's programme weights (settings.ESLABON_MATCHING_WEIGHTS)."""
    return {name: float(value) for name, value in settings.ESLABON_MATCHING_WEIGHTS.items()}


def effective_weights(
    requirement: Requirement, override: dict[str, float] | None = None
) -> dict[str, float]:
    """Defaults, then the programme's, then the requirement's own (or a preview override)."""
    own = override if override is not None else dict(requirement_value(requirement).weights)
    resolved = resolve_weights(programme_weights(), own)
    return dict(zip(COMPONENTS, resolved.values, strict=True))


def _with_taxonomy(requirements: QuerySet[Requirement]) -> QuerySet[Requirement]:
    return requirements.select_related("delivery_site", "buyer").prefetch_related(
        "processes", "materials", "required_certifications"
    )


def hub_performance(organizations: QuerySet[Organization] | None = None) -> dict[int, Any]:
    """The Supply Hub's record of each supplier as the engine's Performance values."""
    from eslabon.hub.performance import supplier_performance

    scope = organizations if organizations is not None else Organization.objects.all()
    ids = scope.published_suppliers().values_list("pk", flat=True)
    return {
        supplier_id: matching.Performance(
            response_rate_pct=_pct(record.response_rate),
            ppap_first_time_pct=_pct(record.ppap_first_time_approval),
        )
        for supplier_id, record in supplier_performance(ids).items()
    }


def _pct(ratio: Any) -> float | None:
    return None if ratio is None else float(ratio) * 100.0


def suppliers_with_performance(
    organizations: QuerySet[Organization] | None = None,
) -> tuple[matching.Supplier, ...]:
    return matching_suppliers(organizations, performance=hub_performance(organizations))


# How long a built table is reused without looking at the registry again is not a question:
# every use reads the registry's version (one query) first. The lifetime below only bounds
# how long a table stays around for writes that fingerprint cannot see (a renamed taxonomy
# slug), and lets the cache forget tables of old versions.
TABLE_SECONDS = 3600
_latest: dict[str, tuple[float, SupplierTable]] = {}  # this process's newest table, by key
_building = threading.Lock()


def table_key() -> str:
    """The cache key of the registry's current supplier table (one query).

    The table holds every published supplier, whoever asks: it is the same for every user
    (the requirement, checked by the view, is what is scoped), so one shared key is right.
    It carries no hub figures: those are joined per request (``supplier_table``).
    """
    version = hashlib.sha256(registry_version().encode()).hexdigest()[:32]
    return f"matching:supplier-table:{default_method().name}:{version}"


def registry_table() -> SupplierTable:
    """Published suppliers as the engine's table, built once per registry version.

    Looked up in this process first, then in Django's cache (shared by every process when it
    is Redis), and built from the registry on a miss.
    """
    key = table_key()
    found = _latest.get(key)
    if found is not None and time.monotonic() - found[0] < TABLE_SECONDS:
        return found[1]
    with _building:  # one build per process at a time; the others wait and reuse it
        found = _latest.get(key)
        if found is not None and time.monotonic() - found[0] < TABLE_SECONDS:
            return found[1]
        table = cache.get(key)
        if table is None:
            table = SupplierTable.build(matching_suppliers())
            cache.set(key, table, TABLE_SECONDS)
        _latest.clear()
        _latest[key] = (time.monotonic(), table)
        return table


def forget_tables() -> None:
    """Drop this process's table (Django's cache keeps its copy until the version moves)."""
    _latest.clear()


def supplier_table() -> SupplierTable:
    """Every published supplier with its current hub performance, ready to rank against."""
    performance = {str(pk): record for pk, record in hub_performance().items()}
    return registry_table().with_performance(performance)


def with_taxonomy(requirement: Requirement) -> Requirement:
    """The requirement again, with what the engine reads loaded in one round of queries."""
    return _with_taxonomy(Requirement.objects.filter(pk=requirement.pk)).get()


def ranking_for(
    requirement: Requirement,
    *,
    weights: dict[str, float] | None = None,
    today: dt.date | None = None,
) -> Ranking:
    """Every published supplier ranked for one requirement, eligible first.

    ``weights`` previews other weights in place of the requirement's own.
    """
    value = requirement_value(requirement)
    if weights is not None:
        value = dataclass_replace(value, weights=tuple(weights.items()))
    table = supplier_table()
    return rank(
        value, table, today=today or timezone.localdate(),
        programme_weights=programme_weights(), circuity=settings.ESLABON_MATCHING_CIRCUITY,
    )  # fmt: skip


SENSITIVITY_FACTORS = (0.0, 0.5, 2.0, 4.0)


def sensitivity_for(
    requirement: Requirement, component: str, weights: dict[str, float], top: int = 10
) -> tuple[SensitivityStep, ...]:
    """How the top ``top`` change when ``component``'s weight is 0, ½, 2 and 4 times its value."""
    value = dataclass_replace(requirement_value(requirement), weights=tuple(weights.items()))
    current = weights[component]
    return sensitivity(
        value, supplier_table(), today=timezone.localdate(),
        component=component, values=[current * factor for factor in SENSITIVITY_FACTORS],
        programme_weights=programme_weights(), circuity=settings.ESLABON_MATCHING_CIRCUITY,
        top=top,
    )  # fmt: skip


def organizations_by_id(ids: Iterable[str]) -> dict[str, Organization]:
    wanted = [int(pk) for pk in ids]
    found = Organization.objects.filter(pk__in=wanted).prefetch_related("sites")
    return {str(organization.pk): organization for organization in found}


def site_states(ids: Iterable[str | None]) -> dict[str, str]:
    """INEGI state code of each of these sites (engine site ids), in one query."""
    wanted = [int(pk) for pk in ids if pk]
    rows = Site.objects.filter(pk__in=wanted).values_list("pk", "state_code")
    return {str(pk): code for pk, code in rows}


def open_requirements(user: Any) -> QuerySet[Requirement]:
    """Published requirements still taking quotes that the user may see."""
    return _with_taxonomy(
        Requirement.objects.visible_to(user).filter(
            status=RequirementStatus.PUBLISHED, quote_due_at__gt=timezone.now()
        )
    ).order_by("quote_due_at", "pk")


def opportunities_for(
    user: Any, organization: Organization
) -> tuple[ReverseMatch, dict[str, Requirement]]:
    """For a supplier: open requirements it fits, and those it nearly fits with the gaps."""
    requirements = {str(r.pk): r for r in open_requirements(user)}
    suppliers = suppliers_with_performance(Organization.objects.filter(pk=organization.pk))
    if not suppliers:
        return ReverseMatch(str(organization.pk), (), ()), requirements
    reverse = requirements_for(
        suppliers[0],
        [requirement_value(r) for r in requirements.values()],
        today=timezone.localdate(),
    )
    return reverse, requirements
