"""Headless Chromium opens every registered analytics dashboard: the page loads without a
console error (the strict CSP reports inline styles or scripts as errors), every chart's SVG
has drawn shapes, and a screenshot of each is saved under test-output/.

Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect

from eslabon.analytics import panels
from eslabon.analytics.tests.conftest import world  # noqa: F401 - the hand-computed programme
from eslabon.registry.tests.factories import PASSWORD
from tests.browser.test_supplier_journey import OUTPUT, browser  # noqa: F401 - shared fixture


def _signed_in(browser: Browser, url: str, user: Any, errors: list[str], locale: str) -> Page:  # noqa: F811
    page = browser.new_context(locale=locale).new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _check_dashboards(page: Page, url: str, errors: list[str], who: str) -> None:
    page.goto(f"{url}/analytics/")
    for board in panels.dashboards():
        expect(page.get_by_test_id(f"dashboard-{board.slug}")).to_be_visible()
    for board in panels.dashboards():
        page.goto(f"{url}/analytics/{board.slug}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        charts = page.locator("section.analytics-panel figure.chart svg")
        assert charts.count() > 0, f"{board.slug}: no chart drawn"
        for index in range(charts.count()):
            shapes = charts.nth(index).locator("rect, polyline, circle, text")
            assert shapes.count() > 0, f"{board.slug}: chart {index} is empty"
        page.screenshot(path=str(OUTPUT / f"analytics-{who}-{board.slug}.png"), full_page=True)
        assert errors == [], f"{board.slug}: {errors}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_dashboard_draws_its_charts_for_an_officer_and_a_buyer(
    live_server: Any,
    browser: Browser,  # noqa: F811
    world: Any,  # noqa: F811
) -> None:
    OUTPUT.mkdir(exist_ok=True)
    errors: list[str] = []
    officer = _signed_in(browser, live_server.url, world.cast.operator, errors, "es-MX")
    _check_dashboards(officer, live_server.url, errors, "operador")
    buyer = _signed_in(browser, live_server.url, world.cast.buyer, errors, "en-US")
    _check_dashboards(buyer, live_server.url, errors, "comprador")
    buyer.goto(f"{live_server.url}/analytics/demand-supply/?state=19")
    expect(buyer.get_by_test_id("panel-capacity")).to_contain_text("—")
