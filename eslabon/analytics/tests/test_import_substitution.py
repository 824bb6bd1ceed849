"""Dashboard 4: import substitution figures against the origin example good, by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from eslabon.analytics.selectors_import_substitution import by_currency, goods, rvc_changes, target
from eslabon.hub.models import Award, Quote, QuoteLine
from eslabon.hub.tests.factories import RequirementLineFactory
from eslabon.origin import services
from eslabon.origin.models import Material
from eslabon.origin.tests.factories import example_good
from eslabon.programmes.models import Goal, Programme
from eslabon.registry.tests.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


def award(material: Material, supplier: Any, site: Any) -> None:
    line = RequirementLineFactory(requirement__buyer=material.good.organization)
    material.requirement_line = line
    material.save(update_fields=["requirement_line"])
    quote = Quote.objects.create(
        requirement=line.requirement, supplier=supplier, site=site,
        valid_until=timezone.localdate() + dt.timedelta(days=30),
    )  # fmt: skip
    quoted = QuoteLine.objects.create(
        quote=quote, line=line, lead_time_ppap_weeks=8, lead_time_sop_weeks=12,
        capacity_committed=20_000,
    )  # fmt: skip
    Award.objects.create(line=line, quote_line=quoted)


@pytest.fixture
def bills(cast: Any) -> dict[str, Any]:
    """The example good (USD): M1 coil spring from China 180.00 and M2 damper tube from Korea
    120.50 are non-originating; M1 is localised in the latest scenario, M2 awarded in the
    Supply Hub. A second good in MXN with no scenario, and another buyer's good."""
    good = example_good(cast.buyer_org, cast.buyer)
    m1 = Material.objects.get(good=good, code="M1")
    m2 = Material.objects.get(good=good, code="M2")
    offer = services.add_offer(
        material=m1, supplier=cast.supplier_org, supplier_name="", unit_price=Decimal("47.50")
    )
    services.save_scenario(good=good, name="Muelles locales", offers=[offer], user=None)
    award(m2, cast.supplier_org, cast.site)
    example_good(cast.buyer_org, cast.buyer, name="Otro", currency="MXN")
    other_buyer = OrganizationFactory(is_supplier=False, is_buyer=True, tier="oem")
    example_good(other_buyer, member_of(other_buyer), name="Ajeno")
    return {"good": good}


def test_values_and_progress_per_currency(cast: Any, bills: dict[str, Any]) -> None:
    selected = goods(cast.operator, True, None, None)
    mxn, usd = by_currency(selected)  # currencies in code order
    assert (usd.currency, usd.goods) == ("USD", 2)  # the example good and the other buyer's
    assert usd.value_non_originating == Decimal("671.50")  # 2 × 335.75 (origin check)
    assert usd.asia_baseline == Decimal("601.00")  # 2 × (180.00 + 120.50)
    assert usd.localised_in_scenarios == usd.asia_localised_in_scenarios == Decimal("180.00")
    assert usd.localised_via_awards == usd.asia_localised_via_awards == Decimal("120.50")
    assert usd.added_cost_in_scenarios == Decimal("10.00")  # 47.50 × 4 − 180.00
    goal = target()
    assert (goal.percent, goal.source) == (Decimal(30), "setting")
    assert usd.goal(goal) == Decimal("180.30")  # 30% of 601.00
    assert usd.progress(usd.asia_localised_via_awards, goal) == Decimal("66.83")  # 120.50/180.30
    assert usd.progress(usd.asia_localised_in_scenarios, goal) == Decimal("99.83")
    assert (mxn.currency, mxn.goods, mxn.asia_baseline) == ("MXN", 1, Decimal("300.50"))
    assert mxn.localised_via_awards == Decimal(0)


def test_a_buyer_sees_its_own_goods(cast: Any, bills: dict[str, Any]) -> None:
    _mxn, usd = by_currency(goods(cast.buyer, False, None, None))
    assert (usd.goods, usd.asia_baseline) == (1, Decimal("300.50"))
    assert by_currency(goods(cast.supplier, False, None, None)) == []
    later = goods(cast.operator, True, dt.date(2024, 1, 1), None)
    assert by_currency(later) == []  # the example goods are dated 2023-07-01


def test_target_from_a_programme_goal(cast: Any, bills: dict[str, Any], settings: Any) -> None:
    settings.ESLABON_ANALYTICS_IMPORT_CUT_PERCENT = 25
    assert target().percent == Decimal(25)
    programme = Programme.objects.create(
        operator=cast.operator_org, name="Proveeduría", starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2028, 12, 31),
    )  # fmt: skip
    Goal.objects.create(
        programme=programme, description="Recortar importaciones de Asia", metric="reported",
        parameter="asia-import-cut", target_value=Decimal(50), due_on=dt.date(2028, 12, 31),
    )  # fmt: skip
    goal = target()
    assert (goal.percent, goal.source) == (Decimal(50), "goal")
    (_mxn, usd) = by_currency(goods(cast.buyer, False, None, None))
    assert usd.progress(usd.asia_localised_via_awards, goal) == Decimal("80.20")  # 120.50/150.25


def test_rvc_before_and_after(cast: Any, bills: dict[str, Any]) -> None:
    (row,) = rvc_changes(goods(cast.operator, True, None, None))
    scenario = bills["good"].scenarios.get()
    assert row.goods == 1
    assert row.rvc_net_cost_before == scenario.rvc_net_cost_before
    assert row.rvc_net_cost_after == scenario.rvc_net_cost_after > row.rvc_net_cost_before


def test_fixed_number_of_queries(
    cast: Any, bills: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for index in range(3):
        example_good(cast.buyer_org, cast.buyer, name=f"Más {index}")
    selected = goods(cast.operator, True, None, None)
    with django_assert_max_num_queries(6):
        by_currency(selected)
        rvc_changes(selected)
        target()
