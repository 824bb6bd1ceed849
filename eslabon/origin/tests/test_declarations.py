"""Supplier origin declarations in the bill of materials, and the good's certification PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from eslabon.declarations.tests.factories import declaration
from eslabon.origin import services
from eslabon.origin.models import Material
from eslabon.origin.tests.factories import example_good
from eslabon.registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def _good_with_spring_supplier(cast: Any, on: dt.date) -> Any:
    good = example_good(cast.buyer_org, cast.buyer, date=on)
    m1 = Material.objects.get(good=good, code="M1")  # coil spring, 7320.20, CN, 180.00
    services.save_material(good=good, material=m1, data={"supplier": cast.supplier_org})
    good.refresh_from_db()
    return good


def test_a_valid_declaration_makes_the_line_originating(client: Any, cast: Any) -> None:
    declaration(cast.supplier_org, customer=cast.buyer_org)  # 7320.20 covered in 2026
    good = _good_with_spring_supplier(cast, dt.date(2026, 3, 1))
    assert good.value_non_originating == Decimal("155.75")  # 335.75 − the spring's 180.00
    client.force_login(cast.buyer)
    page = client.get(reverse("origin:good_detail", args=[good.pk])).content.decode()
    assert 'data-testid="declared"' in page and 'data-testid="declaration-M1"' in page


def test_an_expired_declaration_is_flagged_and_changes_nothing(client: Any, cast: Any) -> None:
    declaration(cast.supplier_org, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    good = _good_with_spring_supplier(cast, dt.date(2026, 3, 1))
    assert good.value_non_originating == Decimal("335.75")
    client.force_login(cast.buyer)
    page = client.get(reverse("origin:good_detail", args=[good.pk])).content.decode()
    assert 'data-testid="lapsed"' in page and 'data-testid="declared"' not in page


def test_a_declaration_for_another_buyer_does_not_count(cast: Any) -> None:
    declaration(cast.supplier_org, customer=cast.other_supplier_org)
    good = _good_with_spring_supplier(cast, dt.date(2026, 3, 1))
    assert good.value_non_originating == Decimal("335.75")


def test_certification_pdf_only_for_a_qualifying_good(client: Any, cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    client.force_login(cast.buyer)
    url = reverse("origin:certification", args=[good.pk])
    assert client.get(url).status_code == 302  # 66.43 % < 75 %: not originating
    m1 = Material.objects.get(good=good, code="M1")
    services.save_material(good=good, material=m1, data={"originating": "yes"})
    response = client.get(url, follow=True)
    assert any("address" in str(m) for m in response.context["messages"])  # no site yet
    SiteFactory(organization=cast.buyer_org)
    cast.buyer_org.contacts.create(name="Camila", email="camila@example.mx", phone="8441234567")
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
