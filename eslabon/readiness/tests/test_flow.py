"""The self-assessment from a supplier's first answer to the scored result and the roadmap."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.readiness.choices import AssessmentStatus
from eslabon.readiness.models import Assessment, EvidenceFile, GapRecord, GroupResult
from eslabon.readiness.tests.factories import answered
from eslabon.readiness.tests.pdf import page_count

pytestmark = pytest.mark.django_db


def test_a_supplier_starts_answers_a_group_by_htmx_and_submits(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    response = client.post(reverse("readiness:assessment_start", args=[cast.supplier_org.pk]), {})
    assessment = Assessment.objects.get(organization=cast.supplier_org)
    assert response["Location"] == reverse("readiness:assessment_form", args=[assessment.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "ISO 9001 4.1, 4.2" in page.content.decode()  # clause shown beside the question
    saved = client.post(
        reverse("readiness:save_group", args=[assessment.pk, "qms-4"]),
        {"q-qms-4.1-score": "8", "q-qms-4.1-comment": "Análisis FODA 2025",
         "q-qms-4.1-evidence": SimpleUploadedFile("foda.pdf", b"%PDF-1.7 foda")},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert saved["X-Eslabon-Saved"] == "yes"
    assert 'id="group-qms-4"' in saved.content.decode()
    assert "<html" not in saved.content.decode()  # a fragment, not the page
    answer = assessment.answers.get(question="qms-4.1")
    assert (answer.score, answer.comment) == (8, "Análisis FODA 2025")
    assert EvidenceFile.objects.get(answer=answer).content_type == "application/pdf"
    client.post(reverse("readiness:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.grade == "C"
    assert GroupResult.objects.filter(assessment=assessment).count() == 13
    assert GapRecord.objects.filter(assessment=assessment).exists()


def test_evidence_that_is_not_pdf_or_image_is_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    client.post(reverse("readiness:assessment_start", args=[cast.supplier_org.pk]), {})
    assessment = Assessment.objects.get(organization=cast.supplier_org)
    response = client.post(
        reverse("readiness:save_group", args=[assessment.pk, "qms-4"]),
        {"q-qms-4.1-score": "8",
         "q-qms-4.1-evidence": SimpleUploadedFile("foda.pdf", b"MZ\x90\x00 not a pdf")},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response["X-Eslabon-Saved"] == "no"
    assert 'data-testid="group-error"' in response.content.decode()
    assert not EvidenceFile.objects.exists()
    assert not assessment.answers.exists()  # the whole group is rolled back


def test_a_knockout_question_cannot_be_not_applicable(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    client.post(reverse("readiness:assessment_start", args=[cast.supplier_org.pk]), {})
    assessment = Assessment.objects.get(organization=cast.supplier_org)
    response = client.post(
        reverse("readiness:save_group", args=[assessment.pk, "ct-control-plan"]),
        {"q-ct-cp-1-score": "na"},
        HTTP_HX_REQUEST="true",
    )
    assert response["X-Eslabon-Saved"] == "no"
    assert not assessment.answers.exists()


def test_the_result_compares_with_the_previous_assessment(client: Any, cast: Any) -> None:
    answered(cast.supplier_org, score=4)
    current = answered(cast.supplier_org, score=8)
    client.force_login(cast.supplier)
    page = client.get(reverse("readiness:result", args=[current.pk])).content.decode()
    assert 'data-testid="comparison"' in page
    assert "+40.0" in page


def test_the_roadmap_changes_with_the_target(client: Any, cast: Any) -> None:
    assessment = answered(cast.supplier_org, score=4)
    client.force_login(cast.supplier)
    url = reverse("readiness:result", args=[assessment.pk])
    iso = client.get(url, {"target": "iso-9001", "start": "2027-01-04"}, HTTP_HX_REQUEST="true")
    iatf = client.get(url, {"target": "iatf-16949", "start": "2027-01-04"}, HTTP_HX_REQUEST="true")
    assert iso.context["roadmap"].start == date(2027, 1, 4)
    assert iso.context["roadmap"].target == "iso-9001"
    assert iso.context["roadmap"].finish < iatf.context["roadmap"].finish
    assert "<html" not in iso.content.decode()


def test_the_result_exports_as_a_workbook_and_a_pdf(client: Any, cast: Any) -> None:
    assessment = answered(cast.supplier_org, score=4)
    client.force_login(cast.supplier)
    xlsx = client.get(reverse("readiness:result_export", args=[assessment.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) == 3
    gaps = workbook.worksheets[1]
    assert gaps.max_row > 1
    pdf = client.get(reverse("readiness:result_export", args=[assessment.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert page_count(pdf.content) >= 2  # result, gaps and roadmap do not fit on one page


def test_question_texts_and_evidence_follow_the_active_language(client: Any, cast: Any) -> None:
    assessment = answered(cast.supplier_org, submit=False)
    client.force_login(cast.supplier)
    url = reverse("readiness:assessment_form", args=[assessment.pk])
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es-mx").content.decode()
    assert "Análisis de contexto (p. ej. FODA)" in spanish
    assert "Guardar este grupo" in spanish
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Context analysis (e.g. SWOT)" in english
    assert "Save this group" in english


def test_starting_again_returns_the_open_draft_instead_of_a_second_one(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    url = reverse("readiness:assessment_start", args=[cast.supplier_org.pk])
    first = client.post(url, {})
    second = client.post(url, {})
    assert first["Location"] == second["Location"]
    assert Assessment.objects.filter(organization=cast.supplier_org).count() == 1


def test_a_new_version_starts_from_the_previous_answers_carried_forward(
    cast: Any, monkeypatch: Any
) -> None:
    """A successor version (here v1's content published as v2, with one question renamed)
    starts with the answers of the last assessment on v1, renamed ids followed."""
    from dataclasses import replace

    from eslabon.data import readiness as readiness_data
    from eslabon.readiness import services

    v1 = readiness_data.questionnaire("automotive-readiness@1")
    renamed = tuple(
        replace(q, id="qms-4.1-context") if q.id == "qms-4.1" else q for q in v1.questions
    )
    v2 = replace(v1, version=2, questions=renamed, renamed=(("qms-4.1", "qms-4.1-context"),))
    real = readiness_data.questionnaire
    monkeypatch.setattr(
        readiness_data,
        "questionnaire",
        lambda ref=readiness_data.DEFAULT_QUESTIONNAIRE: v2 if ref.endswith("@2") else real(ref),
    )
    answered(cast.supplier_org, score=8)
    draft = services.start_assessment(
        organization=cast.supplier_org, user=None, questionnaire="automotive-readiness@2"
    )
    carried = dict(draft.answers.values_list("question", "score"))
    assert carried["qms-4.1-context"] == 8
    assert "qms-4.1" not in carried
    assert len(carried) == len([q for q in v1.questions if q.module in {"qms", "core-tools"}])
