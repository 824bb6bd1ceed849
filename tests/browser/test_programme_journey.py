"""End to end in headless Chromium: an officer sets a goal and writes a call with its rules on
the programme pages and opens it, a supplier applies and is selected, attends a course and
downloads its certificate, and the programme report shows the outcome.

Same set-up as test_supplier_journey.py (Debian's chromium through Playwright, live server).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect

from eslabon.programmes.models import Application, Call, Enrolment, Session
from eslabon.programmes.tests.factories import CourseFactory, ServiceFactory
from eslabon.programmes.tests.pdf_text import pdf_text
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
    course = CourseFactory(service=service)
    session = Session.objects.create(
        course=course, title="PPAP día 1", starts_at=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
    )
    errors: list[str] = []
    url = live_server.url
    officer = _signed_in(browser, url, cast.operator, errors)
    supplier = _signed_in(browser, url, cast.supplier, errors)

    # The officer sets the goal and writes the call on the programme's pages, then opens it.
    officer.goto(f"{url}/programmes/{programme.pk}/")
    officer.get_by_text("Metas y partidas presupuestales").click()
    officer.get_by_test_id("new-goal").click()
    officer.fill("#id_description", "30 empresas capacitadas en PPAP")
    officer.select_option("#id_metric", "trained")
    officer.fill("#id_target_value", "30")
    officer.fill("#id_due_on", "2027-12-31")
    officer.get_by_test_id("save").click()
    officer.get_by_test_id("new-call").click()
    officer.fill("#id_title", "Convocatoria PPAP 2026")
    today = timezone.localdate()
    officer.fill("#id_opens_on", (today - dt.timedelta(days=1)).isoformat())
    officer.fill("#id_closes_on", (today + dt.timedelta(days=45)).isoformat())
    officer.fill("#id_questions_text", "¿Qué certificación busca?")
    officer.select_option("#id_rules-0-kind", "state_in")
    officer.fill("#id_rules-0-values", "19, 05")
    officer.get_by_test_id("add-rule").click()  # htmx brings the second row
    officer.select_option("#id_rules-1-kind", "size_in")
    officer.fill("#id_rules-1-values", "micro, small, medium")
    officer.get_by_test_id("save").click()
    call = Call.objects.get(title="Convocatoria PPAP 2026")
    assert call.eligibility_rules[0] == {"kind": "state_in", "values": ["19", "05"]}
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

    # The supplier downloads the certificate; its code checks out on the public page.
    supplier.goto(f"{url}/programmes/courses/{course.pk}/")
    with supplier.expect_download() as download:
        supplier.get_by_test_id(f"certificate-{enrolment.pk}").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    enrolment.refresh_from_db()
    assert "Ana López" in text and str(enrolment.verification_code) in text
    visitor = browser.new_context(locale="es-MX").new_page()
    visitor.goto(f"{url}/programmes/certificates/verify/")
    visitor.fill("#id_code", str(enrolment.verification_code).lower())
    visitor.get_by_role("button", name="Verificar").click()
    expect(visitor.get_by_test_id("certificate-valid")).to_contain_text("Ana López")

    officer.goto(f"{url}/programmes/{programme.pk}/report/")
    expect(officer.get_by_text(str(cast.supplier_org), exact=True)).to_be_visible()
    expect(officer.get_by_role("cell", name="3.3 %")).to_be_visible()
    assert errors == [], errors
