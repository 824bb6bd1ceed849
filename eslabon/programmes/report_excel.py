"""The funder's report as an Excel workbook: goals, companies before/after, budget lines, and
every approval with who approved it, when, from which line (and its cancellation)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from eslabon.programmes.selectors import ProgrammeReport


def _email(user: Any) -> str:
    return str(user.email) if user is not None else ""


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: local time, as the pages show it."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def workbook_bytes(report: ProgrammeReport) -> bytes:
    book = Workbook()
    goals = book.active
    goals.title = _("Goals")[:31]
    goals.append([_("Goal"), _("Target"), _("Due on"), _("Reached"), _("Share of goal (%)"),
                  _("Cost per outcome (MXN)")])  # fmt: skip
    for progress in report.goals:
        goals.append([
            progress.goal.description, progress.goal.target_value, progress.goal.due_on,
            progress.reached, progress.share, progress.cost_per_outcome,
        ])  # fmt: skip
    companies = book.create_sheet(_("Companies")[:31])
    companies.append([_("Company"), _("RFC"), _("Grade before"), _("Grade now"),
                      _("Certifications before"), _("Certifications now"),
                      _("Capacity before"), _("Capacity now"), _("Requirements won"),
                      _("Awarded value"), _("Formal employment share"), _("Courses completed"),
                      _("Subsidy (MXN)"), _("Co-payment (MXN)")])  # fmt: skip
    for outcome in report.companies:
        companies.append([
            str(outcome.organization), outcome.organization.rfc,
            outcome.before.get("grade") or "", outcome.after["grade"] or "",
            ", ".join(outcome.before.get("certifications", [])),
            ", ".join(outcome.after["certifications"]),
            outcome.before.get("annual_capacity"), outcome.after["annual_capacity"],
            outcome.after.get("requirements_won", 0),
            "; ".join(f"{v} {c}" for c, v in outcome.after.get("awarded_value", {}).items()),
            (outcome.after.get("decent_work") or {}).get("formal_employment_share", ""),
            outcome.courses_completed, outcome.subsidy, outcome.co_payment,
        ])  # fmt: skip
    budget = book.create_sheet(_("Budget")[:31])
    budget.append([_("Budget line"), _("Allocated (MXN)"), _("Committed (MXN)"),
                   _("Available (MXN)")])  # fmt: skip
    for line in report.budget_lines:
        budget.append([line.name, line.allocated, line.committed, line.available])
    approvals = book.create_sheet(_("Approvals")[:31])
    approvals.append([_("Company"), _("Service"), _("Budget line"), _("Amount (MXN)"),
                      _("Approved by"), _("Approved at"), _("Cancelled by"), _("Cancelled at"),
                      _("Reason for cancelling")])  # fmt: skip
    for approval in report.approvals:
        approvals.append([
            str(approval.plan_item.plan.organization), str(approval.plan_item.service),
            approval.budget_line.name, approval.amount, _email(approval.approved_by),
            _naive(approval.approved_at), _email(approval.cancelled_by),
            _naive(approval.cancelled_at), approval.cancel_reason,
        ])  # fmt: skip
    for sheet in book.worksheets:
        for column in "ABCDEFGHIJKLMN":
            sheet.column_dimensions[column].width = 22
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
