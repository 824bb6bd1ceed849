"""`eslabon origin check|localize` end to end through main(): output format and bad input."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from eslabon.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "origin"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_prints_the_documented_fields_with_two_decimal_percentages(capsys):
    code, out, _ = _run(capsys, "origin", "check", str(EXAMPLES / "good.json"), "--json")
    assert code == 0
    document = json.loads(out, parse_float=Decimal)
    assert document["rvc_net_cost"] == Decimal("66.43")
    assert '"rvc_net_cost": 66.43' in out
    assert '"threshold_net_cost": 75.00' in out
    assert document["threshold_transaction_value"] is None  # HS 87: the rule is NC only
    assert document["methods_allowed"] == ["net_cost"]
    assert document["qualifies"] is False
    assert document["value_non_originating"] == Decimal("335.75")
    assert document["materials_unknown"] == ["M4"]


def test_date_option_overrides_the_goods_date(capsys):
    _, out, _ = _run(
        capsys, "origin", "check", str(EXAMPLES / "good.json"), "--json", "--date", "2021-06-30"
    )
    assert json.loads(out)["threshold_net_cost"] == 66


def test_check_prints_readable_text_without_json(capsys):
    code, out, _ = _run(capsys, "origin", "check", str(EXAMPLES / "good.json"))
    assert code == 0
    assert "RVC net cost:          66.43%" in out
    assert "DOES NOT QUALIFY" in out


def test_localize_json_lists_steps_with_rvc_and_import_substitution(capsys):
    code, out, _ = _run(
        capsys,
        "origin",
        "localize",
        str(EXAMPLES / "good.json"),
        "--candidates",
        str(EXAMPLES / "candidates.json"),
        "--json",
    )
    assert code == 0
    document = json.loads(out, parse_float=Decimal)
    exact = document["exact"]
    assert exact["reachable"] is True
    assert exact["steps"][-1]["qualifies"] is True
    assert exact["import_substitution_value"] == sum(
        s["value_non_originating_removed"] for s in exact["steps"]
    )
    assert document["greedy"]["added_cost"] >= exact["added_cost"]


def test_a_bad_value_names_the_file_and_json_path_and_exits_2(capsys, tmp_path):
    good = json.loads((EXAMPLES / "good.json").read_text(encoding="utf-8"))
    good["materials"][3]["value"] = "abc"
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    code, _, err = _run(capsys, "origin", "check", str(path))
    assert code == 2
    assert f"{path} $.materials[3].value" in err


def test_a_nested_bad_field_names_its_full_path(capsys, tmp_path):
    good = json.loads((EXAMPLES / "good.json").read_text(encoding="utf-8"))
    good["materials"][2]["materials"][0]["originating"] = "maybe"
    path = tmp_path / "good.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    code, _, err = _run(capsys, "origin", "check", str(path))
    assert code == 2
    assert "$.materials[2].materials[0].originating" in err


def test_invalid_json_names_line_and_column(capsys, tmp_path):
    path = tmp_path / "good.json"
    path.write_text('{"good": ', encoding="utf-8")
    code, _, err = _run(capsys, "origin", "check", str(path))
    assert code == 2
    assert f"{path}:1:" in err


def test_a_bad_candidate_names_the_candidates_file(capsys, tmp_path):
    path = tmp_path / "candidates.json"
    path.write_text('[{"material_id": "M1", "supplier": "S", "unit_price": -1}]', encoding="utf-8")
    code, _, err = _run(
        capsys, "origin", "localize", str(EXAMPLES / "good.json"), "--candidates", str(path)
    )
    assert code == 2
    assert f"{path} $[0].unit_price" in err


def test_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = _run(capsys, "origin", "check", str(tmp_path / "nope.json"))
    assert code == 2
    assert "nope.json" in err


def test_bom_from_excel_replaces_the_materials(capsys, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "parent_id", "originating", "value", "quantity"])
    sheet.append(["X", None, "no", 100, 1])
    sheet.append(["Y", None, "yes", 200.5, 2])
    xlsx = tmp_path / "bom.xlsx"
    workbook.save(xlsx)
    shutil.copy(EXAMPLES / "good.json", tmp_path / "good.json")
    code, out, _ = _run(
        capsys, "origin", "check", str(tmp_path / "good.json"), "--bom", str(xlsx), "--json"
    )
    assert code == 0
    assert json.loads(out, parse_float=Decimal)["value_non_originating"] == 100


def test_a_bad_csv_row_names_row_and_column_and_exits_2(capsys, tmp_path):
    csv_path = tmp_path / "bom.csv"
    csv_path.write_text("id,originating,value\nX,no,100\nY,perhaps,2\n", encoding="utf-8")
    code, _, err = _run(
        capsys, "origin", "check", str(EXAMPLES / "good.json"), "--bom", str(csv_path)
    )
    assert code == 2
    assert 'bom.csv row 3, column "originating"' in err


def test_localize_prints_both_plans_as_text(capsys):
    code, out, _ = _run(
        capsys,
        "origin",
        "localize",
        str(EXAMPLES / "good.json"),
        "--candidates",
        str(EXAMPLES / "candidates.json"),
    )
    assert code == 0
    assert "Least added cost (exact): added cost 1.50" in out
    assert "Greedy order:" in out
    assert "M2 from Tubos de Monterrey" in out
