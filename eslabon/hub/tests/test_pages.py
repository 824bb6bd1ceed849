"""User journeys through the pages, and the number of queries the main pages make."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from eslabon.hub import quoting
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import Award, Quote, Requirement
from eslabon.hub.tests.conftest import pass_due_time, submit
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory
from eslabon.registry.models import CertificationStandard, Process
from eslabon.registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_creates_a_requirement_with_the_due_time_on_its_own_clock(
    client: Any, cast: Any
) -> None:
    plant = SiteFactory(organization=cast.buyer_org, name="Planta Hermosillo")
    client.force_login(cast.buyer)
    due = (timezone.now() + dt.timedelta(days=10)).date()
    response = client.post(
        reverse("hub:requirement_create"),
        {
            "title": "Carcasa de transmisión",
            "processes": [Process.objects.get(slug="hpdc-aluminium").pk],
            "annual_volume": 50000, "sop_date": "2027-06-01", "ppap_level": 3,
            "required_certifications": [CertificationStandard.objects.get(slug="iatf-16949").pk],
            "delivery_site": plant.pk, "incoterm": "DAP", "named_place": "Hermosillo, Sonora",
            "currency": "USD", "visibility": "invited", "nda_text": "Confidencial",
            "due_local": f"{due:%Y-%m-%d}T17:00", "time_zone": "America/Hermosillo",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    requirement = Requirement.objects.get(title="Carcasa de transmisión")
    assert requirement.status == RequirementStatus.DRAFT
    # Hermosillo keeps UTC−7 all year: 17:00 there is 00:00 UTC the next day.
    assert requirement.quote_due_at == dt.datetime.combine(
        due + dt.timedelta(days=1), dt.time(0, 0), tzinfo=dt.UTC
    )
    assert requirement.local_due_at.tzinfo == zoneinfo.ZoneInfo("America/Hermosillo")


def test_a_due_time_in_the_past_is_refused_on_the_field(client: Any, cast: Any) -> None:
    client.force_login(cast.buyer)
    response = client.post(
        reverse("hub:requirement_create"),
        {"title": "X", "due_local": "2020-01-01T10:00", "time_zone": "America/Mexico_City"},
    )
    assert response.status_code == 200
    assert "due_local" in response.context["form"].errors


def test_a_supplier_drafts_then_submits_its_quote_through_the_page(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    url = reverse("hub:quote_edit", args=[rfq.requirement.pk])
    prefix = f"line_{rfq.line.pk}"
    data = {
        "site": cast.site.pk, "valid_until": "2027-12-31", "notes": "Incluye empaque",
        f"{prefix}_quoted": "on", f"{prefix}_tier0_qty": "1", f"{prefix}_tier0_price": "12.40",
        f"{prefix}_tier1_qty": "5000", f"{prefix}_tier1_price": "11.90",
        f"{prefix}_tooling": "85000", f"{prefix}_ppap": "12", f"{prefix}_sop": "16",
        f"{prefix}_capacity": "20000",
    }  # fmt: skip
    assert client.post(url, data | {"save": "1"}).status_code == 302
    quote = Quote.objects.get(supplier=cast.supplier_org)
    assert quote.status == "draft"
    assert client.post(url, data | {"submit": "1"}).status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.revision) == ("submitted", 1)
    tiers = list(quote.lines.get().tiers.values_list("min_quantity", "unit_price"))
    assert [(q, str(p)) for q, p in tiers] == [(1, "12.4000"), (5000, "11.9000")]


def test_a_quoted_line_without_lead_times_is_refused_on_the_field(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    prefix = f"line_{rfq.line.pk}"
    response = client.post(
        reverse("hub:quote_edit", args=[rfq.requirement.pk]),
        {"site": cast.site.pk, "valid_until": "2027-12-31", f"{prefix}_quoted": "on",
         f"{prefix}_tier0_qty": "1", f"{prefix}_tier0_price": "12", "submit": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert f"{prefix}_sop" in response.context["form"].errors
    assert not Quote.objects.exists()


def test_the_buyer_compares_and_awards_from_the_matrix(client: Any, rfq: Any, cast: Any) -> None:
    mine = submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00", tooling="5000")
    theirs = submit(rfq, cast.other_supplier, cast.other_supplier_org, cast.other_site, "9.00",
                    tooling="30000")  # fmt: skip
    pass_due_time(rfq.requirement)
    client.force_login(cast.buyer)
    page = client.get(reverse("hub:comparison", args=[rfq.requirement.pk]))
    matrix = page.context["matrix"]
    # 10 × 10,000 + 5,000 = 105,000 beats 9 × 10,000 + 30,000 = 120,000 on PN-100.
    first = {row.supplier_id: row.cells[0] for row in matrix.rows}
    assert first[cast.supplier_org.pk].total_cost == 105000
    assert first[cast.supplier_org.pk].best_total
    assert not first[cast.other_supplier_org.pk].best_total
    mine_line = mine.lines.get(line=rfq.line)
    theirs_line = theirs.lines.get(line=rfq.second_line)
    response = client.post(
        reverse("hub:award", args=[rfq.requirement.pk]),
        {f"share_{rfq.line.pk}_{mine_line.pk}": "100",
         f"share_{rfq.second_line.pk}_{theirs_line.pk}": "100"},
    )  # fmt: skip
    assert response.status_code == 302
    assert set(Award.objects.values_list("quote_line__quote__supplier_id", flat=True)) == {
        cast.supplier_org.pk, cast.other_supplier_org.pk,
    }  # fmt: skip


def test_the_matrix_page_says_sealed_before_the_due_time(client: Any, rfq: Any, cast: Any) -> None:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    client.force_login(cast.buyer)
    page = client.get(reverse("hub:comparison", args=[rfq.requirement.pk]))
    assert page.context["sealed"]
    assert 'data-testid="sealed"' in page.content.decode()


def _requirements(cast: Any, count: int) -> None:
    site = SiteFactory(organization=cast.buyer_org)
    for _ in range(count):
        requirement = RequirementFactory(buyer=cast.buyer_org, delivery_site=site)
        RequirementLineFactory(requirement=requirement)
        RequirementLineFactory(requirement=requirement)


@pytest.mark.parametrize("count", [2, 8])
def test_the_requirement_list_makes_a_fixed_number_of_queries(
    client: Any, cast: Any, count: int, django_assert_num_queries: Any
) -> None:
    _requirements(cast, count)
    client.force_login(cast.buyer)
    # session, user, memberships, the list (with its line counts), nav flags from the cache
    with django_assert_num_queries(4):
        response = client.get(reverse("hub:requirement_list"))
    assert len(response.context["requirements"]) == count


@pytest.mark.parametrize("count", [2, 8])
def test_the_suppliers_list_makes_a_fixed_number_of_queries(
    client: Any, cast: Any, count: int, django_assert_num_queries: Any
) -> None:
    _requirements(cast, count)
    for requirement in Requirement.objects.all():
        requirement.invitations.create(supplier=cast.supplier_org)
    Requirement.objects.update(status=RequirementStatus.PUBLISHED)
    client.force_login(cast.supplier)
    with django_assert_num_queries(4):
        response = client.get(reverse("hub:requirement_list"))
    assert len(response.context["requirements"]) == count


@pytest.mark.parametrize("lines", [1, 6])
def test_the_requirement_page_makes_a_fixed_number_of_queries(
    client: Any, cast: Any, lines: int, django_assert_num_queries: Any
) -> None:
    requirement = RequirementFactory(buyer=cast.buyer_org)
    for _ in range(lines):
        RequirementLineFactory(requirement=requirement)
    client.force_login(cast.supplier)
    client.force_login(cast.buyer)
    with django_assert_num_queries(18):
        client.get(reverse("hub:requirement_detail", args=[requirement.pk]))


@pytest.mark.parametrize("suppliers", [1, 2])
def test_the_comparison_makes_a_fixed_number_of_queries(
    client: Any, rfq: Any, cast: Any, suppliers: int, django_assert_num_queries: Any
) -> None:
    submit(rfq, cast.supplier, cast.supplier_org, cast.site, "10.00")
    if suppliers == 2:
        submit(rfq, cast.other_supplier, cast.other_supplier_org, cast.other_site, "9.00")
    pass_due_time(rfq.requirement)
    quoting.close_if_due(requirement=rfq.requirement)
    client.force_login(cast.buyer)
    with django_assert_num_queries(13):
        response = client.get(reverse("hub:comparison", args=[rfq.requirement.pk]))
    assert len(response.context["matrix"].rows) == suppliers


def test_an_htmx_question_comes_back_as_the_questions_fragment(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    response = client.post(
        reverse("hub:question_ask", args=[rfq.requirement.pk]),
        {"text": "¿Se permite rebaba de 0.2 mm?"}, HTTP_HX_REQUEST="true",
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="questions">')
    assert "¿Se permite rebaba de 0.2 mm?" in html
    empty = client.post(
        reverse("hub:question_ask", args=[rfq.requirement.pk]), {"text": ""},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert 'class="messages"' in empty.content.decode()
