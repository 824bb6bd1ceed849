"""The funder's report as an Excel workbook: goals, companies before/after, budget lines."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from eslabon.programmes.selectors import ProgrammeReport


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
    for sheet in book.worksheets:
        for column in "ABCDEFGHIJKLMN":
            sheet.column_dimensions[column].width = 22
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
