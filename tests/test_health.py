"""Health endpoints answer without a login and report the database."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.django_db
def test_liveness_and_readiness_answer_anonymous_callers(client: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


def test_readiness_reports_503_when_the_database_fails(client: Any, monkeypatch: Any) -> None:
    from django.db import DatabaseError, connection

    def broken_cursor() -> Any:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
