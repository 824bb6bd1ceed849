"""Dashboard 6: suppliers, buyers and DENUE candidates by state and municipality."""

from __future__ import annotations

from typing import Any

import pytest

from eslabon.analytics.filters import Filters
from eslabon.analytics.panels import SUPPRESSED
from eslabon.analytics.permissions import Scope
from eslabon.analytics.selectors_map import places
from eslabon.discovery.models import Establishment, ImportRun
from eslabon.registry.choices import OrganizationStatus
from eslabon.registry.tests.factories import CapabilityFactory, OrganizationFactory, SiteFactory

pytestmark = pytest.mark.django_db

SALTILLO = {"state_code": "05", "municipality_code": "030", "municipality_name": "Saltillo"}
OPERATOR = Scope(user=None, everything=True)


def establishment(clee: str, scian: str, state: str, municipality: str, **extra: Any) -> None:
    run = ImportRun.objects.first() or ImportRun.objects.create(source="x.csv", edition="2025")
    Establishment.objects.create(
        clee=clee, name=f"TALLER {clee}", scian_code=scian, stratum=3, state_code=state,
        municipality_code=municipality, municipality_name="Somewhere", edition="2025",
        lat=25.0, lon=-100.0, first_seen_run=run, last_seen_run=run, changed_run=run, **extra,
    )  # fmt: skip


@pytest.fixture
def registry() -> dict[str, Any]:
    # Three suppliers in Apodaca (one with a second plant in Saltillo), one buyer in Saltillo,
    # one supplier awaiting approval (not counted).
    first = OrganizationFactory(size_stratum="small")
    second = OrganizationFactory(size_stratum="small")
    third = OrganizationFactory(size_stratum="medium")
    buyer = OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem")
    pending = OrganizationFactory(status=OrganizationStatus.PENDING)
    for org in (first, second, third, pending):
        SiteFactory(organization=org)
    SiteFactory(organization=first, name="Planta 2")  # same municipality: counts once
    SiteFactory(organization=third, name="Saltillo", **SALTILLO)
    SiteFactory(organization=buyer, name="Ensambladora", **SALTILLO)
    CapabilityFactory(site=first.sites.first())
    establishment("A", "332710", "19", "006")  # machining shop
    establishment("B", "332710", "05", "030")
    establishment("C", "331510", "05", "030")  # foundry
    establishment("D", "332710", "05", "030", vanished=True)
    establishment("E", "461110", "05", "030")  # a grocery: no rule
    return {"first": first, "second": second, "third": third, "buyer": buyer}


def _by(found: list[Any]) -> dict[tuple[str, str], Any]:
    return {(p.state_code, p.municipality_code): p for p in found}


def test_counts_by_municipality_and_state(registry: dict[str, Any]) -> None:
    found = _by(places(OPERATOR, Filters(), by_municipality=True))
    apodaca, saltillo = found[("19", "006")], found[("05", "030")]
    assert (apodaca.suppliers, apodaca.buyers, apodaca.candidates) == (3, 0, 1)
    assert (saltillo.suppliers, saltillo.buyers, saltillo.candidates) == (1, 1, 2)
    assert (apodaca.municipality, apodaca.lat) == ("Apodaca", 25.7817)  # the municipal seat
    states = _by(places(OPERATOR, Filters(), by_municipality=False))
    assert (states[("19", "")].state, states[("19", "")].suppliers) == ("Nuevo León", 3)
    assert (states[("05", "")].suppliers, states[("05", "")].candidates) == (1, 2)


def test_filters_narrow_companies_and_candidates(registry: dict[str, Any]) -> None:
    small = _by(places(OPERATOR, Filters(size="small"), by_municipality=True))
    assert small[("19", "006")].suppliers == 2 and small[("05", "030")].suppliers == 0
    machining = _by(places(OPERATOR, Filters(process="machining"), by_municipality=False))
    assert machining[("19", "")].suppliers == 1
    assert machining[("05", "")].candidates == 1  # the foundry does not machine
    only_coahuila = places(OPERATOR, Filters(state="05"), by_municipality=True)
    assert [p.state_code for p in only_coahuila] == ["05"]


def test_small_counts_of_other_companies_withheld(registry: dict[str, Any]) -> None:
    viewer = Scope(user=None, everything=False, own=frozenset({registry["third"].pk}))
    found = _by(places(viewer, Filters(), by_municipality=True))
    # Apodaca: three suppliers, two besides the viewer's: withheld.
    assert found[("19", "006")].suppliers is SUPPRESSED
    # Saltillo: the viewer's own plant only; the buyer is one other company: withheld.
    assert found[("05", "030")].suppliers == 1
    assert found[("05", "030")].buyers is SUPPRESSED
    assert found[("05", "030")].candidates == 2  # public DENUE counts stay
    stranger = Scope(user=None, everything=False)
    assert _by(places(stranger, Filters(), by_municipality=False))[("19", "")].suppliers == 3


def test_fixed_number_of_queries(
    registry: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for index in range(5):
        SiteFactory(organization=OrganizationFactory(), state_code=f"{index + 10:02d}")
        establishment(f"X{index}", "332710", f"{index + 20:02d}", "001")
    with django_assert_max_num_queries(3):
        places(OPERATOR, Filters(), by_municipality=True)


def test_state_grid_places_every_state_once_and_shades_by_count() -> None:
    from eslabon.analytics.charts import EMPTY_FILL, HIDDEN_FILL, RAMP
    from eslabon.analytics.state_grid import POSITIONS, state_grid
    from eslabon.data.geography import states

    assert set(POSITIONS) == set(states()) and len(set(POSITIONS.values())) == 32
    grid = state_grid("t", {"19": 4, "05": SUPPRESSED, "11": 1}, empty_label="0", hidden_label="—")
    fills = {tile.abbreviation: (tile.fill, tile.text) for tile in grid.tiles}
    assert fills["NL"] == (RAMP[-1], "4")
    assert fills["GTO"] == (RAMP[1], "1")  # 1 of at most 4 → the second class (1–1)
    assert fills["COAH"] == (HIDDEN_FILL, "—")
    assert fills["JAL"] == (EMPTY_FILL, "0")
    assert [text for _x, _fill, text in grid.legend][2:] == ["1", "2", "3", "4"]
