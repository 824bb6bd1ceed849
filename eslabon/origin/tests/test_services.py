"""Services and selectors of the origin workspace against the engine's own figures."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good
from eslabon.origin import selectors, services
from eslabon.origin.models import Good, Material, Offer, Scenario
from eslabon.origin.tests.factories import bom_upload, example_good, good_data


@pytest.fixture(autouse=True)
def in_english() -> Any:
    """Messages are matched in English; the catalogue translates them for es-MX readers."""
    with translation.override("en"):
        yield


EXAMPLE = Path(__file__).resolve().parents[3] / "docs/examples/origin/good.json"


def _engine_example() -> Any:
    from eslabon.cli.files import read_json

    return check_good(parse_good(read_json(EXAMPLE, decimals=True)), rulebook())


@pytest.mark.django_db
def test_uploaded_bom_gives_the_engines_figures_for_the_example(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    expected = _engine_example()
    assert good.value_non_originating == expected.value_non_originating == Decimal("335.75")
    assert good.qualifies is expected.qualifies
    assert good.rvc_net_cost == Decimal("66.43")  # 66.425 half up, as docs/origin.md shows
    assert good.check_error == ""
    result = selectors.check(good)
    assert result.materials_unknown == ("M4",)
    assert Material.objects.get(good=good, code="M3.1").parent.code == "M3"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id,originating,value\nA,no,10\nB,maybe,5\n", 'bom.csv row 3, column "originating"'),
        ("id,originating,value\nA,no,-1\n", 'bom.csv row 2, column "value"'),
        ("id,originating\nA,no\n", "bom.csv row 1: missing column(s): value"),
        ("id,parent_id,originating,value\nA,Z,no,1\n", 'bom.csv row 2, column "parent_id"'),
    ],
)
def test_a_bad_row_names_row_and_column_and_saves_nothing(cast: Any, text: str, where: str) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    before = list(Material.objects.filter(good=good).values_list("code", "value"))
    with pytest.raises(services.OriginError, match=where.replace("(", r"\(").replace(")", r"\)")):
        services.import_bom(good=good, upload=bom_upload(text), max_bytes=10_000_000)
    assert list(Material.objects.filter(good=good).values_list("code", "value")) == before


@pytest.mark.django_db
def test_upload_that_is_not_a_table_is_refused(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    with pytest.raises(services.OriginError, match="CSV or Excel"):
        services.import_bom(
            good=good, upload=bom_upload("%PDF\x00\x01", "bom.pdf"), max_bytes=10_000_000
        )
    with pytest.raises(services.OriginError, match="MB"):
        services.import_bom(good=good, upload=bom_upload(), max_bytes=10)
    assert good.materials.count() == 6


@pytest.mark.django_db
def test_editing_a_line_recomputes_and_a_line_cannot_nest_under_itself(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m4 = Material.objects.get(good=good, code="M4")
    services.save_material(good=good, material=m4, data={"originating": "yes"})
    good.refresh_from_db()
    assert good.value_non_originating == Decimal("300.50")
    m3 = Material.objects.get(good=good, code="M3")
    child = Material.objects.get(good=good, code="M3.1")
    with pytest.raises(services.OriginError):
        services.save_material(good=good, material=m3, data={"parent": child})
    services.delete_material(material=m4)
    good.refresh_from_db()
    assert good.materials.count() == 5


@pytest.mark.django_db
def test_scenario_matches_the_engines_localize(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m1 = Material.objects.get(good=good, code="M1")
    offer = services.add_offer(
        material=m1, supplier=cast.supplier_org, supplier_name="", unit_price=Decimal("47.50")
    )
    scenario = services.save_scenario(good=good, name="Muelles locales", offers=[offer], user=None)
    # Localising M1 at 47.50 × 4 = 190.00 removes 180.00 of VNM and adds 10.00 to net cost.
    assert scenario.import_substitution_value == Decimal("180.00")
    assert scenario.added_cost == Decimal("10.00")
    after_nc = (Decimal(1010) - Decimal("155.75")) / Decimal(1010) * 100
    assert scenario.rvc_net_cost_after == after_nc.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert scenario.substitutions.get().supplier_name == offer.supplier_name
    with pytest.raises(services.OriginError, match="already exists"):
        services.save_scenario(good=good, name="Muelles locales", offers=[offer], user=None)
    m5 = Material.objects.get(good=good, code="M5")
    originating = Offer.objects.create(material=m5, supplier_name="X", unit_price=Decimal(1))
    with pytest.raises(services.OriginError, match="not counted"):
        services.save_scenario(good=good, name="Otro", offers=[originating], user=None)


@pytest.mark.django_db
def test_saved_scenarios_follow_later_edits_of_the_bill_of_materials(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    m1 = Material.objects.get(good=good, code="M1")
    offer = services.add_offer(
        material=m1, supplier=cast.supplier_org, supplier_name="", unit_price=Decimal("47.50")
    )
    kept = services.save_scenario(good=good, name="antes", offers=[offer], user=None)
    # M1 now costs 200.00 for 5 pieces: the scenario must read as if saved after the edit.
    services.save_material(
        good=good, material=m1, data={"value": Decimal("200.00"), "quantity": Decimal(5)}
    )
    kept.refresh_from_db()
    fresh = services.save_scenario(good=good, name="después", offers=[offer], user=None)
    for field in (
        "rvc_transaction_value_before", "rvc_net_cost_before", "rvc_transaction_value_after",
        "rvc_net_cost_after", "added_cost", "import_substitution_value",
    ):  # fmt: skip
        assert getattr(kept, field) == getattr(fresh, field), field
    # The snapshot's money is written at the precision the prices were read with: compare values.
    for key, value in fresh.snapshot.items():
        if key.startswith(("value_", "net_cost")):
            assert Decimal(kept.snapshot[key]) == Decimal(value), key
        else:
            assert kept.snapshot[key] == value, key
    assert kept.added_cost == Decimal("37.50")  # 47.50 × 5 − 200.00
    assert kept.substitutions.get().new_value == Decimal("237.50")
    # Deleting the only localised line leaves the scenario nothing to localise: it goes.
    services.delete_material(material=m1)
    assert not good.scenarios.exists()


@pytest.mark.django_db
def test_import_substitution_summary_aggregates_per_currency(cast: Any) -> None:
    good = example_good(cast.buyer_org, cast.buyer)
    example_good(cast.buyer_org, cast.buyer, name="Other", currency="MXN")
    old = example_good(cast.buyer_org, cast.buyer, name="Old", date=dt.date(2021, 1, 1))
    m1 = Material.objects.get(good=good, code="M1")
    m2 = Material.objects.get(good=good, code="M2")
    first = services.add_offer(
        material=m1, supplier=None, supplier_name="A", unit_price=Decimal("47.50")
    )
    second = services.add_offer(
        material=m2, supplier=None, supplier_name="B", unit_price=Decimal("61")
    )
    services.save_scenario(good=good, name="uno", offers=[first], user=None)
    latest = services.save_scenario(good=good, name="dos", offers=[first, second], user=None)
    summary = selectors.import_substitution_summary(
        organisations=[cast.buyer_org.pk], since=dt.date(2023, 1, 1)
    )
    assert summary["goods"] == 2
    assert summary["goods_with_scenario"] == 1
    usd = next(row for row in summary["by_currency"] if row["currency"] == "USD")
    assert usd["value_non_originating"] == Decimal("335.75")
    assert usd["value_localised_in_scenarios"] == Decimal("300.50")
    (row,) = summary["goods_rvc"]
    assert row["scenario_id"] == latest.pk and row["good_id"] == good.pk
    assert row["rvc_net_cost_after"] > row["rvc_net_cost_before"]
    everything = selectors.import_substitution_summary()
    assert everything["goods"] == 3 and old.pk not in [r["good_id"] for r in summary["goods_rvc"]]
    assert selectors.import_substitution_summary(organisations=[cast.supplier_org.pk])["goods"] == 0
    json.dumps(summary, default=str)


@pytest.mark.django_db
def test_only_a_buyer_owns_goods(cast: Any) -> None:
    with pytest.raises(services.OriginError):
        services.create_good(organization=cast.supplier_org, user=None, data=good_data())
    assert not Good.objects.exists() and not Scenario.objects.exists()
