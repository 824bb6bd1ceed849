"""The supplier directory: each filter narrows the list as a buyer expects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eslabon.registry.models import CertificationStandard, Material, Process
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    CertificationFactory,
    OrganizationFactory,
    SiteFactory,
)


def _names(response: Any) -> set[str]:
    return {str(organization) for organization in response.context["page"]}


@pytest.fixture
def directory(cast: Any) -> dict[str, Any]:
    """Suppliers in Saltillo (casting, IATF) and Guadalajara (plastics, expired IATF)."""
    foundry = OrganizationFactory(trade_name="Fundiciones Saltillo", employees=300)
    plant = SiteFactory(
        organization=foundry, state_code="05", municipality_code="030",
        municipality_name="Saltillo", latitude=25.4232, longitude=-101.0053,
    )  # fmt: skip
    CapabilityFactory(
        site=plant, process=Process.objects.get(slug="hpdc-aluminium"),
        description="Inyección de aluminio a alta presión para carcasas de transmisión",
    ).materials.add(Material.objects.get(slug="aluminium"))  # fmt: skip
    iatf = CertificationStandard.objects.get(slug="iatf-16949")
    CertificationFactory(organization=foundry, standard=iatf)
    plastics = OrganizationFactory(trade_name="Plásticos de Occidente")
    gdl = SiteFactory(
        organization=plastics, state_code="14", municipality_code="039",
        municipality_name="Guadalajara", latitude=20.6597, longitude=-103.3496,
    )  # fmt: skip
    CapabilityFactory(site=gdl, process=Process.objects.get(slug="plastic-injection"))
    CertificationFactory(
        organization=plastics, standard=iatf, issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2023, 1, 1),
    )  # fmt: skip
    return {"foundry": foundry, "plastics": plastics}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"process": "casting"}, {"Fundiciones Saltillo"}),  # a parent finds its sub-processes
        ({"process": "hpdc-aluminium"}, {"Fundiciones Saltillo"}),
        ({"material": "aluminium"}, {"Fundiciones Saltillo"}),
        ({"certification": "iatf-16949"}, {"Fundiciones Saltillo"}),  # expired one excluded
        ({"state": "14"}, {"Plásticos de Occidente"}),
        ({"q": "transmisión"}, {"Fundiciones Saltillo"}),
        ({"lat": "25.6866", "lon": "-100.3161", "within_km": "100"}, {"Fundiciones Saltillo"}),
        ({"size": "large"}, set()),
    ],
)
def test_each_filter_keeps_only_the_suppliers_that_match(
    client: Any, cast: Any, directory: Any, query: dict[str, str], expected: set[str]
) -> None:
    client.force_login(cast.buyer)
    response = client.get(reverse("registry:directory"), query)
    assert response.status_code == 200
    found = _names(response) - {str(cast.supplier_org), str(cast.other_supplier_org)}
    assert found == expected


@pytest.mark.django_db
def test_unpublished_suppliers_and_buyers_never_appear(client: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    names = _names(client.get(reverse("registry:directory")))
    assert str(cast.pending_org) not in names and str(cast.buyer_org) not in names
    assert str(cast.supplier_org) in names


@pytest.mark.django_db
def test_an_htmx_request_gets_only_the_results_fragment(client: Any, cast: Any) -> None:
    client.force_login(cast.buyer)
    response = client.get(reverse("registry:directory"), {"q": "x"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body and "<html" not in body


@pytest.mark.django_db
def test_the_directory_query_count_does_not_grow_with_the_number_of_suppliers(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.buyer)
    client.get(reverse("registry:directory"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("registry:directory"))
    for _ in range(10):
        CapabilityFactory(site=SiteFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("registry:directory"))
    assert len(many) == len(few) <= 12
