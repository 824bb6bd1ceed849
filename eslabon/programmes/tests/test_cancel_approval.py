"""Cancelling an approval gives the exact amount back to the line it was taken from, once."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.programmes import selectors, services
from eslabon.programmes.choices import PlanItemStatus
from eslabon.programmes.models import Approval, AuditEntry, BudgetLine, Deliverable
from eslabon.programmes.tests.factories import BudgetLineFactory, ServiceFactory
from eslabon.programmes.tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(cast: Any) -> Any:
    """A plan item of MXN 100.01 at 90 %: MXN 90.00 subsidy (90.009 rounded down) approved."""
    line = BudgetLineFactory(programme__operator=cast.operator_org, allocated=Decimal("1000.00"))
    service = ServiceFactory(
        programme=line.programme, budget_line=line, cost=Decimal("100.01"),
        subsidy_share=Decimal("0.9"),
    )  # fmt: skip
    plan = services.build_plan(line.programme, cast.supplier_org, cast.operator)
    item = services.add_plan_item(plan, service, cast.operator)
    services.approve_plan_item(item.pk, cast.operator)
    item.refresh_from_db()
    return item


def _line(item: Any) -> BudgetLine:
    return BudgetLine.objects.get(pk=item.service.budget_line_id)


def test_cancelling_restores_the_line_to_the_centavo_and_keeps_the_record(
    approved: Any, cast: Any
) -> None:
    assert (approved.subsidy, approved.co_payment) == (Decimal("90.00"), Decimal("10.01"))
    assert _line(approved).committed == Decimal("90.00")
    services.cancel_approval(approved.pk, cast.operator, "La empresa desistió")
    line = _line(approved)
    assert line.committed == Decimal("0.00") and line.available == Decimal("1000.00")
    approved.refresh_from_db()
    assert approved.status == PlanItemStatus.CANCELLED
    approval = Approval.objects.get(plan_item=approved)  # kept, marked cancelled
    assert approval.amount == Decimal("90.00") and approval.cancelled_by == cast.operator
    assert approval.cancel_reason == "La empresa desistió" and approval.is_cancelled
    entry = AuditEntry.objects.get(action="approval.cancelled")
    assert entry.actor == cast.operator
    assert entry.details["amount"] == "90.00" and entry.details["left"] == "1000.00"
    assert entry.details["budget_line"] == line.name
    assert entry.details["reason"] == "La empresa desistió"


def test_an_approval_is_cancelled_once(approved: Any, cast: Any) -> None:
    services.cancel_approval(approved.pk, cast.operator, "Duplicada")
    with pytest.raises(services.ProgrammeError, match="ya fue cancelada"):
        services.cancel_approval(approved.pk, cast.operator, "Otra vez")
    assert _line(approved).committed == Decimal("0.00")


def test_cancelling_needs_a_reason_and_an_approval(approved: Any, cast: Any) -> None:
    with pytest.raises(services.ProgrammeError):
        services.cancel_approval(approved.pk, cast.operator, "  ")
    proposed = services.add_plan_item(approved.plan, approved.service, cast.operator)
    with pytest.raises(services.ProgrammeError, match="no tiene una aprobación"):
        services.cancel_approval(proposed.pk, cast.operator, "No aprobada")
    assert _line(approved).committed == Decimal("90.00")


def test_delivered_or_accepted_work_cannot_be_cancelled(
    approved: Any, cast: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    deliverable = Deliverable.objects.create(plan_item=approved, title="Informe")
    deliverable.evidence.save("informe.pdf", ContentFile(b"%PDF-1.7 informe"))
    services.accept_deliverable(deliverable, cast.operator)
    with pytest.raises(services.ProgrammeError, match="Se aceptó un entregable"):
        services.cancel_approval(approved.pk, cast.operator, "Tarde")
    Deliverable.objects.filter(pk=deliverable.pk).update(accepted_at=None)
    services.mark_delivered(approved, cast.operator)
    with pytest.raises(services.ProgrammeError, match="ya entregado"):
        services.cancel_approval(approved.pk, cast.operator, "Tarde")
    assert _line(approved).committed == Decimal("90.00")


def test_the_amount_goes_back_to_the_line_it_was_taken_from(approved: Any, cast: Any) -> None:
    first = _line(approved)
    moved_to = BudgetLineFactory(programme=first.programme, allocated=Decimal("500.00"))
    approved.service.budget_line = moved_to  # the officer later moves the service
    approved.service.save()
    services.cancel_approval(approved.pk, cast.operator, "Cambio de línea")
    first.refresh_from_db()
    moved_to.refresh_from_db()
    assert (first.committed, moved_to.committed) == (Decimal("0.00"), Decimal("0.00"))


def test_released_money_pays_the_next_approval_and_leaves_the_report(
    approved: Any, cast: Any
) -> None:
    BudgetLine.objects.filter(pk=approved.service.budget_line_id).update(
        allocated=Decimal("90.00")
    )  # room for exactly one subsidy
    other = services.add_plan_item(approved.plan, approved.service, cast.operator)
    with pytest.raises(services.ProgrammeError):
        services.approve_plan_item(other.pk, cast.operator)
    services.cancel_approval(approved.pk, cast.operator, "Reasignado")
    services.approve_plan_item(other.pk, cast.operator)
    assert _line(approved).committed == Decimal("90.00")
    report = selectors.programme_report(approved.plan.programme)
    assert report.subsidy_approved == Decimal("90.00")  # the cancelled one is not counted


def test_the_plan_page_cancels_with_a_reason(client: Any, approved: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    url = reverse("programmes:plan_item_cancel", args=[approved.pk])
    client.post(url, {"reason": ""})
    assert _line(approved).committed == Decimal("90.00")
    client.post(url, {"reason": "La empresa desistió"})
    assert _line(approved).committed == Decimal("0.00")
    page = client.get(reverse("programmes:plan_detail", args=[approved.plan_id])).content
    assert "La empresa desistió" in page.decode()
    client.force_login(cast.supplier)  # the company sees the cancellation on its own plan
    page = client.get(reverse("programmes:plan_detail", args=[approved.plan_id])).content
    assert "La empresa desistió" in page.decode()


def test_the_funder_report_lists_every_approval_with_its_cancellation(
    client: Any, approved: Any, cast: Any
) -> None:
    services.cancel_approval(approved.pk, cast.operator, "La empresa desistió")
    client.force_login(cast.operator)
    programme = approved.plan.programme
    book = load_workbook(
        BytesIO(client.get(reverse("programmes:report_xlsx", args=[programme.pk])).content)
    )
    rows = list(book["Aprobaciones"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    company, _service, line, amount, approved_by, _at, cancelled_by, cancelled_at, reason = rows[0]
    assert (company, line, amount) == (str(cast.supplier_org), _line(approved).name, 90)
    assert approved_by == cancelled_by == cast.operator.email
    assert cancelled_at is not None and reason == "La empresa desistió"
    pdf = client.get(reverse("programmes:report_pdf", args=[programme.pk])).content
    assert "La empresa desistió" in " ".join(pdf_text(pdf).split())
