"""The DENUE file parsed by PostgreSQL itself (ADR 0803): its bytes stream into ``COPY …
FROM STDIN (FORMAT csv)`` into a table of text columns, then one set-based statement trims,
converts and checks every row into the staging table that the merge reads.

Python only passes the file on in blocks (``raw_blocks``: the reader's encoding repairs,
applied in place) and judges the few rows that the SQL checks flag, with the reader's own
rules (``check_row``), so that messages and verdicts stay those of the Python reader. What
this path cannot handle — a row with the wrong number of fields, an unterminated quote, a
byte PostgreSQL refuses, a blank line — raises ``CopyFallback`` and the caller re-reads the
file with the Python reader, which reports or skips the row at its line.

Every SQL text is assembled from constant table names and the header's column positions,
never from the file's text, hence the S608 exemptions.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import psycopg
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg.copy import LibpqWriter

from eslabon.domain.discovery.denue import (
    REQUIRED_COLUMNS,
    BadRow,
    DenueRecord,
    ReadReport,
    check_row,
    header_index,
)
from eslabon.domain.discovery.encoding import (
    CP1252,
    UTF8,
    NeedsDecoding,
    decode_cp1252,
    raw_blocks,
)
from eslabon.domain.discovery.strata import parse_per_ocu
from eslabon.domain.errors import InputError

RAW_TABLE = "denue_raw"
STRATA_TABLE = "denue_strata"
STAGING_TABLE = "denue_staging"
PG_ENCODING = {UTF8: "UTF8", CP1252: "WIN1252"}
# Decimal numbers PostgreSQL's float8 reads as Python's float() does; anything else
# ("1_0", "nan", "1e400") is flagged and judged by the Python rules.
_FLOAT = r"'^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,2})?$'"
_DIGITS = "'^[0-9]+$'"

# Part p of a parallel load numbers its raw rows from p * PART_ID_STRIDE + 1, so that
# identities keep file order across parts without knowing the parts' row counts.
PART_ID_STRIDE = 1 << 40

Progress = Callable[[str], None]


class CopyFallback(Exception):
    """The file needs the Python reader (see the module's docstring)."""


@dataclass(frozen=True)
class StageRequest:
    """What an import asks of the staging step, whichever path takes it."""

    path: Path
    encoding: str
    source: str
    states: Collection[str]
    skip_bad_rows: bool
    progress: Progress | None
    progress_every: int


def stage_with_copy(connection: BaseDatabaseWrapper, request: StageRequest) -> ReadReport:
    """Fill the staging table from the file on this one connection; raises InputError for a
    bad row (unless skipping) and CopyFallback for what only the Python reader handles."""
    report = ReadReport()
    with request.path.open("rb") as handle:
        index, width = read_header(handle, request.encoding, request.source)
        raw: Any = connection.connection  # the psycopg 3 connection under Django's
        try:
            with transaction.atomic(using=connection.alias), raw.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {SERIAL.raw}")
                report.rows = copy_raw(
                    cursor, SERIAL, width, request.encoding,
                    raw_blocks(handle, request.encoding, report.decoding),
                    LineCounter(request.progress, request.progress_every),
                )  # fmt: skip
                if request.progress is not None:
                    request.progress(f"{report.rows:,} rows read; converting and checking them")
        except (psycopg.DataError, NeedsDecoding) as error:
            raise CopyFallback(str(error)) from error
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        strata(cursor, index, SERIAL)
        staged, flagged = stage(cursor, index, request.states, request.encoding, SERIAL)
    judge_flagged(
        connection, Flagged(index, width, SERIAL.raw, [report.rows], flagged), request, report
    )
    report.filtered_out = report.rows - staged
    report.accepted = staged - flagged + report.accepted
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {SERIAL.raw}, {SERIAL.strata}")
    return report


@dataclass(frozen=True)
class Tables:
    """Where one COPY's rows go: the raw text table, its per_ocu map and the converted rows.

    The serial path uses temporary tables; each part of a parallel load (copy_parallel.py)
    has unlogged tables of its own, which the import's connection can read once committed.
    """

    raw: str
    strata: str
    staged: str
    persistence: str = "TEMPORARY"
    first_id: int = 1


SERIAL = Tables(RAW_TABLE, STRATA_TABLE, STAGING_TABLE)


def report_rows_read(progress: Progress | None, before: int, after: int, every: int) -> None:
    """Say "N rows read" for each multiple of ``every`` passed between two counts."""
    if progress is None:
        return
    for mark in range((before // every + 1) * every, after + 1, every):
        progress(f"{mark:,} rows read")


class LineCounter:
    """Counts the line breaks COPY was sent and reports every ``every`` rows."""

    def __init__(self, progress: Progress | None, every: int) -> None:
        self.progress, self.every, self.lines = progress, every, 0

    def add(self, block: bytes) -> None:
        before = self.lines
        self.lines += block.count(b"\n")
        report_rows_read(self.progress, before, self.lines, self.every)


def copy_raw(
    cursor: Any,
    tables: Tables,
    width: int,
    encoding: str,
    blocks: Iterable[bytes],
    counter: LineCounter,
) -> int:
    """Create ``tables.raw`` (one text column per file column, an identity in file order)
    and COPY the blocks into it; returns the rows COPY stored."""
    columns = [f"c{position}" for position in range(width)]
    cursor.execute(
        f"CREATE {tables.persistence} TABLE {tables.raw} (id bigint GENERATED ALWAYS AS "
        f"IDENTITY (START WITH {tables.first_id} CACHE 100000), "
        f"{', '.join(f'{c} text' for c in columns)})"
    )
    listed = ", ".join(columns)
    copy_sql = (
        f"COPY {tables.raw} ({listed}) FROM STDIN WITH (FORMAT csv, "
        f"ENCODING '{PG_ENCODING[encoding]}', FORCE_NOT_NULL ({listed}))"
    )
    # Written synchronously: psycopg's default queue would hold up to 1,024 blocks while
    # the server is slower than the file, and memory would grow.
    with cursor.copy(copy_sql, writer=LibpqWriter(cursor)) as copy:
        for block in blocks:
            copy.write(block)
            counter.add(block)
    return int(cursor.rowcount)


def read_header(handle: Any, encoding: str, source: str) -> tuple[dict[str, int], int]:
    """Read the header line; the rest of the file stays for COPY."""
    first = handle.read(1 << 16)
    end = first.find(b"\n")
    if end < 0 or b"\r" in first[: end - 1]:
        raise CopyFallback("header line without a line feed")
    text = first[: end + 1]
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    decoded = text.decode(UTF8, errors="replace") if encoding == UTF8 else decode_cp1252(text)
    rows = list(csv.reader([decoded]))
    if len(rows) != 1:
        raise CopyFallback("header spans lines")
    handle.seek(len(first[: end + 1]))
    return header_index(rows[0], source), len(rows[0])


def strata(cursor: Any, index: dict[str, int], tables: Tables) -> None:
    """The distinct per_ocu texts of the file, each read by the domain's parser, in a
    temporary table of the cursor's session."""
    cursor.execute(f"SELECT DISTINCT c{index['per_ocu']} FROM {tables.raw}")  # noqa: S608
    pairs = []
    for (text,) in cursor.fetchall():
        try:
            pairs.append((text, int(parse_per_ocu(text.strip()))))
        except InputError:
            pairs.append((text, None))
    cursor.execute(f"DROP TABLE IF EXISTS {tables.strata}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {tables.strata} (label text PRIMARY KEY, stratum smallint)"
    )
    cursor.executemany(f"INSERT INTO {tables.strata} VALUES (%s, %s)", pairs)  # noqa: S608


def _trim_set(encoding: str) -> str:
    """The characters Python's str.strip removes, as a PostgreSQL literal; for a cp1252 file
    only those cp1252 can hold (btrim's cost grows with the set's length)."""
    spaces = "".join(
        char
        for char in map(chr, range(0x110000))
        if char.isspace() and (encoding == UTF8 or char.encode(CP1252, errors="ignore"))
    )
    return "U&'" + "".join(f"\\{ord(char):04X}" for char in spaces) + "'"


def stage(
    cursor: Any, index: dict[str, int], states: Collection[str], encoding: str, tables: Tables
) -> tuple[int, int]:
    """Create ``tables.staged`` from the raw rows of the wanted states; returns (rows
    staged, rows flagged for the Python rules)."""
    spaces = _trim_set(encoding)
    trimmed = ", ".join(
        f"btrim(c{position}, {spaces}) AS {column.lower()}"
        for column, position in index.items()
        if column in REQUIRED_COLUMNS and column != "per_ocu"
    )

    def code(column: str, width: int) -> str:
        return (
            f"CASE WHEN length({column}) < {width} AND {column} ~ {_DIGITS} "
            f"THEN lpad({column}, {width}, '0') ELSE {column} END"
        )

    def joined(number: str, letter: str) -> str:
        return (
            f"CASE WHEN {number} <> '' AND {letter} <> '' "
            f"THEN {number} || ' ' || {letter} ELSE {number} || {letter} END"
        )

    inner = {
        "clee": "clee", "name": "nom_estab", "legal_name": "raz_social",
        "scian_code": "codigo_act", "activity_name": "nombre_act", "per_ocu": "per_ocu",
        "street_type": "tipo_vial", "street": "nom_vial",
        "exterior_number": joined("numero_ext", "letra_ext"),
        "interior_number": joined("numero_int", "letra_int"),
        "settlement_type": "tipo_asent", "settlement": "nomb_asent",
        "postal_code": code("cod_postal", 5), "state_code": code("cve_ent", 2),
        "state_name": "entidad", "municipality_code": code("cve_mun", 3),
        "municipality_name": "municipio", "locality_code": code("cve_loc", 4),
        "locality_name": "localidad", "phone": "telefono", "email": "correoelec",
        "website": "www", "unit_type": "tipounieco", "lat_text": "latitud",
        "lon_text": "longitud", "registered": "fecha_alta",
        "lat_value": f"CASE WHEN latitud ~ {_FLOAT} THEN latitud::float8 END",
        "lon_value": f"CASE WHEN longitud ~ {_FLOAT} THEN longitud::float8 END",
    }  # fmt: skip
    where = ""
    params: list[Any] = []
    if states:
        where = f"WHERE {code('cve_ent', 2)} = ANY(%s)"
        params.append(sorted(states))
    selected = ", ".join(f"{sql} AS {name}" for name, sql in inner.items())
    typed = (
        f"SELECT {selected}, s.stratum, id FROM (SELECT id, c{index['per_ocu']} AS per_ocu, "  # noqa: S608
        f"{trimmed} FROM {tables.raw} OFFSET 0) i "
        f"LEFT JOIN {tables.strata} s ON s.label = i.per_ocu {where} OFFSET 0"
    )
    fields = [name for name in DenueRecord._fields if name not in ("lat", "lon", "line")]
    bad = (
        "clee = '' OR state_code !~ '^[0-9]{2}$' OR scian_code !~ '^[0-9]{6}$' "
        "OR stratum IS NULL "
        "OR (lat_text <> '' AND (lat_value IS NULL OR abs(lat_value) > 90)) "
        "OR (lon_text <> '' AND (lon_value IS NULL OR abs(lon_value) > 180))"
    )
    sql = (
        f"CREATE {tables.persistence} TABLE {tables.staged} AS SELECT {', '.join(fields)}, "  # noqa: S608
        f"CASE WHEN lat_value = 0 AND lon_value = 0 THEN NULL ELSE lat_value END AS lat, "
        f"CASE WHEN lat_value = 0 AND lon_value = 0 THEN NULL ELSE lon_value END AS lon, "
        f"id + 1 AS line, id AS raw_id, ({bad}) AS bad FROM ({typed}) t"
    )
    cursor.execute(f"DROP TABLE IF EXISTS {tables.staged}")
    cursor.execute(sql, params)
    staged = cursor.rowcount
    cursor.execute(f"SELECT count(*) FROM {tables.staged} WHERE bad")  # noqa: S608
    return staged, cursor.fetchone()[0]


@dataclass(frozen=True)
class Flagged:
    """Where the rows SQL flagged can be read again: ``raw`` is a table or a parenthesised
    UNION of the parts' tables; ``part_rows`` the rows of each part, in file order."""

    index: dict[str, int]
    width: int
    raw: str
    part_rows: list[int]
    count: int


def judge_flagged(
    connection: BaseDatabaseWrapper, flagged: Flagged, request: StageRequest, report: ReadReport
) -> None:
    """Run the Python rules on the rows SQL flagged: a bad one stops the import (or is
    recorded and skipped); one the rules accept after all is staged as they convert it, and
    counted in ``report.accepted``."""
    if not flagged.count:
        return
    line_of = _line_numbers(connection, flagged)
    fields = ", ".join(f"r.c{position}" for position in range(flagged.width))
    accepted: list[DenueRecord] = []
    raw: Any = connection.connection
    with raw.cursor(name="denue_flagged") as cursor:
        cursor.execute(
            f"SELECT r.id, {fields} FROM {flagged.raw} r JOIN {STAGING_TABLE} s "  # noqa: S608
            f"ON s.raw_id = r.id WHERE s.bad ORDER BY r.id"
        )
        for raw_id, *row in cursor:
            line = line_of(raw_id)
            try:
                accepted.append(check_row(row, flagged.index, line)._replace(line=raw_id + 1))
            except InputError as error:
                if not request.skip_bad_rows:
                    raise InputError(f"{request.source} line {line}", error.message) from None
                report.add_bad_row(BadRow(line, error.message))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {STAGING_TABLE} WHERE bad")  # noqa: S608
        names = ", ".join(DenueRecord._fields)
        cursor.executemany(
            f"INSERT INTO {STAGING_TABLE} ({names}, bad) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(DenueRecord._fields))}, false)",
            accepted,
        )
    report.accepted += len(accepted)


def _line_numbers(connection: BaseDatabaseWrapper, flagged: Flagged) -> Callable[[int], int]:
    """Physical line where a raw row starts: its position after the header, plus the line
    breaks inside quoted fields of the rows before it (\\r\\n, \\r and \\n each one break).
    Part ``p``'s identities start at ``p * PART_ID_STRIDE + 1``."""
    before = [0, *accumulate(flagged.part_rows)]

    def record(row_id: int) -> int:
        part, position = divmod(row_id, PART_ID_STRIDE)
        return before[part] + position

    text = "concat(" + ", ".join(f"c{position}" for position in range(flagged.width)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, {text} FROM {flagged.raw} r "  # noqa: S608
            f"WHERE strpos({text}, E'\\n') > 0 OR strpos({text}, E'\\r') > 0 ORDER BY id"
        )
        multi = [
            (record(row_id), text.count("\n") + text.count("\r") - text.count("\r\n"))
            for row_id, text in cursor.fetchall()
        ]
    records = [number for number, _ in multi]
    extra = [0, *accumulate(breaks for _, breaks in multi)]

    def line_of(row_id: int) -> int:
        number = record(row_id)
        return 1 + number + extra[bisect.bisect_left(records, number)]

    return line_of
