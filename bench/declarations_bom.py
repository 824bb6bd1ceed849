"""Declaration status of every line of a bill of materials: batched against per line.

Run: PYTHONPATH=. python bench/declarations_bom.py [--lines 1000] [--suppliers 50] [--runs 15]
Creates, in a fresh database (SQLite in a temporary data folder, or DATABASE_URL), suppliers
with four declarations each (one expired, one valid, one revoked, one draft) of five goods,
and a bill of materials whose lines name a supplier and an HS code. Times, in the same run:
- batched: ``declarations_by_supplier`` once (two queries), then ``declaration_status_for``
  per line with ``candidates`` (what the origin workspace should call);
- baseline: ``declaration_status_for`` per line without candidates (two queries per line).
Both must give the same status to every line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("ESLABON_DATA_DIR", tempfile.mkdtemp(prefix="eslabon-bench-decl-"))

from eslabon.cli import django_setup

ON = dt.date(2026, 6, 1)
HS = ["7320.20", "7318.15", "8708.99", "8708.30", "8544.30", "8708.80", "4016.99", "8483.10"]


def generate(suppliers: int, lines: int, seed: int = 7) -> list[tuple[int, str]]:
    from eslabon.declarations.models import DeclarationLine, OriginDeclaration
    from eslabon.registry.models import Organization

    rng = random.Random(seed)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    orgs = Organization.objects.bulk_create(
        Organization(
            legal_name=f"Proveedor {i}", is_supplier=True, status="approved",
            rfc=f"{letters[i % 23]}{letters[i // 23 % 23]}B{i % 9 + 1:02d}0101{i % 10}A{i % 7}",
        )
        for i in range(suppliers)
    )  # fmt: skip
    orgs = list(Organization.objects.order_by("pk"))
    periods = [
        ("issued", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("issued", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("revoked", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("draft", dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    ]
    declarations = [
        OriginDeclaration(
            supplier=org, status=status, period_start=start, period_end=end,
            certifier_name="Ana", certifier_title="Gerente", certifier_email="a@b.mx",
            certifier_phone="1",
        )
        for org in orgs
        for status, start, end in periods
    ]  # fmt: skip
    OriginDeclaration.objects.bulk_create(declarations)
    DeclarationLine.objects.bulk_create(
        DeclarationLine(
            declaration=d, description=f"Parte {k}", part_number=f"P-{d.pk}-{k}",
            hs_code=rng.choice(HS), origin_criterion="B",
        )
        for d in OriginDeclaration.objects.all()
        for k in range(5)
    )  # fmt: skip
    return [(rng.choice(orgs).pk, rng.choice(HS)) for _ in range(lines)]


def batched(bom: list[tuple[int, str]]) -> list[str]:
    from eslabon.declarations.selectors import declaration_status_for, declarations_by_supplier
    from eslabon.registry.models import Organization

    orgs = Organization.objects.in_bulk({pk for pk, _ in bom})
    index = declarations_by_supplier(orgs)
    return [
        declaration_status_for(
            supplier_org=orgs[pk], hs_code=hs, on=ON, candidates=index.get(pk, [])
        ).status
        for pk, hs in bom
    ]


def baseline(bom: list[tuple[int, str]]) -> list[str]:
    from eslabon.declarations.selectors import declaration_status_for
    from eslabon.registry.models import Organization

    orgs = Organization.objects.in_bulk({pk for pk, _ in bom})
    return [
        declaration_status_for(supplier_org=orgs[pk], hs_code=hs, on=ON).status for pk, hs in bom
    ]


def _median_ms(function: object, bom: list[tuple[int, str]], runs: int) -> tuple[float, list[str]]:
    times, result = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = function(bom)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--suppliers", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline-runs", type=int, default=5)
    args = parser.parse_args()
    django_setup.migrate()
    from django.conf import settings

    bom = generate(args.suppliers, args.lines)
    load_before = os.getloadavg()
    fast, fast_result = _median_ms(batched, bom, args.runs)
    slow, slow_result = _median_ms(baseline, bom, args.baseline_runs)
    load_after = os.getloadavg()
    assert fast_result == slow_result, "batched and per-line statuses differ"
    counts = {s: fast_result.count(s) for s in sorted(set(fast_result))}
    print(f"machine: {platform.machine()} {os.cpu_count()} cores; {platform.python_version()}")
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"{args.lines} BOM lines, {args.suppliers} suppliers x 4 declarations x 5 goods")
    print(f"statuses: {counts}")
    print(f"batched median of {args.runs}: {fast:.1f} ms")
    print(f"baseline (per line) median of {args.baseline_runs}: {slow:.1f} ms")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")


if __name__ == "__main__":
    main()
