"""`eslabon registry export|import`: the registry as CSV or Excel files, from the shell.

Runs as the platform administrator (an unsaved staff user: it sees and may change every
record); errors go to stderr one per line, naming file, sheet, row and column; exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eslabon.cli.django_setup import migrate

KIND_CHOICES = ("organizations", "sites", "capabilities", "certifications")
EXIT_INPUT_ERROR = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("registry", help="import and export the supplier registry")
    commands = parser.add_subparsers(dest="registry_command", required=True, metavar="ACTION")

    export = commands.add_parser("export", help="write the registry to an .xlsx or .csv file")
    export.add_argument("out", type=Path, metavar="OUT.xlsx|OUT.csv")
    export.add_argument("--kind", choices=KIND_CHOICES, help="one kind only (required for CSV)")
    export.set_defaults(handler=export_command)

    load = commands.add_parser("import", help="create or update records from a CSV/Excel file")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--kind", choices=KIND_CHOICES, help="the kind a CSV file holds")
    load.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    load.set_defaults(handler=import_command)


def system_user() -> Any:
    """The platform administrator the CLI acts as; never saved, so it cannot sign in."""
    from eslabon.accounts.models import User

    return User(username="system", email="system@eslabon.invalid", is_staff=True,
                is_superuser=True)  # fmt: skip


def export_command(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        print(f"eslabon registry export: {args.out}: name the file .xlsx or .csv", file=sys.stderr)
        return EXIT_INPUT_ERROR
    if suffix == ".csv" and args.kind is None:
        print("eslabon registry export: a CSV file holds one kind; add --kind", file=sys.stderr)
        return EXIT_INPUT_ERROR
    migrate()
    from eslabon.registry.tabular import export_registry

    fmt = "csv" if suffix == ".csv" else "xlsx"
    exported = export_registry(user=system_user(), fmt=fmt, kind=args.kind)
    args.out.write_bytes(exported.content)
    print(f"{args.out}: {len(exported.content)} bytes")
    return 0


def import_command(args: argparse.Namespace) -> int:
    content = args.file.read_bytes()
    migrate()
    from eslabon.registry.tabular import TabularImportError, import_registry

    try:
        report = import_registry(
            user=system_user(), filename=str(args.file), content=content, kind=args.kind,
            dry_run=args.dry_run,
        )  # fmt: skip
    except TabularImportError as error:
        for row_error in error.errors:
            print(row_error, file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(report)
    return 0
