"""Streaming reader of INEGI's DENUE bulk CSV: published columns in, checked records out.

The import service feeds it the file's byte lines and writes each record to a staging table;
one row at a time, so memory stays flat whatever the size of the national file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, NamedTuple

from eslabon.domain.discovery.encoding import DecodeStats, decode_lines
from eslabon.domain.discovery.strata import Stratum, parse_per_ocu
from eslabon.domain.errors import InputError

# The 42 columns of the bulk CSV, in published order (docs/discovery.md, "File format").
DENUE_COLUMNS: tuple[str, ...] = (
    "id", "clee", "nom_estab", "raz_social", "codigo_act", "nombre_act", "per_ocu",
    "tipo_vial", "nom_vial", "tipo_v_e_1", "nom_v_e_1", "tipo_v_e_2", "nom_v_e_2",
    "tipo_v_e_3", "nom_v_e_3", "numero_ext", "letra_ext", "edificio", "edificio_e",
    "numero_int", "letra_int", "tipo_asent", "nomb_asent", "tipoCenCom", "nom_CenCom",
    "num_local", "cod_postal", "cve_ent", "entidad", "cve_mun", "municipio", "cve_loc",
    "localidad", "ageb", "manzana", "telefono", "correoelec", "www", "tipoUniEco",
    "latitud", "longitud", "fecha_alta",
)  # fmt: skip


class DenueRecord(NamedTuple):
    """One establishment as stored; a tuple so that it goes to COPY or executemany as is."""

    clee: str
    name: str
    legal_name: str
    scian_code: str
    activity_name: str
    stratum: int
    street_type: str
    street: str
    exterior_number: str
    interior_number: str
    settlement_type: str
    settlement: str
    postal_code: str
    state_code: str
    state_name: str
    municipality_code: str
    municipality_name: str
    locality_code: str
    locality_name: str
    phone: str
    email: str
    website: str
    unit_type: str
    lat: float | None
    lon: float | None
    registered: str
    line: int


# DENUE column feeding each plain text field of DenueRecord (the others are parsed below).
_TEXT_SOURCES: dict[str, str] = {
    "name": "nom_estab",
    "legal_name": "raz_social",
    "activity_name": "nombre_act",
    "street_type": "tipo_vial",
    "street": "nom_vial",
    "settlement_type": "tipo_asent",
    "settlement": "nomb_asent",
    "state_name": "entidad",
    "municipality_name": "municipio",
    "locality_name": "localidad",
    "phone": "telefono",
    "email": "correoelec",
    "website": "www",
    "unit_type": "tipoUniEco",
    "registered": "fecha_alta",
}
_PARSED_SOURCES = (
    "clee", "codigo_act", "per_ocu", "numero_ext", "letra_ext", "numero_int", "letra_int",
    "cod_postal", "cve_ent", "cve_mun", "cve_loc", "latitud", "longitud",
)  # fmt: skip
REQUIRED_COLUMNS = frozenset(_TEXT_SOURCES.values()) | frozenset(_PARSED_SOURCES)


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row the reader refused, with the physical line it starts on."""

    line: int
    message: str


@dataclass(slots=True)
class ReadReport:
    """Counts the import shows at the end and records on its run."""

    rows: int = 0
    accepted: int = 0
    filtered_out: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    bad_row_count: int = 0
    decoding: DecodeStats = field(default_factory=DecodeStats)

    def add_bad_row(self, bad: BadRow) -> None:
        self.bad_row_count += 1
        if len(self.bad_rows) < 1000:
            self.bad_rows.append(bad)


