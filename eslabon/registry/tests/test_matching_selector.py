"""Registry rows become the matching engine's values, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eslabon.domain.matching import SupplierTable, parse_requirement, rank
from eslabon.registry.selectors import matching_suppliers
from eslabon.registry.tests.factories import CapabilityFactory, SiteFactory

REQUIREMENT = {
    "id": "R-1", "title": "Flecha maquinada", "description": "Maquinado CNC de flechas de acero",
    "processes": ["cnc-machining"], "annual_volume": 50000, "sop_date": "2027-06-01",
    "required_certifications": ["iso-9001"], "delivery": {"lat": 25.67, "lon": -100.31},
    "max_distance_km": 300,
}  # fmt: skip


@pytest.mark.django_db
def test_published_suppliers_are_loaded_with_sites_capabilities_and_certificates(cast: Any) -> None:
    suppliers = {supplier.id: supplier for supplier in matching_suppliers()}
    assert str(cast.pending_org.pk) not in suppliers and str(cast.buyer_org.pk) not in suppliers
    mine = suppliers[str(cast.supplier_org.pk)]
    capability = mine.sites[0].capabilities[0]
    assert capability.process == "cnc-machining" and capability.free_capacity == 80000
    assert mine.certifications[0].standard == "iso-9001"
    assert mine.certifications[0].expires == dt.date(2028, 1, 14)


@pytest.mark.django_db
def test_a_registered_supplier_that_meets_every_limit_ranks_eligible(cast: Any) -> None:
    table = SupplierTable.build(matching_suppliers())
    ranking = rank(parse_requirement(REQUIREMENT), table, today=dt.date(2026, 11, 24))
    by_id = {result.supplier_id: result for result in ranking.results}
    assert by_id[str(cast.supplier_org.pk)].eligible


@pytest.mark.django_db
def test_loading_takes_the_same_queries_for_ten_more_suppliers(cast: Any) -> None:
    with CaptureQueriesContext(connection) as few:
        matching_suppliers()
    for _ in range(10):
        CapabilityFactory(site=SiteFactory())
    with CaptureQueriesContext(connection) as many:
        matching_suppliers()
    assert len(few) == len(many)
