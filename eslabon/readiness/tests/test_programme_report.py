"""The programme report: database aggregates, small-cell suppression, exports, query count."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from eslabon.readiness import report
from eslabon.readiness.tests.factories import answered, decent_work
from eslabon.readiness.tests.pdf import page_count
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    CertificationFactory,
    OrganizationFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

LABELS = {"iso_held": "iso", "iso_way": "iso-way", "iatf_held": "iatf", "iatf_way": "iatf-way",
          "ready": "ready"}  # fmt: skip


def _company(
    score: int, *, process: str = "cnc-machining", state: str = "19", size: str = "small"
) -> Any:
    organization = OrganizationFactory(size_stratum=size)
    site = SiteFactory(organization=organization, state_code=state)
    CapabilityFactory(site=site, process=Process.objects.get(slug=process))
    answered(organization, score=score)
    return organization


def _build(suppress: bool = False, **filters: Any) -> report.ProgrammeReport:
    return report.programme_report(
        filters=report.Filters(**filters), suppress=suppress, labels=LABELS
    )


def test_averages_count_each_company_once_with_its_latest_assessment() -> None:
    first = _company(4)
    answered(first, score=8)  # the latest one counts
    _company(6)
    built = _build()
    assert built.assessed == 2
    by_group = {cell.key: cell for cell in built.groups}
    assert by_group["qms-4"].value == Decimal("70.0")  # (80 + 60) / 2
    assert by_group["qms-4"].companies == 2


def test_a_company_with_two_sites_running_a_process_is_counted_once_for_it() -> None:
    organization = _company(4)
    CapabilityFactory(site=SiteFactory(organization=organization, name="Planta 2"))
    _company(8)
    cnc = next(cell for cell in _build().processes if cell.key == "cnc-machining")
    assert cnc.companies == 2
    assert cnc.value == Decimal("60")


def test_filters_by_state_size_and_process() -> None:
    _company(4, state="19", size="small", process="cnc-machining")
    _company(6, state="05", size="medium", process="hpdc-aluminium")
    assert _build(state="05").assessed == 1
    assert _build(size="small").assessed == 1
    assert _build(process="hpdc-aluminium").assessed == 1
    assert _build(state="05", size="small").assessed == 0


def test_the_ten_most_common_gaps_come_first() -> None:
    for _ in range(3):
        _company(8, process="cnc-machining")
    answered(OrganizationFactory(), score=8, overrides={"ct-msa-1": 0})
    gaps = _build().top_gaps
    assert len(gaps) <= 10
    assert gaps[0].key == "ct-msa-1"
    assert gaps[0].companies == 1


def test_cells_of_fewer_than_three_companies_are_hidden_from_non_operators() -> None:
    for score in (4, 6, 8):
        _company(score, process="cnc-machining")
    _company(6, process="hpdc-aluminium")
    public = {cell.key: cell for cell in _build(suppress=True).processes}
    assert public["hpdc-aluminium"].suppressed and public["hpdc-aluminium"].value is None
    assert not public["cnc-machining"].suppressed
    operators = {cell.key: cell for cell in _build(suppress=False).processes}
    assert operators["hpdc-aluminium"].value == Decimal("60")


def test_a_selection_of_fewer_than_three_assessed_companies_shows_no_figures() -> None:
    _company(4)
    _company(8)
    built = _build(suppress=True)
    assert built.suppressed_all
    assert built.groups == [] and built.top_gaps == [] and built.processes == []


def test_certification_counts_separate_held_from_on_the_way() -> None:
    held = _company(8)
    on_the_way = _company(4)
    CertificationFactory(organization=held)  # iso-9001 held
    CertificationFactory(organization=on_the_way, status="in_progress", expires_on=None)
    counts = {cell.key: cell.value for cell in _build().certifications}
    assert counts["iso_held"] == 1
    assert counts["iso_way"] == 1
    assert counts["iatf_held"] == 0


def test_capacity_of_critical_processes_is_installed_times_one_minus_utilisation() -> None:
    organization = _company(6, process="cold-forging")
    CapabilityFactory(
        site=SiteFactory(organization=organization, name="Planta 2"),
        process=Process.objects.get(slug="cold-forging"),
        annual_capacity=100_000,
        utilisation=Decimal("0.75"),
    )
    cold = next(cell for cell in _build().capacity if cell.key == "cold-forging")
    assert cold.value == Decimal(300_000)  # 200,000 from the factory + 100,000
    assert cold.extra["free"] == Decimal(80_000 + 25_000)
    assert cold.companies == 1


def test_decent_work_shares_are_pooled_over_the_companies() -> None:
    for _ in range(3):
        decent_work(_company(6))
    cells = {cell.key: cell for cell in _build().decent_work}
    assert cells["formal-employment-share"].value == Decimal("95.00")
    assert cells["women-share"].value == Decimal("30.00")
    assert cells["formal-employment-share"].companies == 3


def test_the_report_page_runs_a_fixed_number_of_queries(client: Any, cast: Any) -> None:
    client.force_login(cast.operator)
    for score in (4, 6, 8):
        decent_work(_company(score))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("readiness:programme_report")).status_code == 200
    for score in (4, 6, 8, 10, 6, 4):
        decent_work(_company(score, process="hpdc-aluminium"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("readiness:programme_report")).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 20


def test_the_report_exports_as_a_workbook_and_a_pdf(client: Any, cast: Any) -> None:
    for score in (4, 6, 8):
        _company(score)
    client.force_login(cast.operator)
    xlsx = client.get(reverse("readiness:programme_export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) == 7
    assert workbook.worksheets[2].max_row == 14  # header + 13 clause groups
    pdf = client.get(reverse("readiness:programme_export", args=["pdf"]))
    assert page_count(pdf.content) >= 1


def test_a_buyer_sees_the_report_with_small_cells_suppressed(client: Any, cast: Any) -> None:
    for score in (4, 6, 8):
        _company(score)
    _company(6, process="hpdc-aluminium")
    client.force_login(cast.buyer)
    response = client.get(reverse("readiness:programme_report"))
    cells = {cell.key: cell for cell in response.context["report"].processes}
    assert cells["hpdc-aluminium"].suppressed
    assert "omitido" in response.content.decode()
    client.force_login(cast.operator)
    response = client.get(reverse("readiness:programme_report"))
    assert not any(cell.suppressed for cell in response.context["report"].processes)


def test_a_parent_process_selects_the_companies_of_its_sub_processes() -> None:
    _company(6, process="hpdc-aluminium")
    _company(6, process="cnc-machining")
    parent = Process.objects.get(slug="hpdc-aluminium").parent
    assert parent is not None
    assert _build(process=parent.slug).assessed == 1
