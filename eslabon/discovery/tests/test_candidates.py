"""Candidate search: process via the SCIAN map, size, state, distance, registered suppliers."""

from __future__ import annotations

from pathlib import Path

import pytest

from eslabon.discovery.models import ScianProcessRule
from eslabon.discovery.selectors import find_candidates
from eslabon.discovery.services import import_denue
from eslabon.domain.discovery.strata import SizeClass
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row
from eslabon.domain.errors import InputError

MONTERREY = (25.6866, -100.3161)


def shop(clee: str, code: str, per_ocu: str = "31 a 50 personas", **values: str) -> list[str]:
    values.setdefault("nom_estab", f"TALLER {clee}")
    return denue_row(clee=clee, codigo_act=code, per_ocu=per_ocu, **values)


@pytest.fixture
def directory(tmp_path: Path, db: None) -> None:
    rows = [
        shop(
            "MAQ-MTY", "332710", latitud="25.70", longitud="-100.30", nom_estab="MAQUINADOS GARZA"
        ),
        shop("MAQ-SAL", "332710", cve_ent="05", latitud="25.42", longitud="-100.99"),
        shop("MAQ-MICRO", "332710", per_ocu="0 a 5 personas"),
        shop("MAQ-BIG", "332710", per_ocu="251 y más personas"),
        shop("MAQ-NOWHERE", "332710", latitud="", longitud=""),
        shop(
            "AUTO-MTY", "336350", per_ocu="101 a 250 personas", latitud="25.75", longitud="-100.2"
        ),
        shop("TIENDA", "461110"),
        shop("FUND", "331510"),
    ]
    path = tmp_path / "d.csv"
    path.write_bytes(denue_file(rows))
    import_denue(path=path)


def clees(search) -> list[str]:  # type: ignore[no-untyped-def]
    return [candidate.establishment.clee for candidate in search.candidates]


def test_candidates_for_a_process_are_smes_whose_activity_maps_to_it(directory: None) -> None:
    found = clees(find_candidates(process="cnc-machining"))
    assert set(found) == {"MAQ-MTY", "MAQ-SAL", "MAQ-NOWHERE", "AUTO-MTY"}


def test_the_most_confident_and_largest_come_first(directory: None) -> None:
    search = find_candidates(process="cnc-machining")
    # 332710 at 0.9 and 31-50 people (0.85) beats 336350 at 0.7 with 101-250 people (1.0).
    assert search.candidates[0].establishment.scian_code == "332710"
    assert search.candidates[-1].establishment.clee == "AUTO-MTY"
    assert search.candidates[-1].automotive


def test_each_candidate_says_why_it_appears(directory: None) -> None:
    candidate = find_candidates(process="cnc-machining", near=MONTERREY).candidates[0]
    assert candidate.establishment.clee == "MAQ-MTY"
    assert any("332710" in reason and "cnc-machining" in reason for reason in candidate.reasons)
    assert any("31 a 50 personas (small)" in reason for reason in candidate.reasons)
    assert any("km away" in reason for reason in candidate.reasons)
    assert any("conversion candidate" in reason for reason in candidate.reasons)


def test_size_state_and_distance_filters_apply(directory: None) -> None:
    micro = find_candidates(process="cnc-machining", size_classes={SizeClass.MICRO})
    assert clees(micro) == ["MAQ-MICRO"]
    coahuila = find_candidates(process="cnc-machining", states=["5"])
    assert clees(coahuila) == ["MAQ-SAL"]
    near = find_candidates(process="cnc-machining", near=MONTERREY, max_km=30)
    assert set(clees(near)) == {"MAQ-MTY", "AUTO-MTY"}


def test_a_parent_process_finds_the_children_codes(directory: None) -> None:
    assert clees(find_candidates(process="casting")) == ["FUND"]


def test_registered_suppliers_are_left_out_with_the_reason(directory: None) -> None:
    registered = [("Maquinados Garza, S.A. de C.V.", "64590", 25.7003, -100.3001)]
    search = find_candidates(process="cnc-machining", registered=registered)
    assert "MAQ-MTY" not in clees(search)
    [(excluded, why)] = search.excluded_registered
    assert excluded.establishment.clee == "MAQ-MTY"
    assert why.startswith("Maquinados Garza, S.A. de C.V.: same name words")


def test_operators_edits_to_the_map_change_the_ranking(directory: None) -> None:
    ScianProcessRule.objects.filter(scian_prefix="336350", process="cnc-machining").update(
        confidence="1.00"
    )
    assert clees(find_candidates(process="cnc-machining"))[0] == "AUTO-MTY"


def test_the_limit_caps_the_list(directory: None) -> None:
    assert len(find_candidates(process="cnc-machining", limit=2).candidates) == 2


@pytest.mark.django_db
def test_an_unknown_process_or_a_distance_without_a_point_is_refused() -> None:
    with pytest.raises(InputError, match="unknown process"):
        find_candidates(process="teleportation")
    with pytest.raises(InputError, match="point"):
        find_candidates(process="welding", max_km=10)
