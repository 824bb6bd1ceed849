"""Programme report over a cluster-sized set of companies (the seeds' diagnosis had 247).

Creates N suppliers with sites and capabilities in a scratch SQLite database (ESLABON_DATA_DIR
is set to a temporary folder), loads the readiness demo for them, then times the report's
aggregates (median of REPEATS) and, as the baseline in the same run, scoring the same
companies' answers one by one with the engine (what a loop over instances would cost).
Run from the repository root: PYTHONPATH=. python bench/readiness_report.py [N] [REPEATS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from typing import Any


def _median(run: Any, repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(count: int = 247, repeats: int = 5) -> None:
    os.environ["ESLABON_DATA_DIR"] = tempfile.mkdtemp(prefix="eslabon-bench-")
    os.environ.pop("DATABASE_URL", None)
    from eslabon.cli import django_setup

    django_setup.migrate()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eslabon.readiness import report, selectors
    from eslabon.readiness.demo import load_readiness_demo
    from eslabon.readiness.models import Assessment
    from eslabon.registry.models import Capability, Organization, Process, Site

    processes = list(Process.objects.filter(parent__isnull=False).order_by("slug"))
    for n in range(count):
        organization = Organization.objects.create(
            legal_name=f"Proveedor {n} S.A. de C.V.", rfc=f"PRV{n:06d}AB{n % 10}",
            is_supplier=True, status="approved", size_stratum=("small", "medium")[n % 2],
            employees=30 + n % 200,
        )  # fmt: skip
        site = Site.objects.create(
            organization=organization, name="Planta", state_code=("19", "05", "11")[n % 3],
            municipality_code="006", latitude=25.7, longitude=-100.2,
        )  # fmt: skip
        for offset in (0, 7):
            Capability.objects.create(
                site=site, process=processes[(n + offset) % len(processes)],
                annual_capacity=100_000 + n * 10, utilisation=Decimal("0.6"),
            )  # fmt: skip
    load_readiness_demo()
    labels = {"iso_held": "", "iso_way": "", "iatf_held": "", "iatf_way": "", "ready": ""}

    def build() -> None:
        report.programme_report(filters=report.Filters(), suppress=True, labels=labels)

    with CaptureQueriesContext(connection) as queries:
        build()
    latest = list(selectors.with_answers(Assessment.objects.latest_per_organization()))

    def rescore() -> None:
        for assessment in latest:
            selectors.score(assessment)

    built = report.programme_report(filters=report.Filters(), suppress=False, labels=labels)
    grades = {cell.key: cell.companies for cell in built.grades}
    overall = sorted(float(a.overall) for a in latest if a.overall is not None)
    print(f"{count} companies, {len(latest)} assessments; report runs {len(queries)} queries")
    print(f"grades {grades}; overall median {statistics.median(overall):.1f} %, "
          f"{sum(v >= 75 for v in overall)} at 75 % or more")  # fmt: skip
    print(f"programme report (database aggregates): median {_median(build, repeats):.3f} s")
    print(f"baseline, re-scoring every company:     median {_median(rescore, repeats):.3f} s")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