class DenueReader:
    """Iterates the DENUE records of an open binary file.

    A malformed row raises ``InputError`` naming its line, unless ``skip_bad_rows``: then it
    is recorded in ``report.bad_rows`` and skipped. ``states`` keeps only those state codes.
    """

    def __init__(
        self,
        raw: BinaryIO,
        *,
        encoding: str,
        source: str = "DENUE file",
        states: frozenset[str] | None = None,
        skip_bad_rows: bool = False,
    ) -> None:
        self.report = ReadReport()
        self._lines = decode_lines(raw, encoding, self.report.decoding)
        self._source = source
        self._states = states
        self._skip = skip_bad_rows
        self._width = 0

    def __iter__(self) -> Iterator[DenueRecord]:
        reader = csv.reader(self._lines, skipinitialspace=False)
        index = self._header(reader)
        width = self._width
        get = index.__getitem__
        strata: dict[str, Stratum] = {}
        text_columns = [(name, get(column)) for name, column in _TEXT_SOURCES.items()]
        state_at = get("cve_ent")
        line = reader.line_num
        for row in reader:
            start, line = line + 1, reader.line_num
            if not row:
                continue
            self.report.rows += 1
            if len(row) != width:
                self._bad(start, f"{len(row)} fields where the header has {width}")
                continue
            state = _code(row[state_at], 2)
            if self._states is not None and state not in self._states:
                self.report.filtered_out += 1
                continue
            try:
                record = _record(row, index, text_columns, strata, state, start)
            except InputError as error:
                self._bad(start, error.message)
                continue
            self.report.accepted += 1
            yield record

    def _header(self, reader: Iterator[list[str]]) -> dict[str, int]:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{self._source} line 1", "empty file: no header row")
        self._width = len(header)  # extra columns are allowed; every row has the header's
        return header_index(header, self._source)

    def _bad(self, line: int, message: str) -> None:
        if not self._skip:
            raise InputError(f"{self._source} line {line}", message)
        self.report.add_bad_row(BadRow(line, message))


def header_index(header: list[str], source: str = "DENUE file") -> dict[str, int]:
    """Position of each DENUE column in a header row (names case-insensitive, any order);
    a header missing a column the import stores is refused at line 1."""
    index = {name.strip().lower(): position for position, name in enumerate(header)}
    missing = sorted(column for column in REQUIRED_COLUMNS if column.lower() not in index)
    if missing:
        raise InputError(
            f"{source} line 1", f"not a DENUE file: missing columns {', '.join(missing)}"
        )
    return {column: index[column.lower()] for column in DENUE_COLUMNS if column.lower() in index}


def check_row(row: list[str], index: dict[str, int], line: int) -> DenueRecord:
    """Check and convert one row of the header's width on its own (the reader's rules), for
    rows another parser flagged; raises ``InputError`` naming the field."""
    text_columns = [(name, index[column]) for name, column in _TEXT_SOURCES.items()]
    return _record(row, index, text_columns, {}, _code(row[index["cve_ent"]], 2), line)


def _record(
    row: list[str],
    index: dict[str, int],
    text_columns: list[tuple[str, int]],
    strata: dict[str, Stratum],
    state: str,
    line: int,
) -> DenueRecord:
    """Check and convert one row; written positionally because it runs millions of times."""
    clee = row[index["clee"]].strip()
    if not clee:
        raise InputError("clee", "empty clee (the establishment key)")
    if not state.isdigit() or len(state) != 2:
        raise InputError("cve_ent", f"state code {state!r} is not two digits")
    scian = row[index["codigo_act"]].strip()
    if len(scian) != 6 or not scian.isdigit():
        raise InputError("codigo_act", f"SCIAN code {scian!r} is not six digits")
    per_ocu = row[index["per_ocu"]].strip()
    stratum = strata.get(per_ocu)
    if stratum is None:
        stratum = strata[per_ocu] = parse_per_ocu(per_ocu, "per_ocu")
    lat = _coordinate(row[index["latitud"]], "latitud", 90.0)
    lon = _coordinate(row[index["longitud"]], "longitud", 180.0)
    if lat == 0.0 and lon == 0.0:  # (0, 0) is in the Gulf of Guinea: a placeholder, not a place
        lat = lon = None
    text = [row[position].strip() for _, position in text_columns]
    name, legal, activity, street_type, street, settlement_type, settlement = text[:7]
    state_name, municipality, locality, phone, email, website, unit_type, registered = text[7:]
    return DenueRecord(
        clee, name, legal, scian, activity, int(stratum), street_type, street,
        _joined(row[index["numero_ext"]], row[index["letra_ext"]]),
        _joined(row[index["numero_int"]], row[index["letra_int"]]),
        settlement_type, settlement, _code(row[index["cod_postal"]], 5), state, state_name,
        _code(row[index["cve_mun"]], 3), municipality, _code(row[index["cve_loc"]], 4), locality,
        phone, email, website, unit_type, lat, lon, registered, line,
    )  # fmt: skip


def _code(text: str, width: int) -> str:
    """Trim a numeric code and restore leading zeros a spreadsheet may have dropped."""
    code = text.strip()
    return code.zfill(width) if code.isdigit() else code


def _joined(number: str, letter: str) -> str:
    number, letter = number.strip(), letter.strip()
    return f"{number} {letter}" if number and letter else number or letter


def _coordinate(text: str, column: str, limit: float) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(column, f"{text!r} is not a decimal number") from None
    if not -limit <= value <= limit:
        raise InputError(column, f"{value} is out of range")
    return value
