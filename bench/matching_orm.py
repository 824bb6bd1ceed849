"""The matching engine against a plain loop over ORM rows, on the same generated registry.

Run: PYTHONPATH=. python bench/matching_orm.py [--sites 100000] [--runs 15] [--baseline-runs 3]
Writes the generated suppliers of bench/matching_rank.py into a fresh database (SQLite in a
temporary data folder, or DATABASE_URL), then times, in the same run:
- engine: the registry selector loads the rows into the columnar table once; each request
  is one `rank` call (the figure that matters per page view);
- baseline: each request loads the ORM rows and scores them one object at a time.
Both must agree on the top 20.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("ESLABON_DATA_DIR", tempfile.mkdtemp(prefix="eslabon-bench-orm-"))

from bench.matching_rank import REQUIREMENT, TODAY, baseline, generate
from eslabon.cli import django_setup


def _kg(value: float | None) -> Decimal | None:
    return Decimal(f"{value:.3f}") if value else None


def load(suppliers: list, batch: int = 5000) -> None:  # type: ignore[type-arg]
    """Bulk-insert the generated suppliers as registry rows."""
    from eslabon.registry import models

    processes = {p.slug: p for p in models.Process.objects.all()}
    materials = {m.slug: m for m in models.Material.objects.all()}
    standards = {s.slug: s for s in models.CertificationStandard.objects.all()}
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    organizations = [
        models.Organization(
            legal_name=f"Proveedor {i}",
            rfc=f"{letters[i % 23]}{letters[i // 23 % 23]}"
            f"{letters[i // 529 % 23]}{1 + i // 12167 % 9:02d}0101{i % 10}A{i // 10 % 10}",
            is_supplier=True,
            status="approved",
            description=supplier.description,
        )
        for i, supplier in enumerate(suppliers)
    ]
    models.Organization.objects.bulk_create(organizations, batch_size=batch)
    organizations = list(models.Organization.objects.order_by("pk"))
    sites, capabilities, certificates = [], [], []
    for organization, supplier in zip(organizations, suppliers, strict=True):
        for site in supplier.sites:
            sites.append(models.Site(
                organization=organization, name=site.id, state_code="19", municipality_code="039",
                latitude=site.location.lat, longitude=site.location.lon,
            ))  # fmt: skip
        certificates += [
            models.Certification(
                organization=organization,
                standard=standards[c.standard],
                status=c.status.value,
                expires_on=c.expires,
                expected_on=c.expected,
            )
            for c in supplier.certifications
        ]
    models.Site.objects.bulk_create(sites, batch_size=batch)
    models.Certification.objects.bulk_create(certificates, batch_size=batch)
    site_rows = {s.name: s for s in models.Site.objects.all()}
    wanted_materials = []
    for supplier in suppliers:
        for site in supplier.sites:
            seen = set()
            for cap in site.capabilities:
                if cap.process in seen:
                    continue
                seen.add(cap.process)
                capabilities.append(models.Capability(
                    site=site_rows[site.id], process=processes[cap.process],
                    max_dimension_mm=int(cap.max_dimension_mm) if cap.max_dimension_mm else None,
                    max_weight_kg=_kg(cap.max_weight_kg),
                    annual_capacity=int(cap.annual_capacity or 0),
                    utilisation=Decimal(f"{cap.utilisation:.3f}"),
                ))  # fmt: skip
                wanted_materials.append(cap.materials)
    created = models.Capability.objects.bulk_create(capabilities, batch_size=batch)
    through = models.Capability.materials.through
    links = [
        through(capability_id=capability.pk, material_id=materials[slug].pk)
        for capability, slugs in zip(created, wanted_materials, strict=True)
        for slug in slugs
    ]
    through.objects.bulk_create(links, batch_size=batch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline-runs", type=int, default=3)
    args = parser.parse_args()
    django_setup.migrate()
    from django.conf import settings

    from eslabon.domain.matching import SupplierTable, rank
    from eslabon.registry.selectors import matching_suppliers

    started = time.perf_counter()
    load(generate(args.sites))
    print(f"database: {settings.DATABASES['default']['ENGINE']}; "
          f"loaded in {time.perf_counter() - started:.1f} s")  # fmt: skip

    started = time.perf_counter()
    table = SupplierTable.build(matching_suppliers())
    build = time.perf_counter() - started
    engine_times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        ranking = rank(REQUIREMENT, table, today=TODAY, top=20)
        engine_times.append(time.perf_counter() - started)

    text = [float(v) for v in table.text.scores(REQUIREMENT.text)]
    load_times, loop_times = [], []
    for _ in range(args.baseline_runs):
        started = time.perf_counter()
        suppliers = list(matching_suppliers())  # the ORM rows, one object at a time
        loaded = time.perf_counter()
        order = baseline(REQUIREMENT, suppliers, text)
        load_times.append(loaded - started)
        loop_times.append(time.perf_counter() - loaded)
    top = [r.supplier_id for r in ranking.results]
    assert order[:20] == top, (order[:20], top)
    engine = statistics.median(engine_times)
    base = statistics.median(a + b for a, b in zip(load_times, loop_times, strict=True))
    print(f"python {platform.python_version()}, {len(table.suppliers):,} suppliers, "
          f"{table.site_count:,} sites, {len(table.cap_process):,} capability rows")  # fmt: skip
    print(f"engine: table from the registry (once) {build:.2f} s; rank median "
          f"{engine * 1000:.1f} ms over {args.runs} runs")  # fmt: skip
    print(f"baseline: ORM load {statistics.median(load_times):.2f} s + per-object loop "
          f"{statistics.median(loop_times):.2f} s = median {base:.2f} s over "
          f"{args.baseline_runs} runs; ratio {base / engine:.0f}x; same top 20: yes")  # fmt: skip


if __name__ == "__main__":
    main()
