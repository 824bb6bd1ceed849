"""One requirement against 100,000 generated sites: the columnar engine against a plain loop.

Run: PYTHONPATH=. /work/venv/bin/python bench/matching_rank.py [--sites 100000] [--runs 15]
The baseline walks the same supplier dataclasses one object at a time (as a loop over ORM
rows would, without the queries); both rank every supplier and must agree on the top 20.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import platform
import random
import statistics
import time

from eslabon.domain.geo import DEFAULT_CIRCUITY, great_circle_km
from eslabon.domain.matching import SupplierTable, rank, resolve_weights
from eslabon.domain.matching.model import (
    Capability,
    Certification,
    CertificationStatus,
    PartEnvelope,
    Point,
    Requirement,
    Site,
    Supplier,
)
from eslabon.domain.matching.scoring import (
    CERT_HELD,
    CERT_IN_PROGRESS_IN_TIME,
    CERT_IN_PROGRESS_LATE,
    CERT_PLANNED,
    UNDECLARED_ENVELOPE,
    relatedness,
)
from eslabon.domain.matching.table import performance_score, vocabulary
from eslabon.domain.matching.weights import COMPONENTS

TODAY = dt.date(2026, 11, 24)
PROCESSES = (
    "hpdc-aluminium",
    "cnc-machining",
    "turning",
    "milling",
    "stamping",
    "welding",
    "plastic-injection",
    "heat-treatment",
    "plating",
    "cold-forging",
    "assembly",
)
MATERIALS = ("aluminium", "steel", "plastic", "zinc", "brass")
STANDARDS = ("iso-9001", "iatf-16949", "cqi-27", "cqi-9", "iso-14001")
WORDS = (
    "inyección de aluminio",
    "maquinado CNC",
    "estampado de lámina",
    "soldadura robotizada",
    "die casting",
    "precision machining",
    "metal stamping",
    "plastic moulding",
    "tratamiento térmico",
    "zinc plating",
    "carcasas",
    "brackets",
    "soportes",
    "housings",
)

REQUIREMENT = Requirement(
    id="BENCH-REQ",
    title="Carcasa de aluminio inyectado",
    description="Aluminium die-cast housing with CNC machining of sealing faces",
    processes=("hpdc-aluminium", "cnc-machining"),
    materials=("aluminium",),
    part=PartEnvelope(420, 6.5),
    annual_volume=120_000,
    required_certifications=("iatf-16949", "cqi-27"),
    sop_date=dt.date(2027, 6, 1),
    delivery=Point(25.78, -100.19),
    max_distance_km=300,
)


def generate(sites: int, seed: int = 7) -> list[Supplier]:
    rng = random.Random(seed)
    suppliers: list[Supplier] = []
    made = 0
    while made < sites:
        count = min(rng.randint(1, 7), sites - made)
        # One supplier in 20 is a plausible fit, so that the top of the list is eligible.
        fit = rng.random() < 0.05
        plants = []
        for s in range(count):
            fitting = (
                Capability("hpdc-aluminium", ("aluminium",), 600, 20, rng.uniform(2e5, 6e5), 0.3),
                Capability("milling", ("aluminium",), 800, 30, rng.uniform(2e5, 6e5), 0.3),
            )
            caps = (
                fitting
                if fit
                else tuple(
                    Capability(
                        process=rng.choice(PROCESSES),
                        materials=tuple(rng.sample(MATERIALS, rng.randint(1, 2))),
                        max_dimension_mm=rng.choice((None, rng.uniform(100, 1500))),
                        max_weight_kg=rng.choice((None, rng.uniform(1, 50))),
                        annual_capacity=rng.choice((None, rng.uniform(1e4, 1e6))),
                        utilisation=rng.uniform(0, 1),
                    )
                    for _ in range(rng.randint(1, 4))
                )
            )
            lat_range, lon_range = (
                ((24.5, 27.0), (-101.5, -99.0)) if fit else ((18.0, 30.0), (-108.0, -97.0))
            )
            location = Point(rng.uniform(*lat_range), rng.uniform(*lon_range))
            plants.append(Site(f"S{len(suppliers)}-{s}", location, caps))
        held = tuple(
            Certification(standard, CertificationStatus.HELD, expires=dt.date(2029, 1, 1))
            for standard in ("iatf-16949", "cqi-27")
        )
        certs = (
            held
            if fit
            else tuple(
                Certification(
                    standard,
                    rng.choice(list(CertificationStatus)),
                    expires=TODAY + dt.timedelta(days=rng.randint(-200, 1500)),
                    expected=TODAY + dt.timedelta(days=rng.randint(0, 900)),
                )
                for standard in rng.sample(STANDARDS, rng.randint(0, 3))
            )
        )
        description = " ".join(rng.sample(WORDS, 3))
        suppliers.append(
            Supplier(
                f"SUP-{len(suppliers):06d}",
                description=description,
                sites=tuple(plants),
                certifications=certs,
            )
        )
        made += count
    return suppliers


def baseline(requirement: Requirement, suppliers: list[Supplier], text: list[float]) -> list[str]:
    """The same ranking, one object at a time, with scalar arithmetic."""
    vocab = vocabulary()
    matrix = relatedness()
    codes = {slug: i for i, slug in enumerate(vocab.processes)}
    weights = resolve_weights(None, dict(requirement.weights)).normalised()
    sop = requirement.sop_date or TODAY
    assert requirement.delivery and requirement.max_distance_km and requirement.annual_volume
    volume = requirement.annual_volume
    keys = []
    for index, supplier in enumerate(suppliers):
        cert = 0.0
        for standard in requirement.required_certifications:
            value = 0.0
            for c in supplier.certifications:
                if c.standard != standard:
                    continue
                if c.status is CertificationStatus.HELD and (c.expires is None or c.expires >= sop):
                    value = max(value, CERT_HELD)
                elif c.status is CertificationStatus.IN_PROGRESS:
                    in_time = c.expected is not None and c.expected <= sop
                    value = max(
                        value, CERT_IN_PROGRESS_IN_TIME if in_time else CERT_IN_PROGRESS_LATE
                    )
                elif c.status is CertificationStatus.PLANNED:
                    value = max(value, CERT_PLANNED)
            cert += value / len(requirement.required_certifications)
        best: tuple[float, ...] | None = None
        for site in supplier.sites:
            credit = []
            free = []
            for slug in requirement.processes:
                row = codes[slug]
                best_credit, best_free = 0.0, math.nan
                for cap in site.capabilities:
                    value = matrix[row, codes[cap.process]]
                    best_credit = max(best_credit, value)
                    if value >= 1.0 and cap.free_capacity is not None:
                        best_free = (
                            cap.free_capacity
                            if math.isnan(best_free)
                            else max(best_free, cap.free_capacity)
                        )
                credit.append(best_credit)
                free.append(best_free)
            worked = {m for cap in site.capabilities for m in cap.materials}
            material = sum(m in worked for m in requirement.materials) / len(requirement.materials)
            envelope = 0.0
            for cap in site.capabilities:
                if max(matrix[codes[s], codes[cap.process]] for s in requirement.processes) > 0:
                    fit = 1.0
                    for need, limit in (
                        (requirement.part.max_dimension_mm, cap.max_dimension_mm),
                        (requirement.part.weight_kg, cap.max_weight_kg),
                    ):
                        if need is not None:
                            fit = min(
                                fit,
                                UNDECLARED_ENVELOPE if limit is None else min(1.0, limit / need),
                            )
                    envelope = max(envelope, fit)
            bottleneck = math.nan if any(math.isnan(f) for f in free) else min(free)
            capacity = (
                0.0 if math.isnan(bottleneck) else min(1.0, max(0.0, bottleneck / (2.0 * volume)))
            )
            road = (
                great_circle_km(
                    requirement.delivery.lat,
                    requirement.delivery.lon,
                    site.location.lat,
                    site.location.lon,
                )
                * DEFAULT_CIRCUITY
            )
            distance = min(1.0, max(0.0, 1.0 - road / (2.0 * requirement.max_distance_km)))
            process = sum(credit) / len(credit)
            named = {
                "process": process,
                "certification": cert,
                "capacity": capacity,
                "material": material,
                "distance": distance,
                "envelope": envelope,
                "performance": performance_score(supplier),
                "text": text[index],
            }
            components = [named[name] for name in COMPONENTS]
            eligible = (
                process >= 1 and material >= 1 and cert >= 1 and capacity >= 0.5 and distance >= 0.5
            )
            score = sum(w * c for w, c in zip(weights, components, strict=True))
            key = (float(eligible), score, *components)
            if best is None or key[:2] > best[:2]:
                best = key
        assert best is not None
        keys.append((best, supplier.id))
    keys.sort(key=lambda item: (tuple(-v for v in item[0]), item[1]))
    return [supplier_id for _, supplier_id in keys]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline-runs", type=int, default=3)
    args = parser.parse_args()
    suppliers = generate(args.sites)
    started = time.perf_counter()
    table = SupplierTable.build(suppliers)
    build = time.perf_counter() - started
    rows = len(table.cap_process)
    engine_times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        ranking = rank(REQUIREMENT, table, today=TODAY, top=20)
        engine_times.append(time.perf_counter() - started)
    text = [float(v) for v in table.text.scores(REQUIREMENT.text)]
    base_times = []
    for _ in range(args.baseline_runs):
        started = time.perf_counter()
        order = baseline(REQUIREMENT, suppliers, text)
        base_times.append(time.perf_counter() - started)
    top = [r.supplier_id for r in ranking.results]
    assert order[:20] == top, (order[:20], top)
    engine, base = statistics.median(engine_times), statistics.median(base_times)
    print(
        f"python {platform.python_version()}, {len(suppliers):,} suppliers, "
        f"{table.site_count:,} sites, {rows:,} capability rows"
    )
    print(f"table build (once): {build:.2f} s")
    print(
        f"engine rank, top 20 with gaps: median {engine * 1000:.1f} ms over {args.runs} runs "
        f"(min {min(engine_times) * 1000:.1f}, max {max(engine_times) * 1000:.1f})"
    )
    print(
        f"baseline plain loop over dataclasses: median {base * 1000:.0f} ms over "
        f"{args.baseline_runs} runs; ratio {base / engine:.0f}x; same top 20: yes"
    )
    print(f"eligible in top 20: {sum(r.eligible for r in ranking.results)}")


if __name__ == "__main__":
    main()
