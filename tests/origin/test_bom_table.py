"""Bills of materials from CSV or Excel rows: nesting by parent, errors by row and column."""

from __future__ import annotations

import pytest

from eslabon.domain.errors import InputError
from eslabon.domain.origin.bom_table import materials_from_rows

HEADER = ["id", "parent_id", "description", "originating", "value", "quantity"]


def test_rows_nest_under_their_parent_and_keep_exact_values():
    rows = [
        HEADER,
        ["A", "", "assembly", "yes", "100.10", "1"],
        ["A1", "A", "part", "no", "40.05", "2"],
        ["B", None, "bolt", "unknown", "0.35", "8"],
    ]
    materials = materials_from_rows(rows, "bom.csv")
    assert [m["id"] for m in materials] == ["A", "B"]
    assert materials[0]["materials"][0]["id"] == "A1"
    assert materials[0]["originating"] is True
    assert materials[0]["materials"][0]["value"] == "40.05"
    assert materials[1]["originating"] == "unknown"


def test_a_bad_value_names_its_row_and_column():
    rows = [HEADER, ["A", "", "x", "yes", "1", "1"], ["B", "", "y", "no", "ten", "1"]]
    with pytest.raises(InputError) as error:
        materials_from_rows(rows, "bom.csv")
    assert error.value.where == 'bom.csv row 3, column "value"'


def test_an_unknown_parent_names_its_row():
    rows = [HEADER, ["A", "Z", "x", "yes", "1", "1"]]
    with pytest.raises(InputError, match='row 2, column "parent_id"'):
        materials_from_rows(rows, "bom.csv")


def test_a_missing_required_column_is_named():
    with pytest.raises(InputError, match="missing column"):
        materials_from_rows([["id", "value"], ["A", "1"]], "bom.csv")


def test_parent_links_that_loop_are_refused():
    rows = [HEADER, ["A", "B", "x", "yes", "1", "1"], ["B", "A", "y", "no", "1", "1"]]
    with pytest.raises(InputError, match="cycle"):
        materials_from_rows(rows, "bom.csv")
