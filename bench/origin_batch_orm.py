"""Benchmark: RVC of a batch of goods stored in the database, batch engine vs ORM-instance loop.

Run from the repository root:
    PYTHONPATH=. python bench/origin_batch_orm.py [GOODS] [LINES] [ORM_GOODS]
Defaults: 20,000 goods × 50 lines in the database; the ORM loop over the first 2,000 goods.

Creates the goods (``origin.Good``) and their BOM lines (``origin.Material``) in a scratch
SQLite database (ESLABON_DATA_DIR set to a temporary folder; with DATABASE_URL set, that
database is used instead and the rows are deleted at the end), then times, in the same run:

- engine: one columnar load (``values_list``; the database turns money into integer cents) of
  every line and net cost, reshaped to goods × lines with numpy, then ``rvc_batch``;
- baseline: the per-object loop a view would write, Python over model instances: for each good
  (``Good`` instances, materials prefetched), sum the value of the non-originating lines and
  compare (NC − VNM) × 100 ≥ threshold × NC in Decimal.

The ORM loop is measured over ``ORM_GOODS`` goods (it is too slow for the whole batch on a
shared 2-core machine) and the engine over both that subset and the whole batch; the verdicts
must agree on the subset (asserted).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from typing import Any

import numpy as np

THRESHOLD = Decimal("62.5")
INSERT = (
    "INSERT INTO origin_material (good_id, position, code, originating, value, description, "
    "hs_code, origin_country, quantity, supplier_name, self_produced, high_wage, metal, "
    "is_localisation_target) VALUES (%s, %s, %s, %s, %s, '', '', '', 1, '', FALSE, FALSE, '', "
    "FALSE)"
)
SEED = 7


def _median(action: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _populate(goods: int, lines: int) -> tuple[Any, int, int]:
    import datetime as dt

    from django.db import connection

    from eslabon.origin.models import Good
    from eslabon.registry.models import Organization

    buyer = Organization.objects.create(
        legal_name="Bench OEM S.A. de C.V.", rfc="BEN010101AB1", is_buyer=True,
        is_supplier=False, status="approved",
    )  # fmt: skip
    rng = np.random.default_rng(SEED)
    values = rng.integers(1, 1_000_000, size=(goods, lines), dtype=np.int64)  # cents
    non_originating = rng.random((goods, lines)) < 0.4
    base = values.sum(axis=1) * rng.integers(110, 200, size=goods) // 100
    cent = Decimal("0.01")
    chunk = 2_000
    for start in range(0, goods, chunk):
        stop = min(goods, start + chunk)
        created = Good.objects.bulk_create(
            Good(
                organization=buyer,
                name=f"Bench good {g}",
                hs_code="8708.99",
                product_class="other",
                net_cost=Decimal(int(base[g])) * cent,
                currency="USD",
                date=dt.date(2025, 7, 1),
            )
            for g in range(start, stop)
        )
        # The lines by executemany: model instances would make the set-up itself take minutes.
        rows = [
            (good.pk, i + 1, f"L{i + 1}", "no" if non_originating[g, i] else "yes",
             str(Decimal(int(values[g, i])) * cent))
            for g, good in zip(range(start, stop), created, strict=True)
            for i in range(lines)
        ]  # fmt: skip
        with connection.cursor() as cursor:
            cursor.executemany(INSERT, rows)
    first = Good.objects.filter(organization=buyer).order_by("pk").values_list("pk", flat=True)
    return buyer, first[0], goods


def engine_path(good_ids: range) -> tuple[np.ndarray, np.ndarray]:
    """Columnar load (cents computed by the database) → goods × lines → rvc_batch."""
    from django.db.models import BigIntegerField, F
    from django.db.models.functions import Cast, Round

    from eslabon.domain.origin.batch import rvc_batch
    from eslabon.origin.models import Good, Material

    rows = (
        Material.objects.filter(good_id__gte=good_ids.start, good_id__lt=good_ids.stop)
        .order_by("good_id", "position")
        .values_list("good_id", Cast(Round(F("value") * 100), BigIntegerField()), "originating")
    )
    good_column, value_column, status_column = zip(*rows, strict=True)
    good_of_line = np.fromiter(good_column, dtype=np.int64, count=len(good_column))
    value_of_line = np.fromiter(value_column, dtype=np.int64, count=len(value_column))
    non_originating_line = np.array(status_column) != "yes"
    ids, starts, counts = np.unique(good_of_line, return_index=True, return_counts=True)
    position = np.arange(len(good_of_line)) - np.repeat(starts, counts)
    matrix = np.zeros((len(ids), int(counts.max())), dtype=np.int64)
    flags = np.zeros(matrix.shape, dtype=np.bool_)
    row = np.repeat(np.arange(len(ids)), counts)
    matrix[row, position] = value_of_line
    flags[row, position] = non_originating_line
    base_rows = dict(
        Good.objects.filter(pk__gte=good_ids.start, pk__lt=good_ids.stop).values_list(
            "pk", Cast(Round(F("net_cost") * 100), BigIntegerField())
        )
    )
    base = np.fromiter((base_rows[int(i)] for i in ids), dtype=np.int64, count=len(ids))
    result = rvc_batch(matrix, flags, base, THRESHOLD)
    return ids, result.meets


def orm_loop(good_ids: range) -> tuple[np.ndarray, np.ndarray]:
    """The per-object baseline: Good instances, their Material instances, Decimal sums."""
    from django.db.models import Prefetch

    from eslabon.origin.models import Good, Material

    goods = (
        Good.objects.filter(pk__gte=good_ids.start, pk__lt=good_ids.stop)
        .order_by("pk")
        .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("position")))
    )
    ids, meets = [], []
    for good in goods.iterator(chunk_size=1_000):
        vnm = Decimal(0)
        for material in good.materials.all():
            if material.originating != "yes":
                vnm += material.value
        ids.append(good.pk)
        meets.append((good.net_cost - vnm) * 100 >= THRESHOLD * good.net_cost)
    return np.array(ids), np.array(meets)


def main() -> None:
    goods = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    orm_goods = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
    own_database = "DATABASE_URL" not in os.environ
    if own_database:
        os.environ["ESLABON_DATA_DIR"] = tempfile.mkdtemp(prefix="eslabon-bench-origin-")
    from eslabon.cli import django_setup

    django_setup.migrate()
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        buyer, first, count = _populate(goods, lines)
    print(f"{connection.vendor}: {count} goods × {lines} lines stored in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    subset = range(first, first + min(orm_goods, goods))
    everything = range(first, first + goods)
    try:
        loop_s, (loop_ids, loop_meets) = _median(lambda: orm_loop(subset), 3)
        sub_s, (sub_ids, sub_meets) = _median(lambda: engine_path(subset), 5)
        assert list(loop_ids) == list(sub_ids), "different goods"
        assert list(loop_meets) == list(sub_meets), "batch and ORM loop disagree"
        all_s, (all_ids, all_meets) = _median(lambda: engine_path(everything), 5)
        assert len(all_ids) == goods
        print(f"ORM-instance loop, {len(subset)} goods: median {loop_s * 1000:.0f} ms (3 runs), "
              f"{loop_s / len(subset) * 1e6:.1f} µs per good")  # fmt: skip
        print(f"engine (values_list + rvc_batch), same {len(subset)} goods: median "
              f"{sub_s * 1000:.0f} ms (5 runs), {sub_s / len(subset) * 1e6:.1f} µs per good; "
              f"speed-up {loop_s / sub_s:.1f}x")  # fmt: skip
        print(
            f"engine, all {goods} goods: median {all_s * 1000:.0f} ms (5 runs), "
            f"{all_s / goods * 1e6:.1f} µs per good; qualifying {int(all_meets.sum())}"
        )
    finally:
        if not own_database:
            buyer.delete()


if __name__ == "__main__":
    main()
