"""Pages of origin declarations: form checks name their field, badges show the standing, and
the certification PDF carries every USMCA Annex 5-A minimum data element."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from eslabon.declarations.tests.factories import declaration
from eslabon.declarations.tests.test_authorization_matrix import World, _form_data
from eslabon.domain.origin.certification import CERTIFICATION_STATEMENT
from eslabon.registry.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast: Any) -> World:
    issued = declaration(cast.supplier_org, customer=cast.buyer_org, user=cast.supplier)
    return World(cast, issued, None)


def _post(client: Any, world: World, **changes: str) -> Any:
    client.force_login(world.cast.supplier)
    return client.post(reverse("declarations:create"), {**_form_data(world), **changes})


def test_a_period_over_twelve_months_is_refused_on_its_field(client: Any, world: World) -> None:
    response = _post(client, world, period_end="2027-01-01")
    assert response.status_code == 200
    assert response.context["form"].errors["period_end"] == [
        "Un periodo general puede cubrir a lo más 12 meses (T-MEC, Anexo 5-A); si empieza el "
        "2026-01-01 debe terminar a más tardar el 2026-12-31."
    ]
    assert b'data-testid="error-period_end"' in response.content


def test_a_period_ending_before_it_starts_is_refused(client: Any, world: World) -> None:
    response = _post(client, world, period_end="2025-12-31")
    assert "period_end" in response.context["form"].errors


def test_a_four_digit_hs_code_is_refused_on_the_line(client: Any, world: World) -> None:
    response = _post(client, world, **{"lines-0-hs_code": "7320"})
    assert response.status_code == 200
    assert "hs_code" in response.context["formset"].forms[0].errors
    assert b'data-testid="error-hs_code"' in response.content


def test_a_declaration_needs_a_good(client: Any, world: World) -> None:
    empty = {"lines-0-description": "", "lines-0-hs_code": "", "lines-0-part_number": ""}
    response = _post(client, world, **empty)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()


def test_a_fake_pdf_document_is_refused(client: Any, world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.cast.supplier)
    data = {**_form_data(world), "document": SimpleUploadedFile("x.pdf", b"MZ not a pdf")}
    response = client.post(reverse("declarations:create"), data)
    assert "document" in response.context["form"].errors


def test_received_list_shows_each_standing(client: Any, world: World) -> None:
    today = timezone.localdate()
    cast = world.cast
    declaration(
        cast.other_supplier_org, customer=cast.buyer_org,
        start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=10),
    )  # fmt: skip
    declaration(
        cast.other_supplier_org, customer=cast.buyer_org,
        start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=40),
    )  # fmt: skip
    declaration(
        cast.supplier_org, customer=cast.buyer_org,
        start=today - dt.timedelta(days=100), end=today + dt.timedelta(days=200),
    )  # fmt: skip
    declaration(cast.supplier_org, customer=cast.buyer_org, issued=False)  # draft: not shown
    client.force_login(cast.buyer)
    response = client.get(reverse("declarations:received"))
    standings = sorted(standing.value for _, standing in response.context["rows"])
    assert standings == sorted(["expiring", "expired", "valid", world.issued.standing_on(today)])
    content = response.content.decode()
    assert 'class="badge expiring"' in content and 'class="badge expired"' in content


def _pdf_text(client: Any, declaration_pk: int) -> str:
    response = client.get(reverse("declarations:pdf", args=[declaration_pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_carries_every_minimum_data_element(client: Any, world: World) -> None:
    cast = world.cast
    Contact.objects.create(
        organization=cast.buyer_org, name="Compras", email="compras@oem.mx",
        phone="+52 55 5555 0000", is_primary=True,
    )  # fmt: skip
    world.issued.production_site = cast.site
    world.issued.save()
    client.force_login(cast.buyer)
    text = _pdf_text(client, world.issued.pk)
    for label in (
        "1. Tipo de certificador / 1. Certifier type", "2. Certificador / 2. Certifier",
        "3. Exportador / 3. Exporter", "4. Productor / 4. Producer", "5. Importador / 5. Importer",
        "7. Criterio de origen / 7. Origin criterion", "8. Periodo general / 8. Blanket period",
        "9. Firma autorizada y fecha / 9. Authorised signature and date",
    ):  # fmt: skip
        assert label in text, label
    # Elements 2 and 9: the certifier and the signature.
    for value in (
        "Ana Pérez Ríos",
        "Gerente de Calidad",
        "ana.perez@example.mx",
        "+52 844 123 4567",
    ):
        assert value in text, value
    # Element 4: the producer at its place of production, with its RFC.
    assert cast.supplier_org.legal_name in text and cast.supplier_org.rfc in text
    assert "Av. Industrial 100" in text and "C.P. 66600" in text and "Nuevo León" in text
    # Element 5: the importer from the registry.
    assert cast.buyer_org.legal_name in text and cast.buyer_org.rfc in text
    assert "compras@oem.mx" in text
    # Elements 6 and 7: goods with HS classification and criterion.
    assert "Resorte helicoidal de suspensión" in text and "7320.20" in text and "RS-100" in text
    assert "7318.15.99" in text and "B —" in text and "C —" in text
    # Element 8 and the signature date.
    assert "2026-01-01" in text and "2026-12-31" in text
    # Element 9: the certification statement in English and Spanish.
    assert " ".join(CERTIFICATION_STATEMENT.split()[:12]) in text
    assert "Certifico que las mercancías descritas" in text


def test_a_draft_pdf_says_it_is_not_signed(client: Any, world: World) -> None:
    draft = declaration(world.cast.supplier_org, issued=False)
    client.force_login(world.cast.supplier)
    text = _pdf_text(client, draft.pk)
    assert "Borrador — sin firmar / Draft — not signed" in text
    assert "Desconocido / Unknown" in text  # no importer named


def test_the_supplier_list_counts_queries_independently_of_rows(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        declaration(world.cast.supplier_org, customer=world.cast.buyer_org)
    client.force_login(world.cast.supplier)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("declarations:list"))
    assert len(response.context["rows"]) == 6


def test_staff_read_declarations_in_the_admin(client: Any, world: World) -> None:
    from eslabon.registry.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = client.get(reverse("admin:declarations_origindeclaration_changelist"))
    assert changelist.status_code == 200
    assert str(world.cast.supplier_org) in changelist.content.decode()
    url = reverse("admin:declarations_origindeclaration_change", args=[world.issued.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"7320.20" in page.content
    assert client.post(url, {}).status_code == 403  # read-only
