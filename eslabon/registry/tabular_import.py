"""Applying the rows of registry files to the database, collecting every error on the way.

Called by tabular.import_registry inside one transaction: rows are matched to records by
their natural keys, checked with the models' own validators, and written only if no row fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.data import geography
from eslabon.domain.registry.rfc import InvalidRfc, normalise_rfc, validate_rfc
from eslabon.registry import permissions, services
from eslabon.registry.models import (
    Capability,
    Certification,
    CertificationStandard,
    Material,
    Organization,
    Process,
    Site,
)
from eslabon.registry.tabular_columns import (
    COLUMNS,
    KEY_COLUMNS,
    ROLES,
    CellError,
    Column,
    parse_cell,
)
from eslabon.registry.tabular_files import ImportReport, Row, RowError, Sheet

# Model field → file column, where they differ; "__all__" errors are put on the key columns.
_FIELD_COLUMNS = {"organization": "rfc", "site": "site_name", "name": "site_name"}


def _same_name_fields(kind: str, *special: str) -> tuple[str, ...]:
    """The columns that set the model field of the same name (all but keys and `special`)."""
    skipped = {*KEY_COLUMNS[kind], *special}
    return tuple(c.name for c in COLUMNS[kind] if not c.read_only and c.name not in skipped)


_ORGANIZATION_FIELDS = _same_name_fields("organizations", "roles", "status")
_SITE_FIELDS = _same_name_fields("sites")
_CAPABILITY_FIELDS = _same_name_fields("capabilities", "materials")
_CERTIFICATION_FIELDS = _same_name_fields("certifications")
_SKIPPED_IN_COMPARISON = {"id", "created_at", "updated_at", "reviewed_at", "reviewed_by"}


def _snapshot(instance: models.Model) -> tuple[Any, ...]:
    return tuple(
        getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in _SKIPPED_IN_COMPARISON
    )


def organization_roles(organization: Organization) -> tuple[str, ...]:
    """The organisation's roles as the files name them, in the documented order."""
    flags = (organization.is_buyer, organization.is_supplier, organization.is_operator)
    return tuple(role for role, flag in zip(ROLES, flags, strict=True) if flag)


def _chunks(values: list[Any], size: int = 500) -> list[list[Any]]:
    """Slices small enough for any database's limit on query parameters."""
    return [values[start : start + size] for start in range(0, len(values), size)]


def _assign(instance: models.Model, name: str, value: Any) -> None:
    """Set a field; an empty cell means the field's empty value (blank text, null, default)."""
    model_field = instance._meta.get_field(name)
    if value is None and not model_field.null:
        value = model_field.get_default()
    setattr(instance, name, value)


