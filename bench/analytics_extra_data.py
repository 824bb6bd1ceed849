"""Data and baselines for dashboards 4-6 in bench/analytics_dashboards.py (10× the demo).

- Decent work: the readiness demo gives every supplier one report for 2025; here every
  published supplier gets three years (2023-2025) of figures drawn like the demo's.
- DENUE: the demo's sample (tests/data/denue_sample.csv) has 400 establishments; here 4 000,
  with SCIAN codes from the shipped rules and the demo cluster's municipalities.
- Origin: the demo has no goods; here every buyer gets one good of twelve BOM lines (half
  from Asia), half of the goods a scenario localising two lines, and a line of every
  awarded Supply Hub requirement linked to a BOM line.
Rows are bulk-created with stored figures (the engine's checks are not the point here).

The baselines compute each dashboard's headline figures by looping over model instances.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

SCALE = 10
YEARS = (2023, 2024, 2025)
ASIAN = ("CN", "KR", "JP", "TW", "IN", "TH")
OTHERS = ("US", "DE", "BR", "CA")


def load(rng: random.Random) -> None:
    _decent_work(rng)
    _denue(rng)
    _origin(rng)


def _decent_work(rng: random.Random) -> None:
    from eslabon.readiness.models import DecentWorkReport
    from eslabon.registry.models import Organization

    reports = []
    for pk, employees in Organization.objects.published_suppliers().values_list("pk", "employees"):
        for year in YEARS:
            workers = employees or rng.randint(20, 250)
            hours = Decimal(workers * 48 * 52)
            reports.append(
                DecentWorkReport(
                    organization_id=pk, year=year, zone="general", workers=workers,
                    average_workers=Decimal(workers),
                    workers_imss=workers - rng.randint(0, min(5, workers)),
                    women=rng.randint(workers // 8, workers // 2),
                    gross_wages_mxn=hours * rng.randint(55, 160), hours_paid=hours,
                    training_hours=Decimal(workers * rng.randint(4, 40)),
                    recordable_injuries=rng.randint(0, 3),
                    separations=rng.randint(workers // 20, workers // 2),
                    nom035_done=["policy"], minimum_wage_ratio=Decimal(rng.randint(100, 300)) / 100,
                    nom035_compliance=Decimal(rng.randint(20, 100)),
                )
            )  # fmt: skip
    DecentWorkReport.objects.bulk_create(reports, batch_size=2000)


def _denue(rng: random.Random) -> None:
    from eslabon.data.geography import municipalities
    from eslabon.discovery.models import Establishment, ImportRun, ScianProcessRule

    codes = sorted(
        {
            p + "0" * (6 - len(p))
            for p in ScianProcessRule.objects.values_list("scian_prefix", flat=True)
        }
        | {"461110", "722511"}  # shops and restaurants: no rule
    )
    places = list(municipalities().values())
    run = ImportRun.objects.create(source="bench.csv", edition="2025")
    Establishment.objects.bulk_create(
        [
            Establishment(
                clee=f"BENCH{n:08d}", name=f"TALLER {n}", scian_code=rng.choice(codes), stratum=3,
                state_code=(place := rng.choice(places)).state_code,
                municipality_code=place.code, municipality_name=place.name, edition="2025",
                lat=place.lat + rng.uniform(-0.05, 0.05), lon=place.lon + rng.uniform(-0.05, 0.05),
                first_seen_run=run, last_seen_run=run, changed_run=run, vanished=n % 25 == 0,
            )
            for n in range(400 * SCALE)
        ],
        batch_size=2000,
    )  # fmt: skip


def _origin(rng: random.Random) -> None:
    import datetime as dt

    from eslabon.hub.models import Award
    from eslabon.origin.models import Good, Material, Scenario, Substitution
    from eslabon.registry.models import Organization

    buyers = list(Organization.objects.filter(is_buyer=True).values_list("pk", flat=True))
    goods = Good.objects.bulk_create(
        Good(
            organization_id=buyer, name=f"Pieza {n}", hs_code="8708.80", currency="USD",
            date=dt.date(2025, 7, 1), net_cost=Decimal(1000), transaction_value=Decimal(1250),
            value_non_originating=Decimal(rng.randint(200, 600)),
            rvc_net_cost=Decimal(rng.randint(40, 80)), qualifies=rng.random() < 0.5,
        )
        for n, buyer in enumerate(buyers)
    )  # fmt: skip
    awarded_lines = list(Award.objects.values_list("line_id", flat=True))
    materials = []
    for good in goods:
        for k in range(12):
            asian = k % 2 == 0
            materials.append(
                Material(
                    good=good, position=k, code=f"M{k}", value=Decimal(rng.randint(5, 90)),
                    origin_country=rng.choice(ASIAN if asian else OTHERS),
                    originating="no" if k < 8 else "yes",
                    requirement_line_id=awarded_lines.pop() if awarded_lines and k == 0 else None,
                )
            )  # fmt: skip
    Material.objects.bulk_create(materials, batch_size=2000)
    by_good: dict[int, list[Material]] = defaultdict(list)
    for material in materials:
        by_good[material.good_id].append(material)
    scenarios, substitutions = [], []
    for good in goods[::2]:
        before = Decimal(rng.randint(40, 70))
        scenario = Scenario(
            good=good, name="Local", rvc_net_cost_before=before,
            rvc_net_cost_after=before + 8, rvc_transaction_value_before=before + 5,
            rvc_transaction_value_after=before + 12, qualifies_before=before >= 60,
            qualifies_after=before + 8 >= 60, added_cost=Decimal(12),
            import_substitution_value=Decimal(0),
        )  # fmt: skip
        scenarios.append(scenario)
        for material in by_good[good.pk][:2]:
            substitutions.append(
                Substitution(
                    scenario=scenario, material=material, supplier_name="Local",
                    unit_price=material.value, new_value=material.value,
                    value_localised=material.value,
                )
            )  # fmt: skip
    Scenario.objects.bulk_create(scenarios)
    Substitution.objects.bulk_create(substitutions)


def naive() -> dict[str, Any]:
    """The same headline figures by looping over model instances (the baseline)."""
    from eslabon.discovery.models import Establishment, ScianProcessRule
    from eslabon.origin.models import Material, Scenario
    from eslabon.readiness.models import DecentWorkReport
    from eslabon.registry.models import Site

    def decent_work() -> None:
        totals: dict[tuple[str, str, int], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
        for report in DecentWorkReport.objects.select_related("organization").prefetch_related(
            "organization__sites"
        ):
            groups = {("size", report.organization.size_stratum)}
            groups |= {("state", site.state_code) for site in report.organization.sites.all()}
            for kind, key in groups:
                row = totals[(kind, key, report.year)]
                row[0] += report.workers_imss
                row[1] += report.workers
                row[2] += report.women

    def supplier_map() -> None:
        prefixes = tuple(ScianProcessRule.objects.values_list("scian_prefix", flat=True))
        counts: dict[tuple[str, str], list[set[int] | int]] = {}
        for site in Site.objects.select_related("organization"):
            if site.organization.status != "approved":
                continue
            row = counts.setdefault((site.state_code, site.municipality_code), [set(), set(), 0])
            if site.organization.is_supplier:
                row[0].add(site.organization_id)  # type: ignore[union-attr]
            if site.organization.is_buyer:
                row[1].add(site.organization_id)  # type: ignore[union-attr]
        for establishment in Establishment.objects.filter(vanished=False):
            if establishment.scian_code.startswith(prefixes):
                key = (establishment.state_code, establishment.municipality_code)
                row = counts.setdefault(key, [set(), set(), 0])
                row[2] += 1  # type: ignore[operator]

    def import_substitution() -> None:
        asia: dict[str, Decimal] = defaultdict(Decimal)
        for material in Material.objects.select_related("good"):
            if material.originating != "yes" and material.origin_country in ASIAN:
                asia[material.good.currency] += material.value
        latest: dict[int, Scenario] = {}
        for scenario in Scenario.objects.order_by("created_at", "pk"):
            latest[scenario.good_id] = scenario
        for scenario in latest.values():
            for substitution in scenario.substitutions.select_related("material"):
                asia[substitution.material.origin_country] += substitution.value_localised

    return {
        "decent-work": decent_work,
        "map": supplier_map,
        "import-substitution": import_substitution,
    }
