"""`eslabon discover import-denue FILE.csv [--state CODE]... [--skip-bad-rows]`.

Creates and migrates the configured database if needed, then calls the discovery import
service; progress goes to stderr, the summary to stdout (or JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eslabon.cli import django_setup


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("discover", help="supplier discovery from INEGI's DENUE")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    importer = actions.add_parser("import-denue", help="import a DENUE bulk CSV file")
    importer.add_argument("file", type=Path, help="DENUE CSV as INEGI publishes it")
    importer.add_argument(
        "--state",
        action="append",
        default=[],
        metavar="CODE",
        help="keep only this INEGI state code (two digits, e.g. 19); repeatable",
    )
    importer.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="report malformed rows and skip them instead of stopping the import",
    )
    importer.add_argument("--edition", default="", help="edition label (default: file name)")
    importer.add_argument("--json", action="store_true", help="print the summary as JSON")
    importer.set_defaults(handler=import_denue)


def import_denue(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise FileNotFoundError(f"{args.file}: no such file")
    django_setup.migrate()
    from eslabon.discovery.services import import_denue as run_import

    started = time.monotonic()

    def progress(message: str) -> None:
        print(f"  {message} ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)

    run = run_import(
        path=args.file,
        states=args.state,
        skip_bad_rows=args.skip_bad_rows,
        edition=args.edition,
        progress=progress,
    )
    summary = {
        "file": str(args.file),
        "edition": run.edition,
        "encoding": run.encoding,
        "rows_read": run.rows_read,
        "rows_of_other_states": run.rows_filtered_out,
        "added": run.added,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "vanished": run.vanished,
        "repeated_keys": run.duplicates,
        "lines_with_repaired_encoding": run.repaired_lines,
        "bad_rows_skipped": run.bad_rows,
        "bad_rows": [{"line": line, "error": error} for line, error in run.bad_row_sample],
        "seconds": round(time.monotonic() - started, 2),
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    for line, error in run.bad_row_sample:
        print(f"{args.file} line {line}: skipped: {error}", file=sys.stderr)
    print(
        f"{args.file}: {run.rows_read:,} rows read, {run.added:,} added, {run.changed:,} changed, "
        f"{run.unchanged:,} unchanged, {run.vanished:,} vanished, {run.bad_rows:,} bad rows "
        f"skipped ({summary['seconds']} s)"
    )
    return 0
