"""Injected faults: the database gone during a request or a job, an import cut off halfway.

The shared PostgreSQL server is never stopped: the "stopped" database is a connection of the
same engine pointed at a closed port (PostgreSQL) or an unopenable file (SQLite).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import OperationalError, connections
from django.db.utils import load_backend
from django.test import Client

from eslabon.accounts.models import User
from eslabon.registry.models import Capability, Certification, Organization, Site
from eslabon.registry.tabular import export_registry, import_registry
from eslabon.registry.tabular_import import RowImporter
from eslabon.registry.tests.factories import MembershipFactory, SiteFactory


@contextmanager
def stopped_database() -> Iterator[None]:
    """Swap the default connection for one whose server does not answer; swap back after."""
    working = connections["default"]
    settings_dict = dict(working.settings_dict)
    if working.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=1)  # nothing listens on port 1
    else:
        settings_dict["NAME"] = "/nonexistent-eslabon-dir/stopped.sqlite3"
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = working


@pytest.mark.django_db
def test_readiness_answers_503_while_the_database_is_down() -> None:
    with stopped_database():
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_a_signed_in_page_shows_the_error_page_not_a_traceback_when_the_database_stops() -> None:
    user = User.objects.create_user(
        username="ana", email="ana@example.mx", password=None, is_staff=True
    )
    client = Client(raise_request_exception=False)
    client.force_login(user)
    assert client.get("/registry/directory/").status_code == 200
    with stopped_database():
        response = client.get("/registry/directory/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Server error" in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.django_db(transaction=True)
def test_a_bulk_import_cut_off_halfway_leaves_nothing_of_it(monkeypatch: Any) -> None:
    for _ in range(3):
        membership = MembershipFactory()
        SiteFactory(organization=membership.organization)
        SiteFactory(organization=membership.organization)
    operator = User.objects.create_user(
        username="officer", email="officer@example.mx", password=None, is_staff=True
    )
    workbook = export_registry(user=operator, fmt="xlsx")
    Organization.objects.all().delete()
    written_sites: list[int] = []
    organisations_at_the_crash: list[int] = []
    real_site_row = RowImporter._site_row

    def site_row_that_dies(self: RowImporter, row: Any) -> None:
        # The organisations sheet is written first; die after two sites of the next sheet.
        if len(written_sites) == 2:
            organisations_at_the_crash.append(Organization.objects.count())
            raise OperationalError("server closed the connection unexpectedly")
        real_site_row(self, row)
        written_sites.append(row.number)

    monkeypatch.setattr(RowImporter, "_site_row", site_row_that_dies)
    with pytest.raises(OperationalError):
        import_registry(user=operator, filename=workbook.filename, content=workbook.content)

    assert len(written_sites) == 2 and organisations_at_the_crash == [3]
    assert not Organization.objects.exists()
    assert not Site.objects.exists()
    assert not Capability.objects.exists() and not Certification.objects.exists()
