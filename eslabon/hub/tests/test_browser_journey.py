"""End to end in headless Chromium: a supplier accepts the NDA, asks through HTMX and quotes.

The quote stays sealed: the buyer's comparison page says so, with no price on it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect, sync_playwright

from eslabon.registry.tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/bootstrap")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_supplier_accepts_the_nda_asks_and_quotes_and_the_buyer_sees_it_sealed(
    live_server: Any, browser: Browser, rfq: Any, cast: Any
) -> None:
    base = live_server.url
    requirement = f"{base}/hub/{rfq.requirement.pk}/"
    page = browser.new_page(locale="es-MX")
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))

    sign_in(page, base, cast.supplier.email)
    page.goto(requirement)
    page.click("[data-testid=nda-link]")
    page.click("[data-testid=accept-nda]")
    expect(page.locator("a", has_text="pn-100.pdf")).to_be_visible()

    page.fill("#questions textarea[name=text]", "¿Se permite rebaba de 0.2 mm?")
    page.click("#questions button[type=submit]")
    expect(page.locator("#questions")).to_contain_text("¿Se permite rebaba de 0.2 mm?")

    page.goto(f"{requirement}quote/")
    prefix = f"#id_line_{rfq.line.pk}"
    page.select_option("#id_site", str(cast.site.pk))
    page.fill("#id_valid_until", "2027-12-31")
    page.check(f"{prefix}_quoted")
    page.fill(f"{prefix}_tier0_price", "13.5791")
    page.fill(f"{prefix}_ppap", "10")
    page.fill(f"{prefix}_sop", "14")
    page.fill(f"{prefix}_capacity", "12000")
    page.click("button[name=submit]")
    expect(page.locator("[data-testid=quote-status]")).to_contain_text("1")

    page.context.clear_cookies()
    sign_in(page, base, cast.buyer.email)
    page.goto(f"{requirement}comparison/")
    expect(page.locator("[data-testid=sealed]")).to_be_visible()
    assert "13.5791" not in page.content()
    assert console_errors == []
