"""Hub requirements and registry suppliers as the matching engine's values, and the rankings.

The engine is pure (eslabon.domain.matching); this module is where the web layer loads rows
into it, in a fixed number of queries whatever the number of suppliers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace as dataclass_replace
from typing import Any

from django.conf import settings
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
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import Requirement
from eslabon.registry.models import Organization
from eslabon.registry.selectors import matching_suppliers


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
    table = SupplierTable.build(suppliers_with_performance())
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
        value, SupplierTable.build(suppliers_with_performance()), today=timezone.localdate(),
        component=component, values=[current * factor for factor in SENSITIVITY_FACTORS],
        programme_weights=programme_weights(), circuity=settings.ESLABON_MATCHING_CIRCUITY,
        top=top,
    )  # fmt: skip


def organizations_by_id(ids: Iterable[str]) -> dict[str, Organization]:
    wanted = [int(pk) for pk in ids]
    found = Organization.objects.filter(pk__in=wanted).prefetch_related("sites")
    return {str(organization.pk): organization for organization in found}


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
