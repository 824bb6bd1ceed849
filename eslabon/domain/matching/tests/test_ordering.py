"""Properties of the order: eligibility needs every process, dominance, deterministic ties,
weights and their sensitivity, and reverse matching."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from eslabon.data import taxonomy
from eslabon.domain.matching import (
    SupplierTable,
    rank,
    requirements_for,
    resolve_weights,
    sensitivity,
)
from eslabon.domain.matching.model import (
    Capability,
    Certification,
    CertificationStatus,
    Point,
    Requirement,
    Site,
    Supplier,
)
from eslabon.domain.matching.tests.builders import (
    SOP,
    TODAY,
    capability,
    held,
    requirement,
    supplier,
)

PROCESSES = ("stamping", "welding", "turning", "milling", "cnc-machining", "plating")
MATERIALS = ("steel", "aluminium", "plastic")
STANDARDS = ("iatf-16949", "iso-9001")

capabilities = st.builds(
    Capability,
    process=st.sampled_from(PROCESSES),
    materials=st.lists(st.sampled_from(MATERIALS), max_size=2, unique=True).map(tuple),
    max_dimension_mm=st.one_of(st.none(), st.floats(50, 1000)),
    max_weight_kg=st.one_of(st.none(), st.floats(0.5, 50)),
    annual_capacity=st.one_of(st.none(), st.floats(0, 300_000)),
    utilisation=st.floats(0, 1),
)
certifications = st.builds(
    Certification,
    standard=st.sampled_from(STANDARDS),
    status=st.sampled_from(CertificationStatus),
    expires=st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2029, 1, 1))),
    expected=st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2029, 1, 1))),
)
sites = st.builds(
    Site,
    id=st.sampled_from(("S1", "S2")),
    location=st.builds(Point, lat=st.floats(24.0, 27.0), lon=st.floats(-102.0, -99.0)),
    capabilities=st.lists(capabilities, max_size=4).map(tuple),
)


@st.composite
def suppliers(draw: st.DrawFn, supplier_id: str = "SUP") -> Supplier:
    return Supplier(
        id=supplier_id,
        description=draw(st.sampled_from(("estampado de acero", "machining", ""))),
        sites=tuple(draw(st.lists(sites, max_size=2))),
        certifications=tuple(draw(st.lists(certifications, max_size=3))),
    )


requirements = st.builds(
    requirement,
    processes=st.lists(st.sampled_from(PROCESSES), min_size=1, max_size=2, unique=True).map(tuple),
    materials=st.lists(st.sampled_from(MATERIALS), max_size=2, unique=True).map(tuple),
    annual_volume=st.one_of(st.none(), st.integers(0, 200_000)),
    required_certifications=st.lists(st.sampled_from(STANDARDS), max_size=2, unique=True).map(
        tuple
    ),
)


def _meets(required: str, offered: str) -> bool:
    return offered == required or required in taxonomy.processes().ancestors(offered)


@settings(max_examples=60, deadline=None)
@given(requirements, suppliers())
def test_a_supplier_lacking_a_required_process_is_never_eligible(
    req: Requirement, sup: Supplier
) -> None:
    missing = req.processes[0]
    stripped = replace(
        sup,
        sites=tuple(
            replace(
                s, capabilities=tuple(c for c in s.capabilities if not _meets(missing, c.process))
            )
            for s in sup.sites
        ),
    )
    result = rank(req, SupplierTable.build([stripped]), today=TODAY).results[0]
    assert not result.eligible
    assert any(gap.kind in {"process", "site"} for gap in result.gaps)


@settings(max_examples=40, deadline=None)
@given(requirements, st.lists(suppliers(), min_size=2, max_size=6))
def test_a_supplier_at_least_as_good_on_every_component_never_ranks_below(
    req: Requirement, population: list[Supplier]
) -> None:
    population = [replace(s, id=f"SUP-{i}") for i, s in enumerate(population)]
    results = rank(req, SupplierTable.build(population), today=TODAY).results
    for upper, a in enumerate(results):
        for b in results[upper + 1 :]:
            a_values = [v for _, v in a.components]
            b_values = [v for _, v in b.components]
            b_dominates = all(y >= x for x, y in zip(a_values, b_values, strict=True))
            assert not (b_dominates and b_values != a_values), (a, b)
            if b.eligible:
                assert a.eligible


@settings(max_examples=30, deadline=None)
@given(requirements, st.lists(suppliers(), min_size=1, max_size=8), st.integers(1, 8))
def test_the_top_n_are_the_first_n_of_the_full_ranking(
    req: Requirement, population: list[Supplier], top: int
) -> None:
    table = SupplierTable.build([replace(s, id=f"SUP-{i}") for i, s in enumerate(population)])
    full = rank(req, table, today=TODAY).results
    assert rank(req, table, today=TODAY, top=top).results == full[:top]


@settings(max_examples=40, deadline=None)
@given(requirements, suppliers(), st.floats(0, 1), st.floats(1, 3))
def test_a_busier_farther_copy_never_ranks_above_the_original(
    req: Requirement, sup: Supplier, extra_utilisation: float, farther: float
) -> None:
    worse = replace(
        sup,
        id="B-COPY",
        sites=tuple(
            replace(
                s,
                location=Point(s.location.lat + farther, s.location.lon),
                capabilities=tuple(
                    replace(c, utilisation=min(1.0, c.utilisation + extra_utilisation))
                    for c in s.capabilities
                ),
            )
            for s in sup.sites
        ),
    )
    original = replace(sup, id="A-ORIGINAL")
    # Sites lie at 24-27 deg N: moving them north moves them away from a delivery at 20 N.
    req = replace(req, delivery=Point(20.0, -100.5))
    order = [
        r.supplier_id
        for r in rank(req, SupplierTable.build([worse, original]), today=TODAY).results
    ]
    assert order == ["A-ORIGINAL", "B-COPY"]


def test_equal_suppliers_are_ordered_by_id_whatever_the_input_order() -> None:
    clones = [supplier(f"SUP-{letter}") for letter in "DBECA"]
    for seed in range(5):
        shuffled = clones[:]
        random.Random(seed).shuffle(shuffled)
        results = rank(requirement(), SupplierTable.build(shuffled), today=TODAY).results
        assert [r.supplier_id for r in results] == [f"SUP-{x}" for x in "ABCDE"]
        assert len({r.score for r in results}) == 1


def test_eligible_suppliers_come_before_higher_scoring_ineligible_ones() -> None:
    eligible = supplier(
        "ELIGIBLE",
        capabilities=(
            capability("stamping", utilisation=0.74),
            capability("welding", utilisation=0.74),
        ),
        description="",
    )
    # Everything better except one missing certificate.
    uncertified = supplier("UNCERTIFIED", certifications=(held("iso-9001"),))
    req = requirement(weights=(("certification", 1.0),))
    results = rank(req, SupplierTable.build([uncertified, eligible]), today=TODAY).results
    assert results[1].score > results[0].score
    assert [r.supplier_id for r in results] == ["ELIGIBLE", "UNCERTIFIED"]


def test_requirement_weights_override_programme_weights_which_override_defaults() -> None:
    weights = resolve_weights({"text": 0, "distance": 40}, {"distance": 5}).as_dict()
    assert weights["text"] == 0
    assert weights["distance"] == 5
    assert weights["process"] == 30


def test_sensitivity_shows_the_top_ranks_changing_when_one_weight_moves() -> None:
    near_busy = supplier(
        "NEAR-BUSY",
        capabilities=(
            capability("stamping", utilisation=0.7),
            capability("welding", utilisation=0.7),
        ),
    )
    far_free = supplier(
        "FAR-FREE",
        location=Point(24.0, -100.3),
        capabilities=(
            capability("stamping", utilisation=0.0),
            capability("welding", utilisation=0.0),
        ),
    )
    table = SupplierTable.build([near_busy, far_free])
    steps = sensitivity(
        requirement(), table, today=TODAY, component="distance", values=(0.0, 200.0), top=2
    )
    assert steps[0].top == ("FAR-FREE", "NEAR-BUSY")
    assert steps[1].top == ("NEAR-BUSY", "FAR-FREE")
    assert {step.weight for step in steps} == {0.0, 200.0}
    changed = [step for step in steps if step.moved]
    assert changed, "one of the two extremes must reorder the baseline"


def test_reverse_matching_lists_fitting_and_nearly_fitting_requirements() -> None:
    sup = supplier()
    fits = requirement(id="FITS")
    near = requirement(id="NEAR", required_certifications=("iatf-16949", "cqi-15"))
    far = requirement(
        id="FAR",
        processes=("plating", "hpdc-aluminium", "painting-coating"),
        materials=("aluminium",),
        required_certifications=("cqi-11",),
    )
    match = requirements_for(sup, [far, near, fits], today=TODAY, max_gaps=2)
    assert [rid for rid, _ in match.fits] == ["FITS"]
    assert [rid for rid, _ in match.nearly] == ["NEAR"]
    assert [gap.subject for gap in match.nearly[0][1].gaps] == ["cqi-15"]


def test_ranking_needs_no_sop_date_when_today_is_given() -> None:
    result = rank(requirement(sop_date=None), SupplierTable.build([supplier()]), today=SOP)
    assert result.certifications_on == SOP
