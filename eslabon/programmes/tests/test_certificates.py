"""Certificates of completion: the bilingual PDF, and the public page that checks a code."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from eslabon.programmes import services
from eslabon.programmes.certificates import new_verification_code, normalise_code
from eslabon.programmes.models import Enrolment
from eslabon.programmes.tests.factories import CourseFactory, ServiceFactory
from eslabon.programmes.tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(cast: Any) -> Enrolment:
    service = ServiceFactory(programme__operator=cast.operator_org)
    course = CourseFactory(service=service, hours=24)
    enrolment = services.enrol(course, cast.supplier_org, "Ana López Treviño", cast.supplier)
    return services.complete(enrolment, cast.operator)


def test_the_certificate_pdf_says_who_what_when_and_how_to_check_it(
    client: Any, cast: Any, completed: Enrolment
) -> None:
    client.force_login(cast.supplier)
    response = client.get(reverse("programmes:certificate", args=[completed.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert completed.certificate_number in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    course, programme = completed.course, completed.course.service.programme  # type: ignore[union-attr]
    for expected in (
        "Constancia de conclusión",
        "Certificate of completion",  # both languages
        "Ana López Treviño",
        cast.supplier_org.legal_name,
        course.title,
        course.provider,
        "(24 horas)",
        "(24 hours)",
        "2026-05-04 – 2026-05-06",
        completed.completed_at.strftime("%Y-%m-%d"),  # type: ignore[union-attr]
        programme.name,
        programme.funder,
        cast.operator_org.legal_name,
        completed.certificate_number,
        completed.verification_code,
        f"http://testserver/programmes/certificates/verify/{completed.verification_code}/",
    ):
        assert expected in text, expected


def test_only_completed_participants_get_a_certificate(
    client: Any, cast: Any, completed: Enrolment
) -> None:
    enrolled = services.enrol(completed.course, cast.supplier_org, "Luis", cast.supplier)
    assert enrolled.verification_code is None
    client.force_login(cast.supplier)
    url = reverse("programmes:certificate", args=[enrolled.pk])
    assert client.get(url).status_code == 404


def test_the_public_page_shows_validity_name_and_course_and_nothing_else(
    client: Any, cast: Any, completed: Enrolment
) -> None:
    code = completed.verification_code
    assert code is not None
    page = client.get(reverse("programmes:certificate_verify", args=[code]))
    assert page["X-Robots-Tag"] == "noindex"
    body = page.content.decode()
    assert "Constancia válida" in body
    assert "Ana López Treviño" in body and completed.course.title in body
    for secret in (
        cast.supplier_org.legal_name,
        cast.supplier_org.rfc,
        completed.certificate_number,
        completed.course.provider,
        completed.course.service.programme.name,  # type: ignore[union-attr]
        cast.operator_org.legal_name,
    ):
        assert secret not in body, secret


def test_a_code_is_typed_loosely_and_a_wrong_one_says_only_invalid(
    client: Any, completed: Enrolment
) -> None:
    code = completed.verification_code or ""
    typed = code.replace("-", " ").lower()
    response = client.get(reverse("programmes:certificate_lookup"), {"code": typed})
    assert response["Location"] == reverse("programmes:certificate_verify", args=[code])
    for wrong in (
        new_verification_code(),
        "not-a-code",
        code[:-1] + "2" if code[-1] != "2" else code[:-1] + "3",
    ):
        body = client.get(reverse("programmes:certificate_verify", args=[wrong])).content.decode()
        assert "Ningún certificado válido" in body or "Ninguna constancia válida" in body
        assert "Ana López" not in body
    Enrolment.objects.filter(pk=completed.pk).update(status="withdrawn")
    body = client.get(reverse("programmes:certificate_verify", args=[code])).content.decode()
    assert "Ana López" not in body


def test_codes_are_random_and_normalised() -> None:
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert normalise_code(code.lower().replace("-", "")) == code
    assert normalise_code("O0I1-XXXX-XXXX-XXXX") is None  # look-alikes are not in the alphabet


def test_certificates_issued_before_codes_existed_get_one(completed: Enrolment) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("eslabon.programmes.migrations.0002_approval_cancel_certificate_code")
    Enrolment.objects.filter(pk=completed.pk).update(verification_code=None)
    migration._codes_for_issued_certificates(apps, None)
    completed.refresh_from_db()
    assert normalise_code(completed.verification_code or "") == completed.verification_code
