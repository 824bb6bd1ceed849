"""End to end in headless Chromium: a demo supplier edits a capability and finds it listed.

Uses Debian's chromium (installed by scripts/bootstrap) through Playwright with its
executable path; the page is served by pytest-django's live server on the test database.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures) happen outside page callbacks, so the async-safety guard can be relaxed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, expect, sync_playwright

from eslabon.registry.demo import DEMO_PASSWORD, load_demo

OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_demo_supplier_edits_a_capability_and_finds_it_in_the_directory(
    live_server: Any, browser: Browser
) -> None:
    summary = load_demo(suppliers=300, buyers=40)
    supplier_email = summary.login_for("supplier")
    page = browser.new_page(locale="es-MX")
    console_errors: list[str] = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", supplier_email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/registry/my/")
    expect(page.locator("h1")).not_to_be_empty()

    page.locator("[data-testid^=edit-capability-]").first.click()
    marker = "Rectificado sin centros de flechas de transmisión, prueba de extremo a extremo"
    page.fill("#id_description", marker)
    page.fill("#id_annual_capacity", "480000")
    page.click("[data-testid=save]")
    expect(page.get_by_text(marker)).to_be_visible()
    organization_name = page.locator("h1").inner_text()

    page.goto(f"{live_server.url}/registry/directory/")
    page.fill("#id_q", "prueba de extremo a extremo")
    page.keyboard.press("Enter")
    results = page.locator("#results")
    expect(results.get_by_role("link", name=organization_name)).to_be_visible()
    expect(page.get_by_test_id("results-count")).to_contain_text("1")

    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "directory-after-capability-edit.png"), full_page=True)
    assert console_errors == [], console_errors
