"""A large DENUE file loaded by several PostgreSQL connections at once (ADR 0804).

One server process parses and converts a file on one core (copy_load.py); on a machine with
more, the file is cut into parts at record boundaries, and each part is COPY'd and converted
by a connection of its own into unlogged tables, in parallel threads (psycopg releases the
GIL while the server works). The import's own connection then gathers the converted parts
into its staging table and judges the flagged rows of all of them, so the merge, the checks
and the messages are those of the serial path.

The parts' tables are committed by their connections (the import's transaction cannot see
another connection's uncommitted tables). Once gathered, the import drops them in its own
transaction; if anything fails before, the parts' connections drop them. A process killed
mid-load leaves them behind, named ``denue_part_*``.
"""

from __future__ import annotations

import os
import secrets
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

import psycopg
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from eslabon.discovery.copy_load import (
    PART_ID_STRIDE,
    STAGING_TABLE,
    CopyFallback,
    Flagged,
    LineCounter,
    StageRequest,
    Tables,
    copy_raw,
    judge_flagged,
    read_header,
    report_rows_read,
    stage,
    stage_with_copy,
    strata,
)
from eslabon.domain.discovery.denue import ReadReport
from eslabon.domain.discovery.encoding import DecodeStats, NeedsDecoding, raw_blocks

# Below this many bytes a file is loaded by one connection. Parts cost a connection each and
# a second copy of the staged rows; on the 2-core benchmark machine they already saved 17 %
# for a 65 MB file of 150,000 rows (4.94 s against 4.09 s, medians of three, ADR 0804).
PARALLEL_MIN_BYTES = 32 << 20
MAX_PARTS = 4
QUOTE = b'"'


def stage_file(connection: BaseDatabaseWrapper, request: StageRequest) -> ReadReport:
    """Stage the file with one connection or, when it is large and the machine has cores
    to spare, with several (one per core, at most MAX_PARTS)."""
    with request.path.open("rb") as handle:
        read_header(handle, request.encoding, request.source)
        body = handle.tell()
    size = request.path.stat().st_size
    wanted = min(MAX_PARTS, os.cpu_count() or 1)
    if wanted < 2 or size - body < PARALLEL_MIN_BYTES:
        return stage_with_copy(connection, request)
    ranges = record_ranges(request.path, body, size, wanted)
    if len(ranges) < 2:
        return stage_with_copy(connection, request)
    return _stage_in_parts(connection, request, ranges)


def record_ranges(path: Path, start: int, end: int, parts: int) -> list[tuple[int, int]]:
    """Cut bytes ``[start, end)`` into up to ``parts`` ranges of about equal size, each
    beginning at a record: just after a line feed with an even number of quote characters
    before it. PostgreSQL's CSV reader switches quoting at every quote character, so this is
    where it, too, sees a record end; in a file with a stray quote the parts do not line up
    with the records, COPY refuses a part, and the Python reader takes the file."""
    cuts = [start]
    with path.open("rb") as handle:
        handle.seek(start)
        position, quotes = start, 0
        for number in range(1, parts):
            target = start + (end - start) * number // parts
            if target <= position:
                continue
            quotes += _count_quotes(handle, target - position)
            position = target
            found = _next_record_start(handle, position, quotes)
            if found is None:
                break
            cut, quotes = found
            handle.seek(cut)
            position = cut
            if cut < end:
                cuts.append(cut)
    cuts.append(end)
    return [(low, high) for low, high in pairwise(cuts) if high > low]


def _count_quotes(handle: BinaryIO, length: int) -> int:
    quotes = 0
    while length > 0:
        block = handle.read(min(length, 1 << 20))
        if not block:
            break
        quotes += block.count(QUOTE)
        length -= len(block)
    return quotes


def _next_record_start(handle: BinaryIO, position: int, quotes: int) -> tuple[int, int] | None:
    """The first offset after ``position`` that starts a record, with the quotes before it."""
    while block := handle.read(1 << 16):
        done = 0
        while (newline := block.find(b"\n", done)) >= 0:
            quotes += block.count(QUOTE, done, newline + 1)
            done = newline + 1
            if quotes % 2 == 0:
                return position + done, quotes
        quotes += block.count(QUOTE, done)
        position += len(block)
    return None


@dataclass
class _Part:
    """One range of the file, its tables and what loading it found."""

    number: int
    start: int
    end: int
    tables: Tables
    counter: LineCounter
    decoding: DecodeStats = field(default_factory=DecodeStats)
    rows: int = 0
    staged: int = 0
    flagged: int = 0


