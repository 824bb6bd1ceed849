"""The fast import paths (ADR 0803): PostgreSQL parsing the file itself, the bulk merge that
rebuilds indexes, and the Python reader they fall back to. Every case runs on both databases;
on PostgreSQL the cases check that the COPY path, not the fallback, did the work, and that
both paths store the same rows. Every case runs twice: with one connection, and with the
file cut into parts loaded by parallel connections (ADR 0804; on PostgreSQL only)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from eslabon.discovery import copy_load, staging
from eslabon.discovery.models import Establishment, ImportRun
from eslabon.discovery.services import import_denue
from eslabon.discovery.tests.parts import force_parts
from eslabon.domain.discovery.denue import DENUE_COLUMNS
from eslabon.domain.discovery.encoding import CP1252, UTF8
from eslabon.domain.discovery.tests.denue_files import denue_file, denue_row
from eslabon.domain.errors import InputError

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "denue_sample.csv"
FIELDS = [f.name for f in Establishment._meta.fields if f.name not in ("id",)]


pytestmark = pytest.mark.usefixtures("copy_mode")


@pytest.fixture(params=["one connection", "parallel parts"])
def copy_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the case with one COPY connection, or with any file cut into three parts."""
    if request.param == "parallel parts":
        force_parts(monkeypatch, 3)
    return str(request.param)


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """On PostgreSQL, fail the test if the Python reader is used; returns the fallbacks'
    reasons seen (expected empty)."""
    reasons: list[str] = []
    original = staging.Staging.stage

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        if connection.vendor == "postgresql":
            reasons.append("python reader used")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(staging.Staging, "stage", spy)
    return reasons


