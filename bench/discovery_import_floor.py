"""Benchmark: what this machine's PostgreSQL needs for 1,000,000 DENUE rows, without Eslabón.

    python bench/discovery_import_floor.py [--file /tmp/denue_1m.csv]
        [--postgres postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery]

Run after ``discovery_import.py`` (it reads the establishments that import stored). Measures,
on the same server, the steps no import path can skip (ADR 0804):

1. ``COPY`` of the raw file into a table of text columns (PostgreSQL's CSV parsing alone);
2. ``COPY`` of the already converted rows (the table's own columns, exported first, not
   timed) into an index-free copy of the establishments table, in one transaction;
3. in that transaction, building the table's secondary indexes, then ``ANALYZE``.

2 + 3 is the floor of any import that loads converted rows: the rows/s it allows is an upper
bound, before any parsing, trimming or checking. Prints one JSON line per step.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import time
from pathlib import Path

import psycopg

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery"
TABLE = "discovery_establishment"


def timed(
    connection: psycopg.Connection, label: str, sql: str, source: Path | None = None
) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if source is None:
            cursor.execute(sql)
        else:
            with cursor.copy(sql) as copy, source.open("rb") as handle:
                while block := handle.read(1 << 20):
                    copy.write(block)
    seconds = time.perf_counter() - started
    print(json.dumps({"step": label, "seconds": round(seconds, 2),
                      "load": os.getloadavg()[0]}), flush=True)  # fmt: skip
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=Path(tempfile.gettempdir()) / "denue_1m.csv")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    args = parser.parse_args()
    with args.file.open(encoding="cp1252", newline="") as handle:
        width = len(next(csv.reader(handle)))
    columns = ", ".join(f"c{number}" for number in range(width))
    converted = Path(tempfile.mkdtemp(prefix="eslabon-floor-")) / "converted.csv"
    with psycopg.connect(args.postgres, autocommit=True) as connection:
        rows = connection.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]  # noqa: S608
        indexes = [
            definition.replace(f" ON public.{TABLE} ", " ON floor_copy ").replace(
                "INDEX ", "INDEX floor_", 1
            )
            for (definition,) in connection.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexname NOT LIKE '%%pkey'",
                [TABLE],
            )
        ]
        with (
            connection.cursor() as cursor,
            converted.open("wb") as out,
            cursor.copy(f"COPY {TABLE} TO STDOUT (FORMAT csv)") as copy,
        ):
            for block in copy:
                out.write(block)
        connection.execute("DROP TABLE IF EXISTS floor_raw, floor_copy")
        connection.execute(
            f"CREATE UNLOGGED TABLE floor_raw ({', '.join(f'c{n} text' for n in range(width))})"
        )
        parse = timed(
            connection, "COPY raw CSV into text columns",
            f"COPY floor_raw ({columns}) FROM STDIN (FORMAT csv, HEADER, ENCODING 'WIN1252')",
            args.file,
        )  # fmt: skip
        connection.execute("DROP TABLE floor_raw")
        connection.autocommit = False
        connection.execute(f"CREATE TABLE floor_copy (LIKE {TABLE} INCLUDING DEFAULTS)")
        connection.execute("SET LOCAL maintenance_work_mem = '512MB'")
        load = timed(
            connection, "COPY converted rows (no indexes)",
            "COPY floor_copy FROM STDIN (FORMAT csv)", converted,
        )  # fmt: skip
        build = sum(
            timed(connection, f"build {sql.split(' INDEX ')[1].split()[0]}", sql) for sql in indexes
        )
        connection.commit()
        connection.autocommit = True
        statistics = timed(connection, "ANALYZE", "ANALYZE floor_copy")
        connection.execute("DROP TABLE floor_copy")
    converted.unlink()
    floor = load + build + statistics
    print(json.dumps({
        "rows": rows, "raw_csv_parse_s": round(parse, 2), "floor_s": round(floor, 2),
        "floor_rows_per_s": round(rows / floor), "note": "load + index builds + ANALYZE",
    }), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
