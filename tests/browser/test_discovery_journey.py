"""End to end in headless Chromium: a programme officer searches candidates, sees them on the
map (vendored Leaflet, no tiles, under the strict Content-Security-Policy) and invites one."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, expect

from eslabon.discovery.models import Outreach
from eslabon.discovery.services import import_denue, load_shipped_scian_rules
from eslabon.discovery.tests.conftest import shop
from eslabon.domain.discovery.tests.denue_files import denue_file
from tests.browser import test_supplier_journey as supplier_journey

browser = supplier_journey.browser  # the same headless Chromium fixture
OUTPUT = supplier_journey.OUTPUT

PASSWORD = "una-clave-de-prueba-larga"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_finds_candidates_on_the_map_and_invites_one(
    live_server: Any,
    browser: Browser,
    cast: Any,
    tmp_path: Path,
) -> None:
    rows = [
        shop("MAQ-1", "332710", nom_estab="TORNOS RAMIREZ", latitud="25.70", longitud="-100.30"),
        shop("MAQ-2", "332710", nom_estab="<b>MAQUINADOS</b>", latitud="25.60", longitud="-100.2"),
        shop("MAQ-3", "332710", nom_estab="SIN COORDENADAS", latitud="", longitud=""),
    ]
    load_shipped_scian_rules()  # a transactional test before this one may have flushed them
    path = tmp_path / "denue.csv"
    path.write_bytes(denue_file(rows))
    import_denue(path=path)
    officer = cast.operator
    officer.set_password(PASSWORD)
    officer.save(update_fields=["password"])

    page = browser.new_page(locale="es-MX")
    console_errors: list[str] = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", officer.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/discovery/candidates/?processes=cnc-machining")

    expect(page.get_by_test_id("results-count")).to_contain_text("3")
    # Two candidates have coordinates: two circle markers drawn by Leaflet.
    expect(page.locator("#candidate-map path.leaflet-interactive")).to_have_count(2)
    page.locator("#candidate-map path.leaflet-interactive").first.click(force=True)
    expect(page.locator(".leaflet-popup-content")).to_be_visible()
    assert page.locator(".leaflet-popup-content b").count() == 0  # names are text, not HTML

    page.check("input[name=clee][value=MAQ-1]")
    page.get_by_role("button", name="Invitar a los candidatos seleccionados").click()
    expect(page.get_by_test_id("outreach")).to_contain_text("TORNOS RAMIREZ")
    assert Outreach.objects.get().establishment.clee == "MAQ-1"

    OUTPUT.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/discovery/candidates/?processes=cnc-machining")
    page.screenshot(path=str(OUTPUT / "discovery-candidates-map.png"), full_page=True)
    assert console_errors == [], console_errors
