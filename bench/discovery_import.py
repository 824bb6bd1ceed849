"""Benchmark: import of generated DENUE rows into PostgreSQL and SQLite.

    python bench/discovery_import.py [--rows 1000000] [--file /tmp/denue_1m.csv]
        [--postgres postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery] [--only pg|sqlite]

Each target runs in its own process (Django settings are per process): a fresh database,
migrations (not timed), then a first import into the empty table and a re-import of the same
file (every row unchanged). The baseline, in the same run, is the reader alone (parse and
check, no database). Peak resident memory is reported per process. Prints one JSON line per
measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reader_only(path: Path) -> dict[str, object]:
    from eslabon.domain.discovery.denue import DenueReader
    from eslabon.domain.discovery.encoding import detect_encoding

    with path.open("rb") as handle:
        encoding = detect_encoding(handle.read(1 << 20))
        handle.seek(0)
        started = time.perf_counter()
        rows = sum(1 for _ in DenueReader(handle, encoding=encoding))
        seconds = time.perf_counter() - started
    return {"case": "reader only (baseline)", "rows": rows, "seconds": round(seconds, 2),
            "rows_per_s": round(rows / seconds), "peak_rss_mib": round(peak_rss_mib())}  # fmt: skip


def import_into(target: str, path: Path, database_url: str) -> list[dict[str, object]]:
    if target == "pg":
        import psycopg

        admin_url, name = database_url.rsplit("/", 1)
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database_url
    else:
        folder = tempfile.mkdtemp(prefix="eslabon-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    from eslabon.cli import django_setup

    django_setup.migrate()
    from eslabon.discovery.services import import_denue

    results = []
    for case in ("first import (empty table)", "re-import (all unchanged)"):
        started = time.perf_counter()
        run = import_denue(path=path, edition=case)
        seconds = time.perf_counter() - started
        results.append({
            "case": f"{target}: {case}", "rows": run.rows_read, "seconds": round(seconds, 2),
            "rows_per_s": round(run.rows_read / seconds), "added": run.added,
            "unchanged": run.unchanged, "peak_rss_mib": round(peak_rss_mib()),
        })  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, default=Path(tempfile.gettempdir()) / "denue_1m.csv")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--only", choices=["pg", "sqlite", "reader"])
    args = parser.parse_args()
    if args.only == "reader":
        print(json.dumps(reader_only(args.file)))
        return
    if args.only:
        for result in import_into(args.only, args.file, args.postgres):
            print(json.dumps(result), flush=True)
        return
    if not args.file.exists():
        from bench.discovery_generate import write_sample

        write_sample(args.file, args.rows, problems=0.01)
    print(json.dumps({"load_before": os.getloadavg()}), flush=True)
    for only in ("reader", "pg", "sqlite"):
        command = [sys.executable, __file__, "--file", str(args.file), "--only", only,
                   "--postgres", args.postgres]  # fmt: skip
        subprocess.run(command, check=True)  # noqa: S603 - our own script
        print(json.dumps({"load_after_" + only: os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
