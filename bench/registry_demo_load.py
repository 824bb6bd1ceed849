"""Benchmark: loading the demo cluster, and exporting/importing the whole registry.

Run by hand (never a timed test):
    ESLABON_DATA_DIR=$(mktemp -d) python bench/registry_demo_load.py [--runs 5]
Each measurement runs in a transaction that is rolled back, so every run starts from the
same empty, migrated database. The baseline saves the same drawn cluster row by row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("ESLABON_DATA_DIR", tempfile.mkdtemp(prefix="eslabon-bench-"))

from eslabon.cli.django_setup import migrate

REFERENCE = dt.date(2026, 1, 15)


def _timed(action: Callable[[], object], runs: int) -> float:
    from django.db import transaction

    times = []
    for _ in range(runs):
        with transaction.atomic():
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return statistics.median(times)


def _drawn() -> tuple[object, dict[str, dict[str, object]]]:
    from eslabon.registry import demo
    from eslabon.registry.demo_generator import ClusterGenerator
    from eslabon.registry.models import CertificationStandard, Material, Process

    terms = {
        "processes": {p.slug: p for p in Process.objects.all()},
        "materials": {m.slug: m for m in Material.objects.all()},
        "standards": {s.slug: s for s in CertificationStandard.objects.all()},
    }
    generator = ClusterGenerator(seed=2026, reference_date=REFERENCE, terms=terms)
    demo.draw_cluster(generator, suppliers=320, buyers=44)
    return generator.cluster, terms


def _bulk_save() -> None:
    from eslabon.registry import demo

    cluster, terms = _drawn()
    demo.save_cluster(cluster, terms["materials"])


def _row_by_row() -> None:
    """Baseline: the same drawn cluster, each record saved on its own."""
    cluster, terms = _drawn()
    # save() fills each foreign key from its (by then saved) related instance.
    for record in (*cluster.organizations, *cluster.sites):
        record.save()
    for capability, slugs in cluster.capabilities:
        capability.save()
        capability.materials.set([terms["materials"][slug] for slug in slugs])
    for record in (*cluster.certifications, *cluster.contacts):
        record.save()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    migrate()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

    from eslabon.accounts.models import User
    from eslabon.registry.demo import load_demo
    from eslabon.registry.models import Organization
    from eslabon.registry.tabular import export_registry, import_registry

    make_password("warm-up")  # the hasher's first call imports and tunes; not what we time
    admin = User(username="system", email="system@eslabon.invalid", is_staff=True)
    print(f"database: {settings.DATABASES['default']['ENGINE']}, runs: {args.runs}")
    draw = _timed(_drawn, args.runs)
    bulk = _timed(_bulk_save, args.runs)
    baseline = _timed(_row_by_row, args.runs)
    whole = _timed(lambda: load_demo(reference_date=REFERENCE), args.runs)
    print(f"draw the cluster (320 suppliers, 44 buyers), no writes: median {draw:.3f} s")
    print(f"draw + bulk inserts (what load_demo does):           median {bulk:.3f} s")
    print(f"baseline: draw + the same records saved row by row:  median {baseline:.3f} s")
    print(f"load_demo end to end (with 5 users, password hash):  median {whole:.3f} s")

    def export_and_import() -> tuple[float, float, float]:
        load_demo(reference_date=REFERENCE)
        started = time.perf_counter()
        workbook = export_registry(user=admin, fmt="xlsx")
        exported = time.perf_counter()
        Organization.objects.all().delete()
        cleared = time.perf_counter()
        import_registry(user=admin, filename="demo.xlsx", content=workbook.content)
        return exported - started, time.perf_counter() - cleared, len(workbook.content)

    from django.db import transaction

    results = []
    for _ in range(args.runs):
        with transaction.atomic():
            results.append(export_and_import())
            transaction.set_rollback(True)
    export_s = statistics.median(r[0] for r in results)
    import_s = statistics.median(r[1] for r in results)
    print(f"export_registry xlsx (whole demo, {results[0][2]} bytes): median {export_s:.3f} s")
    print(f"import_registry of that workbook into an empty registry: median {import_s:.3f} s")


if __name__ == "__main__":
    main()
