"""Benchmark: one 10,000-line bill of materials through ``check_good`` (target < 20 ms median).

Run: /work/venv/bin/python bench/origin_bom.py
Reports the engine on a parsed good, and the pydantic parse of the JSON document separately.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good

LINES = 10_000
RUNS = 21


def document(lines: int, seed: int = 1) -> dict[str, object]:
    rng = random.Random(seed)
    materials = [
        {
            "id": f"m{i}",
            "hs_code": rng.choice(["7208.25", "8708.40", "4016.99", "8544.30", "7616.99"]),
            "originating": rng.choice([True, False, "unknown"]),
            "value": str(Decimal(rng.randint(1, 100_000)).scaleb(-2)),
            "quantity": rng.randint(1, 10),
        }
        for i in range(lines)
    ]
    total = sum(Decimal(m["value"]) for m in materials)
    return {
        "good": {
            "hs_code": "8708.40",
            "net_cost": str(total * 2),
            "transaction_value": str(total * 3),
            "currency": "USD",
            "date": dt.date(2024, 1, 1).isoformat(),
        },
        "materials": materials,
    }


def median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    doc = document(LINES)
    book = rulebook()
    good = parse_good(doc)
    engine = median_ms(lambda: check_good(good, book))
    parse = median_ms(lambda: parse_good(doc), runs=5)
    print(f"{LINES} lines: check_good median {engine:.2f} ms over {RUNS} runs")
    print(f"{LINES} lines: parse_good (pydantic validation) median {parse:.2f} ms over 5 runs")


if __name__ == "__main__":
    main()
