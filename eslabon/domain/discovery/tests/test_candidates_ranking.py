"""Ranking of candidate establishments: bounded scores, best first, reasons for each."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eslabon.domain.discovery.candidates import EstablishmentRow, rank
from eslabon.domain.discovery.scian import ProcessFit, ScianRule

FITS = {
    "332710": ProcessFit("cnc-machining", 0.9, ScianRule("332710", "cnc-machining", 0.9, "shop")),
    "336350": ProcessFit("cnc-machining", 0.7, ScianRule("336350", "cnc-machining", 0.7, "gears")),
}

rows = st.builds(
    EstablishmentRow,
    id=st.integers(1, 10**6),
    clee=st.text(min_size=1, max_size=5),
    name=st.just("TALLER"),
    legal_name=st.just(""),
    scian_code=st.sampled_from(sorted(FITS)),
    activity_name=st.just("actividad"),
    stratum=st.integers(1, 7),
    postal_code=st.just("64000"),
    state_code=st.just("19"),
    municipality_name=st.just("Monterrey"),
    lat=st.one_of(st.none(), st.floats(20, 30)),
    lon=st.one_of(st.none(), st.floats(-105, -99)),
)


@given(
    st.lists(rows, max_size=30),
    st.one_of(st.none(), st.tuples(st.floats(20, 30), st.floats(-105, -99))),
)
def test_scores_lie_between_zero_and_one_and_never_rise_down_the_list(
    establishments: list[EstablishmentRow], near: tuple[float, float] | None
) -> None:
    ranked = list(rank(establishments, FITS, near))
    assert len(ranked) == len(establishments)
    scores = [candidate.score for candidate in ranked]
    assert all(0 <= score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert all(len(candidate.reasons) >= 3 for candidate in ranked)


def test_a_nearer_establishment_ranks_above_an_identical_farther_one() -> None:
    base = {
        "id": 1, "name": "T", "legal_name": "", "scian_code": "332710", "activity_name": "a",
        "stratum": 4, "postal_code": "", "state_code": "19", "municipality_name": "",
    }  # fmt: skip
    far = EstablishmentRow(clee="FAR", lat=25.42, lon=-100.99, **base)  # type: ignore[arg-type]
    near = EstablishmentRow(clee="NEAR", lat=25.69, lon=-100.32, **base)  # type: ignore[arg-type]
    ranked = list(rank([far, near], FITS, (25.6866, -100.3161)))
    assert [candidate.establishment.clee for candidate in ranked] == ["NEAR", "FAR"]
    assert ranked[1].road_km is not None and ranked[1].road_km > ranked[1].distance_km  # type: ignore[operator]
