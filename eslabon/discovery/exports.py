"""The candidates table as an Excel workbook (openpyxl), with contacts for outreach."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from eslabon.discovery.presenters import CandidateRow, contacts


def candidates_workbook(rows: list[CandidateRow]) -> bytes:
    """One sheet, one row per candidate, in the order of the page."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = _("Candidates")[:31]
    header = [
        _("CLEE"), _("Name"), _("Legal name"), _("SCIAN code"), _("Activity"), _("Processes"),
        _("Rule"), _("Confidence"), _("Size"), _("Employment stratum"), _("Origin"),
        _("Distance (km)"), _("Road distance (km)"), _("State code"), _("Municipality"),
        _("Postal code"), _("Phone"), _("E-mail"), _("Website"), _("Score"), _("Outreach"),
    ]  # fmt: skip
    sheet.append(header)
    known = contacts([row.clee for row in rows])
    for row in rows:
        phone, email, website = known.get(row.clee, ("", "", ""))
        sheet.append([
            row.clee, row.name, row.legal_name, row.scian_code, row.activity, row.processes,
            row.rule, row.confidence, row.size, row.stratum, row.origin, row.distance_km,
            row.road_km, row.state_code, row.municipality, row.postal_code, phone, email,
            website, row.score, row.outreach,
        ])  # fmt: skip
        for cell in sheet[sheet.max_row]:
            # DENUE text is free: a name starting with "=" must stay text, not run as a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
