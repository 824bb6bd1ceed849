"""Buyers and suppliers see their own scope, with cells of one or two other companies
withheld on the page and in the exports; operators see every figure."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from eslabon.analytics.panels import SUPPRESSED
from eslabon.analytics.tests.test_figures import built, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def test_a_buyer_sees_its_own_demand_but_not_capacity_of_two_suppliers(world: Any) -> None:
    demand = built(world.cast.buyer, "demand-supply")
    machining = row(demand["by-process"], label="CNC machining")
    assert machining["volume"] == 1500  # its own requirements: nobody else to protect
    capacity = row(demand["capacity"], process="CNC machining", state="Nuevo León")
    assert capacity["suppliers"] is SUPPRESSED
    assert capacity["installed"] is SUPPRESSED
    assert row(demand["uncovered"], process="CNC machining")["suppliers"] is SUPPRESSED


def test_the_operator_sees_the_same_cells(world: Any) -> None:
    demand = built(world.cast.operator, "demand-supply")
    assert row(demand["capacity"], process="CNC machining", state="Nuevo León")["suppliers"] == 2


def test_a_supplier_sees_only_requirements_open_to_it_and_one_buyer_is_withheld(
    world: Any,
) -> None:
    demand = built(world.cast.supplier, "demand-supply")
    # Invited to the second requirement only (the first is invitation-only and not to it).
    (only,) = demand["by-process"].rows
    assert only["volume"] is SUPPRESSED  # one buyer behind it


def test_a_supplier_sees_its_own_meetings_and_certificate_list_only(world: Any) -> None:
    funnel = built(world.cast.other_supplier, "funnel")
    total = funnel["meetings"].rows[0]
    assert total["requested"] is SUPPRESSED  # one request, one buyer on the other side
    certifications = built(world.cast.supplier, "certifications")
    assert certifications["expiring"].rows == []  # the expiring certificate is not its own
    iso = row(certifications["status"], standard="ISO 9001 Quality management systems")
    assert iso["held"] is SUPPRESSED  # its own and two other companies: two others, withheld


def test_the_threshold_comes_from_the_setting(world: Any, settings: Any) -> None:
    settings.ESLABON_ANALYTICS_MIN_CELL = 2
    demand = built(world.cast.buyer, "demand-supply")
    assert row(demand["capacity"], process="CNC machining", state="Nuevo León")["suppliers"] == 2
    certifications = built(world.cast.supplier, "certifications")
    iso = row(certifications["status"], standard="ISO 9001 Quality management systems")
    assert iso["held"] == 3


def test_a_withheld_cell_is_a_dash_on_the_page_and_empty_in_the_exports(
    world: Any, client: Client
) -> None:
    client.force_login(world.cast.buyer)
    page = client.get("/analytics/demand-supply/", HTTP_ACCEPT_LANGUAGE="en")
    assert "fewer than 3 companies other than yours" in page.content.decode()
    exported = client.get("/analytics/demand-supply/?format=csv&panel=capacity")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    nuevo_leon = next(r for r in rows if "Nuevo León" in r)
    assert nuevo_leon[2:] == ["", "", ""]
    workbook = load_workbook(
        io.BytesIO(client.get("/analytics/demand-supply/?format=xlsx&panel=capacity").content)
    )
    sheet = workbook.active
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert any(r[1] == "Nuevo León" and r[2] is None for r in values)
