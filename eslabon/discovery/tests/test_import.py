"""Importing DENUE files: streaming into staging, merging editions, bad rows, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eslabon.cli.main import main
from eslabon.discovery.models import Establishment, ImportRun, ScianProcessRule
from eslabon.discovery.services import import_denue, load_shipped_scian_rules
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row
from eslabon.domain.errors import InputError

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "denue_sample.csv"


def write(tmp_path: Path, name: str, rows: list[list[str]], encoding: str = "cp1252") -> Path:
    path = tmp_path / name
    path.write_bytes(denue_file(rows, encoding))
    return path


def edition(*clees: str, state: str = "19", **changes: str) -> list[list[str]]:
    return [
        denue_row(clee=clee, cve_ent=state, nom_estab=f"TALLER {clee}", **changes) for clee in clees
    ]


@pytest.mark.django_db
def test_the_sample_file_is_imported_with_every_field_in_place() -> None:
    run = import_denue(path=SAMPLE)
    assert run.status == ImportRun.Status.COMPLETED
    assert (run.rows_read, run.added, run.encoding) == (400, 400, "cp1252")
    assert Establishment.objects.count() == 400
    first = Establishment.objects.get(clee="19019461110000000001000000U1")
    assert first.municipality_name == "San Pedro Garza García"
    assert (first.state_code, first.municipality_code, first.postal_code) == ("19", "019", "66219")
    assert first.lat == pytest.approx(25.7385105)
    assert Establishment.objects.filter(lat__isnull=True).exists()
    assert Establishment.objects.filter(name__contains='"EL GÜERO"').exists()
    assert Establishment.objects.filter(name__contains="PEÑA").exists()
    assert not Establishment.objects.filter(name__contains="Ã").exists()


@pytest.mark.django_db
def test_importing_the_same_file_twice_duplicates_nothing() -> None:
    import_denue(path=SAMPLE)
    again = import_denue(path=SAMPLE)
    assert (again.added, again.changed, again.unchanged, again.vanished) == (0, 0, 400, 0)
    assert Establishment.objects.count() == 400


@pytest.mark.django_db
def test_a_newer_edition_updates_changed_adds_new_and_marks_vanished(tmp_path: Path) -> None:
    import_denue(path=write(tmp_path, "2025.csv", edition("A", "B", "C")), edition="2025-11")
    newer = edition("A", "C", "D")
    newer[1][newer[1].index("TALLER C")] = "TALLER C RENOMBRADO"
    run = import_denue(path=write(tmp_path, "2026.csv", newer), edition="2026-05")
    assert (run.added, run.changed, run.unchanged, run.vanished) == (1, 1, 1, 1)
    by_clee = {e.clee: e for e in Establishment.objects.all()}
    assert by_clee["C"].name == "TALLER C RENOMBRADO"
    assert by_clee["B"].vanished and by_clee["B"].edition == "2025-11"
    assert not by_clee["A"].vanished and by_clee["A"].edition == "2026-05"
    assert by_clee["D"].first_seen_run_id == run.pk


@pytest.mark.django_db
def test_a_vanished_establishment_that_returns_is_no_longer_vanished(tmp_path: Path) -> None:
    import_denue(path=write(tmp_path, "1.csv", edition("A", "B")))
    import_denue(path=write(tmp_path, "2.csv", edition("A")))
    import_denue(path=write(tmp_path, "3.csv", edition("A", "B")))
    assert not Establishment.objects.get(clee="B").vanished


@pytest.mark.django_db
def test_a_state_file_does_not_make_other_states_vanish(tmp_path: Path) -> None:
    import_denue(path=write(tmp_path, "nl.csv", edition("NL1", "NL2", state="19")))
    run = import_denue(path=write(tmp_path, "coah.csv", edition("CO1", state="05")))
    assert run.vanished == 0
    assert Establishment.objects.filter(vanished=True).count() == 0


@pytest.mark.django_db
def test_a_key_repeated_in_the_file_keeps_its_last_row_once(tmp_path: Path) -> None:
    rows = [*edition("A"), denue_row(clee="A", nom_estab="ULTIMO")]
    run = import_denue(path=write(tmp_path, "dup.csv", rows))
    assert run.duplicates == 1
    assert list(Establishment.objects.values_list("name", flat=True)) == ["ULTIMO"]


@pytest.mark.django_db(transaction=True)
def test_a_malformed_row_stops_the_import_and_nothing_of_it_is_kept(tmp_path: Path) -> None:
    import_denue(path=write(tmp_path, "ok.csv", edition("A")))
    rows = [*edition("B", "C"), denue_row(clee="X", latitud="veinticinco"), *edition("D")]
    with pytest.raises(InputError) as caught:
        import_denue(path=write(tmp_path, "bad.csv", rows))
    assert caught.value.where == "bad.csv line 4"
    assert sorted(Establishment.objects.values_list("clee", flat=True)) == ["A"]
    failed = ImportRun.objects.get(source__endswith="bad.csv")
    assert failed.status == ImportRun.Status.FAILED
    assert "line 4" in failed.error


@pytest.mark.django_db(transaction=True)
def test_skip_bad_rows_imports_the_rest_and_reports_each_bad_row(tmp_path: Path) -> None:
    rows = [*edition("B"), denue_row(clee="X", codigo_act="3327"), *edition("D")]
    run = import_denue(path=write(tmp_path, "bad.csv", rows), skip_bad_rows=True)
    assert run.bad_rows == 1
    assert run.bad_row_sample == [[3, "SCIAN code '3327' is not six digits"]]
    assert sorted(Establishment.objects.values_list("clee", flat=True)) == ["B", "D"]


@pytest.mark.django_db
def test_the_state_filter_keeps_only_those_states(tmp_path: Path) -> None:
    rows = edition("NL", state="19") + edition("CO", state="05") + edition("JA", state="14")
    run = import_denue(path=write(tmp_path, "mx.csv", rows), states=["5", "14"])
    assert run.rows_filtered_out == 1
    assert sorted(Establishment.objects.values_list("clee", flat=True)) == ["CO", "JA"]


@pytest.mark.django_db
def test_an_unknown_state_code_is_refused() -> None:
    with pytest.raises(InputError, match="state code"):
        import_denue(path=SAMPLE, states=["NL"])


@pytest.mark.django_db
def test_the_scian_rules_are_seeded_and_reloading_keeps_operator_edits() -> None:
    shipped = ScianProcessRule.objects.count()
    assert shipped > 100
    rule = ScianProcessRule.objects.get(scian_prefix="332710", process="cnc-machining")
    rule.confidence = "0.50"
    rule.save(update_fields=["confidence"])
    assert load_shipped_scian_rules() == 0
    rule.refresh_from_db()
    assert str(rule.confidence) == "0.50"
    assert load_shipped_scian_rules(replace=True) == shipped


@pytest.mark.django_db(transaction=True)
def test_the_cli_imports_and_prints_a_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "import-denue", str(SAMPLE), "--state", "19", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["added"] == Establishment.objects.count() > 0
    assert summary["rows_of_other_states"] + summary["added"] == 400


@pytest.mark.django_db(transaction=True)
def test_the_cli_names_the_bad_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.csv", [denue_row(per_ocu="muchas personas")])
    assert main(["discover", "import-denue", str(path)]) == 2
    assert "bad.csv line 2: unknown employment stratum" in capsys.readouterr().err


@pytest.mark.django_db
def test_long_imports_report_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eslabon.discovery.services.PROGRESS_EVERY", 100)
    messages: list[str] = []
    import_denue(path=SAMPLE, progress=messages.append)
    assert messages[:4] == ["100 rows read", "200 rows read", "300 rows read", "400 rows read"]
    assert messages[-2:] == ["400 rows staged; merging", "updating table statistics"]
