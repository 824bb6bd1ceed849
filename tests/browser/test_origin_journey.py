"""End to end in headless Chromium: a buyer uploads a BOM, reads the RVC chart, edits a line
inline, marks localisation targets, enters local offers, saves the exact and the greedy plan
as scenarios and compares them.

Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, expect

from eslabon.origin import services
from eslabon.origin.models import Scenario
from eslabon.origin.tests.factories import BOM_CSV, good_data
from eslabon.registry.tests.factories import PASSWORD
from tests.browser.test_supplier_journey import OUTPUT, browser  # noqa: F401 - shared fixture


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_buyer_localises_a_good_and_compares_scenarios(
    live_server: Any,
    browser: Browser,  # noqa: F811
    cast: Any,
    tmp_path: Path,
) -> None:
    good = services.create_good(organization=cast.buyer_org, user=cast.buyer, data=good_data())
    bom = tmp_path / "strut-bom.csv"
    bom.write_text(BOM_CSV, encoding="utf-8")
    errors: list[str] = []
    url = live_server.url
    page = browser.new_context(locale="es-MX").new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", cast.buyer.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{url}/origin/")
    page.get_by_role("link", name=str(good)).click()
    page.locator("summary", has_text="lista de materiales").click()
    page.set_input_files("input[type=file]", str(bom))
    page.get_by_test_id("bom-upload").locator("button").click()
    expect(page.get_by_test_id("rvc-nc")).to_have_text("66.43 %")
    expect(page.get_by_test_id("rvc-chart")).to_be_visible()
    expect(page.get_by_test_id("verdict")).to_have_text("No califica")

    # Inline edit (htmx): give the damper tube its process, so local machining shops show up.
    page.get_by_test_id("edit-M2").click()
    form = page.get_by_test_id("material-edit-form")
    form.locator("select[name$='-process']").select_option(label="Maquinado CNC")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("material-M2")).to_contain_text("Maquinado CNC")
    page.get_by_test_id("target-M1").click()
    expect(page.get_by_test_id("material-M1")).to_have_class(re.compile(r"\btarget\b"))
    page.get_by_test_id("target-M2").click()
    expect(page.get_by_test_id("material-M2")).to_have_class(re.compile(r"\btarget\b"))

    page.get_by_test_id("localisation-link").click()
    expect(page.get_by_test_id("candidates-M2")).to_contain_text(str(cast.supplier_org))
    page.get_by_test_id("price-M2-1").fill("64.00")
    page.get_by_test_id("price-M2-1").press("Enter")
    target = page.get_by_test_id("target-M1")
    target.locator("summary").click()
    target.locator("input[name=supplier_name]").fill("Resortes Saltillo")
    target.locator("input[name=unit_price]").fill("47.50")
    target.locator("form.inline-form button").click()
    # M2 at 64.00 × 2 adds 7.50 and is enough alone; the greedy order takes M1 first (10.00 for
    # 180.00 removed is the better ratio) and stops there: the exact plan is cheaper.
    expect(page.get_by_test_id("plan-exact")).to_contain_text("Maquinados")
    expect(page.get_by_test_id("plan-greedy")).to_contain_text("Resortes Saltillo")
    page.get_by_test_id("save-exact").click()
    expect(page.get_by_test_id("scenarios")).to_be_visible()
    page.goto(f"{url}/origin/goods/{good.pk}/localisation/")
    page.get_by_test_id("save-greedy").click()

    page.get_by_test_id("compare-1").check()
    page.get_by_test_id("compare-2").check()
    page.get_by_test_id("compare").click()
    comparison = page.get_by_test_id("comparison")
    expect(comparison).to_contain_text("Costo mínimo")
    expect(comparison.get_by_test_id("rvc-chart")).to_be_visible()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "origin-scenario-comparison.png"), full_page=True)
    page.goto(f"{url}/origin/goods/{good.pk}/")
    page.screenshot(path=str(OUTPUT / "origin-workspace.png"), full_page=True)
    assert Scenario.objects.filter(good=good).count() == 2
    assert errors == []
