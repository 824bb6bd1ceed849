"""Back up and restore the whole installation: database and uploaded files in one tar.gz.

PostgreSQL goes through pg_dump/pg_restore (custom format); SQLite through its online backup API.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from eslabon.domain.errors import DomainError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
UPLOADS = "uploads"

# Rows these tables hold are written by migrations themselves, so a freshly migrated database
# still counts as empty (registry/0002 taxonomies, discovery/0002 SCIAN rules, Django's own).
_SEEDED_MODELS = (
    ("contenttypes", "ContentType"),
    ("auth", "Permission"),
    ("registry", "Process"),
    ("registry", "Material"),
    ("registry", "CertificationStandard"),
    ("discovery", "ScianProcessRule"),
)


class BackupError(DomainError):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    tables: int
    rows: int
    files: int


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows per table of the database, every table the introspection sees."""
    connection = connections[using]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            # Table names come from the introspection, quoted by the backend: not user input.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(using: str = "default") -> list[list[str]]:
    connection = connections[using]
    if "django_migrations" not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [[str(app), str(name)] for app, name in cursor.fetchall()]


def holds_data(using: str = "default") -> bool:
    """True when any table other than those migrations fill by themselves has rows."""
    seeded = {"django_migrations"}
    seeded.update(apps.get_model(app, model)._meta.db_table for app, model in _SEEDED_MODELS)
    return any(rows for table, rows in table_counts(using).items() if table not in seeded)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env(using: str) -> dict[str, str]:
    """libpq environment for the client tools, so no password shows in the process list."""
    params = connections[using].settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if params.get(key):
            env[var] = str(params[key])
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    env["PGDATABASE"] = str(params["NAME"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found: install the PostgreSQL client tools")
    # A fixed argument list (no shell) naming the PostgreSQL client tools.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"database engine {vendor!r} is not supported (PostgreSQL or SQLite)")
    return vendor


def _dump(using: str, engine: str, target: Path) -> None:
    if engine == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)], _pg_env(using))
        return
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot while others keep writing.
        connection.connection.backup(destination)
    finally:
        destination.close()


def _upload_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def backup(out: Path, *, include_uploads: bool = False, using: str = "default") -> dict[str, Any]:
    """Write OUT (tar.gz): the database dump, the uploads if asked, and a manifest."""
    engine = _engine(using)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DUMP_NAMES[engine]
        counts = table_counts(using)
        _dump(using, engine, dump)
        files = _upload_files(media_root) if include_uploads else []
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": applied_migrations(using),
            "counts": counts,
            "database": {"file": dump.name, "sha256": _sha256(dump)},
            "uploads": [
                {"path": path.relative_to(media_root).as_posix(), "sha256": _sha256(path)}
                for path in files
            ],
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out, "w:gz") as archive:
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(body))
            archive.add(dump, arcname=dump.name)
            for path in files:
                archive.add(path, arcname=f"{UPLOADS}/{path.relative_to(media_root).as_posix()}")
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError(f"not an Eslabón backup: no {MANIFEST}") from None
    if handle is None:
        raise BackupError(f"{MANIFEST} is not a file")
    manifest: dict[str, Any] = json.loads(handle.read())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT_VERSION}")
    for key in ("engine", "counts", "migrations", "database", "uploads"):
        if key not in manifest:
            raise BackupError(f"{MANIFEST}: missing {key!r}")
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    """Refuse a backup made by newer code: its schema has migrations this code lacks."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(f"backup has migrations this version lacks: {', '.join(unknown[:5])}")


def _load(using: str, engine: str, dump: Path, force: bool) -> None:
    if engine == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        env = _pg_env(using)
        connections[using].close()
        _run([*command, "--dbname", env["PGDATABASE"], str(dump)], env)
        return
    connection = connections[using]
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def restore(source: Path, *, force: bool = False, using: str = "default") -> RestoreResult:
    """Load a backup into the database (empty unless force) and the uploads; verify counts."""
    engine = _engine(using)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(source, "r:gz") as archive:
        manifest = _read_manifest(archive)
        if manifest["engine"] != engine:
            raise BackupError(f"backup is of {manifest['engine']}, this database is {engine}")
        _check_migrations(manifest)
        if not force and holds_data(using):
            raise BackupError(
                "the target database holds data; restore into an empty one or --force"
            )
        archive.extractall(scratch, filter="data")
        dump = Path(scratch) / manifest["database"]["file"]
        if _sha256(dump) != manifest["database"]["sha256"]:
            raise BackupError("database dump does not match its checksum in the manifest")
        _load(using, engine, dump, force)
        files = _restore_uploads(Path(scratch) / UPLOADS, manifest["uploads"])
    restored = table_counts(using)
    expected: dict[str, int] = manifest["counts"]
    wrong = {t: (n, restored.get(t)) for t, n in expected.items() if restored.get(t) != n}
    if wrong:
        detail = ", ".join(f"{t}: {n} expected, {got} found" for t, (n, got) in wrong.items())
        raise BackupError(f"restored counts differ from the manifest: {detail}")
    return RestoreResult(manifest, len(expected), sum(expected.values()), files)


def _restore_uploads(extracted: Path, listed: list[dict[str, str]]) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    for entry in listed:
        source = extracted / entry["path"]
        if not source.is_file() or _sha256(source) != entry["sha256"]:
            raise BackupError(f"uploaded file {entry['path']} is missing or damaged in the backup")
        target = media_root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return len(listed)
