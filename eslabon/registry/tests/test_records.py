"""A supplier keeps its own records: validation messages, uploads checked, ownership kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eslabon.registry.models import Capability, Certification, CertificationStandard, Site


@pytest.mark.django_db
def test_a_supplier_updates_a_capability_and_sees_it_on_its_profile(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    url = reverse(
        "registry:record_edit", args=[cast.supplier_org.pk, "capabilities", cast.capability.pk]
    )
    response = client.post(
        url,
        {"site": cast.site.pk, "process": cast.capability.process.pk, "annual_capacity": 350000,
         "utilisation": "0.25", "description": "Torneado CNC de flechas"},
    )  # fmt: skip
    assert response.status_code == 302
    cast.capability.refresh_from_db()
    assert cast.capability.annual_capacity == 350000
    assert cast.capability.free_capacity == 262500
    profile = client.get(reverse("registry:organization_detail", args=[cast.supplier_org.pk]))
    assert "Torneado CNC de flechas" in profile.content.decode()


@pytest.mark.django_db
def test_utilisation_above_one_is_rejected_with_a_message_on_the_field(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "capabilities"])
    response = client.post(
        url, {"site": cast.site.pk, "process": 1, "annual_capacity": 10, "utilisation": "1.5"}
    )
    assert response.status_code == 200
    assert "utilisation" in response.context["form"].errors


@pytest.mark.django_db
def test_a_supplier_cannot_attach_a_capability_to_another_suppliers_site(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "capabilities"])
    before = Capability.objects.count()
    response = client.post(
        url, {"site": cast.other_site.pk, "process": 2, "annual_capacity": 10, "utilisation": "0.1"}
    )
    assert "site" in response.context["form"].errors
    assert Capability.objects.count() == before


@pytest.mark.django_db
def test_a_new_site_belongs_to_the_organisation_in_the_url_whatever_the_form_says(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "sites"])
    data = {
        "name": "Planta 2", "state_code": "19", "municipality_code": "039",
        "latitude": 25.68, "longitude": -100.31, "organization": cast.other_supplier_org.pk,
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    site = Site.objects.get(name="Planta 2")
    assert site.organization == cast.supplier_org
    assert site.municipality_name == "Monterrey"  # filled from the INEGI code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "accepted"),
    [(b"%PDF-1.7\n...", True), (b"MZ\x90\x00 executable", False), (b"<html>", False)],
)
def test_a_certificate_file_is_accepted_only_when_its_bytes_are_a_pdf_or_image(
    client: Any, cast: Any, settings: Any, tmp_path: Any, content: bytes, accepted: bool
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "certifications"])
    upload = SimpleUploadedFile("cert.pdf", content, content_type="application/pdf")
    standard = CertificationStandard.objects.get(slug="iso-14001")
    data = {"standard": standard.pk, "status": "held", "issued_on": "2025-01-01",
            "expires_on": "2028-01-01", "certificate_file": upload}  # fmt: skip
    response = client.post(url, data)
    saved = Certification.objects.filter(standard=standard).exists()
    assert saved is accepted
    if not accepted:
        assert "certificate_file" in response.context["form"].errors


@pytest.mark.django_db
def test_a_certificate_too_large_is_refused(client: Any, cast: Any, settings: Any) -> None:
    settings.ESLABON_MAX_UPLOAD_BYTES = 1000
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "certifications"])
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)
    response = client.post(url, {"standard": 1, "status": "held", "expires_on": "2028-01-01",
                                 "certificate_file": upload})  # fmt: skip
    assert "certificate_file" in response.context["form"].errors


@pytest.mark.django_db
def test_an_in_progress_certificate_needs_its_expected_date(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    url = reverse("registry:record_create", args=[cast.supplier_org.pk, "certifications"])
    response = client.post(url, {"standard": 2, "status": "in_progress"})
    assert "expected_on" in response.context["form"].errors


@pytest.mark.django_db
def test_editing_the_profile_recomputes_the_size_stratum(client: Any, cast: Any) -> None:
    client.force_login(cast.supplier)
    org = cast.supplier_org
    data = {"legal_name": org.legal_name, "rfc": org.rfc, "sector": "industry",
            "employees": 400, "annual_sales_mxn": "900000000", "tier": "tier2"}  # fmt: skip
    assert (
        client.post(reverse("registry:organization_edit", args=[org.pk]), data).status_code == 302
    )
    org.refresh_from_db()
    assert org.size_stratum == "large"
