"""A programme end to end through its pages: an officer opens a call, a supplier applies and
is selected, attends a course, and the programme report shows the outcome."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.programmes.choices import CallStatus, EnrolmentStatus, GoalMetric
from eslabon.programmes.models import Application, Attendance, Enrolment, Goal, Session
from eslabon.programmes.tests.factories import CallFactory, CourseFactory, ServiceFactory
from eslabon.programmes.tests.pdf_text import pdf_text
from eslabon.registry.choices import CertificationStatus
from eslabon.registry.models import CertificationStandard
from eslabon.registry.tests.factories import CertificationFactory


@pytest.mark.django_db
def test_officer_call_to_supplier_course_to_programme_report(client: Any, cast: Any) -> None:
    service = ServiceFactory(programme__operator=cast.operator_org)
    programme = service.programme
    Goal.objects.create(
        programme=programme, description="30 empresas capacitadas en PPAP",
        metric=GoalMetric.COMPANIES_TRAINED, target_value=Decimal(30), due_on=dt.date(2027, 12, 31),
    )  # fmt: skip
    Goal.objects.create(
        programme=programme, description="40 empresas IATF en 2027",
        metric=GoalMetric.COMPANIES_CERTIFIED, parameter="iatf-16949",
        target_value=Decimal(40), due_on=dt.date(2027, 12, 31),
    )  # fmt: skip
    call = CallFactory(programme=programme, status=CallStatus.DRAFT)
    course = CourseFactory(service=service)
    session = Session.objects.create(
        course=course, title="PPAP día 1", starts_at=dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
    )

    # The officer opens the call.
    client.force_login(cast.operator)
    client.post(reverse("programmes:call_status", args=[call.pk]), {"status": "open"})
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN

    # The supplier sees it with the explanation of each rule, and applies.
    client.force_login(cast.supplier)
    page = client.get(reverse("programmes:open_calls")).content.decode()
    assert call.title in page and "tiene una planta en el estado 19" in page
    response = client.post(
        reverse("programmes:apply", args=[call.pk]),
        {"organization": cast.supplier_org.pk, "q0": "IATF 16949"},
    )
    assert response.status_code == 302
    application = Application.objects.get(call=call, organization=cast.supplier_org)

    # The officer scores it and the committee selects it; the officer builds and approves a plan.
    client.force_login(cast.operator)
    client.post(
        reverse("programmes:application_review", args=[application.pk]),
        {"status": "selected", "committee_decision": "Acta 2/2026", "reasons": "Gap PPAP",
         "score_need": 9, "score_capacity": 7, "score_impact": 8},
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == "selected" and application.total_score == 24
    response = client.post(
        reverse("programmes:plan_build", args=[programme.pk, cast.supplier_org.pk])
    )
    plan = cast.supplier_org.programme_plans.get()
    client.post(reverse("programmes:plan_detail", args=[plan.pk]), {"service": service.pk})
    item = plan.items.get()
    client.post(reverse("programmes:plan_item_approve", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "approved"

    # The supplier sees its status and enrols a participant in the course.
    client.force_login(cast.supplier)
    assert "Gap PPAP" in client.get(reverse("programmes:mine")).content.decode()
    client.post(
        reverse("programmes:course_detail", args=[course.pk]),
        {"organization": cast.supplier_org.pk, "participant": "Ana López"},
    )
    enrolment = Enrolment.objects.get(course=course)
    assert enrolment.status == EnrolmentStatus.ENROLLED

    # The officer takes attendance and marks the course completed.
    client.force_login(cast.operator)
    client.post(reverse("programmes:session_attendance", args=[session.pk]), {"present": ["0"]})
    assert Attendance.objects.get(session=session).present
    client.post(reverse("programmes:enrolment_complete", args=[enrolment.pk]))

    # The supplier downloads its certificate, which a third party can check; later the
    # company obtains IATF 16949.
    client.force_login(cast.supplier)
    certificate = client.get(reverse("programmes:certificate", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    text = pdf_text(certificate.content)
    assert "Ana López" in text and str(enrolment.verification_code) in text
    client.logout()
    check = client.get(reverse("programmes:certificate_verify", args=[enrolment.verification_code]))
    assert "Ana López" in check.content.decode()
    CertificationFactory(
        organization=cast.supplier_org,
        standard=CertificationStandard.objects.get(slug="iatf-16949"),
        status=CertificationStatus.HELD,
    )

    # The programme report shows the outcome, on the page and in the funder's workbook.
    client.force_login(cast.operator)
    page = client.get(reverse("programmes:report", args=[programme.pk])).content.decode()
    assert str(cast.supplier_org) in page
    assert "3.3 %" in page  # 1 of 30 trained
    assert "2.5 %" in page  # 1 of 40 certified
    workbook = load_workbook(
        BytesIO(client.get(reverse("programmes:report_xlsx", args=[programme.pk])).content)
    )
    goals = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [(row[3], row[4], row[5]) for row in goals] == [
        (1, 3.3, 40500),  # trained: cost per outcome = MXN 40,500 of subsidy / 1 company
        (1, 2.5, 40500),
    ]
    companies = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert companies[0][1] == cast.supplier_org.rfc
    assert "iatf-16949" in companies[0][5] and "iatf-16949" not in (companies[0][4] or "")
    assert companies[0][8] == 0  # requirements won in the Supply Hub
    assert companies[0][11] == 1  # courses completed
    pdf = client.get(reverse("programmes:report_pdf", args=[programme.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