@pytest.fixture
def bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every PostgreSQL merge the bulk one (indexes dropped and built again)."""
    monkeypatch.setattr(staging, "BULK_MIN_ROWS", 1)


def write(tmp_path: Path, name: str, rows: list[list[str]], encoding: str = CP1252) -> Path:
    path = tmp_path / name
    path.write_bytes(denue_file(rows, encoding))
    return path


def stored() -> dict[str, tuple[Any, ...]]:
    return {
        e["clee"]: tuple(e[name] for name in FIELDS if not name.endswith("run"))
        for e in Establishment.objects.values()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", [CP1252, UTF8])
def test_latin1_and_utf8_files_store_the_same_text(
    tmp_path: Path, encoding: str, no_fallback: list[str]
) -> None:
    damaged = "FUNDICIÓN PEÑA".encode().decode(CP1252)  # "FUNDICIÃ“N PEÃ‘A"
    rows = [
        denue_row(clee="A", nom_estab='TALLER "EL GÜERO", S.A.', raz_social="ÑANDÚ SA DE CV"),
        denue_row(clee="B", nom_estab=damaged, latitud="", longitud=""),
        denue_row(clee="C", nom_estab="\u00a0\tFORJAS  ", cve_ent="5", cod_postal="6459 ",
                  latitud="0", longitud="0", numero_ext="12", letra_ext="B"),
    ]  # fmt: skip
    run = import_denue(path=write(tmp_path, f"{encoding}.csv", rows, encoding))
    assert (run.encoding, run.added, run.repaired_lines) == (encoding, 3, 1)
    by_clee = {e.clee: e for e in Establishment.objects.all()}
    assert by_clee["A"].name == 'TALLER "EL GÜERO", S.A.'
    assert by_clee["A"].legal_name == "ÑANDÚ SA DE CV"
    assert by_clee["A"].state_name == "NUEVO LEÓN"
    assert by_clee["B"].name == "FUNDICIÓN PEÑA"
    assert (by_clee["B"].lat, by_clee["B"].lon) == (None, None)
    c = by_clee["C"]
    assert (c.name, c.state_code, c.postal_code, c.exterior_number) == (
        "FORJAS",
        "05",
        "06459",
        "12 B",
    )
    assert (c.lat, c.lon) == (None, None)
    assert no_fallback == []


@pytest.mark.django_db
def test_the_copy_path_stores_exactly_what_the_python_reader_stores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_denue(path=SAMPLE)
    fast = stored()
    Establishment.objects.all().delete()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise copy_load.CopyFallback("test: Python reader only")

    monkeypatch.setattr(staging, "stage_file", refuse)
    run = import_denue(path=SAMPLE)
    assert run.added == 400
    assert stored() == fast


@pytest.mark.django_db(transaction=True)
def test_a_bad_value_after_a_multiline_field_is_reported_at_its_physical_line(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    import_denue(path=write(tmp_path, "ok.csv", [denue_row(clee="KEEP")]))
    rows = [
        denue_row(clee="A", nom_vial="AV.\r\nCONSTITUCION\nSUR"),  # lines 2-4
        denue_row(clee="B"),  # line 5
        denue_row(clee="X", codigo_act="33271A"),  # line 6
    ]
    with pytest.raises(InputError) as caught:
        import_denue(path=write(tmp_path, "bad.csv", rows))
    assert caught.value.where == "bad.csv line 6"
    assert caught.value.message == "SCIAN code '33271A' is not six digits"
    assert list(Establishment.objects.values_list("clee", flat=True)) == ["KEEP"]
    assert ImportRun.objects.get(source__endswith="bad.csv").status == ImportRun.Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_skip_bad_rows_reports_each_bad_value_with_its_line(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    rows = [
        denue_row(clee="A"),
        denue_row(clee="", nom_estab="SIN CLAVE"),
        denue_row(clee="B", per_ocu="muchas personas"),
        denue_row(clee="C", latitud="95.1"),
        denue_row(clee="D", longitud="cien"),
        denue_row(clee="E", latitud="2_5.5"),  # Python's float reads it: accepted, as before
    ]
    run = import_denue(path=write(tmp_path, "bad.csv", rows), skip_bad_rows=True)
    assert run.bad_row_sample == [
        [3, "empty clee (the establishment key)"],
        [4, "unknown employment stratum 'muchas personas'"],
        [5, "95.1 is out of range"],
        [6, "'cien' is not a decimal number"],
    ]
    assert (run.rows_read, run.added, run.bad_rows) == (6, 2, 4)
    assert sorted(Establishment.objects.values_list("clee", flat=True)) == ["A", "E"]
    assert Establishment.objects.get(clee="E").lat == 25.5


@pytest.mark.django_db(transaction=True)
def test_a_short_row_falls_back_to_the_python_reader_which_names_its_line(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "short.csv", [denue_row(clee="A"), denue_row(clee="B")])
    data = path.read_bytes().split(b"\r\n")
    data[2] = data[2].rsplit(b",", 2)[0]  # row B loses two fields
    path.write_bytes(b"\r\n".join(data))
    with pytest.raises(InputError) as caught:
        import_denue(path=path)
    assert caught.value.where == "short.csv line 3"
    assert "40 fields where the header has 42" in caught.value.message
    assert not Establishment.objects.exists()
    messages: list[str] = []
    run = import_denue(path=path, skip_bad_rows=True, progress=messages.append)
    assert (run.added, run.bad_rows) == (1, 1)
    if connection.vendor == "postgresql":
        assert any("re-reading" in message for message in messages)


@pytest.mark.django_db
def test_the_state_filter_drops_other_states_before_checking_them(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    rows = [
        denue_row(clee="NL", cve_ent="19"),
        denue_row(clee="CO", cve_ent="5"),
        denue_row(clee="JA-BAD", cve_ent="14", codigo_act="X"),  # filtered, never judged
    ]
    run = import_denue(path=write(tmp_path, "mx.csv", rows), states=["05", "19"])
    assert (run.rows_read, run.rows_filtered_out, run.bad_rows, run.added) == (3, 1, 0, 2)
    assert sorted(Establishment.objects.values_list("state_code", flat=True)) == ["05", "19"]


@pytest.mark.django_db
def test_columns_in_another_order_with_extras_and_a_byte_order_mark(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    order = list(reversed(range(len(DENUE_COLUMNS))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*(DENUE_COLUMNS[i].upper() for i in order), "extra"])
    row = denue_row(clee="A", nom_estab="ÓPTICA")
    writer.writerow([*(row[i] for i in order), "x"])
    path = tmp_path / "reordered.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())
    run = import_denue(path=path)
    assert run.added == 1
    assert Establishment.objects.get().name == "ÓPTICA"


@pytest.mark.django_db
@pytest.mark.usefixtures("bulk")
def test_the_bulk_merge_updates_adds_and_marks_vanished_without_duplicates(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    first = [denue_row(clee=c, nom_estab=f"TALLER {c}") for c in ("A", "B", "C")]
    run1 = import_denue(path=write(tmp_path, "1.csv", first), edition="2025-11")
    newer = [
        denue_row(clee="A", nom_estab="TALLER A"),
        denue_row(clee="C", nom_estab="TALLER C RENOMBRADO"),
        denue_row(clee="D", nom_estab="TALLER D"),
    ]
    run2 = import_denue(path=write(tmp_path, "2.csv", newer), edition="2026-05")
    assert (run2.added, run2.changed, run2.unchanged, run2.vanished) == (1, 1, 1, 1)
    by_clee = {e.clee: e for e in Establishment.objects.all()}
    assert len(by_clee) == Establishment.objects.count() == 4
    assert by_clee["A"].changed_run_id == run1.pk  # unchanged: its change mark stays
    assert by_clee["A"].edition == "2026-05"
    assert by_clee["C"].changed_run_id == run2.pk and by_clee["C"].name == "TALLER C RENOMBRADO"
    assert by_clee["B"].vanished and not by_clee["D"].vanished
    assert _indexes() >= {("clee", True), ("scian_code,stratum", False)}  # built again


@pytest.mark.django_db
@pytest.mark.usefixtures("bulk")
def test_a_repeated_key_in_a_bulk_import_keeps_its_last_row(
    tmp_path: Path, no_fallback: list[str]
) -> None:
    rows = [denue_row(clee="A", nom_estab="PRIMERO"), denue_row(clee="A", nom_estab="ULTIMO")]
    run = import_denue(path=write(tmp_path, "dup.csv", rows))
    assert run.duplicates == 1
    assert list(Establishment.objects.values_list("name", flat=True)) == ["ULTIMO"]
    again = import_denue(
        path=write(tmp_path, "dup2.csv", [*rows, denue_row(clee="A", nom_estab="OTRO")])
    )
    assert (again.duplicates, again.changed) == (2, 1)
    assert list(Establishment.objects.values_list("name", flat=True)) == ["OTRO"]


@pytest.mark.django_db
def test_progress_counts_rows_on_every_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eslabon.discovery.services.PROGRESS_EVERY", 150)
    messages: list[str] = []
    import_denue(path=SAMPLE, progress=messages.append)
    assert messages[:2] == ["150 rows read", "300 rows read"]
    assert "400 rows staged; merging" in messages


def _indexes() -> set[tuple[str, bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "discovery_establishment")
    return {
        (",".join(c["columns"]), bool(c["unique"]))
        for c in found.values()
        if c["index"] or c["unique"]
    }


@pytest.mark.django_db
def test_a_byte_cp1252_leaves_undefined_goes_through_the_python_reader(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", [denue_row(clee="A", nom_estab="TALLER X")])
    path.write_bytes(path.read_bytes().replace(b"TALLER X", b"TALLER \x81"))
    messages: list[str] = []
    run = import_denue(path=path, progress=messages.append)
    assert run.added == 1
    assert Establishment.objects.get().name == "TALLER \x81"
    if connection.vendor == "postgresql":
        assert any("re-reading" in message for message in messages)
