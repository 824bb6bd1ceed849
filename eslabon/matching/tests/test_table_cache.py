"""The supplier table is built once per registry version, and every registry change is seen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eslabon.domain.matching import SupplierTable
from eslabon.hub.choices import InvitationResponse, RequirementStatus
from eslabon.hub.tests.factories import InvitationFactory, RequirementFactory
from eslabon.matching import selectors
from eslabon.registry.choices import CertificationStatus, OrganizationStatus
from eslabon.registry.models import Capability, Certification, Material, Organization, Site
from eslabon.registry.selectors import matching_suppliers


def _fresh() -> SupplierTable:
    return SupplierTable.build(matching_suppliers())


def _same(cached: SupplierTable, fresh: SupplierTable) -> bool:
    return cached.suppliers == fresh.suppliers and all(
        np.array_equal(getattr(cached, name), getattr(fresh, name), equal_nan=True)
        for name in ("cap_process", "cap_materials", "cap_max_dimension", "cap_free", "site_lat",
                     "site_lon", "held_until", "in_progress_expected", "planned")
    )  # fmt: skip


@pytest.fixture
def registry(cast: Any) -> Any:
    """Two published suppliers, each with a site, a capability and a certificate."""
    return cast


@pytest.mark.django_db
def test_an_unchanged_registry_reuses_the_table_after_one_query(registry: Any) -> None:
    first = selectors.registry_table()
    with CaptureQueriesContext(connection) as queries:
        again = selectors.registry_table()
    assert again is first
    assert len(queries) == 1  # the registry's version


@pytest.mark.django_db
def test_another_process_finds_the_table_in_the_shared_cache(registry: Any) -> None:
    selectors.registry_table()
    selectors.forget_tables()  # as a second web process, which has no table of its own
    with CaptureQueriesContext(connection) as queries:
        table = selectors.registry_table()
    assert len(queries) == 1
    assert _same(table, _fresh())


def _move_site(cast: Any) -> None:
    Site.objects.filter(pk=cast.site.pk).update(latitude=20.5, longitude=-103.4)  # no save()


def _rename_state(cast: Any) -> None:
    Site.objects.filter(pk=cast.site.pk).update(state_code="14")


def _edit_capability(cast: Any) -> None:
    capability = Capability.objects.filter(site=cast.site).first()
    capability.max_dimension_mm = 9000
    capability.save()


def _add_material(cast: Any) -> None:
    Capability.objects.filter(site=cast.site).first().materials.add(Material.objects.first())


def _bulk_capability(cast: Any) -> None:
    process = Capability.objects.first().process
    other = type(process).objects.exclude(pk=process.pk).first()
    Capability.objects.bulk_create(
        [Capability(site=cast.other_site, process=other, annual_capacity=10, utilisation=0)]
    )


def _delete_certificate(cast: Any) -> None:
    Certification.objects.filter(organization=cast.supplier_org).delete()


def _plan_certificate(cast: Any) -> None:
    certificate = Certification.objects.filter(organization=cast.supplier_org).first()
    certificate.status = CertificationStatus.PLANNED
    certificate.save()


def _unpublish(cast: Any) -> None:
    organization = Organization.objects.get(pk=cast.other_supplier_org.pk)
    organization.status = OrganizationStatus.REJECTED
    organization.save()


def _delete_site(cast: Any) -> None:
    Site.objects.filter(pk=cast.other_site.pk).delete()


CHANGES: dict[str, Callable[[Any], None]] = {
    "site moved (queryset update)": _move_site,
    "site's state changed (queryset update)": _rename_state,
    "capability edited": _edit_capability,
    "material added to a capability": _add_material,
    "capability bulk-created": _bulk_capability,
    "certificate deleted": _delete_certificate,
    "certificate now only planned": _plan_certificate,
    "supplier unpublished": _unpublish,
    "site deleted": _delete_site,
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_registry_change_gives_a_new_table(
    registry: Any, change: Callable[[Any], None]
) -> None:
    before = selectors.registry_table()
    assert _same(before, _fresh())
    change(registry)
    after = selectors.registry_table()
    assert after is not before
    assert not _same(before, _fresh())  # the change is one the table shows
    assert _same(after, _fresh())


@pytest.mark.django_db
def test_hub_performance_is_current_without_rebuilding_the_table(registry: Any) -> None:
    requirement = RequirementFactory(
        status=RequirementStatus.PUBLISHED, published_at=timezone.now()
    )
    built = selectors.registry_table()
    InvitationFactory(
        requirement=requirement, supplier=registry.supplier_org,
        response=InvitationResponse.INTEND, responded_at=timezone.now(),
    )  # fmt: skip
    table = selectors.supplier_table()
    fresh = SupplierTable.build(selectors.suppliers_with_performance())
    assert table.suppliers == fresh.suppliers
    assert np.array_equal(table.performance, fresh.performance)
    mine = next(s for s in table.suppliers if s.id == str(registry.supplier_org.pk))
    assert mine.performance.response_rate_pct == 100.0
    assert selectors.registry_table() is built  # not built again


ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/6"}, "django.core.cache.backends.redis.RedisCache"),
        (
            {"ESLABON_CACHE_URL": "redis://127.0.0.1:6379/6", "REDIS_URL": "redis://other:6379/1"},
            "django.core.cache.backends.redis.RedisCache",
        ),
    ],
)
def test_the_cache_is_redis_when_the_environment_names_one(
    environment: dict[str, str], backend: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"ESLABON_CACHE_URL", "REDIS_URL"}}
    script = (
        "import json; from eslabon import settings; print(json.dumps(settings.CACHES['default']))"
    )
    output = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], env=env | environment | {"PYTHONPATH": str(ROOT)},
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    cache = json.loads(output)
    assert cache["BACKEND"] == backend
    if environment:
        assert cache["LOCATION"] == "redis://127.0.0.1:6379/6"
