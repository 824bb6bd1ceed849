"""Hard requirements at one site, and the gaps that say how far each is missed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from eslabon.domain.matching import SupplierTable, rank
from eslabon.domain.matching.engine import MatchResult
from eslabon.domain.matching.model import (
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


def only(req: Requirement, sup: Supplier) -> MatchResult:
    return rank(req, SupplierTable.build([sup]), today=TODAY).results[0]


def kinds(result: MatchResult) -> list[str]:
    return [gap.kind for gap in result.gaps]


def test_a_supplier_meeting_every_hard_requirement_is_eligible_with_no_gaps() -> None:
    result = only(requirement(), supplier())
    assert result.eligible
    assert result.gaps == ()
    assert 0 < result.score <= 100


def test_a_missing_required_process_makes_the_supplier_ineligible_and_is_named() -> None:
    result = only(requirement(), supplier(capabilities=(capability("stamping"),)))
    assert not result.eligible
    assert kinds(result) == ["process"]
    assert result.gaps[0].subject == "welding"


def test_a_certificate_expiring_before_sop_counts_as_missing() -> None:
    expiring = supplier(certifications=(held(expires=SOP - dt.timedelta(days=1)),))
    result = only(requirement(), expiring)
    assert not result.eligible
    assert dict(result.components)["certification"] == 0.0
    assert result.gaps[0].detail == "IATF 16949 expires 2027-05-31, before SOP 2027-06-01"


def test_a_certificate_valid_on_the_sop_date_itself_counts_as_held() -> None:
    assert only(requirement(), supplier(certifications=(held(expires=SOP),))).eligible


def test_a_certificate_in_progress_is_a_gap_with_its_expected_month_and_delay() -> None:
    pending = Certification(
        "iatf-16949", CertificationStatus.IN_PROGRESS, expected=dt.date(2027, 8, 15)
    )
    result = only(requirement(), supplier(certifications=(pending,)))
    assert not result.eligible
    gap = result.gaps[0]
    assert gap.detail == "IATF 16949 missing, in progress, expected 2027-08"
    assert gap.shortfall == (dt.date(2027, 8, 15) - SOP).days
    assert 0 < dict(result.components)["certification"] < 1


def test_free_capacity_below_the_volume_is_a_gap_in_pieces_a_year() -> None:
    # 100,000 x (1 - 0.9) = 10,000 free against 50,000 a year.
    busy = supplier(
        capabilities=(
            capability("stamping", annual_capacity=100_000, utilisation=0.9),
            capability("welding"),
        )
    )
    result = only(requirement(), busy)
    assert not result.eligible
    assert result.gaps[0].detail == "capacity short by 40,000 pieces a year (Stamping)"
    assert result.gaps[0].shortfall == 40_000


def test_free_capacity_exactly_equal_to_the_volume_is_enough() -> None:
    exact = supplier(
        capabilities=(
            capability("stamping", annual_capacity=100_000, utilisation=0.5),
            capability("welding"),
        )
    )
    result = only(requirement(), exact)
    assert result.eligible
    assert dict(result.components)["capacity"] == 0.5


def test_a_site_beyond_the_distance_limit_is_a_gap_in_km() -> None:
    far = supplier(location=Point(20.6597, -103.3496))  # Guadalajara, ~680 km great circle
    result = only(requirement(), far)
    assert not result.eligible
    gap = result.gaps[0]
    assert gap.kind == "distance"
    assert result.road_km is not None
    assert gap.shortfall == round(result.road_km - 300)
    assert gap.detail == f"{gap.shortfall:,.0f} km beyond the 300 km limit"


def test_the_circuity_factor_turns_great_circle_into_road_distance() -> None:
    near = supplier(location=Point(25.4232, -100.9925))  # Saltillo, ~74 km great circle
    table = SupplierTable.build([near])
    plain = rank(requirement(), table, today=TODAY, circuity=1.0).results[0].road_km
    winding = rank(requirement(), table, today=TODAY, circuity=1.5).results[0].road_km
    assert plain is not None and winding is not None
    assert abs(winding - 1.5 * plain) < 0.2


def test_the_hard_requirements_must_hold_at_one_site_not_across_sites() -> None:
    split = Supplier(
        id="SPLIT",
        sites=(
            Site("A", Point(25.7, -100.3), (capability("stamping"),)),
            Site("B", Point(25.7, -100.3), (capability("welding"),)),
        ),
        certifications=(held(),),
    )
    result = only(requirement(), split)
    assert not result.eligible
    assert kinds(result) == ["process"]


def test_a_descendant_process_meets_a_required_parent_and_a_sibling_counts_half() -> None:
    req = requirement(processes=("cnc-machining",), materials=())
    assert only(req, supplier(capabilities=(capability("turning"),))).eligible
    sibling = only(
        requirement(processes=("turning",), materials=()),
        supplier(capabilities=(capability("milling"),)),
    )
    assert not sibling.eligible
    assert dict(sibling.components)["process"] == 0.5


def test_a_material_not_worked_at_the_site_is_a_gap() -> None:
    result = only(requirement(materials=("steel", "aluminium")), supplier())
    assert not result.eligible
    assert kinds(result) == ["material"]
    assert dict(result.components)["material"] == 0.5


def test_a_part_larger_than_the_site_takes_is_a_weakness_not_an_exclusion() -> None:
    big = requirement(part=replace(requirement().part, max_dimension_mm=800))
    result = only(big, supplier())
    assert result.eligible
    assert [(g.kind, g.shortfall, g.blocking) for g in result.gaps] == [("envelope", 300, False)]


def test_a_supplier_without_sites_is_ranked_ineligible_with_a_gap() -> None:
    bare = Supplier(id="BARE", certifications=(held(),))
    result = only(requirement(), bare)
    assert not result.eligible
    assert kinds(result)[0] == "site"
    assert result.site_id is None


def test_the_best_site_is_the_eligible_one() -> None:
    two = Supplier(
        id="TWO",
        sites=(
            Site("FAR", Point(19.43, -99.13), (capability("stamping"), capability("welding"))),
            Site("NEAR", Point(25.7, -100.3), (capability("stamping"), capability("welding"))),
        ),
        certifications=(held(),),
    )
    result = only(requirement(), two)
    assert result.eligible
    assert result.site_id == "NEAR"


def test_without_a_sop_date_certifications_are_judged_on_today() -> None:
    expired_yesterday = supplier(certifications=(held(expires=TODAY - dt.timedelta(days=1)),))
    result = only(requirement(sop_date=None), expired_yesterday)
    assert not result.eligible
    assert "before SOP 2026-11-24" in result.gaps[0].detail
