"""End to end in headless Chromium: an operator turns on two-factor authentication from the
QR page, signs out, and signs in again with the password and a code from the "phone".

The authenticator app is played by django-otp's own TOTP, fed the key the page shows.
Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import os
import time
from base64 import b32decode
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django_otp.oath import TOTP
from playwright.sync_api import Browser, expect

from eslabon.registry.tests.factories import PASSWORD
from tests.browser.test_supplier_journey import OUTPUT, browser  # noqa: F401 - shared fixture


def phone_code(secret_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed from the page."""
    key = secret_key.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = time.time() + 30 * steps_ahead
    return str(totp.token()).zfill(6)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_operator_turns_on_two_factor_and_signs_in_with_a_code(
    live_server: Any,
    browser: Browser,  # noqa: F811
    cast: Any,
) -> None:
    url = live_server.url
    page = browser.new_context(locale="es-MX").new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", cast.operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{url}/accounts/security/")
    page.get_by_test_id("enrol-two-factor").click()

    qr = page.get_by_test_id("qr-code")
    expect(qr).to_be_visible()
    page.wait_for_function(  # the SVG from its own URL loads under the CSP
        "image => image.complete && image.naturalWidth > 0", arg=qr.element_handle()
    )
    secret = page.get_by_test_id("secret-key").inner_text()
    page.fill("#id_code", phone_code(secret))
    page.get_by_test_id("confirm-two-factor").click()
    codes = page.get_by_test_id("backup-codes").locator("li")
    expect(codes).to_have_count(10)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "two-factor-backup-codes.png"), full_page=True)
    page.get_by_test_id("codes-saved").click()
    page.get_by_test_id("logout").click()

    page.goto(f"{url}/accounts/login/?next=/registry/directory/")
    page.fill("#id_username", cast.operator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{url}/accounts/two-factor/code/?next=%2Fregistry%2Fdirectory%2F")
    page.goto(f"{url}/hub/")  # nothing else opens before the code
    expect(page.get_by_test_id("verify-code")).to_be_visible()

    page.fill("#id_code", phone_code(secret, steps_ahead=1))
    page.get_by_test_id("verify-code").click()
    expect(page).to_have_url(f"{url}/hub/")
    page.goto(f"{url}/accounts/security/")
    expect(page.get_by_test_id("two-factor-status").locator(".badge.held")).to_be_visible()
    assert errors == []
