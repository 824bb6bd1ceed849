"""Data for dashboards 4-6 added to the hand-computed programme of conftest.World: decent-work
reports of the cast's two suppliers, the origin example good of the cast's buyer with one
scenario, and one DENUE machine shop in Apodaca. None of it changes dashboards 1-3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eslabon.discovery.models import Establishment, ImportRun
from eslabon.origin import services
from eslabon.origin.models import Material
from eslabon.origin.tests.factories import example_good
from eslabon.readiness.tests.factories import decent_work


def add_extra_dashboards_data(cast: Any) -> None:
    decent_work(cast.supplier_org, year=2024)
    decent_work(cast.supplier_org, year=2025)
    decent_work(cast.other_supplier_org, year=2025)
    good = example_good(cast.buyer_org, cast.buyer)
    offer = services.add_offer(
        material=Material.objects.get(good=good, code="M1"), supplier=cast.supplier_org,
        supplier_name="", unit_price=Decimal("47.50"),
    )  # fmt: skip
    services.save_scenario(good=good, name="Muelles locales", offers=[offer], user=None)
    run = ImportRun.objects.create(source="denue.csv", edition="2025")
    Establishment.objects.create(
        clee="19006332710000011000000000U0", name="TORNOS RAMIREZ", scian_code="332710",
        stratum=3, state_code="19", municipality_code="006", municipality_name="Apodaca",
        edition="2025", lat=25.78, lon=-100.19, first_seen_run=run, last_seen_run=run,
        changed_run=run,
    )  # fmt: skip
