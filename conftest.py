"""Fixtures shared by every app's tests: one organisation and user per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    CertificationFactory,
    OrganizationFactory,
    SiteFactory,
    UserFactory,
    member_of,
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests create many users; the real hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def taxonomies_present(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush the tables a data migration filled; refill the taxonomies."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from eslabon.data import taxonomy
    from eslabon.registry.models import CertificationStandard, Material, Process
    from eslabon.registry.taxonomy_sync import sync_taxonomies

    complete = (
        Process.objects.count() == len(taxonomy.processes().terms)
        and Material.objects.count() == len(taxonomy.materials().terms)
        and CertificationStandard.objects.count() == len(taxonomy.certifications().terms)
    )
    if not complete:
        sync_taxonomies(Process, Material, CertificationStandard)


@pytest.fixture(autouse=True)
def login_lockout_off(settings: Any) -> None:
    """The test client's login() passes no request, which django-axes needs; the lock-out has
    its own test that turns it back on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def caches_empty() -> None:
    """Each test starts with an empty cache, so that no value built in one test (the
    matching engine's supplier table) is found in another."""
    from django.core.cache import cache

    from eslabon.matching import selectors

    cache.clear()
    selectors.forget_tables()


@dataclass
class Cast:
    """The people of an authorization test: each role, and records owned by some of them."""

    supplier: Any
    supplier_org: Any
    other_supplier: Any
    other_supplier_org: Any
    pending_supplier: Any
    pending_org: Any
    buyer: Any
    buyer_org: Any
    operator: Any
    operator_org: Any
    site: Any
    capability: Any
    certification: Any
    other_site: Any
    other_capability: Any
    other_certification: Any


@pytest.fixture
def cast(db: Any) -> Cast:
    supplier_org = OrganizationFactory()
    other_supplier_org = OrganizationFactory()
    pending_org = OrganizationFactory(status=OrganizationStatus.PENDING)
    buyer_org = OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem")
    operator_org = OrganizationFactory(is_supplier=False, is_operator=True, tier="")
    site = SiteFactory(organization=supplier_org)
    other_site = SiteFactory(organization=other_supplier_org, name="Planta Saltillo")
    return Cast(
        supplier=member_of(supplier_org),
        supplier_org=supplier_org,
        other_supplier=member_of(other_supplier_org),
        other_supplier_org=other_supplier_org,
        pending_supplier=member_of(pending_org),
        pending_org=pending_org,
        buyer=member_of(buyer_org),
        buyer_org=buyer_org,
        operator=member_of(operator_org),
        operator_org=operator_org,
        site=site,
        capability=CapabilityFactory(site=site),
        certification=CertificationFactory(organization=supplier_org),
        other_site=other_site,
        other_capability=CapabilityFactory(site=other_site),
        other_certification=CertificationFactory(organization=other_supplier_org),
    )


@pytest.fixture
def stranger(db: Any) -> Any:
    """An authenticated user who belongs to no organisation."""
    return UserFactory()
