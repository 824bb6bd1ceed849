"""Bill-of-materials files: size limit, content sniffed (a workbook is a zip, else UTF-8 text)
and the rows read for the engine's parser (eslabon.domain.origin.bom_table)."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from eslabon.registry.uploads import UploadRejected

__all__ = ["MAX_ROWS", "UploadRejected", "read_bom_rows"]

_ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 5_000  # far above a real BOM; guards against a workbook unpacking to millions


def read_bom_rows(upload: Any, *, max_bytes: int) -> list[tuple[Any, ...]]:
    """The rows (header first) of an uploaded CSV or .xlsx file, or raise UploadRejected."""
    if upload.size > max_bytes:
        raise UploadRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": upload.size // 1_000_000, "limit": max_bytes // 1_000_000}
        )
    upload.seek(0)
    content = upload.read()
    if not content.strip():
        raise UploadRejected(_("The file is empty."))
    if content.startswith(_ZIP_MAGIC):
        rows = _workbook_rows(content)
    else:
        if b"\x00" in content[:4096]:
            raise UploadRejected(_("A bill of materials must be a CSV or Excel (.xlsx) file."))
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UploadRejected(
                _("The CSV file is not UTF-8 text (byte %(at)d); save it as CSV UTF-8.")
                % {"at": error.start + 1}
            ) from error
        rows = [tuple(row) for row in csv.reader(io.StringIO(text))]
    if len(rows) > MAX_ROWS + 1:
        raise UploadRejected(_("More than %(count)d rows; split the file.") % {"count": MAX_ROWS})
    return rows


def _workbook_rows(content: bytes) -> list[tuple[Any, ...]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = _("Not an Excel workbook (.xlsx); save it again from Excel.")
        raise UploadRejected(message) from error
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(tuple(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()
