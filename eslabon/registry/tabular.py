"""Import and export of the registry as CSV and Excel: the entry points views and the CLI call.

Exports hold only what the user may see (the querysets' ``visible_to``); imports write only
records of organisations the user may edit, all rows or none. Columns: docs/registry-files.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.db import transaction
from django.utils import timezone

from eslabon.registry import permissions
from eslabon.registry.models import Capability, Certification, Organization, Site
from eslabon.registry.tabular_columns import COLUMNS, KINDS
from eslabon.registry.tabular_files import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    RowError,
    TabularImportError,
    read_sheets,
    write_csv,
    write_xlsx,
)
from eslabon.registry.tabular_import import ImportReport, RowImporter, organization_roles

__all__ = [
    "KINDS",
    "ExportFile",
    "ImportReport",
    "RowError",
    "TabularImportError",
    "export_registry",
    "import_registry",
]


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A file ready to be sent as a download or written to disk."""

    content: bytes
    content_type: str
    filename: str


def _organization_rows(user: Any) -> Iterator[list[object]]:
    # Workforce and sales figures are business data: shown only to those who may edit them.
    may_edit = (
        None
        if permissions.is_operator(user)
        else set(Organization.objects.editable_by(user).values_list("pk", flat=True))
    )
    for org in Organization.objects.visible_to(user).order_by("rfc"):
        private = may_edit is None or org.pk in may_edit
        yield [
            org.rfc, org.legal_name, org.trade_name, ";".join(organization_roles(org)),
            org.tier, org.sector,
            org.employees if private else None, org.annual_sales_mxn if private else None,
            org.size_stratum, org.status, org.description, org.website,
        ]  # fmt: skip


def _site_rows(user: Any) -> Iterator[list[object]]:
    sites = Site.objects.visible_to(user).select_related("organization")
    for site in sites.order_by("organization__rfc", "name"):
        yield [
            site.organization.rfc, site.name, site.street, site.neighbourhood, site.postal_code,
            site.state_code, site.municipality_code, site.municipality_name, site.latitude,
            site.longitude,
        ]  # fmt: skip


def _capability_rows(user: Any) -> Iterator[list[object]]:
    capabilities = (
        Capability.objects.visible_to(user)
        .select_related("site__organization", "process")
        .prefetch_related("materials")
        .order_by("site__organization__rfc", "site__name", "process__slug")
    )
    for cap in capabilities:
        materials = ";".join(sorted(material.slug for material in cap.materials.all()))
        yield [
            cap.site.organization.rfc, cap.site.name, cap.process.slug, materials,
            cap.description, cap.max_dimension_mm, cap.max_weight_kg, cap.press_tonnage,
            cap.annual_capacity, cap.utilisation,
        ]  # fmt: skip


def _certification_rows(user: Any) -> Iterator[list[object]]:
    certifications = (
        Certification.objects.visible_to(user)
        .select_related("organization", "site", "standard")
        .order_by("organization__rfc", "standard__slug", "site__name", "pk")
    )
    for cert in certifications:
        yield [
            cert.organization.rfc, cert.standard.slug, cert.site.name if cert.site else "",
            cert.status, cert.certificate_number, cert.issuing_body, cert.issued_on,
            cert.expires_on, cert.expected_on,
        ]  # fmt: skip


_ROWS = {
    "organizations": _organization_rows,
    "sites": _site_rows,
    "capabilities": _capability_rows,
    "certifications": _certification_rows,
}


def export_registry(
    *, user: Any, fmt: Literal["xlsx", "csv"], kind: str | None = None
) -> ExportFile:
    """The registry records the user may see: one workbook (a sheet per kind) or one CSV kind.

    ``kind`` narrows a workbook to one sheet and is required for CSV.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    stamp = timezone.localdate().strftime("%Y%m%d")
    header = {k: [c.name for c in COLUMNS[k]] for k in KINDS}
    if fmt == "csv":
        if kind is None:
            raise ValueError("a CSV export holds one kind; say which")
        content = write_csv(header[kind], _ROWS[kind](user))
        return ExportFile(content, CSV_CONTENT_TYPE, f"eslabon-{kind}-{stamp}.csv")
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt!r}; expected xlsx or csv")
    kinds = KINDS if kind is None else (kind,)
    content = write_xlsx([(k, header[k], _ROWS[k](user)) for k in kinds])
    name = "registry" if kind is None else kind
    return ExportFile(content, XLSX_CONTENT_TYPE, f"eslabon-{name}-{stamp}.xlsx")


def import_registry(
    *, user: Any, filename: str, content: bytes, kind: str | None = None, dry_run: bool = False
) -> ImportReport:
    """Create or update registry records from a CSV or Excel file, all rows or none.

    Raises TabularImportError with every problem found (file, sheet, row, column, reason);
    then nothing of the file has been written. ``dry_run`` checks and counts, then rolls back.
    """
    sheets = read_sheets(filename, content, kind)
    importer = RowImporter(user=user, filename=filename)
    with transaction.atomic():
        for sheet in sorted(sheets, key=lambda s: KINDS.index(s.kind)):
            importer.import_sheet(sheet)
        if importer.errors:
            raise TabularImportError(importer.errors)
        if dry_run:
            transaction.set_rollback(True)
    importer.report.dry_run = dry_run
    return importer.report
