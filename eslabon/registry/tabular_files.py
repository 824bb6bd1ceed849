"""Reading and writing the registry's CSV and Excel files as plain rows of cells, and the report.

Knows bytes, encodings and workbooks but not the registry: tabular_import gives the rows
meaning. Every problem with the file itself becomes a RowError that names the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.parsers.expat import ExpatError

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from eslabon.domain.errors import DomainError
from eslabon.registry.tabular_columns import KINDS, Cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
_ZIP_MAGIC = b"PK\x03\x04"
# Far above any real registry; a guard against a workbook that unpacks to millions of rows.
MAX_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in an imported file; row counts the header as row 1, as a spreadsheet does."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(_('sheet "%(sheet)s"') % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_('column "%(column)s"') % {"column": self.column})
        return f"{', '.join(parts)}: {self.message}"


class TabularImportError(DomainError):
    """Every problem found in an imported file; nothing of the file was written."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True, slots=True)
class Sheet:
    """The rows of one kind read from a file: a CSV file or one worksheet of a workbook."""

    kind: str
    title: str | None  # the worksheet's title; None for CSV
    header: tuple[str, ...]  # normalised: stripped, lower case
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number, cells), empty rows left out


@dataclass
class ImportReport:
    """How many records of each kind an import created, changed, or found already equal."""

    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    dry_run: bool = False

    def __str__(self) -> str:
        lines = [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in KINDS
        ]
        return "\n".join(lines) + ("\n(dry run: nothing was written)" if self.dry_run else "")


@dataclass(frozen=True, slots=True)
class Row:
    """One parsed row: its place in the file and the values of the columns it has."""

    sheet: Sheet
    number: int
    values: dict[str, Any]

    def has(self, column: str) -> bool:
        return column in self.values


def _fail(filename: str, message: str, sheet: str | None = None) -> TabularImportError:
    return TabularImportError([RowError(filename, sheet, None, None, message)])


def kind_from_filename(filename: str) -> str | None:
    """The kind named in a file name such as ``sites.csv`` or ``eslabon-sites-20260115.csv``."""
    stem = re.split(r"[\\/]", filename)[-1].rsplit(".", 1)[0].lower()
    named = [kind for kind in KINDS if kind in re.split(r"[^a-z]+", stem)]
    return named[0] if len(named) == 1 else None


def read_sheets(filename: str, content: bytes, kind: str | None) -> list[Sheet]:
    """The sheets of an uploaded file, by its content (a zip is a workbook, else CSV text)."""
    if kind is not None and kind not in KINDS:
        message = _('unknown kind "%(kind)s"; expected one of: %(kinds)s')
        raise _fail(filename, message % {"kind": kind, "kinds": ", ".join(KINDS)})
    if not content.strip():
        raise _fail(filename, _("the file is empty"))
    if content.startswith(_ZIP_MAGIC):
        return _read_workbook(filename, content, kind)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise _fail(filename, _("not an Excel workbook (.xlsx); save it again from Excel"))
    csv_kind = kind or kind_from_filename(filename)
    if csv_kind is None:
        raise _fail(
            filename,
            _("a CSV file holds one kind; name it (--kind) or put it in the file name: %(kinds)s")
            % {"kinds": ", ".join(KINDS)},
        )
    return [_read_csv(filename, content, csv_kind)]


def _header(raw: Iterable[Cell]) -> tuple[str, ...]:
    return tuple("" if cell is None else str(cell).strip().lower() for cell in raw)


def _sheet(
    filename: str, kind: str, title: str | None, raw_rows: list[Sequence[Cell]]
) -> Sheet | None:
    if len(raw_rows) > MAX_ROWS + 1:
        message = _("more than %(count)s rows; split the file") % {"count": MAX_ROWS}
        raise _fail(filename, message, title)
    iterator = iter(raw_rows)
    for first in iterator:
        header = _header(first)
        break
    else:
        return None
    rows = []
    for number, raw in enumerate(iterator, start=2):
        cells = tuple(raw)
        if any(cell is not None and str(cell).strip() for cell in cells):
            rows.append((number, cells))
    return Sheet(kind, title, header, tuple(rows))


def _read_csv(filename: str, content: bytes, kind: str) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(
            filename,
            _("not UTF-8 text (byte %(byte)s); save it as “CSV UTF-8” or as .xlsx")
            % {"byte": error.start},
        ) from None
    if "\x00" in text:
        raise _fail(filename, _("not a CSV file: it holds binary data"))
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to a comma-decimal locale write ';' between fields.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = list(itertools.islice(reader, MAX_ROWS + 2))
    except csv.Error as error:
        message = _("not a valid CSV file: %(reason)s") % {"reason": error}
        raise _fail(filename, message) from None
    sheet = _sheet(filename, kind, None, rows)
    if sheet is None:
        raise _fail(filename, _("the file is empty"))
    return sheet


# What openpyxl raises on a damaged or foreign zip; anything else is a bug to see, not hide.
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    EOFError,
    OSError,
    ExpatError,
)


def _read_workbook(filename: str, content: bytes, kind: str | None) -> list[Sheet]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        worksheets = [
            (ws.title, list(itertools.islice(ws.iter_rows(values_only=True), MAX_ROWS + 2)))
            for ws in workbook
        ]
        workbook.close()
    except _WORKBOOK_ERRORS as error:
        message = _("not a readable Excel workbook (.xlsx): %(reason)s") % {"reason": error}
        raise _fail(filename, message) from None
    named = {title.strip().lower(): (title, rows) for title, rows in worksheets}
    if kind is not None and kind not in named and len(worksheets) == 1:
        named = {kind: worksheets[0]}  # a one-sheet workbook is read as the kind given
    chosen = [kind] if kind is not None else [k for k in KINDS if k in named]
    missing = [k for k in chosen if k not in named]
    unknown = [title for key, (title, _) in named.items() if key not in KINDS]
    if missing or not chosen or (kind is None and unknown):
        expected = ", ".join(chosen if missing else KINDS)
        message = _("the workbook's sheets must be named: %(names)s") % {"names": expected}
        raise _fail(filename, message)
    sheets = []
    for sheet_kind in chosen:
        title, rows = named[sheet_kind]
        sheet = _sheet(filename, sheet_kind, title, rows)
        if sheet is not None:
            sheets.append(sheet)
    return sheets


def _typed(value: object) -> Cell:
    if isinstance(value, str):
        # Control characters that a CSV import let in cannot be stored in a worksheet.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if value is None or isinstance(value, int | float | Decimal | dt.date):
        return value
    return str(value)


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """One worksheet per (title, header, rows); numbers and dates stay typed."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for title, header, rows in sheets:
        worksheet = workbook.create_sheet(title)
        worksheet.append(list(header))
        for cell in worksheet[1]:
            cell.font = bold
        worksheet.freeze_panes = "A2"
        for row in rows:
            worksheet.append([_typed(value) for value in row])
        for column_cells in worksheet.iter_cols(min_row=2):
            for cell in column_cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for index, name in enumerate(header, start=1):
            letter = worksheet.cell(row=1, column=index).column_letter
            worksheet.column_dimensions[letter].width = max(12, len(name) + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows accents right when it opens the file."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
