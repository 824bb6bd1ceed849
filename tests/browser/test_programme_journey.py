"""End to end in headless Chromium: an officer opens a call, a supplier applies and is
selected, attends a course, and the programme report shows the outcome.

Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect

from eslabon.programmes.choices import CallStatus, GoalMetric
from eslabon.programmes.models import Application, Enrolment, Goal, Session
from eslabon.programmes.tests.factories import CallFactory, CourseFactory, ServiceFactory
from eslabon.registry.tests.factories import PASSWORD
from tests.browser.test_supplier_journey import browser  # noqa: F401 - the shared fixture


def _signed_in(browser: Browser, url: str, user: Any, errors: list[str]) -> Page:  # noqa: F811
    page = browser.new_context(locale="es-MX").new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_runs_a_call_and_the_report_shows_the_trained_supplier(
    live_server: Any,
    browser: Browser,  # noqa: F811
    cast: Any,
) -> None:
    service = ServiceFactory(programme__operator=cast.operator_org)
    programme = service.programme
    Goal.objects.create(
        programme=programme, description="30 empresas capacitadas en PPAP",
        metric=GoalMetric.COMPANIES_TRAINED, target_value=Decimal(30), due_on=dt.date(2027, 12, 31),
    )  # fmt: skip
    call = CallFactory(programme=programme, status=CallStatus.DRAFT)
    course = CourseFactory(service=service)
    session = Session.objects.create(
        course=course, title="PPAP día 1", starts_at=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
    )
    errors: list[str] = []
    url = live_server.url
    officer = _signed_in(browser, url, cast.operator, errors)
    supplier = _signed_in(browser, url, cast.supplier, errors)

    officer.goto(f"{url}/programmes/{programme.pk}/")
    officer.get_by_test_id(f"open-call-{call.pk}").click()
    expect(officer.get_by_role("cell", name="Abierta")).to_be_visible()

    supplier.goto(f"{url}/programmes/calls/")
    expect(supplier.get_by_text("tiene una planta en el estado 19")).to_be_visible()
    supplier.get_by_test_id(f"apply-{call.pk}").click()
    supplier.select_option("#id_organization", str(cast.supplier_org.pk))
    supplier.fill("#id_q0", "IATF 16949")
    supplier.get_by_test_id("submit-application").click()
    expect(supplier.get_by_role("cell", name="Enviada")).to_be_visible()

    application = Application.objects.get(call=call)
    officer.goto(f"{url}/programmes/applications/{application.pk}/")
    officer.select_option("#id_status", "selected")
    officer.fill("#id_reasons", "Brecha PPAP confirmada")
    officer.fill("#id_score_need", "9")
    officer.get_by_test_id("save-decision").click()
    expect(officer.get_by_role("cell", name="Seleccionada")).to_be_visible()

    supplier.goto(f"{url}/programmes/courses/{course.pk}/")
    supplier.select_option("#id_organization", str(cast.supplier_org.pk))
    supplier.fill("#id_participant", "Ana López")
    supplier.get_by_test_id("enrol").click()
    expect(supplier.get_by_role("cell", name="Inscrito")).to_be_visible()

    enrolment = Enrolment.objects.get(course=course)
    officer.goto(f"{url}/programmes/sessions/{session.pk}/attendance/")
    officer.get_by_test_id("present-0").check()
    officer.get_by_test_id("record-attendance").click()
    officer.goto(f"{url}/programmes/courses/{course.pk}/")
    officer.get_by_test_id(f"complete-{enrolment.pk}").click()

    officer.goto(f"{url}/programmes/{programme.pk}/report/")
    expect(officer.get_by_text(str(cast.supplier_org), exact=True)).to_be_visible()
    expect(officer.get_by_role("cell", name="3.3 %")).to_be_visible()
    assert errors == [], errors
