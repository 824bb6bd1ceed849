"""Start Django for the CLI commands that need the database.

Engine commands never call this, so they run without Django; database commands call
``setup()`` first, and ``migrate()`` where the contract says the command creates the database.
"""

from __future__ import annotations

import os


def setup() -> None:
    """Configure Django from the environment (eslabon.settings) once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eslabon.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Create the data folder and the database if missing, then apply migrations."""
    setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)
