"""Benchmark: candidate search over the establishments that discovery_import.py loaded.

    python bench/discovery_search.py [--postgres URL] [--repeat 15]

Runs after bench/discovery_import.py (which leaves its generated rows in the PostgreSQL
database). Each case is repeated; the median is reported beside the baseline measured in the
same run: the database filter alone (the rows the search ranks, fetched, not ranked).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/eslabon_bench_discovery"
MONTERREY = (25.6866, -100.3161)
QUERETARO = (20.5888, -100.3899)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.postgres
    from eslabon.cli import django_setup

    django_setup.setup()
    from eslabon.data import taxonomy
    from eslabon.discovery import selectors
    from eslabon.discovery.models import Establishment
    from eslabon.domain.discovery.strata import SME_CLASSES, SizeClass

    total = Establishment.objects.count()
    sample = Establishment.objects.filter(scian_code="332310").order_by("clee")[:2000]
    registered = [(e.legal_name or e.name, e.postal_code, e.lat, e.lon) for e in sample]
    cases: list[tuple[str, dict[str, object]]] = [
        ("cnc-machining, SMEs, all states", {"process": "cnc-machining"}),
        ("cnc-machining, SMEs, 100 km of Monterrey",
         {"process": "cnc-machining", "near": MONTERREY, "max_km": 100.0}),
        ("casting, SMEs, Nuevo León and Coahuila", {"process": "casting", "states": ["19", "05"]}),
        ("plastic-injection, SMEs, 150 km of Querétaro",
         {"process": "plastic-injection", "near": QUERETARO, "max_km": 150.0}),
        ("wire-harness, every size", {"process": "wire-harness", "size_classes": set(SizeClass)}),
        ("welding, SMEs, 2,000 registered sites to exclude",
         {"process": "welding", "near": MONTERREY, "registered": registered}),
    ]  # fmt: skip
    print(json.dumps({"establishments": total, "load_before": os.getloadavg()}), flush=True)
    processes = taxonomy.processes()
    mapping = selectors.scian_map()
    for name, query in cases:
        result = selectors.find_candidates(**query)  # type: ignore[arg-type]
        rules = mapping.rules_for(str(query["process"]), processes)

        def baseline(query: dict[str, object] = query, rules: object = rules) -> object:
            return selectors._columns(  # the database part of the search alone
                rules,  # type: ignore[arg-type]
                query.get("size_classes", SME_CLASSES),  # type: ignore[arg-type]
                query.get("states", ()),  # type: ignore[arg-type]
                query.get("near"),  # type: ignore[arg-type]
                query.get("max_km"),  # type: ignore[arg-type]
            )

        def search(query: dict[str, object] = query) -> object:
            return selectors.find_candidates(**query)  # type: ignore[arg-type]

        print(json.dumps({
            "case": name, "considered": result.considered, "shown": len(result.candidates),
            "excluded_registered": len(result.excluded_registered),
            "search_median_ms": median_ms(search, args.repeat),
            "baseline_db_filter_median_ms": median_ms(baseline, args.repeat),
        }), flush=True)  # fmt: skip
    print(json.dumps({"load_after": os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
