"""Excel export of the comparison matrix, from the same Matrix the page shows.

It is built from ``selectors.comparison_matrix``, so before the unsealing it holds the
line headings and no supplier row: the export cannot leak what the page does not show.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from eslabon.hub.comparison import CertificateState, Matrix
from eslabon.hub.models import Requirement

BEST = PatternFill("solid", fgColor="C8E6C9")
CERTIFICATE_LABELS = {
    CertificateState.VALID: gettext_lazy("valid"),
    CertificateState.EXPIRES: gettext_lazy("expires before SOP"),
    CertificateState.EXPECTED: gettext_lazy("expected by SOP"),
    CertificateState.MISSING: gettext_lazy("missing"),
}


def comparison_workbook(requirement: Requirement, matrix: Matrix) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Comparison")[:31]
    sheet.append([requirement.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Currency"), matrix.currency, _("Due"), requirement.local_due_at.isoformat()])
    sheet.append([])
    heading = [_("Supplier"), _("Made at"), _("Road km to the plant"), _("Certificates on SOP")]
    for line in matrix.lines:
        heading += [
            f"{line.part_number} {_('unit price')}",
            f"{line.part_number} {_('tooling')}",
            f"{line.part_number} {_('total')} ({line.quantity})",
            f"{line.part_number} {_('weeks to SOP')}",
            f"{line.part_number} {_('capacity')}",
        ]
    sheet.append(heading)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in matrix.rows:
        values: list[object] = [
            row.supplier_name,
            row.site_name,
            row.road_km,
            ", ".join(f"{slug}: {CERTIFICATE_LABELS[state]}" for slug, state in row.certificates),
        ]
        marks: list[bool] = [False, False, row.nearest, False]
        for cell in row.cells:
            if cell is None:
                values += [None] * 5
                marks += [False] * 5
                continue
            values += [
                cell.unit_price,
                cell.tooling_cost,
                cell.total_cost,
                cell.lead_time_sop_weeks,
                cell.capacity_committed,
            ]
            marks += [False, False, cell.best_total, cell.best_lead_time, False]
        sheet.append(values)
        for column, best in enumerate(marks, start=1):
            if best:
                sheet.cell(row=sheet.max_row, column=column).fill = BEST
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
