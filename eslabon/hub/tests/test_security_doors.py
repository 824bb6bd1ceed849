"""The sealing and privacy promises, checked through every door: pages, API, Excel export.

Prices are distinctive strings (13.5791, 24.6802) so that a leak anywhere in a response
body is found by a plain search.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from eslabon.hub import quoting, services
from eslabon.hub.choices import AuditAction
from eslabon.hub.tests.conftest import pass_due_time, submit

pytestmark = pytest.mark.django_db

MINE, THEIRS = "13.5791", "24.6802"


@pytest.fixture
def quoted(rfq: Any, cast: Any) -> Any:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, MINE)
    submit(rfq, cast.other_supplier, cast.other_supplier_org, cast.other_site, THEIRS)
    return rfq


def body(client: Any, url: str) -> str:
    response = client.get(url)
    return f"{response.status_code} {response.content.decode(errors='replace')}"


def xlsx_text(client: Any, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        return str(response.status_code)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def every_door(client: Any, requirement: Any) -> str:
    """Everything a user can read about a requirement, concatenated."""
    pk = requirement.pk
    return " ".join(
        [
            body(client, reverse("hub:requirement_list")),
            body(client, reverse("hub:requirement_detail", args=[pk])),
            body(client, reverse("hub:comparison", args=[pk])),
            body(client, reverse("hub:quote_edit", args=[pk])),
            body(client, reverse("hub:audit", args=[pk])),
            body(client, "/api/hub/requirements/"),
            body(client, f"/api/hub/requirements/{pk}/"),
            body(client, f"/api/hub/requirements/{pk}/comparison/"),
            body(client, "/api/hub/quotes/"),
            body(client, "/api/hub/awards/"),
            body(client, "/api/hub/lines/"),
            xlsx_text(client, reverse("hub:comparison_export", args=[pk])),
        ]
    )


def test_before_the_due_time_nobody_reads_a_price_anywhere(
    client: Any, quoted: Any, cast: Any
) -> None:
    for user in (cast.buyer, quoted.buyer_member, cast.operator, quoted.other_buyer):
        client.force_login(user)
        seen = every_door(client, quoted.requirement)
        assert MINE not in seen and THEIRS not in seen, user


def test_a_supplier_reads_its_own_price_and_never_the_others(
    client: Any, quoted: Any, cast: Any
) -> None:
    for moment in ("before", "after"):
        if moment == "after":
            pass_due_time(quoted.requirement)
        client.force_login(cast.supplier)
        seen = every_door(client, quoted.requirement)
        assert MINE in seen, moment
        assert THEIRS not in seen, moment


def test_after_the_due_time_the_buyer_reads_every_price_on_every_door(
    client: Any, quoted: Any, cast: Any
) -> None:
    pass_due_time(quoted.requirement)  # the first read closes and unseals
    client.force_login(cast.buyer)
    pk = quoted.requirement.pk
    for url in (
        reverse("hub:comparison", args=[pk]),
        "/api/hub/quotes/",
        f"/api/hub/requirements/{pk}/comparison/",
    ):
        seen = body(client, url)
        assert MINE in seen and THEIRS in seen, url
    exported = xlsx_text(client, reverse("hub:comparison_export", args=[pk]))
    assert MINE in exported and THEIRS in exported
    assert quoted.requirement.audit_events.filter(action=AuditAction.UNSEALED).count() == 1


def test_after_the_due_time_other_buyers_and_operators_still_read_no_price(
    client: Any, quoted: Any, cast: Any
) -> None:
    pass_due_time(quoted.requirement)
    quoting.close_if_due(requirement=quoted.requirement)
    for user in (cast.operator, quoted.other_buyer):
        client.force_login(user)
        seen = every_door(client, quoted.requirement)
        assert MINE not in seen and THEIRS not in seen, user


def test_a_buyer_never_reads_another_buyers_requirement(client: Any, quoted: Any) -> None:
    client.force_login(quoted.other_buyer)
    pk = quoted.requirement.pk
    assert client.get(reverse("hub:requirement_detail", args=[pk])).status_code == 404
    assert client.get(f"/api/hub/requirements/{pk}/").status_code == 404
    listed = body(client, "/api/hub/requirements/") + body(client, reverse("hub:requirement_list"))
    assert quoted.requirement.title not in listed


def test_a_supplier_never_reads_another_suppliers_question(
    client: Any, quoted: Any, cast: Any
) -> None:
    secret = "¿Aceptan acero 1045 en lugar de 4140?"
    services.ask_question(
        requirement=quoted.requirement, supplier=cast.supplier_org, text=secret,
        actor=cast.supplier,
    )  # fmt: skip
    client.force_login(cast.other_supplier)
    seen = body(client, reverse("hub:requirement_detail", args=[quoted.requirement.pk]))
    seen += body(client, "/api/hub/questions/") + body(client, "/api/hub/questions/clarifications/")
    assert "1045" not in seen
    client.force_login(cast.buyer)
    assert "1045" in body(client, reverse("hub:requirement_detail", args=[quoted.requirement.pk]))


def test_a_supplier_without_the_nda_cannot_download_a_drawing_and_can_after(
    client: Any, quoted: Any, cast: Any
) -> None:
    url = reverse("hub:attachment", args=[quoted.requirement.pk, quoted.drawing.pk])
    client.force_login(cast.supplier)
    assert client.get(url).status_code == 403
    assert client.post(reverse("hub:nda", args=[quoted.requirement.pk])).status_code == 302
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    downloads = quoted.requirement.audit_events.filter(action=AuditAction.DRAWING_DOWNLOADED)
    assert list(downloads.values_list("organization_id", "ip_address")) == [
        (cast.supplier_org.pk, "127.0.0.1")
    ]
    client.force_login(cast.other_supplier)  # the NDA binds the company that accepted it
    assert client.get(url).status_code == 403


def test_the_api_accepts_the_nda_for_the_suppliers_company_only(
    client: Any, quoted: Any, cast: Any
) -> None:
    client.force_login(cast.other_supplier)
    response = client.post(f"/api/hub/requirements/{quoted.requirement.pk}/accept-nda/")
    assert response.status_code == 201
    assert services.has_accepted_nda(quoted.requirement, cast.other_supplier_org.pk)
    assert not services.has_accepted_nda(quoted.requirement, cast.supplier_org.pk)
