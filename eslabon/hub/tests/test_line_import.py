"""Bulk import of lines from Excel: row-level errors, and nothing written on error."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eslabon.hub.line_import import LineImportError, import_lines
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory

pytestmark = pytest.mark.django_db


def workbook(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("lines.xlsx", buffer.getvalue())


def test_four_hundred_lines_with_spanish_headers_import_in_one_go(cast: Any) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    rows = [["Número de parte", "Nombre", "Descripción", "Volumen anual"]]
    rows += [[f"PN-{n:04d}", f"Pieza {n}", "", 1000 + n] for n in range(400)]
    assert import_lines(requirement=requirement, upload=workbook(rows), actor=cast.buyer) == 400
    assert requirement.lines.count() == 400
    assert requirement.lines.get(part_number="PN-0399").position == 400


def test_errors_name_row_and_column_and_nothing_is_written(cast: Any) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    RequirementLineFactory(requirement=requirement, part_number="PN-EXISTS")
    rows = [
        ["Part number", "Name", "Quantity"],
        ["PN-1", "Brida", 500],
        ["PN-1", "Brida otra vez", 500],
        ["PN-EXISTS", "Ya estaba", 10],
        ["PN-3", "", "muchas"],
    ]
    with pytest.raises(LineImportError) as caught:
        import_lines(requirement=requirement, upload=workbook(rows), actor=cast.buyer)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(3, "part_number"), (4, "part_number"), (5, "name"), (5, "quantity")]
    assert list(requirement.lines.values_list("part_number", flat=True)) == ["PN-EXISTS"]


def test_a_missing_column_and_a_file_that_is_not_excel_are_reported(cast: Any) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    with pytest.raises(LineImportError) as caught:
        import_lines(requirement=requirement, upload=workbook([["Name"]]), actor=cast.buyer)
    assert {e.column for e in caught.value.errors} == {"part_number", "quantity"}
    with pytest.raises(LineImportError, match="xlsx"):
        import_lines(
            requirement=requirement, upload=SimpleUploadedFile("x.xlsx", b"%PDF-1.4"),
            actor=cast.buyer,
        )  # fmt: skip


def test_the_import_page_lists_the_errors(client: Any, cast: Any) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    client.force_login(cast.buyer)
    response = client.post(
        reverse("hub:line_import", args=[requirement.pk]),
        {"file": workbook([["Part number", "Name", "Quantity"], ["A", "B", 0]])},
    )
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["errors"]] == [(2, "quantity")]
