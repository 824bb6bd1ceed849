"""N+1 checks: each main page runs as many queries over 3N rows as over N (issue #10).

Every scenario builds what its page lists for ``n`` (suppliers, requirements, lines, quotes,
assessments, participants, ...) and returns who looks and where. It is built with N rows,
the page is requested (a warm-up, then counted), then built again with 3N more rows and counted
again: the counts must be equal, and under a fixed ceiling. The pages are those of the load
test's journeys (bench/locustfile.py) and the other main views.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eslabon.events.tests.factories import accepted, join, make_event
from eslabon.hub import quoting, services
from eslabon.hub.choices import Visibility
from eslabon.hub.quoting import QuoteLineInput
from eslabon.hub.tests.factories import RequirementFactory, RequirementLineFactory
from eslabon.programmes.tests.factories import (
    BudgetLineFactory,
    CallFactory,
    GoalFactory,
    ProgrammeFactory,
)
from eslabon.readiness.tests.factories import answered, decent_work
from eslabon.registry.models import Process
from eslabon.registry.tests.factories import (
    CapabilityFactory,
    CertificationFactory,
    OrganizationFactory,
    SiteFactory,
    member_of,
)

N = 2
CEILING = 30
_serial = itertools.count(1)

Scenario = Callable[[Any, int, Path], tuple[Any, str]]


def _suppliers(n: int) -> None:
    for _ in range(n):
        organization = OrganizationFactory()
        site = SiteFactory(organization=organization, name=f"Planta {next(_serial)}")
        CapabilityFactory(site=site)
        CertificationFactory(organization=organization, site=site)


def directory(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    _suppliers(n)
    return cast.buyer, reverse("registry:directory")


def directory_search(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    _suppliers(n)
    return cast.buyer, reverse("registry:directory") + "?q=Maquinados"


def organisation_detail(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        site = SiteFactory(organization=cast.supplier_org, name=f"Planta {next(_serial)}")
        CapabilityFactory(site=site)
        CertificationFactory(organization=cast.supplier_org, site=site)
    return cast.buyer, reverse("registry:organization_detail", args=[cast.supplier_org.pk])


def _published(cast: Any, lines: int = 1, **fields: Any) -> Any:
    requirement = RequirementFactory(buyer=cast.buyer_org, created_by=cast.buyer, **fields)
    requirement.processes.set([Process.objects.get(slug="cnc-machining")])
    for _ in range(lines):
        RequirementLineFactory(requirement=requirement)
    services.invite(requirement=requirement, supplier=cast.supplier_org, actor=cast.buyer)
    return services.publish(requirement=requirement, actor=cast.buyer)


def requirement_list(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        _published(cast)
    return cast.buyer, reverse("hub:requirement_list")


def requirement_view_buyer(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    requirement = _published(cast, lines=n)
    for _ in range(n):
        services.invite(requirement=requirement, supplier=OrganizationFactory(), actor=cast.buyer)
    _suppliers(n)  # the invite form lists every published supplier
    return cast.buyer, reverse("hub:requirement_detail", args=[requirement.pk])


def requirement_view_supplier(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    requirement = _published(cast, lines=n)
    return cast.supplier, reverse("hub:requirement_detail", args=[requirement.pk])


def quote_form(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    requirement = _published(cast, lines=n)
    return cast.supplier, reverse("hub:quote_edit", args=[requirement.pk])


def _terms(line: Any) -> QuoteLineInput:
    return QuoteLineInput(
        line_id=line.pk, tooling_cost=Decimal(1000), lead_time_ppap_weeks=12,
        lead_time_sop_weeks=16, capacity_committed=50_000,
        tiers=((1, Decimal("10.50")), (5_000, Decimal("9.80"))),
    )  # fmt: skip


def comparison(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    requirement = _published(cast, lines=2, visibility=Visibility.OPEN)
    lines = list(requirement.lines.all())
    for _ in range(n):
        supplier = OrganizationFactory()
        site = SiteFactory(organization=supplier, name=f"Planta {next(_serial)}")
        quoting.save_quote(
            requirement=requirement, supplier=supplier, site=site,
            valid_until=timezone.localdate() + dt.timedelta(days=90), notes="",
            lines=[_terms(line) for line in lines], submit=True, actor=member_of(supplier),
        )  # fmt: skip
    type(requirement).objects.filter(pk=requirement.pk).update(
        quote_due_at=timezone.now() - dt.timedelta(minutes=1)  # prices unsealed
    )
    return cast.buyer, reverse("hub:comparison", args=[requirement.pk])


def matching_ranking(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    requirement = _published(cast)
    _suppliers(n)
    return cast.buyer, reverse("matching:requirement_matches", args=[requirement.pk])


def supplier_opportunities(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        _published(cast, visibility=Visibility.OPEN)
    return cast.supplier, reverse("matching:supplier_opportunities")


def readiness_assessments(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        answered(OrganizationFactory(), share=True)
    return cast.operator, reverse("readiness:assessments")


def readiness_result(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    latest = None
    for _ in range(n):
        latest = answered(cast.supplier_org, share=True)
    return cast.supplier, reverse("readiness:result", args=[latest.pk])


def programme_report(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    processes = ("cnc-machining", "hpdc-aluminium", "cold-forging")
    for k in range(n):
        organization = OrganizationFactory()
        site = SiteFactory(organization=organization, name=f"Planta {next(_serial)}")
        CapabilityFactory(site=site, process=Process.objects.get(slug=processes[k % 3]))
        answered(organization, share=True)
        decent_work(organization, share=True)
    return cast.operator, reverse("readiness:programme_report")


def _event(cast: Any) -> Any:
    event = getattr(cast, "event", None)
    if event is None:
        event = cast.event = make_event(cast.operator_org, slots=4, tables=2)
        cast.mine = join(event, cast.supplier_org)
    return event


def _participants(cast: Any, n: int) -> Any:
    event = _event(cast)
    for _ in range(n):
        buyer = join(event, OrganizationFactory(is_buyer=True, is_supplier=False, tier="oem"),
                     side="buyer")  # fmt: skip
        accepted(buyer, cast.mine)
    return event


def events_list(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        make_event(cast.operator_org, slots=2, tables=1)
    return cast.operator, reverse("events:list")


def event_detail(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    event = _participants(cast, n)
    return cast.operator, reverse("events:detail", args=[event.pk])


def event_requests(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    event = _participants(cast, n)
    return cast.operator, reverse("events:requests", args=[event.pk])


def _programme(cast: Any) -> Any:
    programme = getattr(cast, "programme", None)
    if programme is None:
        programme = cast.programme = ProgrammeFactory(operator=cast.operator_org)
    return programme


def programmes_list(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    for _ in range(n):
        ProgrammeFactory(operator=cast.operator_org)
    return cast.operator, reverse("programmes:programme_list")


def programme_detail(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    programme = _programme(cast)
    for _ in range(n):
        GoalFactory(programme=programme)
        BudgetLineFactory(programme=programme)
        CallFactory(programme=programme)
    return cast.operator, reverse("programmes:programme_detail", args=[programme.pk])


def programme_goals_report(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    programme = _programme(cast)
    for _ in range(n):
        GoalFactory(programme=programme)
        BudgetLineFactory(programme=programme)
    return cast.operator, reverse("programmes:report", args=[programme.pk])


def discovery_candidates(cast: Any, n: int, tmp: Path) -> tuple[Any, str]:
    from eslabon.discovery.services import import_denue
    from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row

    rows = []
    for _ in range(n * 20):
        clee = f"Q-{next(_serial):05d}"
        rows.append(
            denue_row(clee=clee, codigo_act="332710", per_ocu="31 a 50 personas",
                      nom_estab=f"TALLER {clee}", latitud="25.6", longitud="-100.3")
        )  # fmt: skip
    path = tmp / f"denue-{next(_serial)}.csv"
    path.write_bytes(denue_file(rows))
    import_denue(path=path)
    return cast.operator, reverse("discovery:candidates") + "?processes=cnc-machining"


SCENARIOS: dict[str, Scenario] = {
    "directory": directory,
    "directory search": directory_search,
    "organisation detail": organisation_detail,
    "requirement list": requirement_list,
    "requirement view (buyer)": requirement_view_buyer,
    "requirement view (supplier)": requirement_view_supplier,
    "quote form": quote_form,
    "comparison": comparison,
    "matching ranking": matching_ranking,
    "supplier opportunities": supplier_opportunities,
    "readiness assessments": readiness_assessments,
    "readiness result": readiness_result,
    "readiness programme report": programme_report,
    "events list": events_list,
    "event detail": event_detail,
    "event requests": event_requests,
    "programmes list": programmes_list,
    "programme detail": programme_detail,
    "programme report": programme_goals_report,
    "discovery candidates": discovery_candidates,
}


def _count(client: Any, url: str) -> int:
    client.get(url)  # a warm-up: the session, and the matching table of this registry
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_page_runs_as_many_queries_for_3n_rows_as_for_n(
    client: Any, cast: Any, tmp_path: Path, settings: Any, scenario: Scenario
) -> None:
    settings.MEDIA_ROOT = tmp_path
    user, url = scenario(cast, N, tmp_path)
    client.force_login(user)
    few = _count(client, url)
    user, url = scenario(cast, 3 * N, tmp_path)
    client.force_login(user)
    many = _count(client, url)
    assert many == few, f"{few} queries with N rows, {many} with 3N"
    assert many <= CEILING
