"""Filters live in the URL (so a view can be shared), are validated, and every panel exports
the table it shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client

from eslabon.analytics.filters import FilterForm, Filters
from eslabon.events.models import Event

pytestmark = pytest.mark.django_db


def test_filters_round_trip_through_the_query_string(world: Any) -> None:
    original = Filters(
        date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30), state="19",
        process="cnc-machining", size="small", event=world.event.pk,
    )  # fmt: skip
    form = FilterForm(QueryDict(original.as_query()), events=Event.objects.all())
    assert form.is_valid(), form.errors
    assert form.filters() == original


def test_no_filters_give_an_empty_query() -> None:
    assert Filters().as_query() == ""
    assert Filters().as_query(format="csv", panel="x") == "format=csv&panel=x"


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2026-05-01&date_to=2026-01-01",
        "date_from=1900-01-01&date_to=2026-01-01",
        "date_from=yesterday",
        "state=99",
        "process=no-such-process",
        "size=huge",
        "event=999999",
    ],
)
def test_invalid_filters_answer_400_naming_the_field(cast: Any, client: Client, query: str) -> None:
    client.force_login(cast.operator)
    response = client.get(f"/analytics/funnel/?{query}")
    assert response.status_code == 400
    assert response.context["form"].errors


def test_a_supplier_can_not_filter_by_an_event_it_did_not_attend(
    world: Any, client: Client
) -> None:
    client.force_login(world.cast.other_supplier)
    assert client.get(f"/analytics/funnel/?event={world.event.pk}").status_code == 200
    from eslabon.events.tests.factories import make_event

    elsewhere = make_event(world.cast.operator_org)
    assert client.get(f"/analytics/funnel/?event={elsewhere.pk}").status_code == 400


def test_the_page_links_exports_that_keep_the_filters(world: Any, client: Client) -> None:
    client.force_login(world.cast.operator)
    page = client.get("/analytics/demand-supply/?state=05&date_from=2026-01-01").content.decode()
    assert "?date_from=2026-01-01&amp;state=05&amp;format=csv&amp;panel=by-process" in page
    exported = client.get("/analytics/demand-supply/?state=05&format=csv&panel=by-process")
    assert exported["Content-Disposition"] == 'attachment; filename="demand-supply-by-process.csv"'
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # the header and CNC machining
    assert rows[1][1:4] == ["2", "1", "1500"]


def test_the_programme_report_is_a_pdf_with_every_dashboard(world: Any, client: Client) -> None:
    client.force_login(world.cast.operator)
    response = client.get("/analytics/report.pdf?state=19")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
