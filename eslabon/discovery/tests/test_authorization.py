"""Authorization matrix of every discovery view: programme officers only, for every action.

Suppliers, buyers, pending members and strangers get 403; anonymous users go to the login
page. A new discovery URL without a row here fails `test_every_discovery_url_is_in_the_matrix`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from eslabon.discovery.models import Outreach
from eslabon.discovery.services import invite

ROLES = ("anonymous", "stranger", "pending", "supplier", "other_supplier", "buyer", "operator")
SEARCH = "?processes=cnc-machining"


def _user(cast: Any, stranger: Any, role: str) -> Any:
    return {
        "anonymous": None, "stranger": stranger, "pending": cast.pending_supplier,
        "supplier": cast.supplier, "other_supplier": cast.other_supplier, "buyer": cast.buyer,
        "operator": cast.operator,
    }[role]  # fmt: skip


def _outcome(response: Any) -> str:
    if response.status_code == 302:
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return {200: "ok", 403: "forbidden", 404: "missing"}.get(
        response.status_code, str(response.status_code)
    )


# name, method, url builder, data builder, outcome for the operator
MATRIX: list[tuple[str, str, Any, Any, str]] = [
    ("discovery:candidates", "get", lambda o: reverse("discovery:candidates") + SEARCH, None, "ok"),
    (
        "discovery:candidates_export", "get",
        lambda o: reverse("discovery:candidates_export") + SEARCH, None, "ok",
    ),
    (
        "discovery:candidates_markers", "get",
        lambda o: reverse("discovery:candidates_markers") + SEARCH, None, "ok",
    ),
    ("discovery:outreach_list", "get", lambda o: reverse("discovery:outreach_list"), None, "ok"),
    (
        "discovery:outreach_detail", "get",
        lambda o: reverse("discovery:outreach_detail", args=[o.pk]), None, "ok",
    ),
    (
        "discovery:outreach_detail", "post",
        lambda o: reverse("discovery:outreach_detail", args=[o.pk]),
        lambda: {"status": "declined", "note": "no"}, "redirect",
    ),
    (
        "discovery:invite", "post", lambda o: reverse("discovery:invite"),
        lambda: {"clee": ["MAQ-SAL"], "notes": "", "send_email": ""}, "redirect",
    ),
    ("discovery:denue_upload", "get", lambda o: reverse("discovery:denue_upload"), None, "ok"),
    (
        "discovery:denue_upload", "post", lambda o: reverse("discovery:denue_upload"),
        lambda: {"file": SimpleUploadedFile("d.csv", b"not a denue file\n")}, "redirect",
    ),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "for_operator"),
    MATRIX,
    ids=[f"{row[1]} {row[0]}" for row in MATRIX],
)
def test_only_programme_officers_reach_discovery(
    client: Any, directory: Any, stranger: Any, role: str, name: str, method: str,
    url: Any, data: Any, for_operator: str, settings: Any, tmp_path: Any,
) -> None:  # fmt: skip
    settings.DATA_DIR = tmp_path
    outreach = invite(clees=["MAQ-MTY"], operator=directory.operator, send_email=False)[0]
    user = _user(directory, stranger, role)
    if user is not None:
        client.force_login(user)
    target = url(outreach)
    if method == "post":
        response = client.post(target, data() if data else {})
    else:
        response = client.get(target)
    expected = {"anonymous": "login", "operator": for_operator}.get(role, "forbidden")
    assert _outcome(response) == expected, f"{method} {name} as {role}: {response.status_code}"
    if method == "post" and role != "operator":
        assert Outreach.objects.count() == 1
        assert Outreach.objects.get().status == "invited"


def test_every_discovery_url_is_in_the_matrix() -> None:
    sub = get_resolver().namespace_dict["discovery"][1]
    names = {f"discovery:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    assert names <= {row[0] for row in MATRIX}, names - {row[0] for row in MATRIX}
