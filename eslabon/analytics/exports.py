"""Every panel as CSV or Excel (the table under its chart, same figures, same suppression),
and the programme report as a PDF of every registered dashboard."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from eslabon.analytics.panels import SUPPRESSED, Panel
from eslabon.readiness.exports import PDF, XLSX, workbook_bytes

CSV = "text/csv; charset=utf-8"
__all__ = ["CSV", "PDF", "XLSX", "csv_bytes", "xlsx_bytes"]


def _plain(value: Any) -> Any:
    """Suppressed cells are exported empty: a missing figure, never a zero."""
    if value is SUPPRESSED or value is None:
        return ""
    return value if isinstance(value, int | float) or hasattr(value, "as_tuple") else str(value)


def _header(panel: Panel) -> list[str]:
    return [str(column.label) for column in panel.columns]


def csv_bytes(panel: Panel) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header(panel))
    writer.writerows([[_plain(v) for v in row] for row in panel.table()])
    # A byte-order mark so that Excel opens the accents correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(position: int, title: Any) -> str:
    """Excel forbids []:*?/\\ in sheet names and allows 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", f"{position} {title}")[:31]


def xlsx_bytes(panels: list[Panel]) -> bytes:
    return workbook_bytes(
        [
            (_sheet_title(i + 1, panel.title), _header(panel),
             [[_plain(v) for v in row] for row in panel.table()])
            for i, panel in enumerate(panels)
        ]
    )  # fmt: skip
