"""End to end in headless Chromium: a supplier declares its goods USMCA originating (a period
over 12 months is refused on its field), issues the declaration, and the customer sees it
with its standing and downloads the certification of origin as PDF.

Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.utils import timezone
from playwright.sync_api import Browser, expect

from eslabon.declarations.models import OriginDeclaration
from tests.browser.test_programme_journey import _signed_in
from tests.browser.test_supplier_journey import OUTPUT, browser  # noqa: F401 - shared fixture


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_supplier_issues_a_declaration_and_the_customer_downloads_its_pdf(
    live_server: Any,
    browser: Browser,  # noqa: F811
    cast: Any,
) -> None:
    errors: list[str] = []
    url = live_server.url
    start = timezone.localdate() - dt.timedelta(days=30)
    supplier = _signed_in(browser, url, cast.supplier, errors)
    supplier.goto(f"{url}/declarations/")
    supplier.get_by_role("button", name="Nueva declaración").click()
    supplier.select_option("#id_customer", str(cast.buyer_org.pk))
    supplier.fill("#id_period_start", start.isoformat())
    supplier.fill("#id_period_end", (start + dt.timedelta(days=365)).isoformat())
    supplier.fill("#id_certifier_name", "Ana Pérez Ríos")
    supplier.fill("#id_certifier_title", "Gerente de Comercio Exterior")
    supplier.fill("#id_certifier_email", "ana@proveedor.mx")
    supplier.fill("#id_certifier_phone", "+52 81 8000 0000")
    supplier.fill("#id_lines-0-description", "Resorte helicoidal de suspensión")
    supplier.fill("#id_lines-0-part_number", "RS-2041")
    supplier.fill("#id_lines-0-hs_code", "7320.20")
    supplier.get_by_test_id("save-declaration").click()
    expect(supplier.get_by_test_id("error-period_end")).to_contain_text("a lo más 12 meses")

    supplier.fill("#id_period_end", (start + dt.timedelta(days=364)).isoformat())
    supplier.get_by_test_id("save-declaration").click()
    expect(supplier.get_by_test_id("standing")).to_have_text("Borrador")
    supplier.get_by_test_id("issue").click()
    expect(supplier.get_by_test_id("standing")).to_have_text("Vigente")

    buyer = _signed_in(browser, url, cast.buyer, errors)
    buyer.goto(f"{url}/declarations/received/")
    expect(buyer.get_by_test_id("standing")).to_have_text("Vigente")
    buyer.get_by_role("link", name=str(cast.supplier_org)).click()
    with buyer.expect_download() as download:
        buyer.get_by_test_id("pdf").click()
    declaration = OriginDeclaration.objects.get()
    assert download.value.suggested_filename == f"certificacion-origen-{declaration.pk}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    OUTPUT.mkdir(exist_ok=True)
    buyer.goto(f"{url}/declarations/received/")
    buyer.screenshot(path=str(OUTPUT / "declarations-received.png"), full_page=True)
    assert errors == [], errors
