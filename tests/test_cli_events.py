"""`eslabon events schedule`: SCHEDULE.json out, errors on stderr with the JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eslabon.cli.main import main
from eslabon.domain.scheduling.checker import check
from eslabon.domain.scheduling.event import parse_event
from eslabon.domain.scheduling.tests.factories import event_doc
from eslabon.domain.scheduling.timetable import Assignment


def _write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_schedule_writes_a_checked_timetable_in_the_documented_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = event_doc(
        participants={p: {} for p in "ABCD"},
        meetings=[("A", "B", 2), ("A", "C", 1), ("C", "D", 1)],
    )
    event_file = _write(tmp_path / "event.json", doc)
    out = tmp_path / "schedule.json"
    code = main(["events", "schedule", str(event_file), "--time-limit", "5", "--out", str(out)])
    assert code == 0
    schedule = json.loads(out.read_text(encoding="utf-8"))
    assert set(schedule) >= {
        "status", "assignments", "unscheduled", "scheduled_weight", "bound", "idle_gaps"
    }  # fmt: skip
    assert schedule["status"] == "OPTIMAL"
    assert schedule["scheduled_weight"] == schedule["bound"] == 4
    report = check(parse_event(doc), [Assignment(**a) for a in schedule["assignments"]])
    assert report.valid and report.idle_gaps == schedule["idle_gaps"]
    assert "OPTIMAL" in capsys.readouterr().err


def test_schedule_prints_to_stdout_without_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_file = _write(tmp_path / "event.json", event_doc(meetings=[("A", "B", 1)]))
    assert main(["events", "schedule", str(event_file), "--time-limit", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["assignments"][0]["meeting"] == "m1"


def test_invalid_event_exits_2_naming_the_file_and_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_file = _write(tmp_path / "event.json", event_doc(meetings=[("A", "A", 1)]))
    assert main(["events", "schedule", str(event_file)]) == 2
    error = capsys.readouterr().err
    assert "event.json $.meetings[0].b" in error
    assert error.count("\n") == 1


def test_malformed_json_exits_2_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_file = tmp_path / "event.json"
    event_file.write_text('{"slots": [', encoding="utf-8")
    assert main(["events", "schedule", str(event_file)]) == 2
    assert "event.json:1:" in capsys.readouterr().err
