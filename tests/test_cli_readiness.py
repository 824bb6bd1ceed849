"""`eslabon readiness ...` end to end: files in, one JSON document or a report out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eslabon.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
ANSWERS = EXAMPLES / "readiness-answers.json"
LATER = EXAMPLES / "readiness-answers-later.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _write(tmp_path: Path, document: Any) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_score_json_has_exactly_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "readiness", "score", str(ANSWERS), "--json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"overall", "grade", "groups", "knockouts", "gaps"}
    assert document["grade"] == "C"
    assert 0 < document["overall"] < 50
    assert "cqi-9" in document["groups"] and "cqi-27" not in document["groups"]
    gap = document["gaps"][0]
    assert set(gap) == {"question", "clause", "action", "effort_days", "cost_mxn"}
    assert gap["question"] == "ct-msa-1"  # the knock-out scored 0 comes first
    low, high = gap["cost_mxn"]
    assert 0 < low <= high
    assert {"question": "ct-msa-1", "clause": "IATF 16949 7.1.5.1.1", "score": 0, "cap": "C"} in (
        document["knockouts"]
    )


def test_score_against_a_previous_assessment_adds_the_comparison(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(
        capsys, "readiness", "score", str(LATER), "--previous", str(ANSWERS), "--json"
    )
    comparison = json.loads(out)["comparison"]
    assert code == 0
    assert comparison["overall_delta"] > 0
    assert comparison["groups"]["qms-9"]["delta"] > 0
    assert comparison["closed_gaps"]


def test_score_without_json_prints_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "readiness", "score", str(ANSWERS), "--language", "en")
    assert code == 0
    assert "grade C" in out
    assert "Measurement systems analysis" in out
    assert "ct-msa-1 (IATF 16949 7.1.5.1.1) scored 0: grade at most C" in out
    spanish = _run(capsys, "readiness", "score", str(ANSWERS))[1]
    assert "Análisis de sistemas de medición" in spanish


def test_an_unknown_question_fails_with_the_file_and_json_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(ANSWERS.read_text(encoding="utf-8"))
    document["answers"][5]["question"] = "qms-11.1"
    path = _write(tmp_path, document)
    code, out, err = _run(capsys, "readiness", "score", path, "--json")
    assert code == 2 and out == ""
    assert err.strip() == (
        f"eslabon readiness: {path} $.answers[5].question: "
        "unknown question 'qms-11.1' in automotive-readiness@1"
    )


def test_a_score_off_the_scale_fails_with_its_json_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(ANSWERS.read_text(encoding="utf-8"))
    document["answers"][7]["score"] = 7
    code, _, err = _run(capsys, "readiness", "score", _write(tmp_path, document))
    assert code == 2
    assert "$.answers[7].score: 7 is not on the scale 0/4/6/8/10" in err


def test_an_unshipped_questionnaire_version_names_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path, {"questionnaire": "automotive-readiness@7", "answers": []})
    code, _, err = _run(capsys, "readiness", "score", path)
    assert code == 2
    assert "$.questionnaire: 'automotive-readiness@7' is not a shipped questionnaire" in err


def test_roadmap_json_is_dated_from_the_start_and_ends_with_certification(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(
        capsys, "readiness", "roadmap", str(ANSWERS), "--target", "iatf-16949",
        "--start", "2027-01-04", "--json",
    )  # fmt: skip
    roadmap = json.loads(out)
    assert code == 0
    assert roadmap["steps"][0]["start"] == "2027-01-04"
    assert roadmap["milestones"][-1]["milestone"] == "certification-stage-2"
    assert roadmap["finish"] == roadmap["milestones"][-1]["date"]
    actions = [step["action"] for step in roadmap["steps"]]
    assert "sp-heat-treat" in actions and actions[-1] == "ct-ppap"


def test_an_unknown_target_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "readiness", "roadmap", str(ANSWERS), "--target", "vda-6-3")
    assert code == 2 and "unknown target 'vda-6-3'" in err


def test_decent_work_prints_every_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    figures = str(EXAMPLES / "decent-work-figures.json")
    code, out, _ = _run(capsys, "readiness", "decent-work", figures, "--json")
    document = json.loads(out)
    assert code == 0
    assert document["formal-employment-share"]["value"] == 100
    assert document["nom035-compliance"]["value"] == 62.5
    assert "Salario promedio por hora" in _run(capsys, "readiness", "decent-work", figures)[1]


def test_questions_lists_a_module_with_its_knockouts_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "readiness", "questions", "--module", "cqi-9", "--json")
    document = json.loads(out)
    assert code == 0
    assert [q["id"] for q in document["questions"]] == [f"cqi9-{n}" for n in range(1, 7)]
    assert [q["knockout"] for q in document["questions"]].count(True) == 1
    spanish = _run(capsys, "readiness", "questions", "--module", "cqi-9")[1]
    assert "La pirometría está controlada" in spanish


def test_explain_prints_the_trace_of_the_grade(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "readiness", "score", str(ANSWERS), "--explain")
    assert code == 0
    assert "How it was built:" in out
    assert "knock-out question scored 0 (ct-msa-1): at most C, no further effect" in out
