"""Authorization matrix of every origin-declaration view: role × record × action.

The declarations under test belong to the cast's supplier and are addressed to the cast's
buyer (the customer). Another supplier, another buyer, a pending supplier and a user of no
organisation never learn they exist (404); the customer reads issued ones but changes
nothing (403); operators and staff read all and change nothing. A new view without a row
here fails ``test_every_declarations_url_is_in_the_matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from eslabon.declarations.models import OriginDeclaration
from eslabon.declarations.tests.factories import declaration
from eslabon.registry.tests.factories import OrganizationFactory, UserFactory, member_of
from eslabon.registry.tests.test_authorization_matrix import (
    FORBIDDEN,
    LOGIN,
    MISSING,
    OK,
    REDIRECT,
    _outcome,
)
from eslabon.registry.tests.test_authorization_matrix import _user_for as registry_user_for

ROLES = (
    "anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "other_buyer",
    "operator", "admin",
)  # fmt: skip


def _everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


# The issued declaration: its supplier, its customer, operators and staff read it.
READ_ISSUED = _everyone(MISSING, anonymous=LOGIN, supplier=OK, buyer=OK, operator=OK, admin=OK)
# A draft: only its supplier (and operators, staff) see it; the customer does not yet.
READ_DRAFT = _everyone(MISSING, anonymous=LOGIN, supplier=OK, operator=OK, admin=OK)
CHANGE_DRAFT = _everyone(
    MISSING, anonymous=LOGIN, supplier=REDIRECT, operator=FORBIDDEN, admin=FORBIDDEN
)
EDIT_FORM = _everyone(MISSING, anonymous=LOGIN, supplier=OK, operator=FORBIDDEN, admin=FORBIDDEN)
CHANGE_ISSUED = _everyone(
    MISSING, anonymous=LOGIN, supplier=REDIRECT, buyer=FORBIDDEN, operator=FORBIDDEN,
    admin=FORBIDDEN,
)  # fmt: skip
SUPPLIERS_LIST = _everyone(
    FORBIDDEN, anonymous=LOGIN, pending=OK, supplier=OK, other_supplier=OK, operator=OK, admin=OK
)
BUYERS_LIST = _everyone(FORBIDDEN, anonymous=LOGIN, buyer=OK, other_buyer=OK, operator=OK, admin=OK)
DECLARE_FORM = _everyone(FORBIDDEN, anonymous=LOGIN, supplier=OK, other_supplier=OK)
DECLARE = _everyone(FORBIDDEN, anonymous=LOGIN, supplier=REDIRECT, other_supplier=REDIRECT)


@dataclass
class World:
    cast: Any
    issued: Any
    draft: Any


@pytest.fixture
def world(cast: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    issued = declaration(cast.supplier_org, customer=cast.buyer_org, user=cast.supplier)
    issued.document.save("firmada.pdf", ContentFile(b"%PDF-1.7 firmada"))
    draft = declaration(cast.supplier_org, customer=cast.buyer_org, issued=False)
    return World(cast, issued, draft)


def _form_data(world: World) -> dict[str, Any]:
    return {
        "customer": world.cast.buyer_org.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "certifier_name": "Ana Pérez",
        "certifier_title": "Gerente de Calidad",
        "certifier_email": "ana@example.mx",
        "certifier_phone": "+52 81 1234 5678",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Resorte",
        "lines-0-part_number": "RS-1",
        "lines-0-hs_code": "7320.20",
        "lines-0-origin_criterion": "B",
    }


@dataclass(frozen=True)
class Row:
    name: str
    view: str
    record: str | None
    method: str
    expected: dict[str, str]
    data: Callable[[World], dict[str, Any]] | None = None

    def url(self, world: World) -> str:
        args = [getattr(world, self.record).pk] if self.record else []
        return reverse(f"declarations:{self.view}", args=args)


MATRIX = [
    Row("supplier list", "list", None, "get", SUPPLIERS_LIST),
    Row("received list", "received", None, "get", BUYERS_LIST),
    Row("new declaration form", "create", None, "get", DECLARE_FORM),
    Row("create a declaration", "create", None, "post", DECLARE, data=_form_data),
    Row("issued declaration", "detail", "issued", "get", READ_ISSUED),
    Row("draft declaration", "detail", "draft", "get", READ_DRAFT),
    Row("edit form of a draft", "edit", "draft", "get", EDIT_FORM),
    Row("save a draft", "edit", "draft", "post", CHANGE_DRAFT, data=_form_data),
    Row("issue a draft", "issue", "draft", "post", CHANGE_DRAFT),
    Row("revoke", "revoke", "issued", "post", CHANGE_ISSUED, data=lambda w: {"reason": "Acero"}),
    Row("renew", "renew", "issued", "post", CHANGE_ISSUED),
    Row("certification PDF", "pdf", "issued", "get", READ_ISSUED),
    Row("draft certification PDF", "pdf", "draft", "get", READ_DRAFT),
    Row("signed document", "document", "issued", "get", READ_ISSUED),
]


def _user_for(world: World, stranger: Any, role: str) -> Any:
    cast = world.cast
    if role == "other_buyer":
        return member_of(OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem"))
    if role == "admin":
        return UserFactory(is_staff=True, is_superuser=True)
    return registry_user_for(cast, stranger, role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_each_role_gets_exactly_the_access_the_matrix_grants(
    client: Any, world: World, stranger: Any, row: Row, role: str
) -> None:
    user = _user_for(world, stranger, role)
    if user is not None:
        client.force_login(user)
    data = row.data(world) if row.data else {}
    response = (
        client.post(row.url(world), data) if row.method == "post" else client.get(row.url(world))
    )
    assert _outcome(response) == row.expected[role], f"{row.name} as {role}: {response.status_code}"


@pytest.mark.django_db
def test_the_supplier_s_redirects_are_real_changes(client: Any, world: World) -> None:
    """The REDIRECT outcomes above are changes made, not refusals redirected."""
    client.force_login(world.cast.supplier)
    client.post(reverse("declarations:issue", args=[world.draft.pk]))
    world.draft.refresh_from_db()
    assert (world.draft.status, world.draft.signed_on) == ("issued", timezone.localdate())
    response = client.post(reverse("declarations:renew", args=[world.issued.pk]))
    renewal = world.issued.renewals.get()
    assert response["Location"] == reverse("declarations:edit", args=[renewal.pk])
    client.post(reverse("declarations:revoke", args=[world.issued.pk]), {"reason": "Acero"})
    world.issued.refresh_from_db()
    assert (world.issued.status, world.issued.revocation_reason) == ("revoked", "Acero")
    assert client.post(reverse("declarations:create"), _form_data(world)).status_code == 302
    created = OriginDeclaration.objects.latest("pk")
    assert (created.supplier, created.status) == (world.cast.supplier_org, "draft")
    assert [line.hs_code for line in created.lines.all()] == ["7320.20"]


def test_every_declarations_url_is_in_the_matrix() -> None:
    covered = {row.view for row in MATRIX}
    names = {
        name
        for name in get_resolver().namespace_dict["declarations"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names <= covered, names - covered
