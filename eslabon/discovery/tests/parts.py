"""Make the PostgreSQL DENUE import cut small test files into parallel parts (ADR 0804)."""

from __future__ import annotations

import pytest

from eslabon.discovery import copy_parallel


def force_parts(monkeypatch: pytest.MonkeyPatch, parts: int) -> None:
    """Make the PostgreSQL import cut every file, however small, into ``parts`` parts."""
    monkeypatch.setattr(copy_parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(copy_parallel.os, "cpu_count", lambda: parts)
