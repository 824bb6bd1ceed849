"""Drop the ``varchar_pattern_ops`` twin of the ``clee`` unique index on PostgreSQL.

Django adds it to every unique CharField for ``LIKE 'prefix%'`` queries outside the C
locale; nothing looks establishments up by a CLEE prefix, and a national import paid about
1.4 s to build it again and every upsert to maintain it (ADR 0804).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "discovery_establishment_clee_aea8f868_like"


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON discovery_establishment "
            "(clee varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("discovery", "0003_outreach")]

    operations = [migrations.RunPython(drop, create)]
