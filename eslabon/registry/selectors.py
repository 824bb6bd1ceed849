"""Reads of the registry: directory queries, profiles, distances. No writes here."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Prefetch, QuerySet

from eslabon.domain.geo import EARTH_RADIUS_KM, great_circle_km_array
from eslabon.registry.models import Capability, Certification, Organization, Site


def directory_queryset(user: Any) -> QuerySet[Organization]:
    """Published suppliers the user may see, with what the list shows prefetched."""
    return (
        Organization.objects.visible_to(user)
        .published_suppliers()
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            Prefetch(
                "sites__capabilities",
                queryset=Capability.objects.select_related("process").order_by("process__slug"),
            ),
            Prefetch(
                "certifications",
                queryset=Certification.objects.select_related("standard").order_by(
                    "standard__slug"
                ),
            ),
        )
        .order_by("legal_name", "pk")
    )


def organizations_within_km(
    organizations: QuerySet[Organization], *, lat: float, lon: float, km: float
) -> set[int]:
    """Ids of organisations with a site within ``km`` (great circle) of the point.

    A bounding box narrows the sites in the database; the exact distance is vectorised.
    """
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    rows = list(
        Site.objects.filter(
            organization__in=organizations.values("pk"),
            latitude__range=(lat - dlat, lat + dlat),
            longitude__range=(lon - dlon, lon + dlon),
        ).values_list("organization_id", "latitude", "longitude")
    )
    if not rows:
        return set()
    owners = np.array([row[0] for row in rows])
    distances = great_circle_km_array(
        lat, lon, np.array([row[1] for row in rows]), np.array([row[2] for row in rows])
    )
    return {int(owner) for owner in owners[distances <= km]}


def organization_profile(user: Any, pk: int) -> Organization:
    """One organisation the user may see, with its sites, capabilities and certificates."""
    return (
        Organization.objects.visible_to(user)
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            Prefetch(
                "sites__capabilities",
                queryset=Capability.objects.select_related("process").prefetch_related("materials"),
            ),
            Prefetch(
                "certifications",
                queryset=Certification.objects.select_related("standard", "site"),
            ),
            "contacts",
        )
        .get(pk=pk)
    )


def matching_suppliers(
    organizations: QuerySet[Organization] | None = None,
    performance: Any = None,
) -> tuple[Any, ...]:
    """Published suppliers as the matching engine's plain values, loaded in four queries.

    This is the one place where registry rows become ``eslabon.domain.matching`` values.
    ``performance`` maps an organisation id to its ``matching.Performance`` (the Supply Hub
    keeps those figures; the registry does not depend on it).
    """
    from eslabon.domain.matching import model as matching

    queryset = organizations if organizations is not None else Organization.objects.all()
    queryset = queryset.published_suppliers().prefetch_related(
        Prefetch(
            "sites__capabilities",
            queryset=Capability.objects.select_related("process").prefetch_related("materials"),
        ),
        Prefetch("certifications", queryset=Certification.objects.select_related("standard")),
    )
    suppliers = []
    for organization in queryset.order_by("pk"):
        sites = tuple(
            matching.Site(
                id=str(site.pk),
                location=matching.Point(site.latitude, site.longitude),
                state=site.state_code,
                capabilities=tuple(
                    matching.Capability(
                        process=capability.process.slug,
                        materials=tuple(m.slug for m in capability.materials.all()),
                        max_dimension_mm=capability.max_dimension_mm,
                        max_weight_kg=(
                            float(capability.max_weight_kg) if capability.max_weight_kg else None
                        ),
                        annual_capacity=capability.annual_capacity,
                        utilisation=float(capability.utilisation),
                        description=capability.description,
                    )
                    for capability in site.capabilities.all()
                ),
            )
            for site in organization.sites.all()
        )
        certifications = tuple(
            matching.Certification(
                standard=certification.standard.slug,
                status=matching.CertificationStatus(certification.status),
                expires=certification.expires_on,
                expected=certification.expected_on,
            )
            for certification in organization.certifications.all()
        )
        suppliers.append(
            matching.Supplier(
                id=str(organization.pk),
                name=str(organization),
                description=organization.description,
                employees=organization.employees,
                sites=sites,
                certifications=certifications,
                performance=(performance or {}).get(organization.pk, matching.Performance()),
            )
        )
    return tuple(suppliers)


def registry_version() -> str:
    """A fingerprint of what the matching engine reads from the registry, in one query.

    It changes whenever an organisation, site, capability (with its materials) or certificate
    is created, edited or deleted, through any path: rows with ``updated_at`` (organisations,
    capabilities, certificates) give their count and latest change; sites, which have no
    such column, and capability materials give their count and a sum of their columns
    weighted by row id, so that a moved site or a changed state code changes the sum.
    Caches of values built from those rows are keyed on it (matching's supplier table).
    """
    organization = Organization._meta.db_table
    site = Site._meta.db_table
    capability = Capability._meta.db_table
    certification = Certification._meta.db_table
    materials = Capability.materials.through._meta.db_table
    # Character codes, not a cast, so that no stored value can make the query fail.
    code = "UNICODE" if connection.vendor == "sqlite" else "ASCII"
    state = f"({code}(state_code) * 256 + {code}(SUBSTR(state_code, 2, 1)))"
    # Table names come from the models, never from input.
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {organization}),"  # noqa: S608
        f" (SELECT MAX(updated_at) FROM {organization}),"
        f" (SELECT COUNT(*) FROM {capability}), (SELECT MAX(updated_at) FROM {capability}),"
        f" (SELECT COUNT(*) FROM {certification}), (SELECT MAX(updated_at) FROM {certification}),"
        f" (SELECT COUNT(*) FROM {materials}),"
        f" (SELECT SUM(capability_id * 1000 + material_id) FROM {materials}),"
        f" (SELECT COUNT(*) FROM {site}), (SELECT MAX(id) FROM {site}),"
        f" (SELECT SUM(id * latitude) FROM {site}),"
        f" (SELECT SUM(id * longitude) FROM {site}),"
        f" (SELECT SUM(id * {state}) FROM {site}),"
        f" (SELECT SUM(organization_id) FROM {site})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "|".join(str(value) for value in row)


def registered_supplier_sites() -> list[tuple[str, str, float | None, float | None]]:
    """(name, postal code, latitude, longitude) of every supplier's site, in one query.

    Discovery leaves out DENUE establishments that match these. Each site appears under the
    organisation's legal name and again under its trade name when it has one, since DENUE
    lists establishments by either. Unpublished suppliers count too: they have registered.
    """
    rows = (
        Site.objects.filter(organization__is_supplier=True)
        .order_by("pk")
        .values_list(
            "organization__legal_name", "organization__trade_name", "postal_code",
            "latitude", "longitude",
        )
    )  # fmt: skip
    sites: list[tuple[str, str, float | None, float | None]] = []
    for legal_name, trade_name, postal_code, lat, lon in rows:
        sites.append((legal_name, postal_code, lat, lon))
        if trade_name and trade_name != legal_name:
            sites.append((trade_name, postal_code, lat, lon))
    return sites


def buyer_plants(user: Any) -> QuerySet[Site]:
    """Sites of buyer organisations the user may see: the points discovery measures from."""
    return (
        Site.objects.visible_to(user)
        .filter(organization__is_buyer=True)
        .select_related("organization")
        .order_by("organization__legal_name", "name")
    )
