"""The REST API: same scoping and rules as the pages, and a committed OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from eslabon.hub.api.schema import COMMITTED, generate
from eslabon.hub.choices import RequirementStatus
from eslabon.hub.models import Requirement
from eslabon.hub.tests.conftest import pass_due_time
from eslabon.registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def quote_payload(rfq: Any, site: Any, unit: str, *, submit: bool) -> dict[str, Any]:
    return {
        "requirement": rfq.requirement.pk, "site": site.pk, "valid_until": "2027-12-31",
        "notes": "", "submit": submit,
        "lines": [{"line": rfq.line.pk, "tooling_cost": "1000", "lead_time_ppap_weeks": 10,
                   "lead_time_sop_weeks": 14, "capacity_committed": 20000,
                   "tiers": [{"min_quantity": 1, "unit_price": unit}]}],
    }  # fmt: skip


def test_the_committed_openapi_document_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == generate(), (
        "The hub API changed: run `python -m eslabon.hub.api.schema` and review the diff."
    )


def test_a_buyer_runs_an_rfq_end_to_end_through_the_api(client: Any, cast: Any) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # rule messages come in the user's language
    plant = SiteFactory(organization=cast.buyer_org)
    client.force_login(cast.buyer)
    due = timezone.now() + dt.timedelta(days=5)
    created = client.post(
        "/api/hub/requirements/",
        {"title": "Brida", "annual_volume": 1000, "sop_date": "2027-01-15",
         "delivery_site": plant.pk, "named_place": "Apodaca", "quote_due_at": due.isoformat(),
         "nda_text": "Confidencial", "processes": ["cnc-machining"],
         "required_certifications": ["iso-9001"]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == RequirementStatus.DRAFT
    assert created.json()["buyer"] == cast.buyer_org.pk
    refused = client.post(f"/api/hub/requirements/{pk}/publish/")
    assert refused.status_code == 400
    assert "line" in refused.json()["detail"]
    line = client.post(
        "/api/hub/lines/",
        {"requirement": pk, "part_number": "BR-1", "name": "Brida", "quantity": 1000},
        content_type="application/json",
    )
    assert line.status_code == 201, line.json()
    invited = client.post(
        f"/api/hub/requirements/{pk}/invite/", {"supplier": cast.supplier_org.pk},
        content_type="application/json",
    )  # fmt: skip
    assert invited.status_code == 201, invited.json()
    assert client.post(f"/api/hub/requirements/{pk}/publish/").json()["status"] == "published"
    assert Requirement.objects.get(pk=pk).status == RequirementStatus.PUBLISHED


def test_a_supplier_quotes_through_the_api_and_the_buyer_awards_after_the_due_time(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    response = client.post(
        "/api/hub/quotes/", quote_payload(rfq, cast.site, "7.25", submit=True),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["revision"]) == ("submitted", 1)
    client.force_login(cast.buyer)
    assert client.get("/api/hub/quotes/").json()["count"] == 0  # sealed
    early = client.post(f"/api/hub/requirements/{rfq.requirement.pk}/award/", {"shares": []},
                        content_type="application/json")  # fmt: skip
    assert early.status_code == 400
    pass_due_time(rfq.requirement)
    quotes = client.get("/api/hub/quotes/").json()
    assert quotes["count"] == 1
    quote_line = quotes["results"][0]["lines"][0]["id"]
    awarded = client.post(
        f"/api/hub/requirements/{rfq.requirement.pk}/award/",
        {"shares": [{"line": rfq.line.pk, "quote_line": quote_line, "share_percent": "100"}]},
        content_type="application/json",
    )
    assert awarded.status_code == 201, awarded.json()
    client.force_login(cast.supplier)
    assert [a["supplier"] for a in client.get("/api/hub/awards/").json()["results"]] == [
        cast.supplier_org.pk
    ]
    client.force_login(cast.other_supplier)
    assert client.get("/api/hub/awards/").json()["count"] == 0


def test_the_api_refuses_a_quote_from_a_buyer_and_one_made_at_another_companys_plant(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(cast.buyer)
    payload = quote_payload(rfq, cast.site, "7", submit=False)
    assert (
        client.post("/api/hub/quotes/", payload, content_type="application/json").status_code == 403
    )
    client.force_login(cast.other_supplier)
    response = client.post("/api/hub/quotes/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "own sites" in response.json()["detail"]


def test_suppliers_cannot_change_a_requirement_through_the_api(
    client: Any, rfq: Any, cast: Any
) -> None:
    client.force_login(cast.supplier)
    pk = rfq.requirement.pk
    assert client.patch(f"/api/hub/requirements/{pk}/", {"title": "X"},
                        content_type="application/json").status_code == 403  # fmt: skip
    assert client.post(f"/api/hub/requirements/{pk}/cancel/", {"reason": "x"},
                       content_type="application/json").status_code == 403  # fmt: skip
    assert client.delete(f"/api/hub/lines/{rfq.line.pk}/").status_code == 403
    assert client.get(f"/api/hub/requirements/{pk}/comparison/").status_code == 403


def test_anonymous_requests_are_refused(client: Any, rfq: Any) -> None:
    for url in ("/api/hub/requirements/", "/api/hub/quotes/", "/api/hub/questions/"):
        assert client.get(url).status_code == 403


def test_rule_messages_come_in_spanish_by_default(client: Any, rfq: Any, cast: Any) -> None:
    client.force_login(cast.other_supplier)
    payload = quote_payload(rfq, cast.site, "7", submit=False)
    response = client.post("/api/hub/quotes/", payload, content_type="application/json")
    assert response.json()["detail"] == "La planta debe ser una de sus propias plantas."


def test_an_unknown_time_zone_is_refused(client: Any, cast: Any) -> None:
    plant = SiteFactory(organization=cast.buyer_org)
    client.force_login(cast.buyer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        "/api/hub/requirements/",
        {"title": "Brida", "annual_volume": 1000, "sop_date": "2027-01-15",
         "delivery_site": plant.pk, "named_place": "Apodaca", "nda_text": "Confidencial",
         "quote_due_at": "2027-01-01T10:00:00Z", "time_zone": "Mars/Olympus_Mons"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Mars/Olympus_Mons" in response.json()["detail"]
