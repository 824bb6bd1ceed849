"""The demo goods: real content for the demo buyer, figures as designed, idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from eslabon.declarations.tests.factories import declaration
from eslabon.origin.demo import load_origin_demo
from eslabon.origin.models import Good, Scenario

pytestmark = pytest.mark.django_db


def test_demo_buyer_gets_goods_offers_and_scenarios(cast: Any) -> None:
    counts = load_origin_demo()
    # No supplier of the test cast casts iron or moulds plastics: one named local offer each.
    assert counts == {"goods": 4, "lines": 31, "offers": 6, "scenarios": 4}
    goods = {g.part_number: g for g in Good.objects.filter(organization=cast.buyer_org)}
    caliper = goods["BRK-CAL-2041"]
    # VNM 9.80 + 5.40 + 1.20 + 0.90 + 0.35 = 17.65 of NC 48.00: 63.23 % < 70 % (Table B).
    assert caliper.value_non_originating == Decimal("17.65")
    assert caliper.rvc_net_cost == Decimal("63.23") and caliper.qualifies is False
    assert goods["KNK-AL-77"].qualifies is True
    # The seat frame is self-produced: only its imported tubes count (UR s.7(5)(a)).
    assert goods["SEAT-FR-330"].value_non_originating == Decimal("50.20")  # S4 unknown: 3.10
    scenarios = Scenario.objects.filter(good=caliper)
    assert {s.name for s in scenarios} == {"Carcasa local", "Soporte local", "Ambas fundiciones"}
    assert all(s.qualifies_after for s in scenarios)


def test_loading_twice_changes_nothing(cast: Any) -> None:
    load_origin_demo()
    assert load_origin_demo() == {}
    assert Good.objects.count() == 4


def test_a_demo_declaration_makes_the_springs_originating(cast: Any) -> None:
    today = timezone.localdate()
    declaration(  # coil springs 7320.20 and wheel bolts 7318.15, addressed to the demo buyer
        cast.supplier_org, customer=cast.buyer_org,
        start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=300),
    )  # fmt: skip
    load_origin_demo()
    seat = Good.objects.get(part_number="SEAT-FR-330")
    assert seat.materials.get(code="S4").supplier == cast.supplier_org
    # The self-produced frame's imported tubes only, as before, and the springs no longer.
    assert seat.value_non_originating == Decimal("47.10")
