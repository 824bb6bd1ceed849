"""Backups restore into an empty database with every record and uploaded file found again.

Runs on whichever engine DATABASE_URL names; on PostgreSQL the target is a scratch database
created for the test and dropped afterwards, on SQLite a fresh file.
"""

from __future__ import annotations

import json
import secrets
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connections
from django.db.utils import load_backend

from eslabon.cli.main import main
from eslabon.ops.backup import BackupError, backup, holds_data, restore
from eslabon.registry.tests.factories import MembershipFactory, SiteFactory

TARGET = "restore_target"


def _admin_connection() -> Any:
    import psycopg

    params = connections["default"].settings_dict
    return psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[str]:
    """A second connection alias on a brand-new, empty database of the same engine."""
    default = connections["default"].settings_dict
    if connections["default"].vendor == "postgresql":
        name = f"eslabon_restore_test_{secrets.token_hex(4)}"
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restore-target.sqlite3")
    # Built by hand rather than added to settings: Django's test case lets a connection it
    # does not list run only when it was created dynamically like this.
    wrapper = load_backend(default["ENGINE"]).DatabaseWrapper({**default, "NAME": name}, TARGET)
    connections[TARGET] = wrapper
    try:
        yield TARGET
    finally:
        connections[TARGET].close()
        del connections[TARGET]
        if connections["default"].vendor == "postgresql":
            with _admin_connection() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _some_organisations() -> None:
    for _ in range(4):
        membership = MembershipFactory()
        SiteFactory(organization=membership.organization)
        SiteFactory(organization=membership.organization)


def _all_records(using: str) -> dict[str, set[Any]]:
    return {
        model._meta.label: set(model._base_manager.using(using).values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_record_and_file(
    tmp_path: Path, settings: Any, empty_target: str
) -> None:
    _some_organisations()
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "certificates").mkdir(parents=True)
    (tmp_path / "media" / "certificates" / "iatf.pdf").write_bytes(b"%PDF-1.4 certificate")
    (tmp_path / "media" / "logo.png").write_bytes(b"\x89PNG logo")
    archive = tmp_path / "backup.tar.gz"

    manifest = backup(archive, include_uploads=True)

    assert manifest["counts"]["registry_organization"] == 4
    assert ["registry", "0001_initial"] in manifest["migrations"]
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    result = restore(archive, using=empty_target)
    assert result.files == 2
    assert _all_records(empty_target) == _all_records("default")
    assert (tmp_path / "restored-media" / "certificates" / "iatf.pdf").read_bytes() == (
        b"%PDF-1.4 certificate"
    )
    assert (tmp_path / "restored-media" / "logo.png").read_bytes() == b"\x89PNG logo"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data_unless_forced(tmp_path: Path) -> None:
    _some_organisations()
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    assert holds_data()

    with pytest.raises(BackupError, match="holds data"):
        restore(archive)
    assert restore(archive, force=True).rows == sum(
        json.loads(_manifest(archive))["counts"].values()
    )


def _manifest(archive: Path) -> bytes:
    with tarfile.open(archive, "r:gz") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        return handle.read()


@pytest.mark.django_db
def test_restore_refuses_an_archive_without_a_manifest_or_of_another_engine(
    tmp_path: Path,
) -> None:
    bare = tmp_path / "bare.tar.gz"
    with tarfile.open(bare, "w:gz") as tar:
        tar.add(__file__, arcname="database.sqlite3")
    with pytest.raises(BackupError, match=r"no manifest\.json"):
        restore(bare)

    other = "sqlite" if connections["default"].vendor == "postgresql" else "postgresql"
    body = json.dumps(
        {
            "format": 1,
            "engine": other,
            "counts": {},
            "migrations": [],
            "database": {},
            "uploads": [],
        }
    ).encode()
    (tmp_path / "manifest.json").write_bytes(body)
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        tar.add(tmp_path / "manifest.json", arcname="manifest.json")
    with pytest.raises(BackupError, match=f"backup is of {other}"):
        restore(foreign)


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_writes_an_archive_and_restore_reports_a_refusal(
    tmp_path: Path, capsys: Any
) -> None:
    _some_organisations()
    archive = tmp_path / "cli.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert "0 uploaded files" in capsys.readouterr().out
    assert archive.exists()
    assert main(["restore", str(archive)]) == 2
    assert "holds data" in capsys.readouterr().err