class _Slice:
    """A binary file read from ``start`` up to, not including, ``end``."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        handle.seek(start)
        self.handle, self.left = handle, end - start

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self.left:
            size = self.left
        data = self.handle.read(size)
        self.left -= len(data)
        return data


def _stage_in_parts(
    connection: BaseDatabaseWrapper, request: StageRequest, ranges: list[tuple[int, int]]
) -> ReadReport:
    with request.path.open("rb") as handle:
        index, width = read_header(handle, request.encoding, request.source)
    token = f"{os.getpid()}_{secrets.token_hex(4)}"
    parts = [
        _Part(
            number, start, end,
            Tables(
                raw=f"denue_part_{token}_{number}_raw", strata="denue_part_strata",
                staged=f"denue_part_{token}_{number}_staged", persistence="UNLOGGED",
                first_id=number * PART_ID_STRIDE + 1,
            ),
            LineCounter(None, request.progress_every),
        )
        for number, (start, end) in enumerate(ranges)
    ]  # fmt: skip
    links = [_open_like(connection) for _ in parts]
    gathered = False
    try:
        _load_parts(parts, links, request, index, width)
        # In a savepoint: should judging fail, rolling it back releases the import's locks
        # on the parts' tables, which their own connections then drop.
        with transaction.atomic(using=connection.alias):
            report = _gather(connection, request, parts, index, width)
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE {', '.join(_tables(parts))}")
        gathered = True
        return report
    finally:
        for link, part in zip(links, parts, strict=True):
            try:
                if not gathered:  # else dropped above, with the import's transaction
                    link.execute(f"DROP TABLE IF EXISTS {', '.join(_tables([part]))}")
            finally:
                link.close()


def _tables(parts: list[_Part]) -> list[str]:
    return [name for part in parts for name in (part.tables.raw, part.tables.staged)]


def _open_like(connection: BaseDatabaseWrapper) -> Any:
    """A new psycopg connection to the same database, committing each statement."""
    link = connection.get_new_connection(connection.get_connection_params())
    link.autocommit = True
    return link


def _load_parts(
    parts: list[_Part], links: list[Any], request: StageRequest, index: dict[str, int], width: int
) -> None:
    """Run every part in a thread; report progress as their rows arrive; on the first
    failure, cancel the others' statements and raise it (as CopyFallback where the Python
    reader can take the file)."""
    with ThreadPoolExecutor(len(parts), thread_name_prefix="denue-copy") as pool:
        futures = [
            pool.submit(_load_part, link, part, request, index, width)
            for link, part in zip(links, parts, strict=True)
        ]
        reported = 0
        pending: set[Future[None]] = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            if any(future.exception() for future in done):
                for link in links:
                    link.cancel_safe()
                wait(pending)
                break
            reported = _report(parts, request, reported)
    errors = [error for future in futures if (error := future.exception()) is not None]
    # A part cancelled because another failed says nothing; the other's error does.
    for error in sorted(errors, key=lambda e: isinstance(e, psycopg.errors.QueryCanceled)):
        if isinstance(error, psycopg.DataError | NeedsDecoding):
            raise CopyFallback(str(error)) from error
        raise error


def _report(parts: list[_Part], request: StageRequest, reported: int) -> int:
    """Report the rows all parts have read since ``reported``; returns the new count."""
    lines = sum(part.counter.lines for part in parts)
    report_rows_read(request.progress, reported, lines, request.progress_every)
    return lines


def _load_part(
    link: Any, part: _Part, request: StageRequest, index: dict[str, int], width: int
) -> None:
    """COPY one range into its raw table and convert it into its staged table."""
    with request.path.open("rb") as handle, link.cursor() as cursor:
        blocks = raw_blocks(_Slice(handle, part.start, part.end), request.encoding, part.decoding)  # type: ignore[arg-type]
        part.rows = copy_raw(cursor, part.tables, width, request.encoding, blocks, part.counter)
        cursor.execute("SET work_mem = '256MB'")
        strata(cursor, index, part.tables)
        part.staged, part.flagged = stage(
            cursor, index, request.states, request.encoding, part.tables
        )


def _gather(
    connection: BaseDatabaseWrapper,
    request: StageRequest,
    parts: list[_Part],
    index: dict[str, int],
    width: int,
) -> ReadReport:
    """The parts' converted rows into the import's staging table; flagged rows judged."""
    report = ReadReport(rows=sum(part.rows for part in parts))
    for part in parts:
        report.decoding.foreign_sequences += part.decoding.foreign_sequences
        report.decoding.repaired_lines += part.decoding.repaired_lines
    if request.progress is not None:
        request.progress(f"{report.rows:,} rows read; converted and checked in {len(parts)} parts")
    # Table names are the module's own (a token of hex digits), never the file's text.
    union = " UNION ALL ".join(f"SELECT * FROM {part.tables.staged}" for part in parts)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGING_TABLE} AS {union}")
    raw_union = " UNION ALL ".join(f"SELECT * FROM {part.tables.raw}" for part in parts)  # noqa: S608
    flagged = Flagged(
        index, width, f"({raw_union})", [part.rows for part in parts],
        sum(part.flagged for part in parts),
    )  # fmt: skip
    judge_flagged(connection, flagged, request, report)
    staged = sum(part.staged for part in parts)
    report.filtered_out = report.rows - staged
    report.accepted = staged - flagged.count + report.accepted
    return report
