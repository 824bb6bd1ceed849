"""The import page: a bad file lists every error by row and column and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eslabon.registry.models import Site


@pytest.mark.django_db
def test_a_supplier_imports_a_site_of_its_own_organisation(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    export = client.get(reverse("registry:export"), {"fmt": "csv", "kind": "sites"})
    header = export.content.decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    row = dict.fromkeys(columns, "")
    row.update({"rfc": cast.supplier_org.rfc, "site_name": "Planta Escobedo",
                "state_code": "19", "municipality_code": "021"})  # fmt: skip
    body = header + "\n" + ",".join(row[name] for name in columns) + "\n"
    upload = SimpleUploadedFile("sites.csv", body.encode(), content_type="text/csv")
    response = client.post(reverse("registry:import"), {"file": upload, "kind": "sites"})
    assert response.status_code == 200, response.context.get("errors")
    site = Site.objects.get(name="Planta Escobedo")
    assert site.organization == cast.supplier_org and site.municipality_name == "General Escobedo"


@pytest.mark.django_db
def test_a_row_of_another_organisation_is_reported_and_nothing_is_written(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    export = client.get(reverse("registry:export"), {"fmt": "csv", "kind": "sites"})
    header = export.content.decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    good = dict.fromkeys(columns, "") | {
        "rfc": cast.supplier_org.rfc, "site_name": "Nueva", "state_code": "19",
        "municipality_code": "039",
    }  # fmt: skip
    bad = good | {"rfc": cast.other_supplier_org.rfc, "site_name": "Ajena"}
    lines = [header] + [",".join(r[name] for name in columns) for r in (good, bad)]
    upload = SimpleUploadedFile("sites.csv", ("\n".join(lines) + "\n").encode())
    before = Site.objects.count()
    response = client.post(reverse("registry:import"), {"file": upload, "kind": "sites"})
    assert response.status_code == 400
    errors = response.context["errors"]
    assert [error.row for error in errors] == [3]
    assert Site.objects.count() == before
