"""Sign-in lock-out, security headers and the deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(
    client: Any, cast: Any, settings: Any
) -> None:
    settings.AXES_ENABLED = True
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": cast.supplier.email, "password": "wrong"})
    cast.supplier.set_password("the-right-one-2026")
    cast.supplier.save()
    response = client.post(url, {"username": cast.supplier.email, "password": "the-right-one-2026"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client: Any) -> None:
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "onchange=" not in response.content.decode()


def test_the_production_configuration_passes_the_deployment_checklist(tmp_path: Path) -> None:
    # The browser tests relax async safety in this process; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "ESLABON_PRODUCTION": "1",
        "SECRET_KEY": "k" * 30 + "-production-like-secret-with-entropy-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "eslabon.example.org",
        "ESLABON_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "eslabon.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
