"""The import page: a bad file lists every error by row and column and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eslabon.jobs.models import Job
from eslabon.registry.jobs import REGISTRY_IMPORT, upload_dir
from eslabon.registry.models import Site
from eslabon.registry.tabular_files import RowError


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


def _sites_file(client: Any, rows: list[dict[str, str]]) -> SimpleUploadedFile:
    export = client.get(reverse("registry:export"), {"fmt": "csv", "kind": "sites"})
    header = export.content.decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    blank = dict.fromkeys(columns, "")
    lines = [header] + [",".join((blank | row)[name] for name in columns) for row in rows]
    return SimpleUploadedFile("sites.csv", ("\n".join(lines) + "\n").encode())


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_by_a_background_job(
    client: Any, cast: Any, settings: Any, tmp_path: Any
) -> None:
    settings.ESLABON_IMPORT_INLINE_BYTES = 10  # every file counts as large here
    settings.DATA_DIR = tmp_path
    client.force_login(cast.supplier)
    site = {"rfc": cast.supplier_org.rfc, "state_code": "19", "municipality_code": "021"}
    upload = _sites_file(client, [site | {"site_name": "Planta Apodaca"}])
    response = client.post(reverse("registry:import"), {"file": upload, "kind": "sites"})
    job = Job.objects.get(kind=REGISTRY_IMPORT)
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == "succeeded", job.error
    assert Site.objects.filter(name="Planta Apodaca", organization=cast.supplier_org).exists()
    assert not any(upload_dir().iterdir())  # the copy is gone once imported
    # A bad row fails the job with its row named, and nothing of that file is written.
    bad = site | {"rfc": cast.other_supplier_org.rfc, "site_name": "Ajena"}
    upload = _sites_file(client, [site | {"site_name": "Otra"}, bad])
    client.post(reverse("registry:import"), {"file": upload, "kind": "sites"})
    failed = Job.objects.filter(kind=REGISTRY_IMPORT).latest("pk")
    assert failed.status == "failed", failed.error
    assert str(RowError("sites.csv", None, 3, "rfc", "")).rstrip(": ") in failed.error
    assert not Site.objects.filter(name__in=["Otra", "Ajena"]).exists()
    assert client.get(reverse("jobs:detail", args=[failed.pk])).status_code == 200
