"""Bulk import of requirement lines from Excel: every row checked first, nothing written
unless every row is valid (the seeds' fair had demand for 380+ components per buyer).

Headers are matched in English or Spanish, case and accents aside; errors name the row
and the column as the buyer sees them in the spreadsheet.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from eslabon.domain.errors import DomainError
from eslabon.hub import audit
from eslabon.hub.choices import AuditAction, RequirementStatus
from eslabon.hub.models import Requirement, RequirementLine

MAX_ROWS = 5000
COLUMNS = {
    "part_number": {"part number", "part_number", "numero de parte", "no. de parte", "pn"},
    "name": {"name", "nombre", "descripcion corta"},
    "description": {"description", "descripcion"},
    "quantity": {"quantity", "annual volume", "volumen anual", "cantidad", "volumen"},
}
REQUIRED = ("part_number", "name", "quantity")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message,
        }  # fmt: skip


class LineImportError(DomainError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


def _plain(text: Any) -> str:
    folded = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().split())


def _header_map(header: tuple[Any, ...]) -> tuple[dict[str, int], list[RowError]]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        for field, names in COLUMNS.items():
            if _plain(cell) in names:
                positions[field] = index
    errors = [
        RowError(1, field, _("missing column")) for field in REQUIRED if field not in positions
    ]
    return positions, errors


def parse_lines(upload: Any, existing: set[str]) -> list[RequirementLine]:
    """Rows as unsaved lines, or LineImportError listing every faulty cell."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise LineImportError([RowError(0, "-", _("not an Excel .xlsx file"))]) from error
    rows = workbook.active.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise LineImportError([RowError(1, "-", _("the sheet is empty"))])
    positions, errors = _header_map(header)
    if errors:
        raise LineImportError(errors)
    lines: list[RequirementLine] = []
    seen = set(existing)
    for number, row in enumerate(rows, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(RowError(number, "-", _("more than %(n)d rows") % {"n": MAX_ROWS}))
            break
        values = {field: (row[i] if i < len(row) else None) for field, i in positions.items()}
        if all(value in (None, "") for value in values.values()):
            continue
        part_number = str(values["part_number"] or "").strip()
        name = str(values["name"] or "").strip()
        if not part_number:
            errors.append(RowError(number, "part_number", _("required")))
        elif part_number in seen:
            errors.append(RowError(number, "part_number", _("repeated part number")))
        elif len(part_number) > 64:
            errors.append(RowError(number, "part_number", _("longer than 64 characters")))
        if not name:
            errors.append(RowError(number, "name", _("required")))
        quantity = values["quantity"]
        if isinstance(quantity, float) and quantity.is_integer():
            quantity = int(quantity)
        if isinstance(quantity, str) and quantity.strip().isdigit():
            quantity = int(quantity.strip())
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            errors.append(RowError(number, "quantity", _("a whole number of pieces, 1 or more")))
            quantity = None
        seen.add(part_number)
        if quantity is not None and part_number and name:
            lines.append(
                RequirementLine(
                    part_number=part_number,
                    name=name[:200],
                    description=str(values.get("description") or "").strip(),
                    quantity=quantity,
                )
            )
    if errors:
        raise LineImportError(errors)
    return lines


@transaction.atomic
def import_lines(
    *, requirement: Requirement, upload: Any, actor: Any, ip: str | None = None
) -> int:
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if requirement.status != RequirementStatus.DRAFT:
        raise LineImportError([RowError(0, "-", _("Only a draft requirement can be changed."))])
    existing = set(requirement.lines.values_list("part_number", flat=True))
    lines = parse_lines(upload, existing)
    start = requirement.lines.count()
    for offset, line in enumerate(lines, start=1):
        line.requirement = requirement
        line.position = start + offset
    RequirementLine.objects.bulk_create(lines)
    audit.record(
        action=AuditAction.LINES_IMPORTED, requirement=requirement, actor=actor, ip=ip,
        organization=requirement.buyer, detail=str(len(lines)),
    )  # fmt: skip
    return len(lines)