class RowImporter:
    """Applies sheets in order, remembering what earlier sheets of the same file created."""

    def __init__(self, *, user: Any, filename: str) -> None:
        self.user = user
        self.filename = filename
        self.errors: list[RowError] = []
        self.report = ImportReport()
        self.is_operator = permissions.is_operator(user)
        self._organizations: dict[str, Organization] = {}
        self._editable_ids: set[int] = set()
        self._sites: dict[tuple[int, str], Site] = {}
        self._children_loaded: dict[str, set[int]] = {}  # organisation ids, per kind
        self._capabilities: dict[tuple[int, int], Capability] = {}
        self._certifications: dict[tuple[int, int, int | None], list[Certification]] = {}
        self._processes = {p.slug: p for p in Process.objects.all()}
        self._materials = {m.slug: m for m in Material.objects.all()}
        self._standards = {s.slug: s for s in CertificationStandard.objects.all()}

    # -- errors -------------------------------------------------------------------------

    def error(self, row: Row | Sheet, column: str | None, message: str) -> None:
        sheet = row if isinstance(row, Sheet) else row.sheet
        number = 1 if isinstance(row, Sheet) else row.number
        self.errors.append(RowError(self.filename, sheet.title, number, column, message))

    def _validation_errors(self, row: Row, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            column = _FIELD_COLUMNS.get(name, name)
            if name == "__all__":
                column = ", ".join(KEY_COLUMNS[row.sheet.kind])
            for message in messages:
                self.error(row, column, str(message))

    # -- sheets -------------------------------------------------------------------------

    def import_sheet(self, sheet: Sheet) -> None:
        first_error = len(self.errors)
        columns = self._columns(sheet)
        if columns is None:
            return
        rows = [
            row
            for number, cells in sheet.rows
            if (row := self._parse(sheet, columns, number, cells))
        ]
        self._load(sheet.kind, {row.values["rfc"] for row in rows})
        apply: dict[str, Callable[[Row], None]] = {
            "organizations": self._organization_row,
            "sites": self._site_row,
            "capabilities": self._capability_row,
            "certifications": self._certification_row,
        }
        seen: dict[tuple[Any, ...], int] = {}
        for row in rows:
            key = tuple(row.values.get(column) for column in KEY_COLUMNS[sheet.kind])
            if key in seen:
                message = _("the same record as row %(row)s") % {"row": seen[key]}
                self.error(row, KEY_COLUMNS[sheet.kind][-1], message)
                continue
            seen[key] = row.number
            apply[sheet.kind](row)
        # Cell errors are found before record errors; the report reads down the sheet.
        self.errors[first_error:] = sorted(self.errors[first_error:], key=lambda e: e.row or 0)

    def _columns(self, sheet: Sheet) -> dict[int, Column] | None:
        """Column of each header position; None (with errors) when the header is wrong."""
        known = {column.name: column for column in COLUMNS[sheet.kind]}
        errors = len(self.errors)
        result: dict[int, Column] = {}
        for index, name in enumerate(sheet.header):
            if not name:
                continue
            if name not in known:
                message = _("unknown column; expected: %(columns)s") % {"columns": ", ".join(known)}
                self.error(sheet, name, message)
            elif any(column.name == name for column in result.values()):
                self.error(sheet, name, _("the column appears twice"))
            elif not known[name].read_only:
                result[index] = known[name]
        for column in known.values():
            if column.required and column.name not in sheet.header:
                self.error(sheet, column.name, _("a required column is missing"))
        return result if len(self.errors) == errors else None

    def _parse(
        self, sheet: Sheet, columns: dict[int, Column], number: int, cells: tuple[Any, ...]
    ) -> Row | None:
        values: dict[str, Any] = {}
        row = Row(sheet, number, values)
        ok = True
        width = len(sheet.header)
        if any(cell is not None and str(cell).strip() for cell in cells[width:]):
            message = _("more values than the header's %(count)s columns") % {"count": width}
            self.error(row, None, message)
            ok = False
        for index, column in columns.items():
            try:
                values[column.name] = parse_cell(
                    column, cells[index] if index < len(cells) else None
                )
            except CellError as error:
                self.error(row, column.name, str(error))
                ok = False
        if values.get("rfc"):
            values["rfc"] = normalise_rfc(values["rfc"])
            if sheet.kind == "organizations":
                try:
                    validate_rfc(values["rfc"])
                except InvalidRfc as error:
                    self.error(row, "rfc", str(error))
                    ok = False
        return row if ok else None

    def _load(self, kind: str, rfcs: set[str]) -> None:
        """Fetch the records that the sheet's RFCs may touch, a few queries per 500 RFCs."""
        new = sorted(rfcs - self._organizations.keys())
        for chunk in _chunks(new):
            self._organizations.update(
                {org.rfc: org for org in Organization.objects.filter(rfc__in=chunk)}
            )
            editable = Organization.objects.editable_by(self.user).filter(rfc__in=chunk)
            self._editable_ids |= set(editable.values_list("pk", flat=True))
        known = {self._organizations[rfc].pk for rfc in rfcs if rfc in self._organizations}
        ids = sorted(known - self._children_loaded.setdefault(kind, set()))
        self._children_loaded[kind] |= set(ids)
        for chunk in _chunks(ids):
            self._load_children(kind, chunk)

    def _load_children(self, kind: str, ids: list[int]) -> None:
        if kind in {"sites", "capabilities", "certifications"}:
            for site in Site.objects.filter(organization_id__in=ids):
                self._sites.setdefault((site.organization_id, site.name), site)
        if kind == "capabilities":
            capabilities = Capability.objects.filter(site__organization_id__in=ids)
            for capability in capabilities.prefetch_related("materials"):
                key = (capability.site_id, capability.process_id)
                self._capabilities.setdefault(key, capability)
        if kind == "certifications":
            for cert in Certification.objects.filter(organization_id__in=ids):
                key = (cert.organization_id, cert.standard_id, cert.site_id)
                self._certifications.setdefault(key, []).append(cert)

    # -- shared steps -------------------------------------------------------------------

    def _owner(self, row: Row) -> Organization | None:
        """The row's organisation, if the user may write its records."""
        rfc = row.values["rfc"]
        organization = self._organizations.get(rfc)
        if self.is_operator and organization is None:
            message = _('no organisation with RFC "%(rfc)s" in the registry or the file')
            self.error(row, "rfc", message % {"rfc": rfc})
            return None
        if organization is None or not (self.is_operator or organization.pk in self._editable_ids):
            # The same words whether or not the RFC exists: an import reveals nothing.
            message = _('you may only import records of your own organisations ("%(rfc)s")')
            self.error(row, "rfc", message % {"rfc": rfc})
            return None
        return organization

    def _site(self, row: Row, organization: Organization, name: str) -> Site | None:
        site = self._sites.get((organization.pk, name))
        if site is None:
            message = _('%(rfc)s has no site named "%(name)s"')
            self.error(row, "site_name", message % {"rfc": organization.rfc, "name": name})
        return site

    def _term(self, row: Row, column: str, index: dict[str, Any], slug: str) -> Any:
        term = index.get(slug)
        if term is None:
            message = _('unknown slug "%(slug)s" (see the shipped taxonomy)') % {"slug": slug}
            self.error(row, column, message)
        return term

    def _save(self, row: Row, instance: models.Model, before: tuple[Any, ...] | None,
              exclude: list[str], save: Callable[[], Any] | None = None,
              extra_changed: bool = False) -> bool:  # fmt: skip
        """Validate and write one record; False (with errors recorded) when it is invalid."""
        try:
            # Uniqueness is the natural keys' job: each row was matched against every stored
            # record with its key (not only the visible ones) and against the file's rows.
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self._validation_errors(row, error)
            return False
        kind = row.sheet.kind
        if before is None:
            self.report.created[kind] += 1
        elif before == _snapshot(instance) and not extra_changed:
            self.report.unchanged[kind] += 1
            return True
        else:
            self.report.updated[kind] += 1
        (save or instance.save)()
        return True

    def _set_fields(self, row: Row, instance: models.Model, names: tuple[str, ...]) -> None:
        for name in names:
            if row.has(name):
                _assign(instance, name, row.values[name])

    # -- one row of each kind -------------------------------------------------------------

    def _organization_row(self, row: Row) -> None:
        rfc = row.values["rfc"]
        organization = self._organizations.get(rfc)
        if organization is None and self.is_operator:
            organization = Organization(rfc=rfc)
            before = None
        else:
            owner = self._owner(row)
            if owner is None:
                return
            organization, before = owner, _snapshot(owner)
        previous = (organization.status, set(organization_roles(organization)))
        self._set_fields(row, organization, _ORGANIZATION_FIELDS)
        roles = set(row.values["roles"]) if row.has("roles") else previous[1]
        status = row.values.get("status") or previous[0]
        if not roles:
            self.error(row, "roles", _("at least one of buyer, supplier, operator"))
            return
        # Roles and publication decide what an organisation's members may see and do
        # (permissions.py): only programme officers change them.
        may_review = permissions.can_review_organizations(self.user)
        for column, changed in (("roles", roles != previous[1]), ("status", status != previous[0])):
            if changed and not may_review:
                message = _("only a programme officer may change the %(column)s")
                self.error(row, column, message % {"column": column})
                return
        organization.is_buyer = "buyer" in roles
        organization.is_supplier = "supplier" in roles
        organization.is_operator = "operator" in roles
        if status != previous[0]:
            organization.status = status
            organization.reviewed_at = timezone.now()
            organization.reviewed_by = self.user if self.user.pk else None
        organization.size_stratum = services.computed_stratum(organization)
        if self._save(row, organization, before, ["reviewed_by"],
                      lambda: services.save_organization(organization=organization)):  # fmt: skip
            self._organizations[rfc] = organization
            self._editable_ids.add(organization.pk)

    def _site_row(self, row: Row) -> None:
        organization = self._owner(row)
        if organization is None:
            return
        name = row.values["site_name"]
        site = self._sites.get((organization.pk, name))
        before = None if site is None else _snapshot(site)
        site = site or Site(organization=organization, name=name)
        place = (site.state_code, site.municipality_code)
        self._set_fields(row, site, _SITE_FIELDS)
        state, code = row.values["state_code"], row.values["municipality_code"]
        if state not in geography.states():
            message = _('"%(code)s" is not an INEGI state code') % {"code": state}
            self.error(row, "state_code", message)
            return
        if before is not None and place != (state, code):
            # A site that moves keeps no name or coordinates of its old municipality.
            for column in ("municipality_name", "latitude", "longitude"):
                if not row.has(column):
                    _assign(site, column, None)
        seat = geography.municipalities().get(state + code)
        if seat is not None and not site.municipality_name:
            site.municipality_name = seat.name
        for column, seat_value in (("latitude", "lat"), ("longitude", "lon")):
            if getattr(site, column) is None:
                if seat is None:
                    self.error(
                        row, column, _("required: the municipality is not in the INEGI list")
                    )
                    return
                setattr(site, column, getattr(seat, seat_value))
        if self._save(row, site, before, ["organization"]):
            self._sites[(organization.pk, name)] = site

    def _capability_row(self, row: Row) -> None:
        organization = self._owner(row)
        site = organization and self._site(row, organization, row.values["site_name"])
        process = self._term(row, "process", self._processes, row.values["process"])
        materials = [self._term(row, "materials", self._materials, slug)
                     for slug in row.values.get("materials", [])]  # fmt: skip
        if site is None or process is None or None in materials:
            return
        capability = self._capabilities.get((site.pk, process.pk))
        before = None if capability is None else _snapshot(capability)
        old_materials = set() if capability is None else {m.pk for m in capability.materials.all()}
        capability = capability or Capability(site=site, process=process)
        self._set_fields(row, capability, _CAPABILITY_FIELDS)
        new_materials = {m.pk for m in materials} if row.has("materials") else old_materials

        def save() -> None:
            capability.save()
            if new_materials != old_materials or before is None:
                capability.materials.set(new_materials)

        if self._save(row, capability, before, ["site", "process"], save,
                      extra_changed=new_materials != old_materials):  # fmt: skip
            self._capabilities[(site.pk, process.pk)] = capability

    def _certification_row(self, row: Row) -> None:
        organization = self._owner(row)
        site_name = row.values.get("site_name")
        site = organization and site_name and self._site(row, organization, site_name)
        standard = self._term(row, "standard", self._standards, row.values["standard"])
        if organization is None or standard is None or (site_name and site is None):
            return
        site_id = site.pk if site else None
        matches = self._certifications.get((organization.pk, standard.pk, site_id), [])
        if len(matches) > 1:
            message = _("several certifications have this key; edit them on the web")
            self.error(row, "standard", message)
            return
        certification = matches[0] if matches else None
        before = None if certification is None else _snapshot(certification)
        certification = certification or Certification(
            organization=organization, standard=standard, site=site or None
        )
        self._set_fields(row, certification, _CERTIFICATION_FIELDS)
        issued, expires = certification.issued_on, certification.expires_on
        if issued and expires and expires < issued:
            self.error(row, "expires_on", _("the expiry date is before the issue date"))
            return
        if self._save(row, certification, before, ["organization", "site", "standard",
                                                   "certificate_file"]):  # fmt: skip
            self._certifications[(organization.pk, standard.pk, site_id)] = [certification]
