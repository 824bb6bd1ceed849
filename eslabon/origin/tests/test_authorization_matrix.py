"""Authorization matrix of every origin view: role × action on one buyer's good.

The good belongs to the buyer under test. Its members read and change it; programme operators
and staff read it (writes: 403); suppliers, another buyer, members of a pending organisation and
people of no organisation never learn it exists (404). A new view without a row here fails
`test_every_origin_url_is_in_the_matrix`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import get_resolver, reverse

from eslabon.origin import services
from eslabon.origin.models import Material
from eslabon.origin.tests.factories import bom_upload, example_good
from eslabon.registry.tests.factories import OrganizationFactory, UserFactory, member_of

ROLES = (
    "anonymous", "stranger", "pending", "supplier", "other_buyer", "buyer", "operator", "admin",
)  # fmt: skip
OK, LOGIN, FORBIDDEN, MISSING, REDIRECT = "ok", "login", "forbidden", "missing", "redirect"


def _everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


# Reading a good: its buyer and the programme's officers; nobody else learns it exists.
READ = _everyone(MISSING, anonymous=LOGIN, buyer=OK, operator=OK, admin=OK)
# Changing it: its buyer only; officers see it, so they are refused rather than misled.
WRITE = _everyone(MISSING, anonymous=LOGIN, buyer=REDIRECT, operator=FORBIDDEN, admin=FORBIDDEN)
WRITE_PARTIAL = {**WRITE, "buyer": OK}
WORKSPACE = _everyone(FORBIDDEN, anonymous=LOGIN, buyer=OK, other_buyer=OK, operator=OK, admin=OK)
CREATE = _everyone(FORBIDDEN, anonymous=LOGIN, buyer=OK, other_buyer=OK)


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    method: str
    expected: dict[str, str]
    data: Callable[[Any], dict[str, Any]] | None = None


@dataclass
class Records:
    good: Any
    material: Any
    offer: Any
    scenario: Any


def _u(name: str, attr: str | None = None) -> Callable[[Records], str]:
    def build(records: Records) -> str:
        if attr is None:
            return reverse(name)
        return reverse(name, args=[getattr(records, attr).pk])

    return build


def _material_data(records: Records) -> dict[str, Any]:
    return {"new-code": "M9", "new-originating": "no", "new-value": "5", "new-quantity": "1"}


def _edit_data(records: Records) -> dict[str, Any]:
    prefix = f"m{records.material.pk}"
    return {f"{prefix}-code": "M4", f"{prefix}-originating": "yes",
            f"{prefix}-value": "35.25", f"{prefix}-quantity": "8"}  # fmt: skip


def _good_data(records: Records) -> dict[str, Any]:
    return {"organization": records.good.organization_id, "name": "Caliper", "hs_code": "8708.30",
            "end_use": "passenger_or_light_truck", "net_cost": "100", "currency": "USD",
            "date": "2025-07-01"}  # fmt: skip


MATRIX = [
    Row("list", _u("origin:goods"), "get", WORKSPACE),
    Row("create form", _u("origin:good_create"), "get", CREATE),
    # Another buyer may create goods, but not for this buyer: the form refuses the choice.
    Row("create", _u("origin:good_create"), "post", {**CREATE, "buyer": REDIRECT}, _good_data),
    Row("detail", _u("origin:good_detail", "good"), "get", READ),
    Row("edit form", _u("origin:good_edit", "good"), "get", WRITE_PARTIAL),
    Row("edit", _u("origin:good_edit", "good"), "post", WRITE, _good_data),
    Row("upload BOM", _u("origin:bom_upload", "good"), "post", WRITE,
        lambda r: {"file": bom_upload()}),
    Row("add line", _u("origin:material_create", "good"), "post", WRITE_PARTIAL, _material_data),
    Row("edit line form", _u("origin:material_edit", "material"), "get", WRITE_PARTIAL),
    Row("edit line", _u("origin:material_edit", "material"), "post", WRITE_PARTIAL, _edit_data),
    Row("mark target", _u("origin:material_target", "material"), "post", WRITE_PARTIAL,
        lambda r: {"target": "1"}),
    Row("delete line", _u("origin:material_delete", "material"), "post", WRITE_PARTIAL),
    Row("localisation", _u("origin:localisation", "good"), "get", READ),
    Row("add offer", _u("origin:offer_create", "material"), "post", WRITE,
        lambda r: {"supplier_name": "Hules del Bajío", "unit_price": "3.10"}),
    # The line has no Supply Hub line: the buyer is sent back with the reason.
    Row("offers from quotes", _u("origin:offers_from_quotes", "material"), "post", WRITE),
    Row("remove offer", _u("origin:offer_delete", "offer"), "post", WRITE),
    Row("save scenario", _u("origin:scenario_create", "good"), "post", WRITE,
        lambda r: {"name": "Nuevo", "offers": [r.offer.pk]}),
    Row("scenarios", _u("origin:scenarios", "good"), "get", READ),
    Row("delete scenario", _u("origin:scenario_delete", "scenario"), "post", WRITE),
    Row("export", _u("origin:good_export", "good"), "get", READ),
    # The good does not qualify: readers are sent back to it with the reason.
    Row("certification PDF", _u("origin:certification", "good"), "get",
        {**READ, "buyer": REDIRECT, "operator": REDIRECT, "admin": REDIRECT}),
]  # fmt: skip


@pytest.fixture
def records(cast: Any) -> Records:
    good = example_good(cast.buyer_org, cast.buyer)
    material = Material.objects.get(good=good, code="M4")
    services.set_target(material=material, target=True)
    offer = services.add_offer(
        material=material, supplier=None, supplier_name="Hules", unit_price=Decimal("3.00")
    )
    scenario = services.save_scenario(good=good, name="Hules", offers=[offer], user=None)
    return Records(good=good, material=material, offer=offer, scenario=scenario)


@pytest.fixture
def people(cast: Any, stranger: Any) -> dict[str, Any]:
    other_buyer_org = OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem")
    return {
        "anonymous": None,
        "stranger": stranger,
        "pending": cast.pending_supplier,
        "supplier": cast.supplier,
        "other_buyer": member_of(other_buyer_org),
        "buyer": cast.buyer,
        "operator": cast.operator,
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }


def _outcome(response: Any) -> str:
    if response.status_code in (200, 201):
        return OK
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return {403: FORBIDDEN, 404: MISSING}.get(response.status_code, str(response.status_code))


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, people: dict[str, Any], records: Records, row: Row
) -> None:
    url = row.url(records)
    outcomes = {}
    # Successful writes last, so that every refused role meets the records unchanged.
    for role in sorted(ROLES, key=lambda role: row.expected[role] in (REDIRECT, OK)):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        data = row.data(records) if row.data else {}
        response = client.post(url, data) if row.method == "post" else client.get(url)
        outcomes[role] = _outcome(response)
    assert outcomes == row.expected
    if row.name == "create":
        assert records.good.organization.origin_goods.count() == 2  # the buyer's one only


def test_every_origin_url_is_in_the_matrix() -> None:
    covered = {
        "goods", "good_create", "good_detail", "good_edit", "bom_upload", "material_create",
        "material_edit", "material_delete", "material_target", "localisation", "offer_create",
        "offer_delete", "scenario_create", "scenarios", "scenario_delete", "good_export",
        "certification", "offers_from_quotes",
    }  # fmt: skip
    resolver = get_resolver().namespace_dict["origin"][1]
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    assert names == covered, names ^ covered
