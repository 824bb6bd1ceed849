"""The candidates page, its map markers and its Excel export: filters, reasons, exclusion of
registered suppliers, sorting, and a fixed number of queries."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.discovery.tests.conftest import shop
from eslabon.registry.selectors import registered_supplier_sites
from eslabon.registry.tests.factories import SiteFactory

MONTERREY_PLANT = {"latitude": 25.6866, "longitude": -100.3161}


def clees(response: Any) -> list[str]:
    return [row.clee for row in response.context["rows"]]


@pytest.fixture
def officer(client: Any, directory: Any) -> Any:
    client.force_login(directory.operator)
    return client


def test_registered_suppliers_are_left_out_and_counted(officer: Any) -> None:
    response = officer.get(reverse("discovery:candidates"), {"processes": "cnc-machining"})
    assert response.status_code == 200
    assert "MAQ-REG" not in clees(response)
    assert {"MAQ-MTY", "MAQ-SAL", "AUTO-MTY"} <= set(clees(response))
    assert response.context["search"].excluded_registered == 1
    assert "1 establecimiento" in response.content.decode() or "1 establishment" in (
        response.content.decode()
    )


def test_each_candidate_shows_its_rule_size_and_origin(officer: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates"), {"processes": "cnc-machining"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = {row.clee: row for row in response.context["rows"]}
    assert rows["MAQ-MTY"].rule.startswith("SCIAN 332710 → ")
    assert rows["MAQ-MTY"].confidence == pytest.approx(0.9)
    assert rows["MAQ-MTY"].stratum == "31 a 50 personas"
    assert not rows["MAQ-MTY"].automotive and rows["AUTO-MTY"].automotive
    assert rows["MAQ-MTY"].distance_km is None  # no point given


def test_a_requirements_processes_list_each_establishment_once(officer: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates"), {"processes": ["cnc-machining", "casting"]}
    )
    found = clees(response)
    assert len(found) == len(set(found))
    assert {"MAQ-MTY", "FUND-MTY"} <= set(found)
    assert set(response.context["search"].considered) == {"cnc-machining", "casting"}


def test_distance_from_a_buyer_plant_limits_and_measures(officer: Any, directory: Any) -> None:
    plant = SiteFactory(organization=directory.buyer_org, name="Planta MTY", **MONTERREY_PLANT)
    response = officer.get(
        reverse("discovery:candidates"),
        {"processes": "cnc-machining", "plant": plant.pk, "max_km": "40"},
    )
    found = clees(response)
    assert "MAQ-MTY" in found
    assert "MAQ-SAL" not in found  # Saltillo is about 75 km away
    assert all(
        row.distance_km is not None and row.distance_km <= 40 for row in response.context["rows"]
    )


def test_a_supplier_site_is_not_offered_as_a_buyer_plant(officer: Any, directory: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates"), {"processes": "cnc-machining", "plant": directory.site.pk}
    )
    assert "plant" in response.context["form"].errors


def test_a_distance_without_a_point_is_refused(officer: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates"), {"processes": "cnc-machining", "max_km": "50"}
    )
    assert response.status_code == 200
    assert "max_km" in response.context["form"].errors
    assert response.context["search"] is None


def test_sorting_by_name_orders_the_table(officer: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates"), {"processes": "cnc-machining", "sort": "name"}
    )
    names = [row.name for row in response.context["rows"]]
    assert names == sorted(names)
    by_score = officer.get(reverse("discovery:candidates"), {"processes": "cnc-machining"})
    scores = [row.score for row in by_score.context["rows"]]
    assert scores == sorted(scores, reverse=True)


def test_the_page_runs_a_fixed_number_of_queries_whatever_the_result_size(
    officer: Any, directory: Any, tmp_path: Any
) -> None:
    url = reverse("discovery:candidates")
    officer.get(url, {"processes": "cnc-machining"})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        officer.get(url, {"processes": "cnc-machining"})
    from eslabon.discovery.services import import_denue
    from eslabon.domain.discovery.tests.denue_files import denue_file

    path = tmp_path / "more.csv"
    more = [shop(f"MAS-{i:03d}", "332710", latitud="25.6", longitud="-100.3") for i in range(120)]
    path.write_bytes(denue_file(more))
    import_denue(path=path)
    with CaptureQueriesContext(connection) as many:
        response = officer.get(url, {"processes": "cnc-machining"})
    assert len(response.context["rows"]) == 100
    # session, user, memberships, registered sites, SCIAN rules, columns, details per chunk
    # of 100 ranked rows, outreach statuses, buyer plants for the form.
    assert len(few.captured_queries) == 9, [q["sql"] for q in few.captured_queries]
    assert len(many.captured_queries) == 9, [q["sql"] for q in many.captured_queries]


def test_markers_are_the_candidates_with_coordinates(officer: Any) -> None:
    response = officer.get(reverse("discovery:candidates_markers"), {"processes": "cnc-machining"})
    markers = response.json()["markers"]
    assert {m["clee"] for m in markers} >= {"MAQ-MTY", "MAQ-SAL", "AUTO-MTY"}
    assert "MAQ-REG" not in {m["clee"] for m in markers}
    assert all(isinstance(m["lat"], float) for m in markers)


def test_an_invalid_search_gives_no_markers_and_no_export(officer: Any) -> None:
    assert officer.get(reverse("discovery:candidates_markers")).status_code == 400
    assert officer.get(reverse("discovery:candidates_export")).status_code == 400


def test_the_export_holds_the_result_set_with_contacts(officer: Any) -> None:
    response = officer.get(
        reverse("discovery:candidates_export"),
        {"processes": "cnc-machining", "sort": "name"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[0] == "CLEE" and "E-mail" in header
    by_clee = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert "MAQ-REG" not in by_clee
    assert by_clee["MAQ-MTY"]["E-mail"] == "contacto@tornosramirez.mx"
    assert by_clee["MAQ-MTY"]["Phone"] == "8112345678"
    assert by_clee["MAQ-MTY"]["Confidence"] == pytest.approx(0.9)
    assert [row[1] for row in body] == sorted(row[1] for row in body)
    formula_cell = next(c for c in sheet["B"] if c.value == "=HYPERLINK(1)")
    assert formula_cell.data_type == "s"


def test_registered_sites_load_legal_and_trade_names_in_one_query(
    directory: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        sites = registered_supplier_sites()
    names = {site[0] for site in sites}
    assert directory.supplier_org.legal_name in names
    assert directory.supplier_org.trade_name in names
    assert directory.buyer_org.legal_name not in names


def test_the_map_uses_the_configured_tile_server_or_says_tiles_are_off(
    officer: Any, settings: Any
) -> None:
    url = reverse("discovery:candidates")
    off = officer.get(url, {"processes": "cnc-machining"}).content.decode()
    assert 'data-tile-url=""' in off and "data-tiles-off" in off
    settings.ESLABON_MAP_TILE_URL = "https://tiles.example.mx/{z}/{x}/{y}.png"
    on = officer.get(url, {"processes": "cnc-machining"}).content.decode()
    assert 'data-tile-url="https://tiles.example.mx/{z}/{x}/{y}.png"' in on
    assert "data-tiles-off" not in on
