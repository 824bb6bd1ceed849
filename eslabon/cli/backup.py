"""`eslabon backup OUT` and `eslabon restore IN`: the database and uploads in one archive.

Thin argument handling; the work is in eslabon.ops.backup (needs Django, so setup() first).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from eslabon.cli import django_setup


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="write the database (and uploaded files) to a tar.gz archive"
    )
    backup.add_argument("out", metavar="OUT.tar.gz", type=Path)
    backup.add_argument(
        "--include-uploads", action="store_true", help="also archive MEDIA_ROOT (uploaded files)"
    )
    backup.set_defaults(handler=handle_backup)

    restore = subparsers.add_parser(
        "restore", help="load an archive from `eslabon backup` into an empty database"
    )
    restore.add_argument("source", metavar="IN.tar.gz", type=Path)
    restore.add_argument(
        "--force", action="store_true", help="restore even though the database holds data"
    )
    restore.set_defaults(handler=handle_restore)


def handle_backup(args: argparse.Namespace) -> int:
    django_setup.setup()
    from eslabon.ops.backup import backup

    manifest = backup(args.out, include_uploads=args.include_uploads)
    rows = sum(manifest["counts"].values())
    print(
        f"{args.out}: {manifest['engine']}, {len(manifest['counts'])} tables, {rows} rows, "
        f"{len(manifest['uploads'])} uploaded files"
    )
    return 0


def handle_restore(args: argparse.Namespace) -> int:
    django_setup.setup()
    from eslabon.ops.backup import restore

    result = restore(args.source, force=args.force)
    print(
        f"{args.source}: restored {result.tables} tables, {result.rows} rows, "
        f"{result.files} uploaded files (backup of {result.manifest['created_at']}); "
        "counts verified"
    )
    return 0
