"""Dashboard 5: decent-work indicators by state, size and process, against hand-computed sums."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from eslabon.analytics.selectors_decent_work import decent_work_dashboard
from eslabon.domain.analytics.suppression import is_disclosive
from eslabon.readiness import services
from eslabon.readiness.models import DecentWorkReport
from eslabon.registry.models import Organization
from eslabon.registry.tests.factories import CapabilityFactory, OrganizationFactory, SiteFactory

pytestmark = pytest.mark.django_db


def small_cells_hidden(others: int) -> bool:
    return is_disclosive(others, 3)


def report(org: Any, year: int, workers: int, imss: int, women: int) -> DecentWorkReport:
    return services.save_decent_work_report(
        report=DecentWorkReport(
            organization=org, year=year, zone="general", workers=workers,
            average_workers=workers, workers_imss=imss, women=women,
            gross_wages_mxn=workers * 120_000, hours_paid=workers * 2_496,
            training_hours=workers * 20, recordable_injuries=1, separations=workers // 10,
            nom035_done=["policy"],
        )
    )  # fmt: skip


@pytest.fixture
def companies() -> dict[str, Any]:
    a = OrganizationFactory(size_stratum="small")
    b = OrganizationFactory(size_stratum="small")
    d = OrganizationFactory(size_stratum="small")
    c = OrganizationFactory(size_stratum="medium")
    site_a = SiteFactory(organization=a)
    CapabilityFactory(site=site_a)  # cnc-machining, in the "machining" family
    SiteFactory(organization=b)
    SiteFactory(organization=d)
    SiteFactory(organization=c, state_code="05", municipality_code="030")
    report(a, 2024, workers=80, imss=40, women=20)
    report(a, 2025, workers=100, imss=90, women=30)
    report(b, 2025, workers=50, imss=50, women=10)
    report(c, 2025, workers=200, imss=100, women=100)
    report(d, 2025, workers=50, imss=25, women=0)
    return {"a": a, "b": b, "c": c, "d": d}


def _row(dashboard: Any, dimension: str, key: str, year: int) -> Any:
    (row,) = [r for r in dashboard.of(dimension) if r.key == key and r.year == year]
    return row


def test_pooled_figures_by_group_and_year(companies: dict[str, Any]) -> None:
    dashboard = decent_work_dashboard(orgs=Organization.objects.all())
    assert dashboard.years == [2024, 2025]
    everyone = _row(dashboard, "all", "all", 2025)
    # (90 + 50 + 100 + 25) / (100 + 50 + 200 + 50) = 265 / 400
    assert everyone.companies == 4
    assert everyone.values["formal-employment-share"] == Decimal("66.25")
    # (30 + 10 + 100 + 0) / 400
    assert everyone.values["women-share"] == Decimal("35.00")
    assert everyone.values["training-hours-per-worker"] == Decimal("20.00")
    nuevo_leon = _row(dashboard, "state", "19", 2025)
    assert (nuevo_leon.companies, nuevo_leon.label) == (3, "Nuevo León")
    assert nuevo_leon.values["formal-employment-share"] == Decimal("82.50")  # 165 / 200
    coahuila = _row(dashboard, "state", "05", 2025)
    assert coahuila.values["formal-employment-share"] == Decimal("50.00")
    assert _row(dashboard, "size", "small", 2025).values["women-share"] == Decimal("20.00")
    machining = _row(dashboard, "process", "machining", 2025)
    assert (machining.companies, machining.values["formal-employment-share"]) == (
        1,
        Decimal("90.00"),
    )
    trend = _row(dashboard, "all", "all", 2024)
    assert (trend.companies, trend.values["formal-employment-share"]) == (1, Decimal("50.00"))
    assert dashboard.series("state", "formal-employment-share") == [
        ("Nuevo León", [Decimal("50.00"), Decimal("82.50")]),
        ("Coahuila de Zaragoza", [None, Decimal("50.00")]),
    ]


def test_small_cells_suppressed(companies: dict[str, Any]) -> None:
    dashboard = decent_work_dashboard(orgs=Organization.objects.all(), hides=small_cells_hidden)
    assert _row(dashboard, "state", "19", 2025).values["formal-employment-share"] == Decimal(
        "82.50"
    )
    for dimension, key, year in [
        ("state", "05", 2025),
        ("size", "medium", 2025),
        ("process", "machining", 2025),
        ("all", "all", 2024),
    ]:
        row = _row(dashboard, dimension, key, year)
        assert row.suppressed
        assert set(row.values.values()) == {None}


def test_years_and_companies_filtered(companies: dict[str, Any]) -> None:
    orgs = Organization.objects.exclude(pk=companies["c"].pk)
    dashboard = decent_work_dashboard(orgs=orgs, year_from=2025)
    assert dashboard.years == [2025]
    assert [r.key for r in dashboard.of("state")] == ["19"]
    assert _row(dashboard, "all", "all", 2025).companies == 3


def test_fixed_number_of_queries(
    companies: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for index in range(6):
        org = OrganizationFactory(size_stratum="micro")
        SiteFactory(organization=org, state_code=f"{index + 10:02d}")
        report(org, 2025, workers=10, imss=10, women=5)
    with django_assert_max_num_queries(5):
        decent_work_dashboard(orgs=Organization.objects.all(), hides=small_cells_hidden)
