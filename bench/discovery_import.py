"""Benchmark: import of generated DENUE rows into PostgreSQL and SQLite.

    python bench/discovery_import.py [--rows 1000000] [--file /tmp/denue_1m.csv]
        [--newer /tmp/denue_1m_newer.csv] [--repeat 1]
        [--postgres postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery] [--only pg|sqlite]

Each target runs in its own process (Django settings are per process): a fresh database,
migrations (not timed), then a first import into the empty table and a re-import of the same
file (every row unchanged) or, with --newer, an import of a later edition instead (made by
``discovery_generate.py --newer-edition-of``: some rows changed, some gone, some new). The
reader alone (parse and check, no database) is measured too. Times include the statistics
(and VACUUM) step after the commit. On PostgreSQL the CPU seconds of the server processes are
reported too: on a shared machine they say more than the wall clock. Peak resident memory is
reported per process. Prints one JSON line per measurement. For a baseline, run this script
from a checkout of the older commit (it imports the code beside it).
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


def backend_cpu_seconds() -> float:
    """User and system CPU of every PostgreSQL server process (same machine): the live ones,
    and, through the postmaster's counters of reaped children, those that ended — the
    connections of a parallel load (ADR 0804) close before the import ends."""
    from django.db import connection

    connection.ensure_connection()
    backend = connection.connection.info.backend_pid
    postmaster = int(_stat(backend)[1])
    total = sum(int(field) for field in _stat(postmaster)[13:15])  # cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = _stat(int(entry.name))
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(fields[1]) == postmaster:
                total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """Fields of /proc/PID/stat after the command name: state is [0], ppid [1]."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def import_into(
    target: str, path: Path, database_url: str, newer: Path | None = None
) -> list[dict[str, object]]:
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
    cases = [("first import (empty table)", path), ("re-import (all unchanged)", path)]
    if newer:  # the later edition replaces the unchanged re-import (most of it is unchanged)
        cases[1] = ("newer edition (changed, vanished, new rows)", newer)
    for case, file in cases:
        cpu = backend_cpu_seconds() if target == "pg" else 0.0
        process_cpu = time.process_time()
        started = time.perf_counter()
        run = import_denue(path=file, edition=case[:40])
        seconds = time.perf_counter() - started
        results.append({
            "case": f"{target}: {case}", "rows": run.rows_read, "seconds": round(seconds, 2),
            "rows_per_s": round(run.rows_read / seconds), "added": run.added,
            "changed": run.changed, "unchanged": run.unchanged, "vanished": run.vanished,
            "python_cpu_s": round(time.process_time() - process_cpu, 2),
            "server_cpu_s": round(backend_cpu_seconds() - cpu, 2) if target == "pg" else None,
            "peak_rss_mib": round(peak_rss_mib()), "load": os.getloadavg(),
        })  # fmt: skip
        print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, default=Path(tempfile.gettempdir()) / "denue_1m.csv")
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--newer", type=Path, help="a later edition of --file to import third")
    parser.add_argument("--only", choices=["pg", "sqlite", "reader"])
    args = parser.parse_args()
    if args.only == "reader":
        print(json.dumps(reader_only(args.file)))
        return
    if args.only:
        import_into(args.only, args.file, args.postgres, args.newer)
        return
    if not args.file.exists():
        from bench.discovery_generate import write_sample

        write_sample(args.file, args.rows, problems=0.01)
    print(json.dumps({"load_before": os.getloadavg()}), flush=True)
    for only in ("reader", "pg", "sqlite"):
        command = [sys.executable, __file__, "--file", str(args.file), "--only", only,
                   "--postgres", args.postgres]  # fmt: skip
        if args.newer:
            command += ["--newer", str(args.newer)]
        subprocess.run(command, check=True)  # noqa: S603 - our own script
        print(json.dumps({"load_after_" + only: os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
