"""The buyer's journey through the pages with the test client: upload, edit, localise, compare."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.origin import candidates, services
from eslabon.origin.models import Good, Material, Offer, Scenario
from eslabon.origin.tests.factories import BOM_CSV, bom_upload, example_good
from eslabon.registry.models import Process

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def buyer_client(client: Any, cast: Any) -> Any:
    client.force_login(cast.buyer)
    return client


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_create_good_upload_bad_then_good_bom(buyer_client: Any, cast: Any) -> None:
    response = buyer_client.post(
        reverse("origin:good_create"),
        {"organization": cast.buyer_org.pk, "name": "Strut", "hs_code": "8708.80",
         "end_use": "passenger_or_light_truck", "transaction_value": "1250", "net_cost": "1000",
         "currency": "usd", "date": "2023-07-01"},
    )  # fmt: skip
    good = Good.objects.get(name="Strut")
    assert response.status_code == 302 and good.currency == "USD"
    bad = BOM_CSV.replace(
        "M2,,Damper tube,7306.30,KR,no,120.50", "M2,,Damper tube,7306.30,KR,no,1x"
    )
    response = buyer_client.post(
        reverse("origin:bom_upload", args=[good.pk]), {"file": bom_upload(bad)}, follow=True
    )
    assert any('bom.csv row 3, column "value"' in m for m in _messages(response))
    assert not Material.objects.filter(good=good).exists()
    response = buyer_client.post(
        reverse("origin:bom_upload", args=[good.pk]), {"file": bom_upload()}, follow=True
    )
    page = response.content.decode()
    assert Material.objects.filter(good=good).count() == 6
    assert 'data-testid="rvc-chart"' in page and "<svg" in page
    assert 'data-testid="rvc-nc">66.43 %' in page
    assert "M4" in page.split('data-testid="unknown"')[1][:200]
    assert " style=" not in page and "<script>" not in page


@pytest.mark.django_db
def test_inline_edit_swaps_the_workspace_and_recomputes(buyer_client: Any, cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m4 = Material.objects.get(good=good, code="M4")
    url = reverse("origin:material_edit", args=[m4.pk])
    fragment = buyer_client.get(url, **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="workspace">')
    assert 'data-testid="material-edit-form"' in fragment
    prefix = f"m{m4.pk}"
    data = {f"{prefix}-code": "M4", f"{prefix}-originating": "yes", f"{prefix}-value": "35.25",
            f"{prefix}-quantity": "8"}  # fmt: skip
    fragment = buyer_client.post(url, data, **HTMX).content.decode()
    assert 'data-testid="vnm">300.50 USD' in fragment
    # A second line with the same id is refused, naming the field.
    data = {"new-code": "M1", "new-originating": "no", "new-value": "1", "new-quantity": "1"}
    fragment = buyer_client.post(
        reverse("origin:material_create", args=[good.pk]), data, **HTMX
    ).content.decode()
    assert "Another line of this good has this id" in fragment or "Otra línea" in fragment
    assert Material.objects.filter(good=good).count() == 6


@pytest.mark.django_db
def test_localise_save_plans_and_compare(buyer_client: Any, cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m1 = Material.objects.get(good=good, code="M1")
    m2 = Material.objects.get(good=good, code="M2")
    m2.process = Process.objects.get(slug="cnc-machining")
    m2.save()
    for material in (m1, m2):
        buyer_client.post(
            reverse("origin:material_target", args=[material.pk]), {"target": "1"}, **HTMX
        )
    page = buyer_client.get(reverse("origin:localisation", args=[good.pk])).content.decode()
    assert str(cast.supplier_org) in page.split('data-testid="candidates-M2"')[1]
    buyer_client.post(
        reverse("origin:offer_create", args=[m1.pk]),
        {"supplier": cast.supplier_org.pk, "unit_price": "47.50"},
    )
    buyer_client.post(
        reverse("origin:offer_create", args=[m2.pk]),
        {"supplier_name": "Tubos de Monterrey", "unit_price": "58.00"},
    )
    response = buyer_client.get(reverse("origin:localisation", args=[good.pk]))
    exact, greedy = response.context["plan_views"]
    assert exact.plan.reachable and exact.plan.proven_optimal
    assert exact.plan.added_cost <= greedy.plan.added_cost
    for view, name in ((exact, "Mínimo costo"), (greedy, "Voraz")):
        buyer_client.post(
            reverse("origin:scenario_create", args=[good.pk]),
            {"name": name, "offers": view.offer_ids},
        )
    both = Offer.objects.filter(material__good=good).values_list("pk", flat=True)
    buyer_client.post(
        reverse("origin:scenario_create", args=[good.pk]), {"name": "Ambos", "offers": list(both)}
    )
    saved = list(Scenario.objects.filter(good=good).order_by("pk"))
    assert [s.name for s in saved] == ["Mínimo costo", "Voraz", "Ambos"]
    assert saved[2].import_substitution_value == Decimal("300.50")
    response = buyer_client.get(
        reverse("origin:scenarios", args=[good.pk]), {"compare": [s.pk for s in saved]}
    )
    page = response.content.decode()
    assert 'data-testid="comparison"' in page
    assert response.context["compared"] == list(reversed(saved))
    cheapest = response.context["comparison"]["cheapest_qualifying"]
    assert cheapest.added_cost == min(s.added_cost for s in saved if s.qualifies_after)


@pytest.mark.django_db
def test_export_round_trips_through_the_upload(buyer_client: Any, cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    response = buyer_client.get(reverse("origin:good_export", args=[good.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "BOM"
    assert len(workbook.sheetnames) == 4  # BOM, result, materials, trace
    figures = [row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert 335.75 in figures and "8708.80" in figures
    upload = bom_upload(name="again.xlsx")
    upload.file = io.BytesIO(response.content)
    upload.size = len(response.content)
    services.import_bom(good=good, upload=upload, max_bytes=10_000_000)
    good.refresh_from_db()
    assert good.value_non_originating == Decimal("335.75")
    assert Material.objects.get(good=good, code="M3.1").parent.code == "M3"


@pytest.mark.django_db
def test_hs_heading_gives_the_processes_to_search_by(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m3 = Material.objects.get(good=good, code="M3")
    assert candidates.processes_for(m3) == (("hot-forging", "cnc-machining"), "870880")
    found = candidates.candidates_for(good, [m3])
    assert {row.organization for row in found[0].rows} == {
        cast.supplier_org,
        cast.other_supplier_org,
    }
    assert candidates.candidates_for(good, [m3], state="01")[0].rows == ()


@pytest.mark.django_db
def test_offers_from_supply_hub_quotes_only_once_unsealed(buyer_client: Any, cast: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from eslabon.hub.choices import QuoteStatus
    from eslabon.hub.models import PriceTier, Quote, QuoteLine
    from eslabon.hub.tests.factories import RequirementLineFactory

    good = example_good(cast.buyer_org, cast.buyer)
    m2 = Material.objects.get(good=good, code="M2")
    line = RequirementLineFactory(requirement__buyer=cast.buyer_org, quantity=10_000)
    requirement = line.requirement
    prefix = f"m{m2.pk}"
    buyer_client.post(
        reverse("origin:material_edit", args=[m2.pk]),
        {f"{prefix}-code": "M2", f"{prefix}-originating": "no", f"{prefix}-value": "120.50",
         f"{prefix}-quantity": "2", f"{prefix}-requirement_line": line.pk},
        **HTMX,
    )  # fmt: skip
    m2.refresh_from_db()
    assert m2.requirement_line == line
    quote = Quote.objects.create(
        requirement=requirement, supplier=cast.supplier_org, site=cast.site,
        status=QuoteStatus.SUBMITTED, valid_until=dt.date(2027, 1, 1),
    )  # fmt: skip
    quote_line = QuoteLine.objects.create(
        quote=quote, line=line, lead_time_ppap_weeks=8, lead_time_sop_weeks=12,
        capacity_committed=20_000,
    )  # fmt: skip
    PriceTier.objects.create(quote_line=quote_line, min_quantity=1, unit_price=Decimal("66.00"))
    PriceTier.objects.create(quote_line=quote_line, min_quantity=5_000, unit_price=Decimal("61"))
    PriceTier.objects.create(quote_line=quote_line, min_quantity=50_000, unit_price=Decimal("55"))
    url = reverse("origin:offers_from_quotes", args=[m2.pk])
    buyer_client.post(url)  # still sealed: the buyer reads no price
    assert not Offer.objects.filter(material=m2).exists()
    requirement.quote_due_at = timezone.now() - dt.timedelta(hours=1)
    requirement.unsealed_at = timezone.now()
    requirement.save()
    buyer_client.post(url)
    buyer_client.post(url)  # taken once
    offer = Offer.objects.get(material=m2)
    assert (offer.supplier, offer.unit_price) == (cast.supplier_org, Decimal("61.0000"))
