"""Consent decides what programme operators see of one company; buyers never see answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eslabon.readiness.choices import AssessmentStatus
from eslabon.readiness.models import Assessment, DecentWorkReport, ReviewComment
from eslabon.readiness.tests.factories import answered, decent_work

pytestmark = pytest.mark.django_db


def test_operators_see_a_company_s_assessment_only_after_it_consents(
    client: Any, cast: Any
) -> None:
    assessment = answered(cast.supplier_org)
    assert not Assessment.objects.visible_to(cast.operator).exists()
    client.force_login(cast.supplier)
    client.post(reverse("readiness:consent", args=[assessment.pk]), {"share_with_operators": "on"})
    assert list(Assessment.objects.visible_to(cast.operator)) == [assessment]
    client.post(reverse("readiness:consent", args=[assessment.pk]), {})
    assert not Assessment.objects.visible_to(cast.operator).exists()


def test_buyers_and_other_suppliers_never_see_answers_even_with_consent(cast: Any) -> None:
    answered(cast.supplier_org, share=True)
    decent_work(cast.supplier_org, share=True)
    for user in (cast.buyer, cast.other_supplier, cast.pending_supplier):
        assert not Assessment.objects.visible_to(user).exists()
        assert not DecentWorkReport.objects.visible_to(user).exists()


def test_an_operator_comments_on_an_answer_and_marks_the_assessment_reviewed(
    client: Any, cast: Any
) -> None:
    assessment = answered(cast.supplier_org, share=True)
    client.force_login(cast.operator)
    client.post(
        reverse("readiness:comment", args=[assessment.pk]),
        {"text": "Falta el estudio R&R del calibrador", "question": "ct-msa-1"},
    )
    client.post(reverse("readiness:mark_reviewed", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.REVIEWED
    assert assessment.reviewed_by == cast.operator
    comment = ReviewComment.objects.get()
    assert (comment.question, comment.author) == ("ct-msa-1", cast.operator)
    client.force_login(cast.supplier)
    page = client.get(reverse("readiness:result", args=[assessment.pk])).content.decode()
    assert "Falta el estudio R&amp;R del calibrador" in page


def test_a_comment_on_an_unknown_question_is_refused(client: Any, cast: Any) -> None:
    assessment = answered(cast.supplier_org, share=True)
    client.force_login(cast.operator)
    client.post(
        reverse("readiness:comment", args=[assessment.pk]), {"text": "x", "question": "nope"}
    )
    assert not ReviewComment.objects.exists()


def test_the_result_page_runs_a_fixed_number_of_queries(client: Any, cast: Any) -> None:
    first = answered(cast.supplier_org, score=4)
    client.force_login(cast.supplier)
    with CaptureQueriesContext(connection) as alone:
        assert client.get(reverse("readiness:result", args=[first.pk])).status_code == 200
    answered(cast.supplier_org, score=6)
    latest = answered(cast.supplier_org, score=8)
    with CaptureQueriesContext(connection) as compared:
        assert client.get(reverse("readiness:result", args=[latest.pk])).status_code == 200
    # The comparison adds the previous assessment's answers and their evidence: 2 queries.
    assert len(compared) == len(alone) + 2
    assert len(compared) <= 15


def test_the_decent_work_form_shows_each_indicator_s_definition_beside_its_field(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    page = client.get(reverse("readiness:decent_work_new", args=[cast.supplier_org.pk]))
    html = page.content.decode()
    assert 'data-testid="definition-workers_imss"' in html
    assert "IMSS" in html
    response = client.post(
        reverse("readiness:decent_work_new", args=[cast.supplier_org.pk]),
        {"year": 2025, "zone": "general", "workers": 50, "average_workers": "50",
         "workers_imss": 45, "women": 20, "gross_wages_mxn": "6000000", "hours_paid": "124800",
         "training_hours": "500", "recordable_injuries": 1, "separations": 10,
         "nom035_done": ["policy", "prevention-measures", "guide-i"]},
    )  # fmt: skip
    record = DecentWorkReport.objects.get()
    assert response["Location"] == reverse("readiness:decent_work_detail", args=[record.pk])
    assert record.nom035_compliance is not None
    detail = client.get(response["Location"])
    rows = {row.id: row.value.value for row in detail.context["indicators"]}
    assert rows["formal-employment-share"] == 90
    assert rows["women-share"] == 40


def test_more_women_than_workers_is_refused_beside_the_field(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    response = client.post(
        reverse("readiness:decent_work_new", args=[cast.supplier_org.pk]),
        {"year": 2025, "zone": "general", "workers": 10, "average_workers": "10",
         "workers_imss": 10, "women": 11, "gross_wages_mxn": "1", "hours_paid": "1",
         "training_hours": "0", "recordable_injuries": 0, "separations": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "women" in response.context["form"].errors
    assert not DecentWorkReport.objects.exists()


def test_a_reviewer_s_comment_on_a_question_shows_beside_it_in_the_draft(
    client: Any, cast: Any
) -> None:
    draft = answered(cast.supplier_org, submit=False, share=True)
    client.force_login(cast.operator)
    client.post(
        reverse("readiness:comment", args=[draft.pk]),
        {"text": "Adjunte la matriz de CSR", "question": "qms-4.3.2"},
    )
    client.force_login(cast.supplier)
    page = client.get(reverse("readiness:assessment_form", args=[draft.pk])).content.decode()
    csr = page.index("qms-4.3.2")
    assert page.index("Adjunte la matriz de CSR") > csr
    assert page.index("Adjunte la matriz de CSR") < page.index("qms-4.4.1.2")
