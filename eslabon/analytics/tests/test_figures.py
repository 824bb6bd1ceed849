"""Every dashboard's figures against the hand-computed world of conftest.py, and the number
of queries each page takes (a bound that does not grow with the data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from eslabon.analytics import panels
from eslabon.analytics.dashboards.certifications import quarter_ends
from eslabon.analytics.filters import Filters
from eslabon.analytics.permissions import scope_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


def built(user: Any, slug: str, filters: Filters | None = None) -> dict[str, panels.Panel]:
    board = panels.dashboard(slug)
    assert board is not None
    return {panel.key: panel for panel in board.build(scope_of(user), filters or Filters())}


def row(panel: panels.Panel, **match: Any) -> dict[str, Any]:
    (found,) = [r for r in panel.rows if all(r.get(k) == v for k, v in match.items())]
    return found


def test_demand_counts_posted_requirements_only_with_their_volume_and_value(world: Any) -> None:
    demand = built(world.cast.operator, "demand-supply")
    machining = row(demand["by-process"], label="CNC machining")
    assert machining["requirements"] == 2
    assert machining["buyers"] == 1
    assert machining["volume"] == 1500
    assert machining["value_mxn"] == Decimal(10_000)
    assert machining["value_usd"] == Decimal(1_000)
    assert row(demand["by-state"], label="Coahuila de Zaragoza")["volume"] == 1500


def test_capacity_and_uncovered_demand_count_capable_suppliers_once(world: Any) -> None:
    demand = built(world.cast.operator, "demand-supply")
    capacity = row(demand["capacity"], process="CNC machining", state="Nuevo León")
    assert capacity["suppliers"] == 2
    assert capacity["installed"] == 400_000
    assert capacity["free"] == Decimal(160_000)
    uncovered = row(demand["uncovered"], process="CNC machining")
    assert uncovered["volume"] == Decimal(1500)
    assert uncovered["suppliers"] == 2
    assert uncovered["shortfall"] == Decimal(0)
    # A critical process nobody registered ranks first: no capable supplier at all.
    assert demand["uncovered"].rows[0]["suppliers"] == 0
    assert "Machining" not in [r["process"] for r in demand["uncovered"].rows]


def test_the_coverage_heat_map_has_a_cell_per_process_and_state(world: Any) -> None:
    heat = built(world.cast.operator, "demand-supply")["heatmap"]
    assert row(heat, process="CNC machining", state="Nuevo León")["suppliers"] == 2
    assert len(heat.chart.cells) == len(heat.rows)
    assert heat.chart.legend


def test_the_funnel_follows_the_held_meeting_to_its_award(world: Any) -> None:
    funnel = built(world.cast.operator, "funnel")
    total = funnel["meetings"].rows[0]
    stages = ("requested", "scheduled", "held", "rfq", "quoted", "awarded")
    assert [total[stage] for stage in stages] == [2, 1, 1, 1, 1, 1]
    assert total["days"] == Decimal("10.0")
    assert row(funnel["meetings-by-event"], label="Foro de proveedores")["requested"] == 2
    assert row(funnel["meetings-by-size"], label="Small")["awarded"] == 1
    assert row(funnel["meetings-by-state"], label="Nuevo León")["held"] == 1
    assert row(funnel["meetings-by-process"], label="Machining")["rfq"] == 1
    hub = funnel["hub"].rows[0]
    assert (hub["posted"], hub["invited"], hub["quoted"], hub["awarded"]) == (2, 1, 1, 1)


def test_the_event_filter_narrows_the_funnel(world: Any) -> None:
    other = Filters(event=world.event.pk + 1000)
    assert built(world.cast.operator, "funnel", other)["meetings"].rows[0]["requested"] == 0


def test_certifications_count_companies_today_over_quarters_and_expiring(world: Any) -> None:
    certifications = built(world.cast.operator, "certifications")
    iso = row(certifications["status"], standard="ISO 9001 Quality management systems")
    assert iso["held"] == 3
    history = certifications["history"]
    iso_history = row(history, standard="ISO 9001 Quality management systems")
    assert iso_history["2024-T4"] == 1  # only the third supplier, certified since 2020
    assert iso_history["2025-T1"] == 3
    expiring = certifications["expiring"]
    assert [r["company"] for r in expiring.rows] == [world.third_org.trade_name]
    assert row(certifications["expiring-by-standard"], companies=1)


def test_quarter_ends_cover_the_range() -> None:
    assert quarter_ends(dt.date(2024, 11, 2), dt.date(2025, 4, 1)) == [
        dt.date(2024, 12, 31), dt.date(2025, 3, 31), dt.date(2025, 6, 30),
    ]  # fmt: skip


def test_dates_filter_demand_by_publication(world: Any) -> None:
    later = Filters(date_from=dt.date(2026, 3, 2))
    assert built(world.cast.operator, "demand-supply", later)["by-process"].rows == []
    same_day = Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 1))
    assert built(world.cast.operator, "demand-supply", same_day)["by-process"].rows


# Bounds measured on this world; they hold whatever the number of rows (no per-row query).
QUERY_BOUNDS = {"demand-supply": 10, "funnel": 15, "certifications": 8}


@pytest.mark.parametrize("slug", sorted(QUERY_BOUNDS))
def test_each_dashboard_takes_a_fixed_number_of_queries(
    world: Any, slug: str, client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(world.cast.operator)
    with django_assert_max_num_queries(QUERY_BOUNDS[slug]):
        assert client.get(f"/analytics/{slug}/").status_code == 200
    # Ten more suppliers with certificates and capabilities: the count does not move.
    for _ in range(10):
        from eslabon.registry.tests.factories import CapabilityFactory, CertificationFactory

        capability = CapabilityFactory()
        CertificationFactory(organization=capability.site.organization)
    with django_assert_max_num_queries(QUERY_BOUNDS[slug]):
        assert client.get(f"/analytics/{slug}/").status_code == 200


def test_every_dashboard_renders_with_an_empty_programme(cast: Any, client: Client) -> None:
    client.force_login(cast.operator)
    today = timezone.localdate().isoformat()
    for board in panels.dashboards():
        assert client.get(f"/analytics/{board.slug}/?date_to={today}").status_code == 200
