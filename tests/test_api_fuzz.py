"""Property-based fuzzing of the REST API from its committed OpenAPI schema: no server errors.

Schemathesis generates requests (valid and invalid) for every operation of docs/openapi.yaml
and sends them to the WSGI app in process, signed in as a programme operator who sees every
record; a small example budget keeps the whole run well under a minute.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from eslabon.accounts.models import User
from eslabon.registry.tests.factories import MembershipFactory, SiteFactory
from eslabon.wsgi import application

SCHEMA = schemathesis.openapi.from_path(Path(__file__).parents[1] / "docs" / "openapi.yaml")
# The coverage phase (boundary and wrong-type values for every field, ~50 s here) found the
# bad requirement id below; it is kept as a regression test and the suite runs the random
# phase only, 10 examples per operation, to stay fast. Run it whole with ESLABON_FUZZ_FULL=1.
SCHEMA.config.phases.coverage.enabled = bool(os.environ.get("ESLABON_FUZZ_FULL"))


@pytest.fixture
def in_test_transaction() -> Iterator[None]:
    """Keep the test's connection open across requests, as Django's test client does.

    The WSGI handler closes "old" connections at each request's start and end, which would
    end the test's transaction; without that, each test rolls back instead of flushing tables.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def operator_session(in_test_transaction: None) -> dict[str, Any]:
    """Cookies and headers of a signed-in operator, with a CSRF token for unsafe methods."""
    for _ in range(2):
        membership = MembershipFactory()
        SiteFactory(organization=membership.organization)
    operator = User.objects.create_user(
        username="fuzz", email="fuzz@example.mx", password=None, is_staff=True
    )
    client = Client()
    client.force_login(operator)
    csrf = secrets.token_hex(16)  # 32 characters, the unmasked secret Django accepts
    return {
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: client.cookies[
                django_settings.SESSION_COOKIE_NAME
            ].value,
            django_settings.CSRF_COOKIE_NAME: csrf,
        },
        "headers": {"X-CSRFToken": csrf},
    }


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_api_operation_answers_a_server_error(case: Any, operator_session: Any) -> None:
    response = case.call(
        app=application,
        cookies=operator_session["cookies"],
        headers=operator_session["headers"],
    )
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])


@pytest.mark.django_db
def test_a_requirement_line_with_a_requirement_id_that_is_not_a_number_is_a_400(
    operator_session: Any,
) -> None:
    client = Client()
    client.cookies.load(operator_session["cookies"])
    headers = {"HTTP_X_CSRFTOKEN": operator_session["headers"]["X-CSRFToken"]}
    for bad in ("null", "1.5x", ""):
        created = client.post(
            "/api/hub/lines/",
            {"requirement": bad, "name": "Soporte"},
            "application/json",
            **headers,
        )
        assert created.status_code in (400, 403) and created.status_code != 500
        listed = client.get("/api/hub/lines/", {"requirement": bad or "x"})
        assert listed.status_code == 400
