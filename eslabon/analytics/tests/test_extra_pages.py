"""Dashboards 4-6 as pages and exports over the shared programme (conftest.World plus
extra_world): figures, small-cell suppression per viewer, the map's assets, query bounds."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _csv(client: Client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_decent_work_figures_and_suppression(world: Any, client: Client) -> None:
    cast = world.cast
    url = "/analytics/decent-work/?format=csv&panel=overall"
    officer = _csv(_login(client, cast.operator), url)
    assert [(r["Year"], r["Companies reporting"]) for r in officer] == [
        ("2024", "1"),
        ("2025", "2"),
    ]
    share = next(key for key in officer[0] if key.startswith("Formal employment"))
    assert officer[1][share] == "95.00"  # 95 of 100 workers at both suppliers
    buyer = _csv(_login(client, cast.buyer), url)
    assert [(r["Companies reporting"], r[share]) for r in buyer] == [("", ""), ("", "")]
    supplier = _csv(_login(client, cast.supplier), url)
    # 2024: only the viewer's own report, shown; 2025: one other company, withheld.
    assert [(r["Companies reporting"], r[share]) for r in supplier] == [("1", "95.00"), ("", "")]


def test_map_counts_and_assets(world: Any, client: Client, settings: Any) -> None:
    cast = world.cast
    settings.ESLABON_MAP_TILE_URL = "https://tiles.example.mx/{z}/{x}/{y}.png"
    _login(client, cast.operator)
    page = client.get("/analytics/map/").content.decode()
    assert "vendor/leaflet/leaflet.js" in page and "eslabon/analytics-map.js" in page
    assert 'id="analytics-map-markers" type="application/json"' in page
    assert 'data-tile-url="https://tiles.example.mx/{z}/{x}/{y}.png"' in page
    assert 'data-chart="state-grid"' in page
    rows = _csv(client, "/analytics/map/?format=csv&panel=municipalities")
    apodaca = next(r for r in rows if r["Municipality"] == "Apodaca" and r["State"] == "Nuevo León")
    assert (apodaca["Suppliers"], apodaca["Buyers"], apodaca["Candidates (DENUE)"]) == (
        "2",
        "0",
        "1",
    )
    ramos = next(r for r in rows if r["State"].startswith("Coahuila"))
    assert ramos["Buyers"] == "1"  # the buyer's delivery plant
    _login(client, cast.supplier)
    rows = _csv(client, "/analytics/map/?format=csv&panel=municipalities")
    ramos = next(r for r in rows if r["State"].startswith("Coahuila"))
    assert ramos["Buyers"] == ""  # one other company: withheld
    apodaca = next(r for r in rows if r["Municipality"] == "Apodaca" and r["State"] == "Nuevo León")
    assert apodaca["Suppliers"] == ""  # the viewer and one other
    states = _csv(client, "/analytics/map/?format=csv&panel=states&state=19")
    assert [r["State"] for r in states] == ["Nuevo León"]


def test_import_substitution_figures_and_scope(world: Any, client: Client) -> None:
    cast = world.cast
    url = "/analytics/import-substitution/?format=csv&panel=target"
    (usd,) = _csv(_login(client, cast.operator), url)
    assert usd["Imports from Asia in the bills of materials"] == "300.50"  # 180.00 + 120.50
    assert usd["Value to localise (target)"] == "90.15"  # 30 %
    assert usd["Localised in scenarios"] == "180.00"
    assert usd["Progress, planned (%)"] == "199.67"
    assert usd["Progress, awarded (%)"] == "0.00"
    assert _csv(_login(client, cast.buyer), url) == [usd]  # the buyer's own good
    assert _csv(_login(client, cast.supplier), url) == []  # suppliers own no goods
    page = client.get("/analytics/import-substitution/").content.decode()
    assert "30%" in page


@pytest.mark.parametrize(
    ("slug", "most"),
    [("decent-work", 20), ("map", 20), ("import-substitution", 20)],
)
def test_pages_take_a_bounded_number_of_queries(
    world: Any, client: Client, slug: str, most: int, django_assert_max_num_queries: Any
) -> None:
    _login(client, world.cast.operator)
    with django_assert_max_num_queries(most):
        assert client.get(f"/analytics/{slug}/").status_code == 200
