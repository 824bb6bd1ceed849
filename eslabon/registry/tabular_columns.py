"""The documented column sets of the registry's CSV and Excel files, and how a cell is read.

One list per kind (organisations, sites, capabilities, certifications) serves the export,
the import and docs/registry-files.md, so the three cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from eslabon.registry.choices import CertificationStatus, OrganizationStatus, Sector, Tier

# The order in which an import applies the kinds: each one's keys point at the previous ones.
KINDS: tuple[str, ...] = ("organizations", "sites", "capabilities", "certifications")

ROLES: tuple[str, ...] = ("buyer", "supplier", "operator")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message says what was expected."""


class ColumnType(enum.StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    NUMBER = "number"
    DATE = "date"
    CODE = "code"  # digits that keep their leading zeros (postal code, INEGI codes)
    CHOICE = "choice"
    SLUG_LIST = "slug list"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a registry file: its name in the header, type, and what it means."""

    name: str
    type: ColumnType
    required: bool
    example: str
    description: str
    choices: tuple[str, ...] = ()
    digits: int = 0  # for CODE columns: the fixed number of digits
    read_only: bool = False  # exported for information, ignored on import


def _choices(choices: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in choices)


RFC = Column("rfc", ColumnType.TEXT, True, "MAP950612KX4", "RFC of the organisation (its key).")
SITE_NAME = Column(
    "site_name",
    ColumnType.TEXT,
    True,
    "Planta Apodaca",
    "Name of the site within its organisation.",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "organizations": (
        RFC,
        Column("legal_name", ColumnType.TEXT, True, "Maquinados Apodaca, S.A. de C.V.",
               "Legal name (razón social)."),
        Column("trade_name", ColumnType.TEXT, False, "Maquinados Apodaca", "Trade name."),
        Column("roles", ColumnType.SLUG_LIST, True, "supplier",
               "One or more of buyer, supplier, operator, separated by ';'.", choices=ROLES),
        Column("tier", ColumnType.CHOICE, False, "tier2", "Place in the supply chain.",
               choices=_choices(Tier)),
        Column("sector", ColumnType.CHOICE, False, "industry",
               "Sector for the size stratum (default industry).", choices=_choices(Sector)),
        Column("employees", ColumnType.INTEGER, False, "85", "Number of employees."),
        Column("annual_sales_mxn", ColumnType.DECIMAL, False, "48500000.00",
               "Annual sales in Mexican pesos. Exported only to those who may edit the "
               "organisation."),
        Column("size_stratum", ColumnType.CHOICE, False, "small",
               "Computed from employees and sales (DOF 30-06-2009); ignored on import.",
               choices=("micro", "small", "medium", "large"), read_only=True),
        Column("status", ColumnType.CHOICE, False, "approved",
               "Publication status; only programme officers may change it.",
               choices=_choices(OrganizationStatus)),
        Column("description", ColumnType.TEXT, False, "Maquinado CNC de precisión.",
               "What the organisation does."),
        Column("website", ColumnType.TEXT, False, "https://www.example.mx", "Web address."),
    ),
    "sites": (
        RFC,
        SITE_NAME,
        Column("street", ColumnType.TEXT, False, "Av. Industrial 120", "Street and number."),
        Column("neighbourhood", ColumnType.TEXT, False, "Parque Industrial Norte", "Colonia."),
        Column("postal_code", ColumnType.CODE, False, "66600", "Five-digit postal code.",
               digits=5),
        Column("state_code", ColumnType.CODE, True, "19", "INEGI state code.", digits=2),
        Column("municipality_code", ColumnType.CODE, True, "006",
               "INEGI municipality code within the state.", digits=3),
        Column("municipality_name", ColumnType.TEXT, False, "Apodaca",
               "Filled from the INEGI list when empty and the municipality is known."),
        Column("latitude", ColumnType.NUMBER, False, "25.7817",
               "Decimal degrees; when empty, the municipal seat of a known municipality."),
        Column("longitude", ColumnType.NUMBER, False, "-100.1886",
               "Decimal degrees; when empty, the municipal seat of a known municipality."),
    ),
    "capabilities": (
        RFC,
        SITE_NAME,
        Column("process", ColumnType.TEXT, True, "cnc-machining", "Process slug."),
        Column("materials", ColumnType.SLUG_LIST, False, "steel;aluminium",
               "Material slugs separated by ';'."),
        Column("description", ColumnType.TEXT, False, "Torneado CNC de flechas en acero 4140.",
               "What the site makes with this process."),
        Column("max_dimension_mm", ColumnType.INTEGER, False, "450",
               "Largest part dimension, mm."),
        Column("max_weight_kg", ColumnType.DECIMAL, False, "12.5", "Heaviest part, kg."),
        Column("press_tonnage", ColumnType.INTEGER, False, "400",
               "Press tonnage or equivalent, tonnes."),
        Column("annual_capacity", ColumnType.INTEGER, True, "250000",
               "Pieces a year."),
        Column("utilisation", ColumnType.DECIMAL, True, "0.72",
               "Share of the capacity in use, 0 to 1 (85% is read as 0.85)."),
    ),
    "certifications": (
        RFC,
        Column("standard", ColumnType.TEXT, True, "iatf-16949", "Certification standard slug."),
        Column("site_name", ColumnType.TEXT, False, "Planta Apodaca",
               "The site the certificate covers; empty for the whole organisation."),
        Column("status", ColumnType.CHOICE, True, "held", "held, in_progress or planned.",
               choices=_choices(CertificationStatus)),
        Column("certificate_number", ColumnType.TEXT, False, "MX-IATF-0456", "Number."),
        Column("issuing_body", ColumnType.TEXT, False, "Organismo Certificador Ejemplo",
               "Certification body."),
        Column("issued_on", ColumnType.DATE, False, "2024-03-01", "ISO date."),
        Column("expires_on", ColumnType.DATE, False, "2027-02-28", "ISO date (held)."),
        Column("expected_on", ColumnType.DATE, False, "2026-09-30",
               "ISO date (in progress or planned)."),
    ),
}  # fmt: skip

# The columns that identify a row's record (natural keys).
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": ("rfc",),
    "sites": ("rfc", "site_name"),
    "capabilities": ("rfc", "site_name", "process"),
    "certifications": ("rfc", "standard", "site_name"),
}


Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Cell, column: Column) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        raise CellError(_("expected text, found a date"))
    return str(value).strip()


def _integer(value: Cell, column: Column) -> int:
    if isinstance(value, bool):
        raise CellError(_("expected a whole number"))
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if value != int(value):
            raise CellError(_("expected a whole number, found %(value)s") % {"value": value})
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d+(\.0*)?", text):
        return int(text.split(".")[0])
    raise CellError(_('expected a whole number, found "%(value)s"') % {"value": text})


def _decimal(value: Cell, column: Column) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("expected a number"))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that reads back as the same float
    text = str(value).strip()
    percent = text.endswith("%")
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        message = _('expected a number such as %(example)s, found "%(value)s"')
        raise CellError(message % {"example": column.example, "value": text}) from None
    if not number.is_finite():
        raise CellError(_('expected a finite number, found "%(value)s"') % {"value": text})
    return number / 100 if percent else number


def _number(value: Cell, column: Column) -> float:
    return float(_decimal(value, column))


def _date(value: Cell, column: Column) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) in {10, 19} else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise CellError(_('expected an ISO date (YYYY-MM-DD), found "%(value)s"') % {"value": text})


def _code(value: Cell, column: Column) -> str:
    # Excel often turns "06600" into the number 6600; the leading zeros are put back.
    text = str(_integer(value, column)) if isinstance(value, int | float) else str(value).strip()
    if not text.isdigit() or len(text) > column.digits:
        message = _('expected %(digits)s digits, found "%(value)s"')
        raise CellError(message % {"digits": column.digits, "value": text})
    return text.zfill(column.digits)


def _not_one_of(text: str, column: Column) -> str:
    return _('"%(value)s" is not one of: %(choices)s') % {
        "value": text,
        "choices": ", ".join(column.choices),
    }


def _choice(value: Cell, column: Column) -> str:
    text = str(value).strip().lower()
    if text not in column.choices:
        raise CellError(_not_one_of(text, column))
    return text


def _slug_list(value: Cell, column: Column) -> list[str]:
    slugs = [part.strip().lower() for part in str(value).split(";") if part.strip()]
    unknown = [slug for slug in slugs if column.choices and slug not in column.choices]
    if unknown:
        raise CellError(_not_one_of(unknown[0], column))
    return list(dict.fromkeys(slugs))


_PARSERS: dict[ColumnType, Callable[[Cell, Column], object]] = {
    ColumnType.TEXT: _text,
    ColumnType.INTEGER: _integer,
    ColumnType.DECIMAL: _decimal,
    ColumnType.NUMBER: _number,
    ColumnType.DATE: _date,
    ColumnType.CODE: _code,
    ColumnType.CHOICE: _choice,
    ColumnType.SLUG_LIST: _slug_list,
}


def parse_cell(column: Column, value: Cell) -> object:
    """The cell's value in the column's type; None for an empty cell. Raises CellError."""
    if is_blank(value):
        if column.required:
            raise CellError(_("a value is required"))
        return [] if column.type is ColumnType.SLUG_LIST else None
    return _PARSERS[column.type](value, column)
