"""PPAP submissions through the API: the award's two sides read them; only the buyer decides."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.hub.tests.conftest import awarded_with_ppap

API = "/api/hub/ppap-submissions/"


@pytest.mark.django_db
def test_the_supplier_and_buyer_see_the_submission_and_only_the_buyer_decides(
    client: Any, cast: Any, rfq: Any
) -> None:
    _requirement, _award, submission = awarded_with_ppap(cast, rfq)
    detail = f"{API}{submission.pk}/"
    for user, status in ((cast.supplier, 200), (cast.buyer, 200), (cast.other_supplier, 404)):
        client.force_login(user)
        assert client.get(detail).status_code == status
    client.force_login(cast.supplier)
    data = {"disposition": "approved"}
    assert client.post(f"{detail}decide/", data, content_type="application/json").status_code == 403
    client.force_login(cast.buyer)
    rejected = client.post(
        f"{detail}decide/", {"disposition": "rejected"}, content_type="application/json"
    )
    assert rejected.status_code == 400  # a rejection needs its reason
    response = client.post(f"{detail}decide/", data, content_type="application/json")
    assert response.status_code == 200 and response.json()["disposition"] == "approved"
    assert response.json()["elements"] == ["appearance-approval-report"]
    client.logout()
    assert client.get(API).status_code == 403
