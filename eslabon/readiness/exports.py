"""Excel (openpyxl) and PDF (WeasyPrint) exports of a result with its roadmap, and of the
programme report. The PDF is the same template as the page, rendered for print."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from eslabon.pdf import render_pdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
    for column in sheet.columns:
        width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))


def workbook_bytes(sheets: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        _sheet(workbook, title, header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict[str, Any], base_url: str) -> bytes:
    return render_pdf(template, context, base_url)


def result_sheets(context: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    scored = context["result"].scored
    titles = context["group_titles"]
    texts = context["question_texts"]
    roadmap = context["roadmap"]
    return [
        (
            _("Result"),
            [_("Clause group"), _("Title"), _("Percent"), _("Answered"), _("Questions")],
            [
                [g.id, titles.get(g.id, ""), g.percent, g.answered, g.questions]
                for g in scored.groups
            ]
            + [[_("Overall"), "", scored.overall, "", ""], [_("Grade"), scored.grade.value]],
        ),
        (
            _("Gaps"),
            [_("Question"), _("Clause"), _("Text"), _("Score"), _("Action"), _("Effort (days)"),
             _("Cost from (MXN)"), _("Cost to (MXN)")],
            [
                [gap.question.id, gap.question.clause, texts.get(gap.question.id, ""), gap.score,
                 gap.size.action.id, gap.size.effort_days, gap.size.cost_mxn[0],
                 gap.size.cost_mxn[1]]
                for gap in scored.gaps
            ],
        ),
        (
            _("Roadmap"),
            [_("Start"), _("End"), _("Tier"), _("Action"), _("Effort (days)"),
             _("Cost from (MXN)"), _("Cost to (MXN)"), _("Closes")],
            [
                [step.start, step.end, step.size.action.tier,
                 step.size.action.title.in_language(context["language"]), step.size.effort_days,
                 step.size.cost_mxn[0], step.size.cost_mxn[1], ", ".join(step.closes)]
                for step in roadmap.steps
            ]
            + [
                [m.due, m.due, "", m.title.in_language(context["language"]), "", m.cost_mxn[0],
                 m.cost_mxn[1], ""]
                for m in roadmap.milestones
            ],
        ),
    ]  # fmt: skip


def report_sheets(report: Any) -> list[tuple[str, list[str], list[list[Any]]]]:
    def cells(items: list[Any], *extra: str) -> list[list[Any]]:
        return [
            [c.key, c.label, c.value, c.companies, *[c.extra.get(e) for e in extra],
             _("suppressed") if c.suppressed else ""]
            for c in items
        ]  # fmt: skip

    base = [_("Key"), _("Label"), _("Value"), _("Companies")]
    return [
        (_("Certifications"), [*base, ""], cells(report.certifications)),
        (_("Grades"), [*base, ""], cells(report.grades)),
        (_("Clause groups"), [*base, ""], cells(report.groups)),
        (_("Processes"), [*base, ""], cells(report.processes)),
        (
            _("Top gaps"),
            [*base, _("Clause"), _("Action"), ""],
            cells(report.top_gaps, "clause", "action"),
        ),
        (
            _("Capacity"),
            [*base, _("Free per year"), _("Demand per year"), _("Shortfall per year"), ""],
            cells(report.capacity, "free", "demand", "shortfall"),
        ),
        (_("Decent work"), [*base, _("Unit"), ""], cells(report.decent_work, "unit")),
    ]
