"""Properties of the RVC arithmetic (UR s.7(2)-(3)) over random bills of materials."""

from __future__ import annotations

import copy
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from eslabon.data.origin import rulebook
from eslabon.domain.origin.check import check_good
from eslabon.domain.origin.model import parse_good
from tests.origin.strategies import documents, materials, money


def _check(document):
    return check_good(parse_good(document), rulebook())


@given(documents())
def test_tv_and_nc_rvc_match_a_direct_calculation(document):
    result = _check(document)
    vnm = sum(Fraction(m["value"]) for m in document["materials"] if m["originating"] is not True)
    for key, figure in (
        ("net_cost", result.rvc_net_cost),
        ("transaction_value", result.rvc_transaction_value),
    ):
        base = Fraction(document["good"][key])
        direct = (base - vnm) / base * 100
        assert figure is not None
        assert abs(Fraction(figure) - direct) < Fraction(1, 10**20)
    assert (
        result.value_non_originating == Decimal(str(float(vnm)))
        or Fraction(result.value_non_originating) == vnm
    )


@given(documents(), st.data())
def test_rvc_never_rises_when_non_originating_value_rises(document, data):
    before = _check(document)
    raised = copy.deepcopy(document)
    line = data.draw(st.sampled_from(raised["materials"]))
    line["originating"] = data.draw(st.sampled_from([False, "unknown"]))
    line["value"] = str(Decimal(line["value"]) + data.draw(money))
    after = _check(raised)
    assert after.rvc_net_cost <= before.rvc_net_cost
    assert after.rvc_transaction_value <= before.rvc_transaction_value


@given(documents(), materials(max_size=4))
def test_rolling_up_an_originating_intermediate_never_lowers_rvc(document, inner):
    """UR s.7(4)(a), s.14(1): compare with counting the VNM inside it (s.7(5)(a))."""
    value = str(sum(Decimal(m["value"]) for m in inner))
    inner = [{**m, "id": f"inner-{m['id']}"} for m in inner]
    intermediate = {"id": "intermediate", "value": value, "materials": inner}
    rolled, traced = copy.deepcopy(document), copy.deepcopy(document)
    rolled["materials"].append({**intermediate, "originating": True})
    traced["materials"].append({**intermediate, "originating": False, "self_produced": True})
    for doc in (rolled, traced):
        doc["good"]["net_cost"] = str(Decimal(doc["good"]["net_cost"]) + Decimal(value))
        doc["good"]["transaction_value"] = str(
            Decimal(doc["good"]["transaction_value"]) + Decimal(value)
        )
    assert _check(rolled).rvc_net_cost >= _check(traced).rvc_net_cost


@given(documents())
def test_every_unknown_line_is_reported_and_counted(document):
    result = _check(document)
    unknown = [m["id"] for m in document["materials"] if m["originating"] == "unknown"]
    assert list(result.materials_unknown) == unknown
    counted = {c.material_id for c in result.materials if c.non_originating_value > 0}
    assert set(unknown) <= counted
