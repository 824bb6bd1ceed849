"""Registry API: the same visibility and ownership rules as the pages, and a stable schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"


def _ids(response: Any) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_anonymous_callers_get_nothing(client: Any, cast: Any) -> None:
    for name in ("organization", "site", "capability", "certification"):
        assert client.get(reverse(f"registry-{name}-list")).status_code == 403


@pytest.mark.django_db
def test_a_supplier_lists_published_organisations_and_its_own_but_not_pending_ones(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    ids = _ids(client.get(reverse("registry-organization-list")))
    assert cast.supplier_org.pk in ids and cast.other_supplier_org.pk in ids
    assert cast.pending_org.pk not in ids


@pytest.mark.django_db
def test_a_supplier_updates_its_own_capability_but_not_another_suppliers(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    own = reverse("registry-capability-detail", args=[cast.capability.pk])
    other = reverse("registry-capability-detail", args=[cast.other_capability.pk])
    assert (
        client.patch(own, {"annual_capacity": 999}, content_type="application/json").status_code
        == 200
    )
    assert (
        client.patch(other, {"annual_capacity": 1}, content_type="application/json").status_code
        == 404
    )
    cast.other_capability.refresh_from_db()
    assert cast.other_capability.annual_capacity != 1


@pytest.mark.django_db
def test_a_capability_cannot_be_moved_onto_another_suppliers_site(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    url = reverse("registry-capability-list")
    data = {
        "site": cast.other_site.pk,
        "process": "welding",
        "annual_capacity": 10,
        "utilisation": "0.1",
    }
    assert client.post(url, data, content_type="application/json").status_code == 403


@pytest.mark.django_db
def test_a_buyer_reads_profiles_but_cannot_change_a_supplier(client: Any, cast: Any) -> None:
    client.force_login(cast.buyer)
    url = reverse("registry-organization-detail", args=[cast.supplier_org.pk])
    assert client.get(url).status_code == 200
    assert (
        client.patch(url, {"trade_name": "X"}, content_type="application/json").status_code == 403
    )


@pytest.mark.django_db
def test_an_operator_sees_pending_organisations(client: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    assert cast.pending_org.pk in _ids(client.get(reverse("registry-organization-list")))


# Integer bounds come from the database backend (SQLite's 64-bit, PostgreSQL's 32-bit
# integers); they are not part of the API contract the schema check guards.
BACKEND_BOUNDS = {32767, -32768, 2147483647, -2147483648, 9223372036854775807, -9223372036854775808}


def _without_backend_bounds(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _without_backend_bounds(value)
            for key, value in node.items()
            if not (key in {"maximum", "minimum"} and value in BACKEND_BOUNDS)
            and not (key == "format" and value == "int64")
        }
    if isinstance(node, list):
        return [_without_backend_bounds(item) for item in node]
    return node


def test_the_committed_openapi_schema_matches_the_code(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--lang", "en")
    fresh = _without_backend_bounds(yaml.safe_load(generated.read_text()))
    committed = _without_backend_bounds(yaml.safe_load(SCHEMA.read_text()))
    assert fresh == committed, (
        "API changed: review, then run "
        "`python manage.py spectacular --lang en --file docs/openapi.yaml`"
    )
