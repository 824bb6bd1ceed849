"""`eslabon match` end to end: JSON output, table, --top, errors and the registry path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eslabon.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "matching"
REQUIREMENT = str(EXAMPLES / "requirement.json")
SUPPLIERS = str(EXAMPLES / "suppliers.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["match", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output_lists_eligible_suppliers_first_with_components_and_gaps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, REQUIREMENT, "--suppliers", SUPPLIERS, "--json")
    assert code == 0
    results = json.loads(out)
    assert [r["supplier_id"] for r in results] == [
        "SUP-ALU-NORTE",
        "SUP-FUND-SALTILLO",
        "SUP-MAQ-QRO",
    ]
    assert [r["eligible"] for r in results] == [True, False, False]
    assert results[0]["gaps"] == []
    assert set(results[0]["components"]) >= {"process", "certification", "capacity", "text"}
    saltillo = {g["kind"]: g for g in results[1]["gaps"]}
    assert (
        saltillo["certification"]["detail"] == "IATF 16949 missing, in progress, expected 2027-03"
    )
    assert saltillo["capacity"]["shortfall"] == 40_000
    assert results[0]["score"] >= results[1]["score"] >= results[2]["score"]


def test_top_limits_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, REQUIREMENT, "--suppliers", SUPPLIERS, "--json", "--top", "1")
    assert code == 0
    assert len(json.loads(out)) == 1


def test_the_table_names_each_supplier_and_its_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, REQUIREMENT, "--suppliers", SUPPLIERS)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Requirement REQ-2027-014: 3 of 3 suppliers")
    assert "SUP-ALU-NORTE" in lines[3] and " yes " in lines[3]
    assert "451 km beyond the 300 km limit" in lines[5]


def test_programme_weights_from_a_file_change_the_scores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    weights = tmp_path / "weights.json"
    weights.write_text(
        json.dumps(
            {
                "process": 0,
                "material": 0,
                "certification": 0,
                "capacity": 0,
                "envelope": 0,
                "performance": 0,
                "text": 0,
                "distance": 1,
            }
        )
    )
    _, out, _ = run(
        capsys, REQUIREMENT, "--suppliers", SUPPLIERS, "--json", "--weights", str(weights)
    )
    first = json.loads(out)[0]
    assert first["score"] == pytest.approx(100 * first["components"]["distance"], abs=0.01)


def test_an_invalid_supplier_file_names_the_file_and_json_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "suppliers.json"
    bad.write_text(json.dumps([{"id": "X", "sites": [{"id": "A", "lat": 95, "lon": 0}]}]))
    code, out, err = run(capsys, REQUIREMENT, "--suppliers", str(bad))
    assert code == 2
    assert out == ""
    assert f"{bad} $[0].sites[0].lat" in err


def test_broken_json_names_the_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "requirement.json"
    bad.write_text('{"id": "R",\n "processes": [}')
    code, _, err = run(capsys, str(bad), "--suppliers", SUPPLIERS)
    assert code == 2
    assert f"{bad}:2:" in err


def test_sensitivity_lists_the_top_for_each_multiple_of_one_weight(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, REQUIREMENT, "--suppliers", SUPPLIERS, "--sensitivity", "distance", "--json"
    )
    assert code == 0
    steps = json.loads(out)
    assert [step["weight"] for step in steps] == [0, 5, 20, 40]
    assert all(step["top"][0] == "SUP-ALU-NORTE" for step in steps)
    code, out, _ = run(capsys, REQUIREMENT, "--suppliers", SUPPLIERS, "--sensitivity", "text")
    assert out.splitlines()[0] == "Weight of text: 5 now (the others unchanged)"
    assert "  0: top unchanged" in out.splitlines()
