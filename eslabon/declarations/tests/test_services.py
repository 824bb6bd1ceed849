"""Services and selectors of origin declarations (USMCA Annex 5-A)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eslabon.declarations import selectors, services
from eslabon.declarations.choices import DeclarationStatus, Standing
from eslabon.declarations.tests.factories import LINES, declaration
from eslabon.domain.errors import InputError
from eslabon.hub.models import Notification

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


def test_a_period_over_twelve_months_is_refused_naming_the_field(cast: Any) -> None:
    with pytest.raises(InputError) as error:
        declaration(cast.supplier_org, start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1))
    assert error.value.where == "blanket_period.end"
    assert "12 months" in error.value.message


def test_a_line_with_a_four_digit_hs_code_is_refused_naming_the_line(cast: Any) -> None:
    bad = [LINES[0], {**LINES[1], "hs_code": "7318"}]
    with pytest.raises(InputError) as error:
        declaration(cast.supplier_org, lines=bad)
    assert error.value.where == "lines[1].hs_code"


def test_issue_signs_and_tells_the_customer(cast: Any) -> None:
    issued = declaration(cast.supplier_org, customer=cast.buyer_org, user=cast.supplier)
    assert issued.status == DeclarationStatus.ISSUED
    assert issued.signed_on == dt.date(2026, 1, 1)
    assert Notification.objects.filter(recipient=cast.buyer).count() == 1
    with pytest.raises(services.NotAllowed):
        services.issue_declaration(issued, user=cast.supplier)
    with pytest.raises(services.NotAllowed):
        services.update_declaration(issued, fields={}, lines=LINES)


def test_revoke_needs_a_reason_and_an_issued_declaration(cast: Any) -> None:
    draft = declaration(cast.supplier_org, customer=cast.buyer_org, issued=False)
    with pytest.raises(services.NotAllowed):
        services.revoke_declaration(draft, user=cast.supplier, reason="x")
    issued = services.issue_declaration(draft, user=cast.supplier)
    with pytest.raises(InputError) as error:
        services.revoke_declaration(issued, user=cast.supplier, reason=" ")
    assert error.value.where == "reason"
    revoked = services.revoke_declaration(issued, user=cast.supplier, reason="Cambio de acero")
    assert revoked.status == DeclarationStatus.REVOKED
    assert Notification.objects.filter(recipient=cast.buyer).count() == 2


def test_renew_copies_the_goods_for_the_next_period(cast: Any) -> None:
    issued = declaration(cast.supplier_org, customer=cast.buyer_org)
    renewal = services.renew_declaration(issued, user=cast.supplier)
    assert renewal.status == DeclarationStatus.DRAFT
    assert (renewal.period_start, renewal.period_end) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert renewal.renewed_from == issued
    assert renewal.customer == cast.buyer_org
    assert [line.part_number for line in renewal.lines.all()] == ["RS-100", "TR-8"]
    with pytest.raises(services.NotAllowed):
        services.renew_declaration(renewal, user=cast.supplier)


def test_next_period_keeps_the_length_within_twelve_months() -> None:
    assert services.next_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30)) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 12, 31),
    )
    # Not whole months: as many days.
    assert services.next_period(dt.date(2026, 1, 10), dt.date(2026, 1, 19)) == (
        dt.date(2026, 1, 20),
        dt.date(2026, 1, 29),
    )
    assert services.next_period(dt.date(2027, 3, 1), dt.date(2028, 2, 29)) == (
        dt.date(2028, 3, 1),
        dt.date(2029, 2, 28),
    )


def test_valid_declarations_are_issued_and_in_period(cast: Any) -> None:
    current = declaration(cast.supplier_org, customer=cast.buyer_org)
    declaration(cast.supplier_org, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    declaration(cast.supplier_org, issued=False)
    declaration(cast.other_supplier_org)
    found = list(selectors.valid_declarations_for(supplier=cast.supplier_org, on=ON))
    assert found == [current]
    assert (
        list(
            selectors.valid_declarations_for(
                supplier=cast.supplier_org, on=ON, customer=cast.other_supplier_org
            )
        )
        == []
    )


def test_status_for_a_material_by_hs_code_and_part_number(cast: Any) -> None:
    issued = declaration(cast.supplier_org, customer=cast.buyer_org)
    status = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="7320.20.01", on=ON
    )
    assert status.status == Standing.VALID and status.covered
    assert status.declaration == issued and status.line.part_number == "RS-100"
    assert status.expires_on == dt.date(2026, 12, 31)
    by_part = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, part_number="tr-8", on=ON
    )
    assert by_part.line.hs_code == "7318.15.99"
    expiring = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="732020", on=dt.date(2026, 12, 15)
    )
    assert expiring.status == Standing.EXPIRING and expiring.covered
    expired = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="732020", on=dt.date(2027, 1, 1)
    )
    assert expired.status == Standing.EXPIRED and not expired.covered
    early = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="732020", on=dt.date(2025, 12, 31)
    )
    assert early.status == Standing.NOT_YET_VALID
    none = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="8708.80", on=ON
    )
    assert none.status == Standing.NONE and none.declaration is None
    other = selectors.declaration_status_for(
        supplier_org=cast.other_supplier_org, hs_code="732020", on=ON
    )
    assert other.status == Standing.NONE


def test_a_renewed_declaration_wins_over_the_expired_one(cast: Any) -> None:
    old = declaration(cast.supplier_org, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    renewal = services.issue_declaration(
        services.renew_declaration(old, user=cast.supplier), user=cast.supplier
    )
    status = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="732020", on=ON
    )
    assert status.declaration == renewal and status.status == Standing.VALID


def test_revoked_and_draft_declarations_cover_nothing(cast: Any) -> None:
    issued = declaration(cast.supplier_org)
    services.revoke_declaration(issued, user=cast.supplier, reason="Proveedor de acero cambió")
    declaration(cast.supplier_org, issued=False)
    status = selectors.declaration_status_for(
        supplier_org=cast.supplier_org, hs_code="732020", on=ON
    )
    assert status.status == Standing.REVOKED and not status.covered


def test_statuses_for_a_whole_bill_take_two_queries(
    cast: Any, django_assert_num_queries: Any
) -> None:
    declaration(cast.supplier_org)
    declaration(cast.other_supplier_org, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    with django_assert_num_queries(2):
        index = selectors.declarations_by_supplier(
            [cast.supplier_org.pk, cast.other_supplier_org.pk]
        )
        statuses = [
            selectors.declaration_status_for(
                supplier_org=org, hs_code="7320.20", on=ON, candidates=index.get(org.pk, [])
            ).status
            for org in (cast.supplier_org, cast.other_supplier_org)
        ]
    assert statuses == [Standing.VALID, Standing.EXPIRED]
