"""Benchmark: RVC of a batch of goods (default 100,000 × 50 lines) against a per-object loop.

Run: PYTHONPATH=. /work/venv/bin/python bench/origin_batch.py [GOODS] [LINES]
The engine path is ``rvc_batch`` on integer cents (numpy); the baseline, measured in the same
run on the same data, is a plain Python loop over per-line objects holding Decimal money, as a
loop over ORM instances would (the ORM baseline itself needs the web models, not built yet).
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from eslabon.domain.origin.batch import rvc_batch

THRESHOLD = Decimal("62.5")


@dataclass(slots=True)
class LineRow:
    """What a BOM-line row would carry: its good, value and originating status."""

    good: int
    value: Decimal
    originating: bool


def make(goods: int, lines: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 1_000_000, size=(goods, lines), dtype=np.int64)
    non_originating = rng.random((goods, lines)) < 0.4
    base = values.sum(axis=1) * rng.integers(110, 200, size=goods) // 100
    return values, non_originating, base


def baseline(rows: list[LineRow], net_costs: list[Decimal]) -> list[bool]:
    vnm = [Decimal(0)] * len(net_costs)
    for row in rows:
        if not row.originating:
            vnm[row.good] += row.value
    return [(nc - v) * 100 >= THRESHOLD * nc for nc, v in zip(net_costs, vnm, strict=True)]


def timed(action, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    goods = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    values, non_originating, base = make(goods, lines)
    engine_s, result = timed(lambda: rvc_batch(values, non_originating, base, THRESHOLD), 5)
    cents = Decimal("0.01")
    rows = [
        LineRow(g, Decimal(int(values[g, i])) * cents, not bool(non_originating[g, i]))
        for g in range(goods)
        for i in range(lines)
    ]
    net_costs = [Decimal(int(b)) * cents for b in base]
    loop_s, expected = timed(lambda: baseline(rows, net_costs), 3)
    assert list(result.meets) == expected, "batch and baseline disagree"
    print(f"{goods} goods x {lines} lines: rvc_batch median {engine_s * 1000:.1f} ms (5 runs)")
    print(f"baseline per-object Decimal loop median {loop_s * 1000:.1f} ms (3 runs)")
    print(f"speed-up {loop_s / engine_s:.1f}x; qualifying goods {int(result.meets.sum())}")


if __name__ == "__main__":
    main()
